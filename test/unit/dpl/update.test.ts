import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  analyzeDplDocument,
  hyperloopString,
  localString,
  updateDplConfiguration,
  type DplUpdate,
  type DplUpdateOptions,
} from '../../../server/src/core/dpl';
import { applyEdits, type TextEdit } from '../../../server/src/core/text';

const FIXTURES = resolve(__dirname, '../../fixtures/dpl');

function fixture(name: string): string {
  return readFileSync(resolve(FIXTURES, name), 'utf8');
}

/** A valid two-bin config with `/` in its model file names and a non-ASCII title. */
const CONFIG = `{
  "BDTCut": {
    "type": "Binary",
    "title": "J/ψ",
    "inputFeatures": ["kMass", "kPt"],
    "modelFiles": ["models/bin0.onnx", "models/bin1.onnx"],
    "cent": "kCentFT0C",
    "AddCentCut-Cent0100": {
      "centMin": -1, "centMax": 100,
      "AddPtCut-pTBin0": { "pTMin": 0, "pTMax": 2.0,
        "AddMLCut-background": { "var": "kBdtBackground", "cut": 0.50, "exclude": true } },
      "AddPtCut-pTBin1": { "pTMin": 2.0, "pTMax": 20,
        "AddMLCut-background": { "var": "kBdtBackground", "cut": 1e-3, "exclude": true } }
    }
  }
}`;

const COMPACT = (() => {
  const result = hyperloopString(CONFIG);
  assert.ok(result.ok);
  return result.compact;
})();

function update(dpl: string, options: DplUpdateOptions = {}, config = CONFIG): DplUpdate {
  const result = updateDplConfiguration(dpl, config, {
    ...options,
    analysis: { checkModelFiles: false },
  });
  assert.ok(result.ok, `update failed: ${JSON.stringify(!result.ok && result.error)}`);
  return result.update;
}

/**
 * Checks that the update changed only the spans of its edits: the text between edits is
 * byte-identical, and each replaced span held `replaced[i]` before.
 */
function assertOnlyEdits(original: string, result: DplUpdate, replaced: string[]): void {
  assert.equal(applyEdits(original, result.edits), result.text);
  const sorted = [...result.edits].sort((a, b) => a.span.start - b.span.start);
  assert.deepEqual(
    sorted.map((edit) => original.slice(edit.span.start, edit.span.end)),
    replaced,
  );
  let position = 0;
  let resultPosition = 0;
  for (const edit of sorted) {
    const kept = original.slice(position, edit.span.start);
    assert.equal(result.text.slice(resultPosition, resultPosition + kept.length), kept);
    resultPosition += kept.length + edit.newText.length;
    position = edit.span.end;
  }
  assert.equal(result.text.slice(resultPosition), original.slice(position));
}

function pairingTask(text: string): Record<string, unknown> {
  return (JSON.parse(text) as Record<string, Record<string, unknown>>)[
    'analysis-same-event-pairing'
  ];
}

function insertedText(result: DplUpdate): string {
  assert.equal(result.edits.length, 1);
  return (result.edits[0] as TextEdit).newText;
}

describe('updateDplConfiguration: a file written by DPL', () => {
  const original = fixture('dumped-by-dpl.json');
  const result = update(original);

  it('sets the config and applyBDT and nothing else', () => {
    assertOnlyEdits(original, result, ['"false"', '""']);
  });

  it('writes the compact string as one escaped string', () => {
    assert.equal(pairingTask(result.text).fConfigBdtCutsJSON, COMPACT);
    assert.equal(pairingTask(result.text).applyBDT, 'true');
    assert.equal(result.compact, COMPACT);
  });

  it('writes slashes as \\/ like the rest of the file', () => {
    assert.ok(result.text.includes('\\"modelFiles\\":[\\"models\\/bin0.onnx\\"'));
  });

  it('keeps escapes, labelled arrays and list shapes', () => {
    for (const kept of [
      '"ccdb-url": "http:\\/\\/alice-ccdb.cern.ch"',
      '"values": ["Users\\/d\\/duser\\/ML\\/default\\/"]',
      '"labels_rows": ["pT bin 0"]',
      '"values": [["0.5"]]',
    ]) {
      assert.ok(result.text.includes(kept), kept);
    }
  });

  it('lists what it changed', () => {
    assert.deepEqual(result.changes, [
      `Set fConfigBdtCutsJSON to the compact config (${COMPACT.length} characters).`,
      'Set applyBDT to "true".',
    ]);
    assert.equal(result.taskCreated, false);
    assert.equal(result.modelPaths.status, 'not-used');
  });

  it('leaves a file with no findings on its options', () => {
    const analysis = analyzeDplDocument(result.text, { checkModelFiles: false });
    assert.deepEqual(
      analysis.findings.map((finding) => finding.code),
      [],
    );
  });

  it('changes nothing the second time', () => {
    const again = update(result.text);
    assert.deepEqual(again.edits, []);
    assert.deepEqual(again.changes, []);
    assert.equal(again.text, result.text);
  });

  it('accepts the config as a local string', () => {
    const fromLocal = update(original, {}, `${localString(COMPACT)}\n`);
    assert.equal(fromLocal.text, result.text);
  });
});

