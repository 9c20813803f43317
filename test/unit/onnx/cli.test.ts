import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import type { ModelInspection } from '../../../server/src/core/onnx';
import { buildFixtures, configText, FIXTURE_FEATURES } from '../../support/onnx';

const fixtures = buildFixtures();

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(args, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    packageRoot: resolve(__dirname, '../../..'),
    version: 'test',
  });
  return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('dqml inspect and check with models', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'dqml-cli-onnx-'));
    for (const name of ['binary', 'zipmap', 'truncated'] as const) {
      writeFileSync(join(folder, `${name}.onnx`), fixtures[name].bytes);
    }
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints a model as text', async () => {
    const { status, stdout } = await run(['inspect', join(folder, 'binary.onnx')]);
    assert.equal(status, 0);
    assert.match(stdout, /IR version 7; opsets ai\.onnx\.ml 1; producer dqml-onnx-builder 1/);
    assert.match(stdout, /ONNX Runtime: loaded \(onnxruntime-node [\d.]+\)/);
    assert.match(stdout, /input {2}float32\[1, 4\]/);
    assert.match(stdout, /probabilities {2}float32\[1, 2\]/);
    assert.match(stdout, /feature_2 = kTPCNSigmaEl1/);
    assert.match(
      stdout,
      /TreeEnsembleClassifier, 3 trees, 11 nodes \(7 leaves\), post_transform LOGISTIC/,
    );
    assert.match(stdout, /the largest index 3/);
  });

  it('prints a model as JSON', async () => {
    const { status, stdout } = await run(['inspect', join(folder, 'zipmap.onnx'), '--json']);
    assert.equal(status, 0);
    const inspection = JSON.parse(stdout) as ModelInspection;
    assert.equal(inspection.status, 'ok');
    assert.equal(inspection.model?.outputs[1].type, 'sequence<map<int64, float32>>');
    assert.equal(inspection.model?.scores.readable, false);
  });

  it('prints an array for several models', async () => {
    const { stdout } = await run([
      'inspect',
      join(folder, 'binary.onnx'),
      join(folder, 'zipmap.onnx'),
      '--json',
      '--no-runtime',
    ]);
    const inspections = JSON.parse(stdout) as ModelInspection[];
    assert.equal(inspections.length, 2);
    assert.equal(inspections[0].runtime.status, 'skipped');
    assert.equal(inspections[0].runtime.message, '--no-runtime was given');
  });

  it('exits 1 on an unreadable model', async () => {
    const { status, stdout } = await run(['inspect', join(folder, 'truncated.onnx')]);
    assert.equal(status, 1);
    assert.match(stdout, /not a readable ONNX model: the file ends inside a protobuf field/);
  });

  it('exits 2 on a missing model', async () => {
    const { status, stderr } = await run(['inspect', join(folder, 'none.onnx')]);
    assert.equal(status, 2);
    assert.match(stderr, /none\.onnx: file not found/);
  });

  it('rejects an invalid size limit', async () => {
    const { status, stderr } = await run([
      'inspect',
      join(folder, 'binary.onnx'),
      '--max-size',
      'x',
    ]);
    assert.equal(status, 2);
    assert.match(stderr, /Invalid --max-size "x"/);
  });

  it('checks the models of a config', async () => {
    const configPath = join(folder, 'bdtCut.json');
    writeFileSync(
      configPath,
      configText({
        type: 'Binary',
        features: FIXTURE_FEATURES,
        modelFiles: ['binary.onnx', 'zipmap.onnx'],
      }),
    );
    const checked = await run(['check', configPath]);
    assert.equal(checked.status, 1);
    assert.match(
      checked.stdout,
      /bdtCut\.json:\d+:\d+: error onnx-output-type: The last output "probabilities" of model "zipmap\.onnx"/,
    );
    const skipped = await run(['check', configPath, '--no-models']);
    assert.doesNotMatch(skipped.stdout, /onnx-/);
    assert.equal(skipped.status, 0);
  });
});
