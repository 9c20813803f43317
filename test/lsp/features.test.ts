import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import type {
  InspectModelResult,
  RunInferenceParams,
  RunInferenceResult,
} from '../../server/src/protocol';
import { LspSession } from '../support/lspClient';
import { binarySpec, buildClassifier, configText, FIXTURE_FEATURES } from '../support/onnx';
import { sampleColumns, temporaryFolder, writeCsv } from '../unit/inference/fixtures';
import { referenceCounts } from '../unit/inference/reference';

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

const MODEL_FILES = ['bin0.onnx', 'bin1.onnx'];
const SAMPLE_ROWS = 2000;
// Enough rows for several chunks of the CSV reader (65,536 rows each), so a cancellation
// sent after the first progress report arrives while rows are left to read.
const LARGE_SAMPLE_ROWS = 600_000;

describe('language server feature requests', function () {
  let folder: { dir: string; remove: () => void };
  let configPath: string;
  let configUri: string;
  let samplePath: string;
  let largeSamplePath: string;

  before(() => {
    folder = temporaryFolder('dqml-lsp-features-');
    MODEL_FILES.forEach((file, index) => {
      writeFileSync(join(folder.dir, file), buildClassifier(binarySpec(FIXTURE_FEATURES, index)));
    });
    configPath = join(folder.dir, 'bdtCut.json');
    writeFileSync(
      configPath,
      configText({ type: 'Binary', features: FIXTURE_FEATURES, modelFiles: MODEL_FILES }),
    );
    configUri = pathToFileURL(configPath).href;
    samplePath = join(folder.dir, 'sample.csv');
    writeCsv(samplePath, sampleColumns(SAMPLE_ROWS, 7));
    largeSamplePath = join(folder.dir, 'large.csv');
    writeCsv(largeSamplePath, sampleColumns(LARGE_SAMPLE_ROWS, 11));
  });

  after(() => folder.remove());

  describe('dqml/inspectModel', () => {
    it('reads and loads a model', async () => {
      const session = await LspSession.start();
      try {
        const path = join(folder.dir, MODEL_FILES[0]);
        const result = (await session.connection.sendRequest('dqml/inspectModel', {
          path,
        })) as InspectModelResult;
        assert.equal(result.inspection.status, 'ok');
        assert.equal(result.inspection.runtime.status, 'loaded');
        assert.deepEqual(result.inspection.model?.featureNames, FIXTURE_FEATURES);
        assert.equal(result.lines[0].startsWith(path), true, result.lines[0]);
        assert.ok(result.lines.includes('  Inputs:'), result.lines.join('\n'));
        assert.ok(
          result.lines.some((line) => line.includes('Tree ensemble: TreeEnsembleClassifier')),
          result.lines.join('\n'),
        );
      } finally {
        await session.stop();
      }
    });

    it('reports a missing file', async () => {
      const session = await LspSession.start();
      try {
        const path = join(folder.dir, 'absent.onnx');
        const result = (await session.connection.sendRequest('dqml/inspectModel', {
          path,
        })) as InspectModelResult;
        assert.equal(result.inspection.status, 'not-found');
        assert.match(result.lines.join('\n'), /not a readable ONNX model: file not found/);
      } finally {
        await session.stop();
      }
    });

    it('loads nothing when untrusted', async () => {
      const session = await LspSession.start(undefined, { workspaceTrusted: false });
      try {
        const result = (await session.connection.sendRequest('dqml/inspectModel', {
          path: join(folder.dir, MODEL_FILES[0]),
        })) as InspectModelResult;
        assert.equal(result.inspection.status, 'ok');
        assert.equal(result.inspection.runtime.status, 'skipped');
        assert.match(result.inspection.runtime.message ?? '', /not trusted/);
        assert.match(result.lines.join('\n'), /ONNX Runtime: not loaded: the workspace is not/);
      } finally {
        await session.stop();
      }
    });
  });

  describe('dqml/runInference', () => {
    it('counts equal the per-row reference', async () => {
      const session = await LspSession.start();
      try {
        await session.open(configUri, readFileSync(configPath, 'utf8'));
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath,
        } satisfies RunInferenceParams)) as RunInferenceResult;
        assert.equal(result.failure, undefined, result.message);
        const report = result.report!;
        const reference = await referenceCounts(configPath, sampleColumns(SAMPLE_ROWS, 7));
        assert.equal(report.complete, true);
        assert.equal(report.total, reference.total);
        assert.equal(report.dropped, reference.dropped);
        assert.equal(report.passed, reference.passed);
        assert.deepEqual(
          report.bins.map((bin) => ({ rows: bin.rows, passed: bin.passed })),
          reference.bins,
        );
        assert.equal(report.truthColumn, 'fMcDecision');
      } finally {
        await session.stop();
      }
    });

    it('uses the unsaved editor text', async () => {
      const session = await LspSession.start();
      try {
        // The open document keeps only the first bin, so every row of the second is dropped.
        const saved = JSON.parse(readFileSync(configPath, 'utf8'));
        const selection = saved.BDTCut;
        delete selection['AddCentCut-Cent0090']['AddPtCut-pTBin2'];
        selection.modelFiles = [MODEL_FILES[0]];
        await session.open(configUri, JSON.stringify(saved, null, 2));
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath,
        })) as RunInferenceResult;
        assert.equal(result.failure, undefined, result.message);
        assert.equal(result.report!.bins.length, 1);
        const reference = await referenceCounts(configPath, sampleColumns(SAMPLE_ROWS, 7));
        assert.equal(result.report!.dropped, reference.dropped + reference.bins[1].rows);
      } finally {
        await session.stop();
      }
    });

    it('reads a config that is not open', async () => {
      const session = await LspSession.start();
      try {
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath,
          limit: 100,
        })) as RunInferenceResult;
        assert.equal(result.failure, undefined, result.message);
        assert.equal(result.report!.total, 100);
        assert.equal(result.report!.limit, 100);
      } finally {
        await session.stop();
      }
    });

    it('reports work-done progress', async () => {
      const session = await LspSession.start();
      try {
        const values: ProgressValue[] = [];
        session.connection.onNotification(
          '$/progress',
          (params: { token: string; value: ProgressValue }) => {
            if (params.token === 'inference-1') values.push(params.value);
          },
        );
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath,
          workDoneToken: 'inference-1',
        })) as RunInferenceResult;
        assert.equal(result.report?.complete, true, result.message);
        await session.waitFor(
          () => (values.at(-1)?.kind === 'end' ? true : undefined),
          'the end of the progress',
        );
        assert.equal(values[0].kind, 'begin');
        assert.equal((values[0] as WorkDoneProgressBegin).cancellable, true);
        const reports = values.filter(
          (value): value is WorkDoneProgressReport => value.kind === 'report',
        );
        assert.ok(reports.length > 0, 'at least one report');
        assert.match(
          reports.at(-1)!.message ?? '',
          new RegExp(`${SAMPLE_ROWS.toLocaleString('en-US')} rows read`),
        );
      } finally {
        await session.stop();
      }
    });

    it('returns partial counts when cancelled', async () => {
      const session = await LspSession.start();
      try {
        const source = new CancellationTokenSource();
        session.connection.onNotification('$/progress', (params: { value: ProgressValue }) => {
          if (params.value.kind === 'report') source.cancel();
        });
        const result = (await session.connection.sendRequest(
          'dqml/runInference',
          { uri: configUri, samplePath: largeSamplePath, workDoneToken: 'inference-2' },
          source.token,
        )) as RunInferenceResult;
        assert.equal(result.failure, 'cancelled', result.message);
        assert.match(result.message ?? '', /not complete/);
        const report = result.report!;
        assert.equal(report.complete, false);
        assert.ok(report.total > 0, `rows read: ${report.total}`);
        assert.ok(report.total < LARGE_SAMPLE_ROWS, `rows read: ${report.total}`);
      } finally {
        await session.stop();
      }
    });

    it('loads no model when untrusted', async () => {
      const session = await LspSession.start(undefined, { workspaceTrusted: false });
      try {
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath,
        })) as RunInferenceResult;
        assert.equal(result.failure, 'untrusted');
        assert.equal(result.report, undefined);
        assert.match(result.message ?? '', /not trusted/);
        assert.match(result.message ?? '', /Grant trust/);
      } finally {
        await session.stop();
      }
    });

    it('names missing sample columns', async () => {
      const session = await LspSession.start();
      try {
        const columns = sampleColumns(10, 3);
        delete (columns as Record<string, unknown>).fTPCNSigmaEl2;
        const path = join(folder.dir, 'missing-column.csv');
        writeCsv(path, columns);
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath: path,
        })) as RunInferenceResult;
        assert.equal(result.failure, 'columns');
        assert.match(result.message ?? '', /fTPCNSigmaEl2|kTPCNSigmaEl2/);
      } finally {
        await session.stop();
      }
    });

    it('rejects an unreadable sample', async () => {
      const session = await LspSession.start();
      try {
        const path = join(folder.dir, 'absent.csv');
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri: configUri,
          samplePath: path,
        })) as RunInferenceResult;
        assert.equal(result.failure, 'sample');
        assert.ok(result.message?.includes(path), result.message);
      } finally {
        await session.stop();
      }
    });

    it('rejects a config without a file', async () => {
      const session = await LspSession.start();
      try {
        const uri = 'untitled:bdtCut-1.json';
        await session.open(uri, readFileSync(configPath, 'utf8'));
        const result = (await session.connection.sendRequest('dqml/runInference', {
          uri,
          samplePath,
        })) as RunInferenceResult;
        assert.equal(result.failure, 'not-a-config');
        assert.match(result.message ?? '', /Save the config first/);
      } finally {
        await session.stop();
      }
    });
  });
});
