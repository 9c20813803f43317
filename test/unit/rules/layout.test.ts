import { strict as assert } from 'node:assert';
import {
  analyze,
  applyFix,
  binaryConfig,
  codesOf,
  firstPtBlock,
  multiClassConfig,
  onlyFinding,
  rangeOf,
  scoreCut,
  selectionOf,
  sourceAt,
  toText,
  type JsonObject,
} from '../../support/configs';

const VALID = toText(binaryConfig());

/** Re-indents two-space JSON with one tab per level. */
function withTabs(text: string): string {
  return text.replace(/^(?: {2})+/gm, (indent) => '\t'.repeat(indent.length / 2));
}

function withCrlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** Builds the valid config without the first block's `exclude`, so a fix has to add it. */
function withoutFirstExclude(): JsonObject {
  const config = binaryConfig();
  delete (firstPtBlock(config)['AddMLCut-background'] as JsonObject).exclude;
  return config;
}

/**
 * Builds a MultiClass config with `centralityBins` × `ptBins` bins, written with two-space
 * indentation. The bins are contiguous and every bin has its model file.
 */
function largeConfig(centralityBins: number, ptBins: number): JsonObject {
  const config = multiClassConfig();
  const selection = selectionOf(config);
  delete selection['AddCentCut-Cent1030'];
  const files: string[] = [];
  for (let c = 0; c < centralityBins; c++) {
    const block: JsonObject = { centMin: c, centMax: c + 1 };
    for (let p = 0; p < ptBins; p++) {
      block[`AddPtCut-pTBin${p}`] = {
        pTMin: p / 10,
        pTMax: (p + 1) / 10,
        'AddMLCut-background': scoreCut('kBdtBackground', 0.1, true),
        'AddMLCut-prompt': scoreCut('kBdtPrompt', 0.6, false),
        'AddMLCut-nonprompt': scoreCut('kBdtNonprompt', 0.2, true),
      };
      files.push(`model_${c}_${p}.onnx`);
    }
    selection[`AddCentCut-Cent${c}`] = block;
  }
  selection.modelFiles = files;
  return config;
}

