import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeConfig } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/findings';
import {
  checkConfigModelsReport,
  ModelCache,
  withModelFindings,
  type ModelCheckOptions,
  type ModelCheckReport,
} from '../../../server/src/core/onnx';
import { applyEdits } from '../../../server/src/core/text';
import { onnx } from 'onnx-proto';
import {
  binarySpec,
  buildClassifier,
  buildFixtures,
  classifierProto,
  configText,
  FIXTURE_FEATURES,
  stringSpan,
  type ConfigSpec,
} from '../../support/onnx';

const fixtures = buildFixtures();

interface Checked {
  text: string;
  report: ModelCheckReport;
  findings: Finding[];
}

describe('checkConfigModels', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'dqml-onnx-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** Writes the models and a config naming them in order, then runs the model checks. */
  async function check(
    type: ConfigSpec['type'],
    models: Array<[string, Uint8Array | undefined]>,
    options: Partial<ModelCheckOptions> & { features?: readonly string[] } = {},
  ): Promise<Checked> {
    for (const [name, bytes] of models) if (bytes) writeFileSync(join(folder, name), bytes);
    const text = configText({
      type,
      features: options.features ?? FIXTURE_FEATURES,
      modelFiles: models.map(([name]) => name),
    });
    const configPath = join(folder, 'bdtCut.json');
    writeFileSync(configPath, text);
    const analysis = analyzeConfig(text, { configPath });
    const report = await checkConfigModelsReport(analysis, {
      configPath,
      cache: new ModelCache(),
      ...options,
    });
    return { text, report, findings: report.findings };
  }

  function only(findings: readonly Finding[], code: string): Finding {
    const matching = findings.filter((finding) => finding.code === code);
    assert.equal(
      matching.length,
      1,
      `one ${code} in ${JSON.stringify(findings.map((f) => f.code))}`,
    );
    return matching[0];
  }

  function codes(findings: readonly Finding[]): string[] {
    return findings.map((finding) => finding.code);
  }

  it('accepts a valid binary model', async () => {
    const { findings, report } = await check('Binary', [['model.onnx', fixtures.binary.bytes]]);
    assert.deepEqual(codes(findings), []);
    const [row] = report.models;
    assert.equal(row.verdict, 'ok');
    assert.equal(row.featureCheck, 'match');
    assert.equal(row.width, 4);
    assert.equal(row.classes, 2);
    assert.equal(row.input, 'input float32[1, 4]');
    assert.equal(row.inspection?.runtime.status, 'loaded');
    assert.equal(row.binLabel, 'kCentFT0C_cent0_90_pt0.0_2.0');
  });

  it('accepts a valid 3-class model', async () => {
    const { findings, report } = await check('MultiClass', [
      ['a.onnx', fixtures.multiclass.bytes],
      ['b.onnx', fixtures.multiclass.bytes],
    ]);
    assert.deepEqual(codes(findings), []);
    assert.deepEqual(
      report.models.map((row) => row.verdict),
      ['ok', 'ok'],
    );
  });

  it('reports a wrong feature width', async () => {
    const { text, findings } = await check('Binary', [
      ['wide.onnx', fixtures['wrong-width'].bytes],
    ]);
    const finding = only(findings, 'onnx-feature-count-mismatch');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.span, stringSpan(text, 'wide.onnx'));
    assert.match(finding.message, /takes 5 features \(input "input" is float32\[1, 5\]\)/);
    assert.match(finding.message, /inputFeatures lists 4/);
    assert.match(
      finding.message,
      /Its metadata names: kMass, kPt, kTPCNSigmaEl1, kTPCNSigmaEl2, kEta/,
    );
    assert.deepEqual(finding.related?.[0].span, stringSpan(text, 'inputFeatures'));
    assert.ok(!codes(findings).includes('onnx-metadata-mismatch'));
  });

  it('recognises swapped features', async () => {
    const { text, findings } = await check('Binary', [
      ['m.onnx', fixtures['metadata-swapped'].bytes],
    ]);
    const finding = only(findings, 'onnx-metadata-mismatch');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.span, stringSpan(text, 'm.onnx'));
    assert.match(
      finding.message,
      /inputFeatures\[0\] "kMass" and inputFeatures\[1\] "kPt" are swapped/,
    );
    assert.match(finding.message, /feature_0 = "kPt", feature_1 = "kMass"/);
    assert.deepEqual(
      finding.related?.map((related) => related.span),
      [stringSpan(text, 'kMass'), stringSpan(text, 'kPt')],
    );
    const fixed = applyEdits(text, finding.fixes![0].edits);
    assert.match(fixed, /"kPt",\s*"kMass",\s*"kTPCNSigmaEl1"/);
    assert.notEqual(finding.fixes![0].preferred, true);
  });

  it('names the first of several differences', async () => {
    const reordered = ['kTPCNSigmaEl2', 'kMass', 'kPt', 'kTPCNSigmaEl1'];
    const bytes = buildClassifier({ ...binarySpec(reordered) });
    const { text, findings } = await check('Binary', [['m.onnx', bytes]]);
    const finding = only(findings, 'onnx-metadata-mismatch');
    assert.match(
      finding.message,
      /inputFeatures\[0\] is "kMass", but model "m.onnx" was trained with "kTPCNSigmaEl2" there/,
    );
    assert.match(finding.message, /4 positions differ/);
    assert.match(finding.message, /same, in another order/);
    assert.deepEqual(finding.span, stringSpan(text, 'm.onnx'));
    assert.equal(finding.related?.length, 4);
  });

  it('names features the model never saw', async () => {
    const bytes = buildClassifier(binarySpec(['kMass', 'kPt', 'kDcaXY1', 'kTPCNSigmaEl2']));
    const { findings } = await check('Binary', [['m.onnx', bytes]]);
    const finding = only(findings, 'onnx-metadata-mismatch');
    assert.match(finding.message, /1 position differs/);
    assert.match(finding.message, /trained without "kTPCNSigmaEl1"/);
  });

  it('matches f-names with a note', async () => {
    const { text, findings, report } = await check('Binary', [
      ['f.onnx', fixtures['metadata-f-names'].bytes],
    ]);
    const finding = only(findings, 'onnx-metadata-f-names');
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.span, stringSpan(text, 'inputFeatures'));
    assert.match(finding.message, /"f.onnx" names the features by their DielectronsAll columns/);
    assert.deepEqual(finding.related?.[0].span, stringSpan(text, 'f.onnx'));
    assert.equal(report.models[0].featureCheck, 'f-names');
    assert.ok(!codes(findings).includes('onnx-metadata-mismatch'));
  });

  it('says once that metadata is missing', async () => {
    const { text, findings } = await check('Binary', [
      ['a.onnx', fixtures['no-metadata'].bytes],
      ['b.onnx', fixtures['no-metadata'].bytes],
    ]);
    const finding = only(findings, 'onnx-no-feature-metadata');
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.span, stringSpan(text, 'modelFiles'));
    assert.match(finding.message, /None of the 2 models has feature_i metadata/);
    assert.deepEqual(
      finding.related?.map((related) => related.span),
      [stringSpan(text, 'a.onnx'), stringSpan(text, 'b.onnx')],
    );
  });

  it('names the one model without metadata', async () => {
    const { findings } = await check('Binary', [
      ['a.onnx', fixtures.binary.bytes],
      ['b.onnx', fixtures['no-metadata'].bytes],
    ]);
    const finding = only(findings, 'onnx-no-feature-metadata');
    assert.match(finding.message, /^Model "b.onnx" has no feature_i metadata/);
  });

  it('reports an int64 input', async () => {
    const { text, findings } = await check('Binary', [['int.onnx', fixtures['int-input'].bytes]]);
    const finding = only(findings, 'onnx-input-type');
    assert.deepEqual(finding.span, stringSpan(text, 'int.onnx'));
    assert.match(finding.message, /Input "input" of model "int.onnx" is an int64 tensor \[1, 4\]/);
    assert.match(finding.message, /float32/);
  });

  it('explains a ZipMap output', async () => {
    const { text, findings } = await check('Binary', [['zip.onnx', fixtures.zipmap.bytes]]);
    const finding = only(findings, 'onnx-output-type');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.span, stringSpan(text, 'zip.onnx'));
    assert.match(finding.message, /sequence<map<int64, float32>> \(written by a ZipMap node\)/);
    assert.match(finding.message, /zipmap': False/);
  });

  it('reports a second input', async () => {
    const { text, findings } = await check('Binary', [['two.onnx', fixtures['two-inputs'].bytes]]);
    const finding = only(findings, 'onnx-input-count');
    assert.deepEqual(finding.span, stringSpan(text, 'two.onnx'));
    assert.match(
      finding.message,
      /has 2 inputs \("input" float32\[1, 4\], "weight" float32\[1, 1\]\)/,
    );
  });

  it('reports the label as last output', async () => {
    const { findings } = await check('Binary', [['l.onnx', fixtures['label-last'].bytes]]);
    const finding = only(findings, 'onnx-output-type');
    assert.match(
      finding.message,
      /"label" of model "l.onnx" is the predicted label \(int64\[1\]\)/,
    );
  });

  it('reports raw margins', async () => {
    const { text, findings } = await check('Binary', [['raw.onnx', fixtures['raw-scores'].bytes]]);
    const finding = only(findings, 'onnx-raw-scores');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.span, stringSpan(text, 'raw.onnx'));
    assert.match(finding.message, /raw margins, not probabilities/);
    assert.match(finding.message, /range over \[-2\.25, 1\.65\]/);
  });

  it('rejects two classes for MultiClass', async () => {
    const { text, findings } = await check('MultiClass', [['two.onnx', fixtures.binary.bytes]]);
    const finding = only(findings, 'onnx-class-count');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.span, stringSpan(text, 'two.onnx'));
    assert.match(
      finding.message,
      /has 2 classes \(labels 0, 1\), but type "MultiClass" reads 3 scores/,
    );
    assert.deepEqual(finding.related?.[0].span, stringSpan(text, 'MultiClass'));
    assert.equal(
      finding.related?.[0].message,
      'Type "MultiClass" reads 3 scores from the last output.',
    );
  });

  it('rejects four classes for MultiClass', async () => {
    const { findings } = await check('MultiClass', [['four.onnx', fixtures['four-classes'].bytes]]);
    const finding = only(findings, 'onnx-class-count');
    assert.match(finding.message, /has 4 classes .* from label 3 on are never cut on/);
  });

  it('warns on three classes for Binary', async () => {
    const { findings } = await check('Binary', [['three.onnx', fixtures.multiclass.bytes]]);
    const finding = only(findings, 'onnx-class-count');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /reads only column 0, the probability of class 0/);
  });

  it('accepts a dynamic width with enough features', async () => {
    const { findings, report } = await check('Binary', [
      ['dyn.onnx', fixtures['dynamic-width'].bytes],
    ]);
    assert.deepEqual(codes(findings), []);
    assert.equal(report.models[0].width, 'dynamic');
  });

  it('uses the trees as a lower bound', async () => {
    const { text, findings } = await check(
      'Binary',
      [['dyn.onnx', fixtures['dynamic-width'].bytes]],
      {
        features: ['kMass', 'kPt', 'kTPCNSigmaEl1'],
      },
    );
    const finding = only(findings, 'onnx-feature-count-mismatch');
    assert.deepEqual(finding.span, stringSpan(text, 'dyn.onnx'));
    assert.match(finding.message, /declares no fixed width/);
    assert.match(
      finding.message,
      /trees read column 3, so it needs at least 4 features; inputFeatures lists 3/,
    );
  });

  it('reports an input of rank 1', async () => {
    const bytes = buildClassifier({ ...binarySpec(), inputShape: [4] });
    const { text, findings } = await check('Binary', [['flat.onnx', bytes]], {
      loadIntoRuntime: false,
    });
    const finding = only(findings, 'onnx-input-shape');
    assert.deepEqual(finding.span, stringSpan(text, 'flat.onnx'));
    assert.match(finding.message, /has shape \[4\] \(rank 1\), but the framework feeds a matrix/);
  });

  it('reports a fixed batch above 1', async () => {
    const bytes = buildClassifier({ ...binarySpec(), inputShape: [64, 4] });
    const { findings } = await check('Binary', [['batch.onnx', bytes]], {
      loadIntoRuntime: false,
    });
    const finding = only(findings, 'onnx-input-shape');
    assert.match(finding.message, /has a fixed batch of 64 \(\[64, 4\]\)/);
  });

  it('reports a model without inputs and outputs', async () => {
    const proto = classifierProto(binarySpec());
    proto.graph!.input = [];
    proto.graph!.output = [];
    const bytes = onnx.ModelProto.encode(proto).finish();
    const { findings } = await check('Binary', [['empty.onnx', bytes]], { loadIntoRuntime: false });
    assert.match(only(findings, 'onnx-input-count').message, /has no input/);
    assert.match(only(findings, 'onnx-output-type').message, /has no output/);
  });

  it('reports a float64 last output', async () => {
    const proto = classifierProto(binarySpec());
    proto.graph!.output![1].type!.tensorType!.elemType = onnx.TensorProto.DataType.DOUBLE;
    const bytes = onnx.ModelProto.encode(proto).finish();
    const { findings } = await check('Binary', [['double.onnx', bytes]], {
      loadIntoRuntime: false,
    });
    const finding = only(findings, 'onnx-output-type');
    assert.match(
      finding.message,
      /is a float64 tensor \[1, 2\], but the framework reads it as float32/,
    );
  });

  it('reports holes in the metadata', async () => {
    const bytes = buildClassifier({
      ...binarySpec(),
      metadata: [
        ['feature_0', 'kMass'],
        ['feature_1', 'kPt'],
        ['feature_3', 'kTPCNSigmaEl2'],
      ],
    });
    const { findings } = await check('Binary', [['holes.onnx', bytes]]);
    const finding = only(findings, 'onnx-metadata-mismatch');
    assert.match(finding.message, /has no feature_2, so its feature order is incomplete/);
    assert.equal(finding.fixes, undefined);
  });

  it('compares metadata length with a dynamic width', async () => {
    const bytes = buildClassifier({
      ...binarySpec(),
      inputShape: [null, null],
      metadata: [...FIXTURE_FEATURES, 'kEta'].map((feature, index) => [
        `feature_${index}`,
        feature,
      ]),
    });
    const { findings } = await check('Binary', [['dyn.onnx', bytes]]);
    const finding = only(findings, 'onnx-metadata-mismatch');
    assert.match(finding.message, /names 5 features but inputFeatures lists 4/);
  });

  it('reports a truncated model', async () => {
    const { text, findings, report } = await check('Binary', [
      ['cut.onnx', fixtures.truncated.bytes],
    ]);
    const finding = only(findings, 'onnx-unreadable');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.span, stringSpan(text, 'cut.onnx'));
    assert.match(
      finding.message,
      /"cut.onnx" is not a readable ONNX model: the file ends inside a protobuf field/,
    );
    assert.equal(report.models[0].verdict, 'unreadable');
  });

  it('reports random bytes', async () => {
    const { findings } = await check('Binary', [['noise.onnx', fixtures['random-bytes'].bytes]]);
    const finding = only(findings, 'onnx-unreadable');
    assert.match(finding.message, /not an ONNX model/);
  });

  it('skips files above the size limit', async () => {
    const { text, findings } = await check('Binary', [['big.onnx', fixtures.binary.bytes]], {
      maxModelBytes: 100,
    });
    const finding = only(findings, 'onnx-too-large');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.span, stringSpan(text, 'big.onnx'));
    assert.match(finding.message, /was not checked: the file is \d+ B, above the limit of 100 B/);
    assert.equal(findings.length, 1);
  });

  it('says why the runtime was skipped', async () => {
    const { text, findings, report } = await check(
      'Binary',
      [
        ['a.onnx', fixtures.binary.bytes],
        ['b.onnx', fixtures.binary.bytes],
      ],
      { loadIntoRuntime: false, runtimeSkipReason: 'the workspace is not trusted' },
    );
    const finding = only(findings, 'onnx-runtime-skipped');
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.span, stringSpan(text, 'modelFiles'));
    assert.match(
      finding.message,
      /2 models were read but not loaded into ONNX Runtime: the workspace is not trusted/,
    );
    assert.equal(report.models[0].inspection?.runtime.status, 'skipped');
  });

  it('reports a model the runtime rejects', async () => {
    const proto = classifierProto(binarySpec());
    // An operator from an unknown domain decodes fine but has no kernel in the runtime.
    proto.graph!.node![0].domain = 'example.unknown';
    proto.opsetImport = [...proto.opsetImport!, { domain: 'example.unknown', version: 1 }];
    const bytes = onnx.ModelProto.encode(proto).finish();
    const { text, findings } = await check('Binary', [['bad.onnx', bytes]]);
    const finding = only(findings, 'onnx-runtime-load-failed');
    assert.deepEqual(finding.span, stringSpan(text, 'bad.onnx'));
    assert.match(finding.message, /ONNX Runtime [\d.]+ cannot load model "bad.onnx"/);
  });

  it('reports a model from another producer', async () => {
    const other = buildClassifier({
      ...binarySpec(),
      producerName: 'skl2onnx',
      producerVersion: '1.9',
    });
    const { text, findings } = await check('Binary', [
      ['a.onnx', fixtures.binary.bytes],
      ['b.onnx', other],
      ['c.onnx', fixtures.binary.bytes],
    ]);
    const finding = only(findings, 'onnx-models-disagree');
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.span, stringSpan(text, 'b.onnx'));
    assert.match(
      finding.message,
      /producer "skl2onnx 1.9" where the others have producer "dqml-onnx-builder 1"/,
    );
    assert.deepEqual(finding.related?.[0].span, stringSpan(text, 'a.onnx'));
  });

  it('reports class counts that disagree', async () => {
    // An invalid type leaves the class count unchecked, so only the comparison across models reports it.
    const written = await check('Binary', [
      ['a.onnx', fixtures.binary.bytes],
      ['b.onnx', fixtures.binary.bytes],
      ['c.onnx', fixtures.multiclass.bytes],
    ]);
    const text = written.text.replace('"Binary"', '"Binaryy"');
    const configPath = join(folder, 'bdtCut.json');
    const analysis = analyzeConfig(text, { configPath });
    const report = await checkConfigModelsReport(analysis, { configPath, cache: new ModelCache() });
    const finding = only(report.findings, 'onnx-models-disagree');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.span, stringSpan(text, 'c.onnx'));
    assert.match(finding.message, /3 classes where the others have 2 classes/);
  });

  it('applies rule settings', async () => {
    const models: Array<[string, Uint8Array]> = [['raw.onnx', fixtures['raw-scores'].bytes]];
    const raised = await check('Binary', models, { rules: { 'onnx-raw-scores': 'error' } });
    assert.equal(only(raised.findings, 'onnx-raw-scores').severity, 'error');
    const dropped = await check('Binary', models, { rules: { 'onnx-raw-scores': 'off' } });
    assert.deepEqual(codes(dropped.findings), []);
  });

  it('leaves missing files to the config rules', async () => {
    const { findings, report } = await check('Binary', [
      ['a.onnx', fixtures.binary.bytes],
      ['missing.onnx', undefined],
    ]);
    assert.deepEqual(codes(findings), []);
    assert.equal(report.models.length, 2);
    assert.equal(report.models[1].found, false);
    assert.equal(report.models[1].verdict, 'not-found');
  });

  it('reports a directory named like a model', async () => {
    mkdirSync(join(folder, 'folder.onnx'));
    const { text, findings } = await check('Binary', [['folder.onnx', undefined]]);
    const finding = only(findings, 'onnx-unreadable');
    assert.deepEqual(finding.span, stringSpan(text, 'folder.onnx'));
    assert.match(finding.message, /is not a readable ONNX model: it is a directory/);
  });

  it('finds models in the search paths', async () => {
    mkdirSync(join(folder, 'models'));
    writeFileSync(join(folder, 'models', 'zip.onnx'), fixtures.zipmap.bytes);
    const { findings, report } = await check('Binary', [['zip.onnx', undefined]], {
      modelSearchPaths: ['models'],
    });
    assert.deepEqual(codes(findings), ['onnx-output-type']);
    assert.equal(report.models[0].path, join(folder, 'models', 'zip.onnx'));
  });

  it('reports a model named twice on both entries', async () => {
    const { text, findings } = await check('Binary', [
      ['zip.onnx', fixtures.zipmap.bytes],
      ['zip.onnx', fixtures.zipmap.bytes],
    ]);
    const spans = findings
      .filter((finding) => finding.code === 'onnx-output-type')
      .map((finding) => finding.span);
    assert.deepEqual(spans, [stringSpan(text, 'zip.onnx', 0), stringSpan(text, 'zip.onnx', 1)]);
  });

  it('does nothing when turned off', async () => {
    const { report } = await check('Binary', [['zip.onnx', fixtures.zipmap.bytes]], {
      checkModelFiles: false,
    });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.models, []);
  });

  it('merges findings in position order', async () => {
    writeFileSync(join(folder, 'zip.onnx'), fixtures.zipmap.bytes);
    const text = configText({
      type: 'MultiClass',
      features: FIXTURE_FEATURES,
      modelFiles: ['zip.onnx'],
    }).replace('"kMass"', '"fMass"');
    const configPath = join(folder, 'bdtCut.json');
    const analysis = analyzeConfig(text, { configPath });
    const merged = await withModelFindings(analysis, { configPath, cache: new ModelCache() });
    assert.ok(merged.findings.length > analysis.findings.length);
    const starts = merged.findings.map((finding) => finding.span.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.ok(codes(merged.findings).includes('f-prefixed-feature'));
    assert.ok(codes(merged.findings).includes('onnx-output-type'));
  });
});
