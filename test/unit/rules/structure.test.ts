import { strict as assert } from 'node:assert';
import {
  analyze,
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  fixTitled,
  onlyFinding,
  rangeOf,
  selectionOf,
  sourceAt,
  spanOf,
  toText,
  type JsonObject,
} from '../../support/configs';

const VALID = toText(binaryConfig());

/** Writes a valid Binary config changed by `change` as text. */
function configWith(change: (selection: JsonObject) => void): string {
  const config = binaryConfig();
  change(selectionOf(config));
  return toText(config);
}

describe('structure rules', () => {
  it('binary base has no findings', () => {
    assert.deepEqual(codesOf(VALID), []);
  });

  describe('top-level-not-object', () => {
    it('fires on an array', () => {
      const text = '[\n  {"BDTCut": {}}\n]';
      const finding = onlyFinding(text, 'top-level-not-object');
      assert.equal(finding.severity, 'error');
      assert.equal(rangeOf(text, finding.span), '1:1-3:2');
    });

    it('shows the expected shape', () => {
      assert.equal(
        onlyFinding('42', 'top-level-not-object').message,
        'The document is a JSON number, not an object. Write an object whose first member is the selection, e.g. {"BDTCut": {…}}.',
      );
    });

    it('fires on a non-config string', () => {
      const finding = onlyFinding('"BDTCut"', 'top-level-not-object');
      assert.equal(
        finding.message,
        'The document is a JSON string, not an object. Write the config as a JSON object.',
      );
    });

    it('stays silent on an object', () => {
      assert.deepEqual(findingsWith(VALID, 'top-level-not-object'), []);
    });
  });

  describe('config-encoded-as-string', () => {
    const text = JSON.stringify(JSON.stringify(binaryConfig()));

    it('fires on the local string form', () => {
      const finding = onlyFinding(text, 'config-encoded-as-string');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, { start: 0, end: text.length });
    });

    it('explains the encoding', () => {
      assert.equal(
        onlyFinding(text, 'config-encoded-as-string').message,
        'The document is the config encoded once more as a JSON string (the form for a local DPL configuration). Decode it once to get the config object.',
      );
    });

    it('stays silent on the Hyperloop form', () => {
      assert.deepEqual(codesOf(JSON.stringify(binaryConfig())), []);
    });

    it('decodes the string', () => {
      const finding = onlyFinding(text, 'config-encoded-as-string');
      const fixed = applyFix(text, finding, 'Decode the string into the config object');
      assert.equal(fixed, `${JSON.stringify(binaryConfig(), null, 4)}\n`);
      assert.deepEqual(codesOf(fixed), []);
    });
  });

  describe('no-selection', () => {
    it('fires on an empty object', () => {
      const text = '{\n}';
      const finding = onlyFinding(text, 'no-selection');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '{\n}');
    });

    it('shows a selection to add', () => {
      assert.equal(
        onlyFinding('{}', 'no-selection').message,
        'The top-level object is empty. Add one selection, e.g. "BDTCut": { "type": "Binary", … }.',
      );
    });

    it('stays silent with a selection', () => {
      assert.deepEqual(findingsWith(VALID, 'no-selection'), []);
    });
  });

  describe('ignored-selection', () => {
    const config = binaryConfig();
    config.OtherCut = selectionOf(binaryConfig());
    const text = toText(config);

    it('fires on a second selection', () => {
      const finding = onlyFinding(text, 'ignored-selection');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"OtherCut"'));
      assert.equal(finding.unnecessary, true);
    });

    it('names the selection that is read', () => {
      const finding = onlyFinding(text, 'ignored-selection');
      assert.equal(
        finding.message,
        'Selection "OtherCut" is ignored: the framework reads only the first selection, "BDTCut". Move it to its own file, or first if it is the one you want.',
      );
      assert.deepEqual(finding.related?.[0].span, spanOf(text, '"BDTCut"'));
    });

    it('checks only the first selection', () => {
      const broken = binaryConfig();
      broken.OtherCut = { type: 'Regression' };
      assert.deepEqual(codesOf(toText(broken)), ['ignored-selection']);
    });

    it('stays silent with one selection', () => {
      assert.deepEqual(findingsWith(VALID, 'ignored-selection'), []);
    });

    it('fires on a repeated selection key', () => {
      const repeated = VALID.replace(/\n}$/, `,\n  "BDTCut": {}\n}`);
      const finding = onlyFinding(repeated, 'ignored-selection');
      assert.deepEqual(finding.span, spanOf(repeated, '"BDTCut"', 1));
    });
  });

  describe('missing-required-key', () => {
    const examples: Array<[string, string]> = [
      ['type', '"type": "Binary"'],
      ['inputFeatures', '"inputFeatures": ["kMass", "kPt"]'],
      ['modelFiles', '"modelFiles": ["model.onnx"]'],
      ['cent', '"cent": "kCentFT0C"'],
    ];
    for (const [key, example] of examples) {
      it(`fires without ${key}`, () => {
        const text = configWith((selection) => delete selection[key]);
        const finding = onlyFinding(text, 'missing-required-key');
        assert.equal(finding.severity, 'error');
        assert.deepEqual(finding.span, spanOf(text, '"BDTCut"'));
        assert.equal(
          finding.message,
          `Selection "BDTCut" has no "${key}". Add it, e.g. ${example}.`,
        );
      });
    }

    it('stays silent without title', () => {
      const text = configWith((selection) => delete selection.title);
      assert.deepEqual(codesOf(text), []);
    });
  });

  describe('wrong-value-type in the selection', () => {
    it('fires on a selection that is a string', () => {
      const text = '{"BDTCut": "Binary"}';
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"Binary"');
      assert.equal(
        finding.message,
        'Selection "BDTCut" must be an object holding type, inputFeatures, modelFiles, cent and the AddCentCut blocks.',
      );
    });

    it('fires on a numeric type', () => {
      const text = configWith((selection) => (selection.type = 1));
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(sourceAt(text, finding.span), '1');
      assert.equal(finding.message, '"type" must be a string, not 1.');
    });

    it('fires on a cent list', () => {
      const text = configWith((selection) => (selection.cent = ['kCentFT0C']));
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(finding.message, '"cent" must be a string, not [ "kCentFT0C" ].');
    });

    it('fires on features as one string', () => {
      const text = configWith((selection) => (selection.inputFeatures = 'kMass'));
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(sourceAt(text, finding.span), '"kMass"');
      assert.equal(
        finding.message,
        '"inputFeatures" must be an array of strings, e.g. ["kMass", "kPt"].',
      );
    });

    it('fires on a DPL-style list', () => {
      const text = configWith(
        (selection) => (selection.modelFiles = { values: ['cent_10_30_pt0_2_onnx.onnx'] }),
      );
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(
        finding.message,
        '"modelFiles" must be an array of strings, e.g. ["model.onnx"].',
      );
    });

    it('fires on a number in a list', () => {
      const text = configWith((selection) => (selection.inputFeatures = ['kMass', 3]));
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(sourceAt(text, finding.span), '3');
      assert.equal(
        finding.message,
        'Entry 1 of "inputFeatures" is a number; every entry must be a string.',
      );
    });

    it('ignores the type of title', () => {
      const text = configWith((selection) => (selection.title = 7));
      assert.deepEqual(codesOf(text), []);
    });
  });

  describe('invalid-type', () => {
    const text = configWith((selection) => (selection.type = 'binary'));

    it('fires on a wrong case', () => {
      const finding = onlyFinding(text, 'invalid-type');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"binary"');
    });

    it('suggests the near name', () => {
      assert.equal(
        onlyFinding(text, 'invalid-type').message,
        'Invalid type "binary". Use "Binary" (one score) or "MultiClass" (three scores); did you mean "Binary"?',
      );
    });

    it('stays silent on MultiClass', () => {
      const multi = configWith((selection) => (selection.type = 'MultiClass'));
      assert.deepEqual(findingsWith(multi, 'invalid-type'), []);
    });

    it('changes to the suggestion', () => {
      const finding = onlyFinding(text, 'invalid-type');
      assert.equal(fixTitled(finding, 'Change to "Binary"').preferred, true);
      const fixed = applyFix(text, finding, 'Change to "Binary"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('offers both types without a suggestion', () => {
      const far = configWith((selection) => (selection.type = 'Regression'));
      const finding = onlyFinding(far, 'invalid-type');
      assert.deepEqual(
        finding.fixes?.map((fix) => [fix.title, fix.preferred]),
        [
          ['Change to "Binary"', false],
          ['Change to "MultiClass"', false],
        ],
      );
      assert.equal(
        finding.message,
        'Invalid type "Regression". Use "Binary" (one score) or "MultiClass" (three scores).',
      );
    });
  });

  describe('invalid-centrality-estimator', () => {
    const text = configWith((selection) => (selection.cent = 'kCentFTOC'));

    it('fires on an unknown estimator', () => {
      const finding = onlyFinding(text, 'invalid-centrality-estimator');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"kCentFTOC"');
    });

    it('lists the estimators', () => {
      assert.equal(
        onlyFinding(text, 'invalid-centrality-estimator').message,
        'Invalid centrality estimator "kCentFTOC". Use one of kCentFT0C, kCentFT0A, kCentFT0M; did you mean "kCentFT0C"?',
      );
    });

    for (const estimator of ['kCentFT0C', 'kCentFT0A', 'kCentFT0M']) {
      it(`accepts ${estimator}`, () => {
        const text = configWith((selection) => (selection.cent = estimator));
        assert.deepEqual(findingsWith(text, 'invalid-centrality-estimator'), []);
      });
    }

    it('changes to the suggestion', () => {
      const finding = onlyFinding(text, 'invalid-centrality-estimator');
      const fixed = applyFix(text, finding, 'Change to "kCentFT0C"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('offers every estimator without a suggestion', () => {
      const far = configWith((selection) => (selection.cent = 'V0M'));
      const finding = onlyFinding(far, 'invalid-centrality-estimator');
      assert.deepEqual(
        finding.fixes?.map((fix) => fix.title),
        ['Change to "kCentFT0C"', 'Change to "kCentFT0A"', 'Change to "kCentFT0M"'],
      );
    });
  });

  describe('schema-key', () => {
    const text = toText({ $schema: './bdtCut.schema.json', ...binaryConfig() });

    it('fires on a leading $schema', () => {
      const finding = onlyFinding(text, 'schema-key');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"$schema": "./bdtCut.schema.json"');
    });

    it('explains the first member', () => {
      assert.equal(
        onlyFinding(text, 'schema-key').message,
        'The first member is "$schema", which the framework would read as the selection. Remove it; the editor associates the schema by file name.',
      );
    });

    it('stays silent on a later $schema', () => {
      const later = toText({ ...binaryConfig(), $schema: './bdtCut.schema.json' });
      assert.deepEqual(findingsWith(later, 'schema-key'), []);
    });

    it('removes $schema', () => {
      const fixed = applyFix(text, onlyFinding(text, 'schema-key'), 'Remove "$schema"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });
  });

  describe('no-centrality-block', () => {
    const text = configWith((selection) => delete selection['AddCentCut-Cent1030']);

    it('fires without AddCentCut', () => {
      const finding = onlyFinding(text, 'no-centrality-block');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"BDTCut"'));
    });

    it('shows a block to add', () => {
      assert.equal(
        onlyFinding(text, 'no-centrality-block').message,
        'Selection "BDTCut" has no centrality block. Add a member whose key contains "AddCentCut", e.g. "AddCentCut-Cent0100": { "centMin": 0, "centMax": 100, "AddPtCut-pTBin1": {…} }.',
      );
    });

    it('accepts the mark inside a key', () => {
      const text = configWith((selection) => {
        selection.myAddCentCutX = selection['AddCentCut-Cent1030'];
        delete selection['AddCentCut-Cent1030'];
      });
      assert.deepEqual(codesOf(text), []);
    });

    it('requires the exact case', () => {
      const text = configWith((selection) => {
        selection['addCentCut-Cent1030'] = selection['AddCentCut-Cent1030'];
        delete selection['AddCentCut-Cent1030'];
      });
      assert.deepEqual(codesOf(text), ['no-centrality-block', 'unknown-key']);
    });
  });

  describe('no-pt-block', () => {
    it('fires when no block has pT blocks', () => {
      const text = configWith((selection) => {
        selection['AddCentCut-Cent1030'] = { centMin: 10, centMax: 30 };
      });
      const finding = onlyFinding(text, 'no-pt-block');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"BDTCut"'));
      assert.equal(
        finding.message,
        'No centrality block of "BDTCut" has a pT block, so there is no bin. Add a member whose key contains "AddPtCut" inside a centrality block.',
      );
    });

    it('warns on one empty block', () => {
      const text = configWith((selection) => {
        selection['AddCentCut-Cent3050'] = { centMin: 30, centMax: 50 };
      });
      const finding = onlyFinding(text, 'no-pt-block');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"AddCentCut-Cent3050"'));
      assert.equal(
        finding.message,
        'Centrality block "AddCentCut-Cent3050" has no pT block, so it adds no bin and its pairs are dropped. Add a member whose key contains "AddPtCut".',
      );
    });

    it('stays silent with pT blocks', () => {
      assert.deepEqual(findingsWith(VALID, 'no-pt-block'), []);
    });
  });

  describe('rule settings', () => {
    const text = configWith((selection) => (selection.type = 'binary'));

    it('turns a code off', () => {
      const analysis = analyze(text, { rules: { 'invalid-type': 'off' } });
      assert.deepEqual(analysis.findings, []);
    });

    it('overrides a severity', () => {
      const analysis = analyze(text, { rules: { 'invalid-type': 'info' } });
      assert.equal(analysis.findings[0].severity, 'info');
    });
  });
});
