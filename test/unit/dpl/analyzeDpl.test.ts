import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../../../server/src/core/findings';
import {
  analyzeDplDocument,
  embeddedConfigAt,
  fixAllDpl,
  hyperloopString,
  isDplConfiguration,
  sameTokens,
  type DplAnalysis,
} from '../../../server/src/core/dpl';
import type { AnalysisOptions } from '../../../server/src/core/options';
import { applyEdits } from '../../../server/src/core/text';
import { rangeOf, sourceAt, spanOf } from '../../support/configs';

const FIXTURES = resolve(__dirname, '../../fixtures/dpl');
const NO_MODEL_FILES: AnalysisOptions = { checkModelFiles: false };

function fixture(name: string): string {
  return readFileSync(resolve(FIXTURES, name), 'utf8');
}

function analyze(text: string, options: AnalysisOptions = NO_MODEL_FILES): DplAnalysis {
  return analyzeDplDocument(text, options);
}

function only(analysis: DplAnalysis, code: string): Finding {
  const found = analysis.findings.filter((finding) => finding.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.map((f) => f.code).join(', ')}`);
  return found[0];
}

function codes(analysis: DplAnalysis): string[] {
  return analysis.findings.map((finding) => finding.code);
}

function applyFirstFix(text: string, finding: Finding): string {
  assert.ok(finding.fixes?.length, `${finding.code} has no fix`);
  return applyEdits(text, finding.fixes[0].edits);
}

/** Returns the text of the first embedded config, as the framework would receive it. */
function embeddedText(text: string): string {
  const [config] = analyze(text).configs;
  assert.ok(config, 'no embedded config');
  return config.analysis.text;
}

describe('analyzeDplDocument: a config string with escapes', () => {
  const text = fixture('escaped-config.json');
  const analysis = analyze(text);

  it('recognises the DPL file and its config', () => {
    assert.equal(analysis.isDpl, true);
    assert.equal(analysis.configs.length, 1);
    assert.equal(analysis.configs[0].encoding, 'string');
    assert.equal(analysis.configs[0].task.name, 'analysis-same-event-pairing');
  });

  it('decodes the config the way a JSON parser does', () => {
    const parsed = JSON.parse(text) as Record<string, Record<string, string>>;
    const expected = parsed['analysis-same-event-pairing'].fConfigBdtCutsJSON;
    assert.equal(analysis.configs[0].analysis.text, expected);
  });

  it('places a feature finding on its escaped token', () => {
    const finding = only(analysis, 'f-prefixed-feature');
    assert.deepEqual(finding.span, spanOf(text, '\\"fTPCNSigmaEl1\\"'));
    assert.equal(rangeOf(text, finding.span), '6:143-6:160');
  });

  it('places a var finding after several escapes', () => {
    const finding = only(analysis, 'var-position-mismatch');
    assert.equal(sourceAt(text, finding.span), '\\"kBdtPrompt\\"');
    assert.deepEqual(finding.span, spanOf(text, '\\"kBdtPrompt\\"'));
  });

  it('places related locations inside the string', () => {
    const finding = only(analysis, 'inconsistent-cut-classes');
    assert.equal(sourceAt(text, finding.span), '\\"AddPtCut-pTBin1\\"');
    assert.equal(
      sourceAt(text, finding.related?.[0].span ?? { start: 0, end: 0 }),
      '\\"AddPtCut-pTBin0\\"',
    );
  });

  it('escapes the replacement text of a fix', () => {
    const finding = only(analysis, 'f-prefixed-feature');
    assert.equal(finding.fixes?.[0].edits[0].newText, '\\"kTPCNSigmaEl1\\"');
    const fixed = applyFirstFix(text, finding);
    assert.ok(embeddedText(fixed).includes('"inputFeatures":["kMass","kTPCNSigmaEl1"]'));
    assert.ok(!codes(analyze(fixed)).includes('f-prefixed-feature'));
  });

  it('keeps the rest of the file when a fix is applied', () => {
    const finding = only(analysis, 'var-position-mismatch');
    const fixed = applyFirstFix(text, finding);
    const edit = finding.fixes?.[0].edits[0];
    assert.ok(edit);
    assert.equal(fixed.slice(0, edit.span.start), text.slice(0, edit.span.start));
    assert.equal(
      fixed.slice(fixed.length - (text.length - edit.span.end)),
      text.slice(edit.span.end),
    );
    assert.ok(embeddedText(fixed).includes('{"var":"kBdtBackground","cut":0.50'));
  });

  it('maps offsets both ways through \\u escapes and surrogate pairs', () => {
    const config = analysis.configs[0];
    const configText = config.analysis.text;
    assert.equal(config.map.toSourceOffset(configText.indexOf('ψ')), text.indexOf('\\u03c8'));
    const escapedPair = configText.indexOf('😀');
    assert.equal(config.map.toSourceOffset(escapedPair), text.indexOf('\\ud83d'));
    assert.equal(config.map.toSourceOffset(escapedPair + 1), text.indexOf('\\ude00'));
    const rawPair = configText.indexOf('🙂');
    assert.equal(config.map.toSourceOffset(rawPair + 1), text.indexOf('🙂') + 1);
    assert.equal(config.map.toConfigOffset(text.indexOf('\\u03c8') + 3), configText.indexOf('ψ'));
  });

  it('finds the embedded config under an offset', () => {
    const offset = text.indexOf('fTPCNSigmaEl1');
    const found = embeddedConfigAt(analysis, offset);
    assert.ok(found);
    assert.ok(found.config.analysis.text.slice(found.configOffset).startsWith('fTPCNSigmaEl1'));
    assert.equal(embeddedConfigAt(analysis, text.indexOf('cfgTrackCuts')), undefined);
  });
});

describe('analyzeDplDocument: a pretty config inside the string', () => {
  const config = '{\n\t"BDTCut": {\n\t\t"inputFeatures": ["kMass", "fPt"]\n\t}\n}';
  const text = `{"analysis-same-event-pairing": {"fConfigBdtCutsJSON": ${JSON.stringify(config)}}}`;

  it('maps spans across \\n and \\t escapes', () => {
    const finding = only(analyze(text), 'f-prefixed-feature');
    assert.deepEqual(finding.span, spanOf(text, '\\"fPt\\"'));
  });
});

describe('analyzeDplDocument: the local form pasted into the option', () => {
  const text = fixture('double-encoded.json');
  const analysis = analyze(text);

  it('reports the string that decodes to a string', () => {
    const finding = only(analysis, 'dpl-config-double-encoded');
    assert.equal(finding.severity, 'error');
    assert.equal(sourceAt(text, finding.span).slice(0, 4), '"\\"{');
    assert.equal(rangeOf(text, finding.span).split('-')[0], '5:27');
  });

  it('analyses the config through both levels of escapes', () => {
    assert.equal(analysis.configs[0].encoding, 'double-encoded');
    const finding = only(analysis, 'f-prefixed-feature');
    assert.equal(sourceAt(text, finding.span), '\\\\\\"fPt\\\\\\"');
    assert.equal(rangeOf(text, finding.span), '5:112-5:123');
    assert.equal(finding.fixes?.[0].edits[0].newText, '\\\\\\"kPt\\\\\\"');
  });

  it('decodes once with its fix', () => {
    const fixed = applyFirstFix(text, only(analysis, 'dpl-config-double-encoded'));
    const after = analyze(fixed);
    assert.ok(!codes(after).includes('dpl-config-double-encoded'));
    assert.equal(after.configs[0].encoding, 'string');
    assert.ok(after.configs[0].analysis.text.startsWith('{"BDTCut":{"type":"Binary"'));
    assert.ok(codes(after).includes('f-prefixed-feature'));
  });

  it('applies an inner fix through both levels', () => {
    const fixed = applyFirstFix(text, only(analysis, 'f-prefixed-feature'));
    // The embedded text is the config after both decodings.
    assert.ok(embeddedText(fixed).includes('"inputFeatures":["kMass","kPt"]'));
    assert.ok(fixed.includes('[\\\\\\"kMass\\\\\\",\\\\\\"kPt\\\\\\"]'));
  });
});

describe('analyzeDplDocument: the config written as an object', () => {
  const text = fixture('object-config.json');
  const analysis = analyze(text);

  it('reports the object on the option key', () => {
    const finding = only(analysis, 'dpl-config-not-string');
    assert.equal(finding.severity, 'error');
    assert.equal(sourceAt(text, finding.span), '"fConfigBdtCutsJSON"');
    assert.equal(rangeOf(text, finding.span), '5:5-5:25');
  });

  it('turns the object into its compact string', () => {
    const finding = only(analysis, 'dpl-config-not-string');
    const fixed = applyFirstFix(text, finding);
    const objectSpan = finding.fixes?.[0].edits[0].span;
    assert.ok(objectSpan);
    const compact = hyperloopString(sourceAt(text, objectSpan));
    assert.ok(compact.ok);
    const after = analyze(fixed);
    assert.equal(after.configs[0].encoding, 'string');
    assert.equal(after.configs[0].analysis.text, compact.compact);
    assert.ok(sameTokens(after.configs[0].analysis.text, sourceAt(text, objectSpan)));
  });

  it('analyses the object in place', () => {
    const finding = only(analysis, 'f-prefixed-feature');
    assert.equal(sourceAt(text, finding.span), '"fPt"');
    assert.equal(rangeOf(text, finding.span), '8:36-8:41');
    const fixed = applyFirstFix(text, finding);
    assert.ok(fixed.includes('"inputFeatures": ["kMass", "kPt"]'));
  });

  it('finds the object under an offset', () => {
    const offset = text.indexOf('"fPt"');
    const found = embeddedConfigAt(analysis, offset);
    assert.equal(found?.configOffset, offset);
    assert.equal(embeddedConfigAt(analysis, text.indexOf('"processDummy"')), undefined);
  });

  it('is fixed completely by fixAllDpl', () => {
    const fixed = fixAllDpl(text, NO_MODEL_FILES);
    assert.equal(fixed.applied, 2);
    const after = analyze(fixed.text);
    assert.deepEqual(codes(after), []);
    assert.ok(after.configs[0].analysis.text.includes('"inputFeatures":["kMass","kPt"]'));
  });
});

describe('analyzeDplDocument: CCDB folders', () => {
  const text = fixture('ccdb-models.json');
  const folders = '"values": ["Users/u/user/ML/bin0/", "Users/u/user/ML/bin1/"]';

  it('accepts one folder per model file', () => {
    assert.deepEqual(codes(analyze(text)), []);
  });

  it('reports a folder count that differs from the model files', () => {
    const changed = text.replace(folders, '"values": ["Users/u/user/ML/bin0/"]');
    const finding = only(analyze(changed), 'dpl-model-paths-count');
    assert.equal(sourceAt(changed, finding.span), '["Users/u/user/ML/bin0/"]');
    assert.match(finding.message, /lists 1 CCDB folder, but the config names 2 model files/);
    const related = finding.related?.[0];
    assert.ok(related);
    assert.equal(sourceAt(changed, related.span), '[\\"bin0.onnx\\",\\"bin1.onnx\\"]');
  });

  it('reports a folder shared by two model files', () => {
    const changed = text.replace('ML/bin1/', 'ML/bin0/');
    const finding = only(analyze(changed), 'dpl-model-path-shared');
    assert.deepEqual(finding.span, spanOf(changed, '"Users/u/user/ML/bin0/"', 1));
    assert.deepEqual(finding.related?.[0].span, spanOf(changed, '"Users/u/user/ML/bin0/"', 0));
  });

  it('accepts one folder for the same model file twice', () => {
    const changed = text
      .replace('ML/bin1/', 'ML/bin0/')
      .replace('\\"bin1.onnx\\"', '\\"bin0.onnx\\"');
    assert.ok(!codes(analyze(changed)).includes('dpl-model-path-shared'));
  });

  it('reports missing folders on loadModelsFromCCDB', () => {
    const changed = text.replace(/\s*"modelPathsCCDB": \{[^}]*\},/, '');
    const finding = only(analyze(changed), 'dpl-model-paths-count');
    assert.equal(sourceAt(changed, finding.span), '"true"');
    assert.match(finding.message, /has no modelPathsCCDB/);
  });

  it('wraps a bare array in {"values": ...}', () => {
    const changed = text.replace(`{\n      ${folders}\n    }`, '["a/", "b/"]');
    assert.notEqual(changed, text);
    const finding = only(analyze(changed), 'dpl-model-paths-shape');
    const fixed = applyFirstFix(changed, finding);
    assert.ok(fixed.includes('"modelPathsCCDB": {"values": ["a/", "b/"]}'));
    assert.deepEqual(codes(analyze(fixed)), []);
  });

  it('ignores the folders when models are local', () => {
    const changed = text
      .replace('"loadModelsFromCCDB": "true"', '"loadModelsFromCCDB": "false"')
      .replace(folders, '"values": ["x/"]');
    assert.deepEqual(codes(analyze(changed)), []);
  });

  it('does not look for model files that come from CCDB', () => {
    const missing: AnalysisOptions = { configPath: '/data/dpl.json', fileExists: () => false };
    assert.ok(!codes(analyze(text, missing)).includes('model-file-not-found'));
    const local = text.replace('"loadModelsFromCCDB": "true"', '"loadModelsFromCCDB": "false"');
    assert.ok(codes(analyze(local, missing)).includes('model-file-not-found'));
  });
});

describe('analyzeDplDocument: options around the config', () => {
  const text = fixture('ccdb-models.json');

  it('tells when applyBDT is off', () => {
    const changed = text.replace('"applyBDT": "true"', '"applyBDT": "false"');
    const finding = only(analyze(changed), 'dpl-apply-bdt-off');
    assert.equal(finding.severity, 'info');
    assert.equal(sourceAt(changed, finding.span), '"false"');
    assert.equal(finding.fixes?.[0].preferred, undefined);
    assert.equal(applyFirstFix(changed, finding), text);
  });

  it('adds applyBDT when it is missing', () => {
    const changed = text.replace('\n    "applyBDT": "true",', '');
    const finding = only(analyze(changed), 'dpl-apply-bdt-off');
    assert.equal(sourceAt(changed, finding.span), '"fConfigBdtCutsJSON"');
    const fixed = applyFirstFix(changed, finding);
    assert.ok(fixed.includes('"timestampCCDB": "-1",\n    "applyBDT": "true"\n  }'));
    assert.deepEqual(codes(analyze(fixed)), []);
  });

  it('reports option values DPL cannot convert', () => {
    const changed = text
      .replace('"applyBDT": "true"', '"applyBDT": "yes"')
      .replace('"timestampCCDB": "-1"', '"timestampCCDB": "latest"');
    const findings = analyze(changed).findings.filter(
      (finding) => finding.code === 'dpl-invalid-option-value',
    );
    assert.deepEqual(
      findings.map((finding) => sourceAt(changed, finding.span)),
      ['"yes"', '"latest"'],
    );
  });

  it('accepts numbers, JSON booleans and 1 or 0', () => {
    const changed = text
      .replace('"applyBDT": "true"', '"applyBDT": true')
      .replace('"loadModelsFromCCDB": "true"', '"loadModelsFromCCDB": "1"')
      .replace('"timestampCCDB": "-1"', '"timestampCCDB": 1700000000000');
    assert.deepEqual(codes(analyze(changed)), []);
  });

  it('reports an empty config while applyBDT is on', () => {
    const changed = text.replace(/"fConfigBdtCutsJSON": "[^\n]*",/, '"fConfigBdtCutsJSON": "",');
    const finding = only(analyze(changed), 'dpl-bdt-config-missing');
    assert.equal(sourceAt(changed, finding.span), '""');
  });

  it('reports a missing config while applyBDT is on', () => {
    const changed = text.replace(/\n {4}"fConfigBdtCutsJSON": "[^\n]*",/, '');
    const finding = only(analyze(changed), 'dpl-bdt-config-missing');
    assert.equal(sourceAt(changed, finding.span), '"true"');
  });

  it('says nothing about an empty config while applyBDT is off', () => {
    assert.deepEqual(codes(analyze(fixture('dumped-by-dpl.json'))), []);
  });

  it('checks a config in a task with another name', () => {
    const changed = text
      .replace('"analysis-same-event-pairing"', '"analysis-same-event-pairing-alt"')
      .replace('\\"kPt\\"', '\\"fPt\\"');
    const analysis = analyze(changed);
    assert.equal(analysis.configs[0].task.name, 'analysis-same-event-pairing-alt');
    assert.ok(codes(analysis).includes('f-prefixed-feature'));
  });

  it('leaves applyBDT of other tasks alone', () => {
    const other = '{"internal-dpl-clock": "", "hf-task": {"applyBDT": "true"}}';
    assert.deepEqual(codes(analyze(other)), []);
  });

  it('applies severity settings to DPL and embedded findings', () => {
    const changed = text
      .replace('"applyBDT": "true"', '"applyBDT": "false"')
      .replace('\\"kPt\\"', '\\"fPt\\"');
    const analysis = analyze(changed, {
      checkModelFiles: false,
      rules: { 'dpl-apply-bdt-off': 'off', 'f-prefixed-feature': 'warning' },
    });
    assert.deepEqual(codes(analysis), ['f-prefixed-feature']);
    assert.equal(analysis.findings[0].severity, 'warning');
  });
});

describe('analyzeDplDocument: broken DPL files', () => {
  it('reports the file syntax errors with a DPL reason', () => {
    const text = '{"analysis-same-event-pairing": {"applyBDT": "true",}}';
    const finding = only(analyze(text), 'json-trailing-comma');
    assert.match(finding.rationale ?? '', /DPL reads its configuration file as JSON/);
  });

  it('skips a config literal with an invalid escape', () => {
    const text = '{"analysis-same-event-pairing": {"fConfigBdtCutsJSON": "{\\x}"}}';
    const analysis = analyze(text);
    assert.equal(analysis.configs.length, 0);
    assert.ok(codes(analysis).includes('json-syntax'));
  });

  it('reports a config written as a number', () => {
    const text = '{"analysis-same-event-pairing": {"fConfigBdtCutsJSON": 5}}';
    const finding = only(analyze(text), 'dpl-config-not-string');
    assert.equal(sourceAt(text, finding.span), '5');
  });
});

describe('isDplConfiguration', () => {
  it('recognises DPL files by their tasks', () => {
    for (const name of ['escaped-config.json', 'dumped-by-dpl.json', 'object-config.json']) {
      assert.equal(isDplConfiguration(fixture(name)), true, name);
    }
    assert.equal(isDplConfiguration('{"my-task": {"fConfigBdtCutsJSON": ""}}'), true);
  });

  it('does not take a config for a DPL file', () => {
    const config = embeddedText(fixture('ccdb-models.json'));
    assert.equal(isDplConfiguration(config), false);
    assert.equal(isDplConfiguration('{"a": 1'), false);
    assert.equal(isDplConfiguration('[]'), false);
  });
});
