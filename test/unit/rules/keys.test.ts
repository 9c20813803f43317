import { strict as assert } from 'node:assert';
import {
  analyze,
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  fixTitled,
  memberAt,
  onlyFinding,
  scoreCut,
  selectionOf,
  sourceAt,
  spanOf,
  toText,
  type JsonObject,
} from '../../support/configs';

const VALID = toText(binaryConfig());

/** Returns a copy of `object` with the member `from` renamed to `to`, keeping member order. */
function renamed(object: JsonObject, from: string, to: string): JsonObject {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key === from ? to : key, value]),
  );
}

/** Writes the valid config with one key renamed, keeping member order. */
function withRenamedKey(path: string[], from: string, to: string): string {
  const config = binaryConfig();
  if (path.length === 0) return toText(renamed(config, from, to));
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length > 0 ? memberAt(config, ...parentPath) : config;
  const last = path[path.length - 1];
  parent[last] = renamed(memberAt(config, ...path), from, to);
  return toText(config);
}

const CENT = ['BDTCut', 'AddCentCut-Cent1030'];
const PT = [...CENT, 'AddPtCut-pTBin1'];
const CUT = [...PT, 'AddMLCut-background'];

/** A selection in the layout of early configs: pT blocks as AddMLCut members, no cent. */
const LEGACY = [
  '{',
  '\t"TestCut": {',
  '\t\t"type": "Binary",',
  '\t\t"inputFeatures": ["kPt1", "kPt2"],',
  '\t\t"modelFiles": ["cent_30_50_pt0_2_onnx.onnx"],',
  '\t\t"cent": "kCentFT0C",',
  '\t\t"AddMLCut-pTBin1": {',
  '\t\t\t"pTMin": 0,',
  '\t\t\t"pTMax": 2,',
  '\t\t\t"AddMLCut-background": { "var": "kBdtBackground", "cut": 0.5, "exclude": true }',
  '\t\t}',
  '\t}',
  '}',
].join('\n');

