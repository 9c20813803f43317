import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession, REPOSITORY_ROOT } from '../support/lspClient';
import { configText } from '../support/onnx/config';
import { buildFixtures, FIXTURE_FEATURES } from '../support/onnx/fixtures';

const folder = resolve(REPOSITORY_ROOT, 'test-output', 'lsp-models');

/** Writes a config next to two models: a valid one and one with one input too many. */
function writeWorkspace(): string {
  mkdirSync(folder, { recursive: true });
  const fixtures = buildFixtures(FIXTURE_FEATURES);
  writeFileSync(resolve(folder, 'good.onnx'), fixtures.binary.bytes);
  writeFileSync(resolve(folder, 'wide.onnx'), fixtures['wrong-width'].bytes);
  const path = resolve(folder, 'bdtCut.json');
  writeFileSync(
    path,
    configText({
      type: 'Binary',
      features: FIXTURE_FEATURES,
      modelFiles: ['good.onnx', 'wide.onnx'],
    }),
  );
  return path;
}

describe('language server model checks', function () {
  let configPath: string;

  before(() => {
    configPath = writeWorkspace();
  });

  it('adds model findings after the config findings', async () => {
    const session = await LspSession.start();
    try {
      const uri = pathToFileURL(configPath).href;
      await session.open(uri, readFileSync(configPath, 'utf8'));
      const diagnostics = await session.waitFor(() => {
        const published = session.diagnostics.get(uri)?.diagnostics ?? [];
        return published.some((diagnostic) => diagnostic.code === 'onnx-feature-count-mismatch')
          ? published
          : undefined;
      }, 'the ONNX finding on wide.onnx');
      const finding = diagnostics.find(
        (diagnostic) => diagnostic.code === 'onnx-feature-count-mismatch',
      )!;
      const line = readFileSync(configPath, 'utf8').split('\n')[finding.range.start.line];
      assert.ok(line.includes('"wide.onnx"'), `finding on line: ${line}`);
    } finally {
      await session.stop();
    }
  });

  it('returns the model table', async () => {
    const session = await LspSession.start();
    try {
      const uri = pathToFileURL(configPath).href;
      await session.open(uri, readFileSync(configPath, 'utf8'));
      await session.waitForDiagnostics(uri, 1);
      const table = (await session.connection.sendRequest('dqml/checkModels', { uri })) as {
        rows: Array<{ name: string; found: boolean; width: number; verdict: string }>;
        runtimeLoaded: boolean;
      };
      assert.equal(table.runtimeLoaded, true);
      assert.deepEqual(
        table.rows.map((row) => [row.name, row.found, row.width, row.verdict]),
        [
          ['good.onnx', true, FIXTURE_FEATURES.length, 'ok'],
          ['wide.onnx', true, FIXTURE_FEATURES.length + 1, 'error'],
        ],
      );
    } finally {
      await session.stop();
    }
  });

  it('loads no model when untrusted', async () => {
    const session = await LspSession.start(undefined, { workspaceTrusted: false });
    try {
      const uri = pathToFileURL(configPath).href;
      await session.open(uri, readFileSync(configPath, 'utf8'));
      const diagnostics = await session.waitFor(() => {
        const published = session.diagnostics.get(uri)?.diagnostics ?? [];
        return published.some((diagnostic) => diagnostic.code === 'onnx-runtime-skipped')
          ? published
          : undefined;
      }, 'the runtime-skipped note');
      const skipped = diagnostics.find((diagnostic) => diagnostic.code === 'onnx-runtime-skipped')!;
      assert.match(String(skipped.message), /not trusted/);
      assert.ok(
        diagnostics.some((diagnostic) => diagnostic.code === 'onnx-feature-count-mismatch'),
      );
    } finally {
      await session.stop();
    }
  });

  it('re-checks when a model changes', async () => {
    const session = await LspSession.start();
    try {
      const fixtures = buildFixtures(FIXTURE_FEATURES);
      const modelPath = resolve(folder, 'retrained.onnx');
      writeFileSync(modelPath, fixtures.binary.bytes);
      const path = resolve(folder, 'bdtCut-retrained.json');
      const text = configText({
        type: 'Binary',
        features: FIXTURE_FEATURES,
        modelFiles: ['good.onnx', 'retrained.onnx'],
      });
      writeFileSync(path, text);
      const uri = pathToFileURL(path).href;
      await session.open(uri, text);
      await session.connection.sendRequest('dqml/checkModels', { uri });
      const before = await session.waitForDiagnostics(uri, 1);
      assert.equal(
        before.filter((diagnostic) => String(diagnostic.code).startsWith('onnx-')).length,
        0,
      );

      writeFileSync(modelPath, fixtures['wrong-width'].bytes);
      await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(modelPath).href, type: 2 }],
      });
      await session.waitFor(() => {
        const published = session.diagnostics.get(uri)?.diagnostics ?? [];
        return published.some((diagnostic) => diagnostic.code === 'onnx-feature-count-mismatch')
          ? true
          : undefined;
      }, 'the finding on the retrained model');
    } finally {
      await session.stop();
    }
  });

  it('finds nothing in the bundled example', async () => {
    const session = await LspSession.start();
    try {
      const path = resolve(REPOSITORY_ROOT, 'examples/binary/bdtCut.json');
      const uri = pathToFileURL(path).href;
      await session.open(uri, readFileSync(path, 'utf8'));
      const table = (await session.connection.sendRequest('dqml/checkModels', { uri })) as {
        rows: Array<{ verdict: string }>;
      };
      assert.deepEqual(
        table.rows.map((row) => row.verdict),
        ['ok', 'ok', 'ok', 'ok'],
      );
      const diagnostics = await session.waitForDiagnostics(uri, 1);
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.code),
        [],
      );
    } finally {
      await session.stop();
    }
  });
});