describe('updateDplConfiguration: adding options', () => {
  const withoutBdt = fixture('dumped-by-dpl.json')
    .replace('    "applyBDT": "false",\n    "fConfigBdtCutsJSON": "",\n', '')
    .replace('    "loadModelsFromCCDB": "false",\n', '');

  it('appends the options after the last one, indented like it', () => {
    const result = update(withoutBdt);
    assertOnlyEdits(withoutBdt, result, ['']);
    assert.equal(
      insertedText(result),
      `,\n    "applyBDT": "true",\n    "fConfigBdtCutsJSON": ${JSON.stringify(COMPACT).replace(/\//g, '\\/')},\n    "loadModelsFromCCDB": "false"`,
    );
    const insertAt = result.edits[0].span.start;
    assert.ok(withoutBdt.slice(0, insertAt).endsWith('\n    "processDummy": "false"'));
  });

  it('keeps CRLF line endings and tabs', () => {
    const crlf = withoutBdt
      .replace(/\n/g, '\r\n')
      .replace(/^( {2})+/gm, (run) => '\t'.repeat(run.length / 2));
    const result = update(crlf);
    assertOnlyEdits(crlf, result, ['']);
    assert.ok(
      insertedText(result).startsWith(',\r\n\t\t"applyBDT": "true",\r\n\t\t"fConfigBdtCutsJSON": '),
    );
    assert.ok(!/[^\r]\n/.test(result.text));
  });

  it('adds the CCDB options with the folders', () => {
    const withoutCcdb = withoutBdt
      .replace(/ {4}"modelPathsCCDB": \{[^}]*\},\n/, '')
      .replace('    "timestampCCDB": "-1",\n', '');
    assert.ok(!withoutCcdb.includes('CCDB'));
    const result = update(withoutCcdb, {
      modelPathsCCDB: ['Users/u/ML/bin0/', 'Users/u/ML/bin1/'],
    });
    assertOnlyEdits(withoutCcdb, result, ['']);
    assert.ok(
      insertedText(result).endsWith(
        [
          '"loadModelsFromCCDB": "true",',
          '    "modelPathsCCDB": {',
          '      "values": [',
          '        "Users\\/u\\/ML\\/bin0\\/",',
          '        "Users\\/u\\/ML\\/bin1\\/"',
          '      ]',
          '    },',
          '    "timestampCCDB": "-1"',
        ].join('\n'),
      ),
    );
    assert.equal(result.modelPaths.status, 'ok');
  });

  it('writes into a one-line file on that line', () => {
    const inline =
      '{"internal-dpl-clock": "", "analysis-same-event-pairing": {"cfgTrackCuts": "a"}}';
    const result = update(inline);
    assertOnlyEdits(inline, result, ['']);
    assert.ok(insertedText(result).startsWith(', "applyBDT": "true", "fConfigBdtCutsJSON": "{'));
    assert.ok(!result.text.includes('\n'));
  });

  it('fills an empty task', () => {
    const empty = '{\n  "internal-dpl-clock": "",\n  "analysis-same-event-pairing": {}\n}\n';
    const result = update(empty);
    assertOnlyEdits(empty, result, ['']);
    assert.ok(
      result.text.startsWith(
        '{\n  "internal-dpl-clock": "",\n  "analysis-same-event-pairing": {\n    "applyBDT": "true",\n    "fConfigBdtCutsJSON": "{',
      ),
    );
    assert.ok(result.text.endsWith('"loadModelsFromCCDB": "false"\n  }\n}\n'));
  });

  it('adds the task when the file has none', () => {
    const other =
      '{\n  "internal-dpl-clock": "",\n  "analysis-event-selection": {\n    "cfgEventCuts": "x"\n  }\n}';
    const result = update(other);
    assertOnlyEdits(other, result, ['']);
    assert.equal(result.taskCreated, true);
    assert.ok(
      insertedText(result).startsWith(
        ',\n  "analysis-same-event-pairing": {\n    "applyBDT": "true",\n    "fConfigBdtCutsJSON": "{',
      ),
    );
    assert.ok(insertedText(result).endsWith('"loadModelsFromCCDB": "false"\n  }'));
    assert.match(result.changes[0], /Added the task "analysis-same-event-pairing"/);
  });

  it('fills an empty file object', () => {
    const result = update('{}');
    assert.equal(pairingTask(result.text).fConfigBdtCutsJSON, COMPACT);
  });

  it('updates the one task that carries the option', () => {
    const custom = '{"my-pairing": {"fConfigBdtCutsJSON": "", "applyBDT": "true"}}';
    const result = update(custom);
    assert.equal(result.taskName, 'my-pairing');
    assertOnlyEdits(custom, result, ['""', '']);
    assert.equal(result.edits[1].newText, ', "loadModelsFromCCDB": "false"');
  });

  it('updates the task named in the options', () => {
    const two = '{"a": {"x": "1"}, "analysis-same-event-pairing": {"y": "2"}}';
    const result = update(two, { taskName: 'a' });
    assert.equal(result.taskName, 'a');
    const parsed = JSON.parse(result.text) as Record<string, Record<string, string>>;
    assert.equal(parsed.a.fConfigBdtCutsJSON, COMPACT);
    assert.deepEqual(parsed['analysis-same-event-pairing'], { y: '2' });
  });
});