describe('key rules', () => {
  describe('unknown-key', () => {
    const text = withRenamedKey(['BDTCut'], 'AddCentCut-Cent1030', 'AddCenCut-Cent1030');

    it('fires on a misspelled block key', () => {
      const finding = onlyFinding(text, 'unknown-key');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"AddCenCut-Cent1030"'));
      assert.equal(finding.unnecessary, true);
    });

    it('suggests the block mark', () => {
      assert.equal(
        onlyFinding(text, 'unknown-key').message,
        'Unknown key "AddCenCut-Cent1030" in the selection: the framework ignores it. Did you mean "AddCentCut-Cent1030"?',
      );
    });

    it('renames to the suggestion', () => {
      const finding = onlyFinding(text, 'unknown-key');
      assert.equal(fixTitled(finding, 'Rename to "AddCentCut-Cent1030"').preferred, true);
      const fixed = applyFix(text, finding, 'Rename to "AddCentCut-Cent1030"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('removes the member', () => {
      const extra = toText({ BDTCut: { ...selectionOf(binaryConfig()), comment: 'v2' } });
      const finding = onlyFinding(extra, 'unknown-key');
      const fixed = applyFix(extra, finding, 'Remove "comment"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('lists known keys without a suggestion', () => {
      const extra = toText({ BDTCut: { ...selectionOf(binaryConfig()), comment: 'v2' } });
      const finding = onlyFinding(extra, 'unknown-key');
      assert.equal(
        finding.message,
        'Unknown key "comment" in the selection: the framework ignores it. Known keys here: type, title, inputFeatures, modelFiles, cent, keys containing "AddCentCut".',
      );
      assert.deepEqual(
        finding.fixes?.map((fix) => fix.title),
        ['Remove "comment"'],
      );
    });

    it('suggests AddPtCut in a centrality block', () => {
      const typo = withRenamedKey(CENT, 'AddPtCut-pTBin1', 'AddPTCut-pTBin1');
      const finding = onlyFinding(typo, 'unknown-key');
      assert.equal(
        finding.message,
        'Unknown key "AddPTCut-pTBin1" in a centrality block: the framework ignores it. Did you mean "AddPtCut-pTBin1"?',
      );
    });

    it('suggests pTMin for ptMin', () => {
      const typo = withRenamedKey(PT, 'pTMin', 'ptMin');
      const finding = onlyFinding(typo, 'unknown-key');
      const fixed = applyFix(typo, finding, 'Rename to "pTMin"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('suggests exclude in a score cut', () => {
      const typo = withRenamedKey(CUT, 'exclude', 'excluded');
      const finding = onlyFinding(typo, 'unknown-key');
      assert.equal(
        finding.message,
        'Unknown key "excluded" in a score cut: the framework ignores it. Did you mean "exclude"?',
      );
    });

    it('stays silent on title', () => {
      assert.deepEqual(findingsWith(VALID, 'unknown-key'), []);
    });

    it('ignores keys of later selections', () => {
      const config = binaryConfig();
      config.Second = { ...selectionOf(binaryConfig()), comment: 'x' };
      assert.deepEqual(findingsWith(toText(config), 'unknown-key'), []);
    });
  });

  describe('misplaced-block', () => {
    it('fires on a legacy pT bin', () => {
      const finding = findingsWith(LEGACY, 'misplaced-block')[0];
      assert.equal(finding.severity, 'warning');
      assert.equal(sourceAt(LEGACY, finding.span), '"AddMLCut-pTBin1"');
      assert.equal(finding.unnecessary, true);
    });

    it('explains the legacy layout', () => {
      assert.equal(
        onlyFinding(LEGACY, 'misplaced-block').message,
        '"AddMLCut-pTBin1" in the selection is not a pT bin: AddMLCut blocks are score cuts and belong inside an AddPtCut block, which belongs inside an AddCentCut block. The framework ignores this member. Wrap the pT blocks in "AddCentCut-…": { "centMin": …, "centMax": …, "AddPtCut-…": {…} }.',
      );
    });

    it('reads the legacy layout', () => {
      assert.deepEqual(codesOf(LEGACY), ['no-centrality-block', 'misplaced-block']);
    });

    it('fires on a pT block in the selection', () => {
      const config = binaryConfig();
      const selection = selectionOf(config);
      selection['AddPtCut-pTBin3'] = { pTMin: 20, pTMax: 50 };
      const text = toText(config);
      const finding = onlyFinding(text, 'misplaced-block');
      assert.deepEqual(finding.span, spanOf(text, '"AddPtCut-pTBin3"'));
      assert.equal(
        finding.message,
        '"AddPtCut-pTBin3" contains "AddPtCut", but the selection is not where the framework looks for it; AddXxxCut blocks go inside an AddCentCut block. The framework ignores this member. Move it there.',
      );
    });

    it('fires on a cut in centrality', () => {
      const config = binaryConfig();
      memberAt(config, ...CENT)['AddMLCut-background'] = scoreCut('kBdtBackground', 0.5, true);
      const text = toText(config);
      const finding = onlyFinding(text, 'misplaced-block');
      // The two pT blocks come first, each with its own "AddMLCut-background".
      assert.deepEqual(finding.span, spanOf(text, '"AddMLCut-background"', 2));
    });

    it('fires on centrality in a cut', () => {
      const config = binaryConfig();
      memberAt(config, ...CUT)['AddCentCut-x'] = {};
      const text = toText(config);
      const finding = onlyFinding(text, 'misplaced-block');
      assert.equal(
        finding.message,
        '"AddCentCut-x" contains "AddCentCut", but a score cut is not where the framework looks for it; AddXxxCut blocks go directly in the selection. The framework ignores this member. Move it there.',
      );
    });

    it('stays silent on nested blocks', () => {
      assert.deepEqual(findingsWith(VALID, 'misplaced-block'), []);
    });
  });

  describe('block marks anywhere in a key', () => {
    const text = withRenamedKey(PT, 'AddMLCut-background', 'zzAddMLCut').replace(
      /"AddCentCut-Cent1030"/,
      '"myAddCentCut"',
    );

    it('accepts marks inside keys', () => {
      const marked = text.replace('"AddPtCut-pTBin1"', '"xAddPtCutx"');
      assert.deepEqual(codesOf(marked), []);
    });

    it('reads marked blocks as bins', () => {
      const bins = analyze(text).model.active?.bins ?? [];
      assert.deepEqual(
        bins.map((bin) => bin.centrality.member.key),
        ['myAddCentCut', 'myAddCentCut'],
      );
      assert.equal(bins[0].cuts[0].source.member.key, 'zzAddMLCut');
    });

    it('takes the first mark in a key', () => {
      const twoMarks = VALID.replace('"AddPtCut-pTBin1"', '"AddPtCut-AddMLCut"');
      assert.deepEqual(codesOf(twoMarks), []);
    });
  });

  describe('duplicate-key', () => {
    const config = binaryConfig();
    memberAt(config, ...CUT).cut = 0.5;
    const text = toText(config).replace('"cut": 0.5,', '"cut": 0.5,\n          "cut": 0.9,');

    it('fires on a repeated field', () => {
      const finding = onlyFinding(text, 'duplicate-key');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"cut"', 1));
      assert.deepEqual(finding.related?.[0].span, spanOf(text, '"cut"', 0));
    });

    it('names the value that is read', () => {
      assert.equal(
        onlyFinding(text, 'duplicate-key').message,
        'Duplicate key "cut". The framework reads the first value (0.5) and ignores this one, while most JSON tools keep the last. Remove one of them.',
      );
    });

    it('reads the first of two members', () => {
      const bins = analyze(text).model.active?.bins ?? [];
      assert.equal(bins[0].cuts[0].cut, 0.5);
    });

    it('removes the later member', () => {
      const finding = onlyFinding(text, 'duplicate-key');
      const fixed = applyFix(text, finding, 'Remove this "cut"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('counts repeated blocks as bins', () => {
      const twice = VALID.replace('"AddPtCut-pTBin2"', '"AddPtCut-pTBin1"');
      const bins = analyze(twice).model.active?.bins ?? [];
      assert.deepEqual(
        bins.map((bin) => bin.label),
        ['kCentFT0C_cent10_30_pt0.0_2.0', 'kCentFT0C_cent10_30_pt2.0_20.0'],
      );
    });

    it('notes repeated block keys', () => {
      const twice = VALID.replace('"AddPtCut-pTBin2"', '"AddPtCut-pTBin1"');
      const finding = onlyFinding(twice, 'duplicate-key');
      assert.equal(finding.severity, 'info');
      assert.deepEqual(finding.span, spanOf(twice, '"AddPtCut-pTBin1"', 1));
      assert.equal(
        finding.message,
        'Duplicate key "AddPtCut-pTBin1". The framework reads both blocks as separate entries, while most JSON tools keep only the last; give each block its own key.',
      );
      assert.equal(finding.fixes, undefined);
    });

    it('stays silent on one key per object', () => {
      assert.deepEqual(findingsWith(VALID, 'duplicate-key'), []);
    });

    it('shortens a long first value', () => {
      const features = VALID.replace(
        '"cent": "kCentFT0C",',
        '"cent": "kCentFT0C",\n    "inputFeatures": [],',
      );
      const finding = onlyFinding(features, 'duplicate-key');
      assert.equal(
        finding.message,
        'Duplicate key "inputFeatures". The framework reads the first value ([ "kMass", "kPt", "kTPCNSigma…) and ignores this one, while most JSON tools keep the last. Remove one of them.',
      );
    });
  });
});