describe('text layout', () => {
  describe('tabs', () => {
    it('counts a tab as one column', () => {
      const text = withTabs(VALID).replace('"Binary"', '"binary"');
      const finding = onlyFinding(text, 'invalid-type');
      assert.equal(rangeOf(text, finding.span), '3:11-3:19');
    });

    it('indents an added member with tabs', () => {
      const text = withTabs(toText(withoutFirstExclude()));
      const finding = onlyFinding(text, 'binary-keeps-background');
      const fixed = applyFix(text, finding, 'Set "exclude": true, keeping the cut');
      assert.equal(fixed, withTabs(VALID));
    });

    it('reads mixed tabs and spaces', () => {
      const mixed = VALID.replace(/^ {4}"/gm, '\t  "');
      assert.deepEqual(codesOf(mixed), []);
    });
  });

  describe('CRLF line endings', () => {
    it('counts lines as with LF', () => {
      const lf = VALID.replace('"kCentFT0C"', '"kCentFT0X"');
      const crlf = withCrlf(lf);
      const lfRange = rangeOf(lf, onlyFinding(lf, 'invalid-centrality-estimator').span);
      const crlfRange = rangeOf(crlf, onlyFinding(crlf, 'invalid-centrality-estimator').span);
      assert.equal(crlfRange, lfRange);
    });

    it('adds a member with CRLF', () => {
      const text = withCrlf(toText(withoutFirstExclude()));
      const finding = onlyFinding(text, 'binary-keeps-background');
      const fixed = applyFix(text, finding, 'Set "exclude": true, keeping the cut');
      assert.equal(fixed, withCrlf(VALID));
    });

    it('adds a model file with CRLF', () => {
      const config = binaryConfig();
      (selectionOf(config).modelFiles as string[]).pop();
      const text = withCrlf(toText(config));
      const finding = onlyFinding(text, 'model-count-mismatch');
      const fixed = applyFix(text, finding, 'Add 1 model file name named after the bins');
      assert.equal(fixed, withCrlf(VALID));
    });

    it('removes a member with CRLF', () => {
      const config = binaryConfig();
      selectionOf(config).comment = 'v2';
      const text = withCrlf(toText(config));
      const fixed = applyFix(text, onlyFinding(text, 'unknown-key'), 'Remove "comment"');
      assert.equal(fixed, withCrlf(VALID));
    });
  });

  describe('one-line configs', () => {
    it('keeps an added member inline', () => {
      const text = JSON.stringify(withoutFirstExclude());
      const finding = onlyFinding(text, 'binary-keeps-background');
      const fixed = applyFix(text, finding, 'Set "exclude": true, keeping the cut');
      assert.equal(fixed, text.replace('"cut":0.5}', '"cut":0.5, "exclude": true}'));
      assert.deepEqual(codesOf(fixed), []);
    });

    it('keeps an added file inline', () => {
      const config = binaryConfig();
      (selectionOf(config).modelFiles as string[]).pop();
      const text = JSON.stringify(config);
      const finding = onlyFinding(text, 'model-count-mismatch');
      const fixed = applyFix(text, finding, 'Add 1 model file name named after the bins');
      assert.equal(
        fixed,
        JSON.stringify(binaryConfig()).replace('","cent_10_30_pt2', '", "cent_10_30_pt2'),
      );
      assert.deepEqual(codesOf(fixed), []);
    });

    it('fills an empty one-line list', () => {
      const config = binaryConfig();
      selectionOf(config).modelFiles = [];
      const text = JSON.stringify(config);
      const finding = onlyFinding(text, 'model-count-mismatch');
      const fixed = applyFix(text, finding, 'Add 2 model file names named after the bins');
      assert.equal(
        fixed,
        text.replace(
          '"modelFiles":[]',
          '"modelFiles":["modelBDT_cent10_30_pt0_2_onnx.onnx", "modelBDT_cent10_30_pt2_20_onnx.onnx"]',
        ),
      );
    });
  });

  describe('unicode', () => {
    it('counts UTF-16 code units', () => {
      const text = '{"BDTCut": {\n"title": "😀 é", "type": "binary"}}';
      const finding = onlyFinding(text, 'invalid-type');
      assert.equal(rangeOf(text, finding.span), '2:26-2:34');
    });

    it('reads keys with non-ASCII letters', () => {
      const text = VALID.replace('AddCentCut-Cent1030', 'AddCentCut-Zentralität-😀');
      const bins = analyze(text).model.active?.bins ?? [];
      assert.equal(bins.length, 2);
      assert.deepEqual(codesOf(text), []);
    });

    it('quotes a non-ASCII key', () => {
      const text = VALID.replace('"title"', '"Titel-ü"');
      const finding = onlyFinding(text, 'unknown-key');
      assert.equal(sourceAt(text, finding.span), '"Titel-ü"');
      assert.equal(
        applyFix(text, finding, 'Remove "Titel-ü"'),
        VALID.replace('    "title": "MyBDTModel",\n', ''),
      );
    });

    it('decodes escapes in keys', () => {
      const text = VALID.replace('"AddCentCut-Cent1030"', '"Add\\u0043entCut-Cent1030"');
      assert.equal(analyze(text).model.active?.bins.length, 2);
    });
  });

  describe('large configs', () => {
    const config = largeConfig(25, 100);
    const text = toText(config);

    it('builds a config above 1 MB', () => {
      assert.ok(text.length > 1_000_000, `${text.length} characters`);
    });

    it('reads every bin', () => {
      const bins = analyze(text).model.active?.bins ?? [];
      assert.equal(bins.length, 2500);
      assert.equal(bins[2499].label, 'kCentFT0C_cent24_25_pt9.9_10.0');
    });

    it('has no findings when valid', () => {
      assert.deepEqual(codesOf(text), []);
    });

    it('places a finding near the end', () => {
      const broken = text.replace(/"cut": 0\.2,(?![\s\S]*"cut": 0\.2,)/, '"cut": "0.2",');
      const finding = onlyFinding(broken, 'wrong-value-type');
      const line = broken.slice(0, broken.indexOf('"cut": "0.2"')).split('\n').length - 1;
      assert.equal(rangeOf(broken, finding.span), `${line + 1}:18-${line + 1}:23`);
    });
  });
});
