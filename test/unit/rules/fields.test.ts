import { strict as assert } from 'node:assert';
import {
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  firstPtBlock,
  memberAt,
  onlyFinding,
  sourceAt,
  spanOf,
  toText,
  type Json,
  type JsonObject,
} from '../../support/configs';

const VALID = toText(binaryConfig());
const CENT = ['BDTCut', 'AddCentCut-Cent1030'];
const CUT = [...CENT, 'AddPtCut-pTBin1', 'AddMLCut-background'];

/** Writes the valid config with one member at `path` set, or deleted when undefined. */
function withMember(path: string[], key: string, value: Json | undefined): string {
  const config = binaryConfig();
  const object: JsonObject = memberAt(config, ...path);
  if (value === undefined) delete object[key];
  else object[key] = value;
  return toText(config);
}

describe('field rules', () => {
  describe('wrong-value-type in blocks', () => {
    const text = withMember(CUT, 'cut', '0.5');

    it('fires on a cut written as a string', () => {
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"0.5"'));
    });

    it('names the number to write', () => {
      assert.equal(
        onlyFinding(text, 'wrong-value-type').message,
        '"cut" is the string "0.5", but the framework reads a number. Write 0.5 without quotes.',
      );
    });

    it('writes the number without quotes', () => {
      const finding = onlyFinding(text, 'wrong-value-type');
      const fixed = applyFix(text, finding, 'Write 0.5 as a number');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('fires on a string centMin', () => {
      const centMin = withMember(CENT, 'centMin', '10');
      const finding = onlyFinding(centMin, 'wrong-value-type');
      assert.equal(sourceAt(centMin, finding.span), '"10"');
      assert.equal(applyFix(centMin, finding, 'Write 10 as a number'), VALID);
    });

    it('explains a non-numeric string', () => {
      const text = withMember(CUT, 'cut', 'high');
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(finding.message, '"cut" must be a number (score threshold), not "high".');
      assert.deepEqual(finding.fixes, []);
    });

    it('fires on a string exclude', () => {
      const text = withMember(CUT, 'exclude', 'true');
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.deepEqual(finding.span, spanOf(text, '"true"'));
      assert.equal(
        finding.message,
        '"exclude" must be true or false, not "true". Write true without quotes.',
      );
    });

    it('writes a boolean exclude', () => {
      const text = withMember(CUT, 'exclude', 'true');
      const finding = onlyFinding(text, 'wrong-value-type');
      const fixed = applyFix(text, finding, 'Write true');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('reads 1 as true', () => {
      const text = withMember(CUT, 'exclude', 1);
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(applyFix(text, finding, 'Write true'), VALID);
    });

    it('offers no boolean for null', () => {
      const text = withMember(CUT, 'exclude', null);
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(finding.message, '"exclude" must be true or false, not null.');
      assert.deepEqual(finding.fixes, []);
    });

    it('fires on a numeric var', () => {
      const text = withMember(CUT, 'var', 0);
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(finding.message, '"var" must be a string such as "kBdtBackground", not 0.');
    });

    it('fires on a numeric pT block', () => {
      const text = withMember(CENT, 'AddPtCut-pTBin1', 2);
      const finding = findingsWith(text, 'wrong-value-type')[0];
      assert.equal(
        finding.message,
        'A pT block must be an object, e.g. "AddPtCut-pTBin1": { "pTMin": 0, "pTMax": 2, "AddMLCut-…": {…} }.',
      );
    });

    it('fires on a numeric score cut', () => {
      const text = withMember(CUT.slice(0, -1), 'AddMLCut-background', 0.5);
      assert.deepEqual(codesOf(text), ['wrong-value-type']);
    });

    it('fires on a list centrality block', () => {
      const config = binaryConfig();
      memberAt(config, 'BDTCut')['AddCentCut-Cent3050'] = [30, 50];
      const text = toText(config);
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(
        finding.message,
        'A centrality block must be an object, e.g. "AddCentCut-Cent3050": { "centMin": 0, "centMax": 100, "AddPtCut-…": {…} }.',
      );
    });

    it('stays silent on numbers and booleans', () => {
      assert.deepEqual(findingsWith(VALID, 'wrong-value-type'), []);
    });

    it('shortens a long value', () => {
      const text = withMember(CUT, 'cut', { value: 0.5, comment: 'tuned on LHC23zzh' });
      const finding = onlyFinding(text, 'wrong-value-type');
      assert.equal(
        finding.message,
        '"cut" must be a number (score threshold), not { "value": 0.5, "comment": "t….',
      );
    });
  });

  describe('missing-required-key in blocks', () => {
    const cases: Array<[string[], string, string, string]> = [
      [CENT, 'centMin', '"AddCentCut-Cent1030"', 'centrality percentile'],
      [CENT, 'centMax', '"AddCentCut-Cent1030"', 'centrality percentile'],
      [[...CENT, 'AddPtCut-pTBin1'], 'pTMin', '"AddPtCut-pTBin1"', 'pT in GeV/c'],
      [[...CENT, 'AddPtCut-pTBin1'], 'pTMax', '"AddPtCut-pTBin1"', 'pT in GeV/c'],
      [CUT, 'cut', '"AddMLCut-background"', 'score threshold'],
    ];
    for (const [path, key, owner, meaning] of cases) {
      it(`fires without ${key}`, () => {
        const text = withMember(path, key, undefined);
        const finding = onlyFinding(text, 'missing-required-key');
        assert.equal(finding.severity, 'error');
        assert.deepEqual(finding.span, spanOf(text, owner));
        assert.equal(finding.message, `${owner} has no "${key}" (${meaning}). Add it as a number.`);
      });
    }

    it('stays silent without var', () => {
      assert.deepEqual(codesOf(withMember(CUT, 'var', undefined)), []);
    });

    it('reads a missing exclude as false', () => {
      const config = binaryConfig();
      delete firstPtBlock(config)['AddMLCut-background'];
      firstPtBlock(config)['AddMLCut-background'] = { var: 'kBdtBackground', cut: 0.5 };
      assert.deepEqual(findingsWith(toText(config), 'missing-required-key'), []);
    });
  });
});