describe('updateDplConfiguration: CCDB folders', () => {
  const ccdb = fixture('ccdb-models.json');

  it('replaces the folders inside {"values": [...]}', () => {
    const result = update(ccdb, { modelPathsCCDB: ['Users/v/ML/a/', 'Users/v/ML/b/'] });
    const oldConfig = ccdb.slice(ccdb.indexOf('"{'), ccdb.indexOf('}}}}}"') + 6);
    assertOnlyEdits(ccdb, result, [
      oldConfig,
      '["Users/u/user/ML/bin0/", "Users/u/user/ML/bin1/"]',
    ]);
    assert.ok(
      result.text.includes(
        '"modelPathsCCDB": {\n      "values": ["Users/v/ML/a/", "Users/v/ML/b/"]\n    },',
      ),
    );
  });

  it('keeps a multi-line folder list multi-line', () => {
    const multiLine = ccdb.replace(
      '["Users/u/user/ML/bin0/", "Users/u/user/ML/bin1/"]',
      '[\n        "Users/u/user/ML/bin0/",\n        "Users/u/user/ML/bin1/"\n      ]',
    );
    const result = update(multiLine, { modelPathsCCDB: ['a/', 'b/'] });
    assert.ok(result.text.includes('"values": [\n        "a/",\n        "b/"\n      ]\n    },'));
  });

  it('rejects a folder count that differs from the model files', () => {
    const result = updateDplConfiguration(ccdb, CONFIG, { modelPathsCCDB: ['a/'] });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.reason, 'model-paths');
      assert.match(result.error.message, /2 model files but 1 CCDB folder was given/);
    }
  });

  it('rejects one folder for two model files', () => {
    const result = updateDplConfiguration(ccdb, CONFIG, { modelPathsCCDB: ['a/', 'a/'] });
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.match(
        result.error.message,
        /"a\/" is given to both models\/bin0.onnx and models\/bin1.onnx/,
      );
  });

  it('reports existing folders that do not fit, with a suggestion', () => {
    const oneFolder = ccdb.replace(', "Users/u/user/ML/bin1/"', '');
    const result = update(oneFolder);
    assert.equal(result.modelPaths.status, 'count-mismatch');
    assert.deepEqual(result.modelPaths.folders, ['Users/u/user/ML/bin0/']);
    assert.deepEqual(result.modelPaths.suggestion, [
      'Users/u/user/ML/models/bin0/',
      'Users/u/user/ML/models/bin1/',
    ]);
  });

  it('switches to local models on request', () => {
    const result = update(ccdb, { loadModelsFromCCDB: false });
    assert.equal(pairingTask(result.text).loadModelsFromCCDB, 'false');
    assert.equal(result.modelPaths.status, 'not-used');
    assert.deepEqual(pairingTask(result.text).modelPathsCCDB, {
      values: ['Users/u/user/ML/bin0/', 'Users/u/user/ML/bin1/'],
    });
  });

  it('writes the folders in {"values": ...} over another shape', () => {
    const bare = ccdb.replace(/"modelPathsCCDB": \{[^}]*\}/, '"modelPathsCCDB": ["x/"]');
    const result = update(bare, { modelPathsCCDB: ['a/', 'b/'] });
    assert.deepEqual(pairingTask(result.text).modelPathsCCDB, { values: ['a/', 'b/'] });
  });
});

describe('updateDplConfiguration: rejected input', () => {
  it('rejects a DPL file with syntax errors', () => {
    const result = updateDplConfiguration('{"a": {},}', CONFIG);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.reason, 'dpl-syntax');
      assert.equal(result.error.findings[0].code, 'json-trailing-comma');
    }
  });

  it('rejects a config with syntax errors', () => {
    const result = updateDplConfiguration('{}', '{"BDTCut": {"cut": NaN}}');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.reason, 'config-syntax');
      assert.equal(result.error.findings[0].code, 'json-non-finite-number');
    }
  });

  it('rejects a task that is not an object', () => {
    const result = updateDplConfiguration('{"analysis-same-event-pairing": ""}', CONFIG);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.reason, 'task-not-object');
  });

  it('rejects a file that is not an object', () => {
    const result = updateDplConfiguration('[]', CONFIG);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.reason, 'dpl-not-object');
  });

  it('returns the findings of a config with errors', () => {
    const broken = CONFIG.replace('"kPt"', '"fPt"');
    const result = update('{}', {}, broken);
    assert.deepEqual(
      result.configFindings.map((finding) => finding.code),
      ['f-prefixed-feature'],
    );
  });
});
