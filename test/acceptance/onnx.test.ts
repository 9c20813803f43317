import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeConfig } from '../../server/src/core/analyze';
import { FRAMEWORK_FEATURES } from '../../server/src/core/framework/features';
import {
  checkConfigModelsReport,
  inspectModel,
  ModelCache,
  type ModelInspection,
} from '../../server/src/core/onnx';
import { ensureCliBuilt, requireAcceptanceDir, runDqml } from '../support/acceptance';
import { configText } from '../support/onnx';

/** Expected findings for one model of $DQML_ACCEPTANCE_DIR/outside-inputs/onnx. */
interface Expectation {
  /** The selection type of the config written around the model. */
  type: 'Binary' | 'MultiClass';
  /** Number of inputFeatures: the model's width, or its lower bound when the width is dynamic. */
  features: number;
  /** Every ONNX finding code the config gets, in any order. */
  codes: string[];
  /** A pattern that the message of the first code other than onnx-no-feature-metadata matches. */
  message?: RegExp;
  classLabels?: Array<number | string>;
  note?: RegExp;
}

const NO_METADATA = 'onnx-no-feature-metadata';

const EXPECTED: Record<string, Expectation> = {
  'onnxmltools-test-xgb-regressor.onnx': {
    type: 'Binary',
    features: 4,
    codes: ['onnx-not-classifier', NO_METADATA],
    message:
      /is a regression model \(TreeEnsembleRegressor\).*cuts on as the kBdtBackground probability/,
  },
  'skl2onnx-docs-pipeline-xgboost-zipmap.onnx': {
    type: 'MultiClass',
    features: 2,
    codes: [NO_METADATA, 'onnx-output-type'],
    message: /sequence<map<int64, float32>> \(written by a ZipMap node\).*without ZipMap/,
  },
  'skl2onnx-docs-pipeline-lightgbm-zipmap.onnx': {
    type: 'MultiClass',
    features: 2,
    codes: [NO_METADATA, 'onnx-output-type'],
    message: /written by a ZipMap node/,
  },
  'skl2onnx-docs-rf-iris-batch1-zipmap.onnx': {
    type: 'MultiClass',
    features: 4,
    codes: [NO_METADATA, 'onnx-output-type'],
    message: /written by a ZipMap node/,
    note: /fixed batch of 1 \(\[1, 4\]\)/,
  },
  'skl2onnx-docs-pipeline-titanic-multiinput.onnx': {
    type: 'Binary',
    features: 1,
    codes: ['onnx-input-count', 'onnx-input-type', NO_METADATA],
    message: /has 5 inputs \("pclass" int64\[\?, 1\], "sex" string\[\?, 1\]/,
  },
  'skl2onnx-tests-treecl2-binary-dynamic.onnx': {
    type: 'Binary',
    features: 20,
    codes: [NO_METADATA],
    classLabels: [0, 1],
    note: /Classes of "proba_2" in column order: 0 = class 0, 1 = class 1\. A Binary selection cuts on column 0/,
  },
  'skl2onnx-tests-treecl3-4class-rawscores.onnx': {
    type: 'MultiClass',
    features: 10,
    codes: ['onnx-class-count', NO_METADATA, 'onnx-raw-scores'],
    message: /has 4 classes \(labels 0, 1, 2, 3\), but type "MultiClass" reads only the first 3/,
  },
  'onnxmltools-1.3-SklearnBinDecisionTree-stringlabels.onnx': {
    type: 'Binary',
    features: 2,
    codes: [NO_METADATA, 'onnx-output-type'],
    classLabels: ['A', 'B'],
    message: /sequence<map<string, float32>>/,
  },
  'onnxmltools-1.3-SklearnBinGradientBoosting-stringlabels.onnx': {
    type: 'Binary',
    features: 2,
    codes: [NO_METADATA, 'onnx-output-type'],
    classLabels: ['A', 'B'],
    message: /sequence<map<string, float32>>/,
  },
  'onnxmltools-1.3-SklearnMclRandomForest-zipmap.onnx': {
    type: 'MultiClass',
    features: 2,
    codes: [NO_METADATA, 'onnx-output-type'],
    classLabels: [0, 1, 2],
    message: /sequence<map<int64, float32>>/,
  },
};

describe('acceptance: ONNX models', function () {
  let root: string;
  let modelFolder: string;
  let scratch: string;

  before(function () {
    root = requireAcceptanceDir(this);
    modelFolder = join(root, 'outside-inputs/onnx');
    scratch = mkdtempSync(join(tmpdir(), 'dqml-acceptance-onnx-'));
    ensureCliBuilt();
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Writes a config of `count` framework features naming `model`, found through the search path. */
  function writeConfig(model: string, type: Expectation['type'], count: number): string {
    const path = join(scratch, `${model}.json`);
    const features = FRAMEWORK_FEATURES.slice(0, count).map((feature) => feature.name);
    writeFileSync(path, configText({ type, features, modelFiles: [model] }));
    return path;
  }

  async function checkModel(model: string, type: Expectation['type'], count: number) {
    const configPath = writeConfig(model, type, count);
    const analysis = analyzeConfig(readFileSync(configPath, 'utf8'), { configPath });
    return checkConfigModelsReport(analysis, {
      configPath,
      modelSearchPaths: [modelFolder],
      cache: new ModelCache(),
    });
  }

  for (const [folder, config] of [
    ['binary', 'bdtCut.json'],
    ['multiclass', 'bdtCutMulti.json'],
  ]) {
    it(`O2Physics ${folder} example: no ONNX finding`, async () => {
      const configPath = join(root, 'examples/o2physics', folder, config);
      const analysis = analyzeConfig(readFileSync(configPath, 'utf8'), { configPath });
      const report = await checkConfigModelsReport(analysis, {
        configPath,
        cache: new ModelCache(),
      });
      assert.deepEqual(report.findings, []);
      assert.equal(report.models.length, 4);
      for (const row of report.models) {
        assert.equal(row.found, true, row.name);
        assert.equal(row.width, 30, row.name);
        assert.equal(row.featureCheck, 'match', row.name);
        assert.equal(row.inspection?.runtime.status, 'loaded', row.name);
        assert.equal(row.verdict, 'ok', row.name);
      }
    });

    it(`O2Physics ${folder} example: CLI reports no ONNX finding`, () => {
      const result = runDqml([
        'check',
        '--format',
        'json',
        join(root, 'examples/o2physics', folder, config),
      ]);
      assert.ok(
        result.status === 0 || result.status === 1,
        `exit ${result.status}: ${result.stderr}`,
      );
      const [report] = JSON.parse(result.stdout) as Array<{ findings: Array<{ code: string }> }>;
      const onnxCodes = report.findings
        .map((finding) => finding.code)
        .filter((code) => code.startsWith('onnx-'));
      assert.deepEqual(onnxCodes, []);
    });
  }

  it('every outside model has an expectation', () => {
    const models = readdirSync(modelFolder)
      .filter((name) => name.endsWith('.onnx'))
      .sort();
    assert.deepEqual(models, Object.keys(EXPECTED).sort());
  });

  for (const [model, expected] of Object.entries(EXPECTED)) {
    it(`${model}: ${expected.codes.filter((code) => code !== NO_METADATA).join(', ') || 'no error'}`, async () => {
      const report = await checkModel(model, expected.type, expected.features);
      const codes = report.findings.map((finding) => finding.code).sort();
      assert.deepEqual(codes, [...expected.codes].sort());
      const main = report.findings.find(
        (finding) => finding.code === expected.codes.find((code) => code !== NO_METADATA),
      );
      if (expected.message) assert.match(main?.message ?? '', expected.message);
      const inspection = report.models[0].inspection as ModelInspection;
      assert.equal(inspection.status, 'ok');
      assert.equal(inspection.runtime.status, 'loaded');
      if (expected.classLabels) {
        assert.deepEqual(inspection.model?.treeEnsemble?.classLabels, expected.classLabels);
      }
      if (expected.note)
        assert.ok(
          inspection.notes.some((note) => expected.note!.test(note)),
          inspection.notes.join('\n'),
        );
    });
  }

  it('treecl2 dynamic width: error below the tree bound', async () => {
    const report = await checkModel('skl2onnx-tests-treecl2-binary-dynamic.onnx', 'Binary', 19);
    const finding = report.findings.find(
      (candidate) => candidate.code === 'onnx-feature-count-mismatch',
    );
    assert.match(
      finding?.message ?? '',
      /trees read column 19, so it needs at least 20 features; inputFeatures lists 19/,
    );
  });

  it('outside models read without the runtime', async () => {
    for (const model of Object.keys(EXPECTED)) {
      const inspection = await inspectModel(join(modelFolder, model), {
        cache: new ModelCache(),
        loadIntoRuntime: false,
        runtimeSkipReason: 'the workspace is not trusted',
      });
      assert.equal(inspection.status, 'ok', model);
      assert.equal(inspection.runtime.status, 'skipped', model);
    }
  });

  for (const model of Object.keys(EXPECTED)) {
    it(`${model}: CLI inspect and check exit cleanly`, () => {
      const inspected = runDqml(['inspect', '--json', join(modelFolder, model)]);
      assert.equal(inspected.status, 0, inspected.stderr);
      assert.doesNotMatch(inspected.stderr, /internal error/);
      const parsed = JSON.parse(inspected.stdout) as ModelInspection;
      assert.equal(parsed.status, 'ok');

      const expected = EXPECTED[model];
      const configPath = writeConfig(model, expected.type, expected.features);
      const checked = runDqml([
        'check',
        '--format',
        'json',
        '--model-path',
        modelFolder,
        configPath,
      ]);
      assert.ok(
        checked.status === 0 || checked.status === 1,
        `exit ${checked.status}: ${checked.stderr}`,
      );
      assert.doesNotMatch(checked.stderr, /internal error/);
      const [report] = JSON.parse(checked.stdout) as Array<{ findings: Array<{ code: string }> }>;
      const onnxCodes = report.findings
        .map((finding) => finding.code)
        .filter((code) => code.startsWith('onnx-'));
      assert.deepEqual(onnxCodes.sort(), [...expected.codes].sort());
    });
  }
});
