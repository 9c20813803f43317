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
  secondPtBlock,
  selectionOf,
  sourceAt,
  spanOf,
  toText,
  type JsonObject,
} from '../../support/configs';

const VALID = toText(binaryConfig());
const CENT = ['BDTCut', 'AddCentCut-Cent1030'];

/** Writes a valid Binary config changed by `change` as text. */
function configWith(change: (config: JsonObject) => void): string {
  const config = binaryConfig();
  change(config);
  return toText(config);
}

/** Adds the centrality block `AddCentCut-<key>` over [min, max) with the two usual pT blocks. */
function addCentralityBlock(config: JsonObject, key: string, min: number, max: number): void {
  const ptBlock = (pTMin: number, pTMax: number) => ({
    pTMin,
    pTMax,
    'AddMLCut-background': scoreCut('kBdtBackground', 0.5, true),
  });
  const selection = selectionOf(config);
  selection[`AddCentCut-${key}`] = {
    centMin: min,
    centMax: max,
    'AddPtCut-pTBin1': ptBlock(0, 2),
    'AddPtCut-pTBin2': ptBlock(2, 20),
  };
  const files = selection.modelFiles as string[];
  files.push(`cent_${min}_${max}_pt0_2_onnx.onnx`, `cent_${min}_${max}_pt2_20_onnx.onnx`);
}

describe('bin rules', () => {
  describe('bin numbering', () => {
    it('numbers bins in document order', () => {
      const text = configWith((config) => addCentralityBlock(config, 'Cent3050', 30, 50));
      const bins = analyze(text).model.active?.bins ?? [];
      assert.deepEqual(
        bins.map((bin) => `${bin.index} ${bin.label} ${bin.modelFile?.value}`),
        [
          '0 kCentFT0C_cent10_30_pt0.0_2.0 cent_10_30_pt0_2_onnx.onnx',
          '1 kCentFT0C_cent10_30_pt2.0_20.0 cent_10_30_pt2_20_onnx.onnx',
          '2 kCentFT0C_cent30_50_pt0.0_2.0 cent_30_50_pt0_2_onnx.onnx',
          '3 kCentFT0C_cent30_50_pt2.0_20.0 cent_30_50_pt2_20_onnx.onnx',
        ],
      );
    });

    it('labels with the printf rounding', () => {
      const text = configWith((config) => {
        Object.assign(memberAt(config, ...CENT), { centMin: 2.5, centMax: 30 });
        Object.assign(secondPtBlock(config), { pTMin: 2, pTMax: 20.25 });
      });
      const labels = analyze(text).model.active?.bins.map((bin) => bin.label);
      assert.deepEqual(labels, ['kCentFT0C_cent2_30_pt0.0_2.0', 'kCentFT0C_cent2_30_pt2.0_20.2']);
    });

    it('takes directions from the first block', () => {
      const text = configWith((config) => {
        secondPtBlock(config)['AddMLCut-background'] = scoreCut('kBdtBackground', 0.4, false);
      });
      const bins = analyze(text).model.active?.bins ?? [];
      assert.deepEqual(
        bins.map((bin) => bin.cuts[0].exclude),
        [true, true],
      );
    });
  });

  describe('empty-range', () => {
    const text = configWith((config) => {
      Object.assign(memberAt(config, ...CENT), { centMin: 30, centMax: 10 });
    });

    it('fires on a reversed range', () => {
      const finding = onlyFinding(text, 'empty-range');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"centMin": 30,\n      "centMax": 10');
    });

    it('explains the selection', () => {
      assert.equal(
        onlyFinding(text, 'empty-range').message,
        '"AddCentCut-Cent1030" has centMin 30 ≥ centMax 10, so no pair has 30 ≤ centrality < 10 and the bin never receives one. Make centMin smaller than centMax.',
      );
    });

    it('swaps the bounds', () => {
      const finding = onlyFinding(text, 'empty-range');
      const fixed = applyFix(text, finding, 'Swap centMin and centMax');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('offers no swap for equal bounds', () => {
      const equal = configWith((config) => Object.assign(secondPtBlock(config), { pTMax: 2 }));
      const finding = onlyFinding(equal, 'empty-range');
      assert.equal(finding.fixes, undefined);
      assert.equal(
        finding.message,
        '"AddPtCut-pTBin2" has pTMin 2 ≥ pTMax 2, so no pair has 2 ≤ pT < 2 and the bin never receives one. Make pTMin smaller than pTMax.',
      );
    });

    it('spans bounds written in reverse order', () => {
      const reversed = configWith((config) => {
        const block = memberAt(config, ...CENT);
        const rest = { ...block };
        delete rest.centMin;
        delete rest.centMax;
        for (const key of Object.keys(block)) delete block[key];
        Object.assign(block, { centMax: 10, centMin: 30 }, rest);
      });
      const finding = onlyFinding(reversed, 'empty-range');
      assert.equal(sourceAt(reversed, finding.span), '"centMin": 30');
    });

    it('stays silent on increasing bounds', () => {
      assert.deepEqual(findingsWith(VALID, 'empty-range'), []);
    });
  });

  describe('overlapping-centrality', () => {
    const text = configWith((config) => addCentralityBlock(config, 'Cent2050', 20, 50));

    it('fires on the later block', () => {
      const finding = onlyFinding(text, 'overlapping-centrality');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"AddCentCut-Cent2050"'));
      assert.deepEqual(finding.related?.[0].span, spanOf(text, '"AddCentCut-Cent1030"'));
    });

    it('names the winning bins', () => {
      assert.equal(
        onlyFinding(text, 'overlapping-centrality').message,
        'Centrality [20, 30) is in "AddCentCut-Cent1030" and in "AddCentCut-Cent2050". Pairs there go to the earlier block\'s bins (bin 0 (cent_10_30_pt0_2_onnx.onnx), bin 1 (cent_10_30_pt2_20_onnx.onnx)); the bins of "AddCentCut-Cent2050" (bin 2 (cent_20_50_pt0_2_onnx.onnx), bin 3 (cent_20_50_pt2_20_onnx.onnx)) never see them. Make the ranges disjoint.',
      );
    });

    it('stays silent on adjacent ranges', () => {
      const adjacent = configWith((config) => addCentralityBlock(config, 'Cent3050', 30, 50));
      assert.deepEqual(codesOf(adjacent), []);
    });

    it('fires on a repeated block key', () => {
      const twice = configWith((config) => addCentralityBlock(config, 'Cent1030x', 10, 30)).replace(
        '"AddCentCut-Cent1030x"',
        '"AddCentCut-Cent1030"',
      );
      const finding = onlyFinding(twice, 'overlapping-centrality');
      assert.deepEqual(finding.span, spanOf(twice, '"AddCentCut-Cent1030"', 1));
    });
  });

  describe('overlapping-pt', () => {
    const text = configWith((config) => Object.assign(secondPtBlock(config), { pTMin: 1 }));

    it('fires on the later block', () => {
      const finding = onlyFinding(text, 'overlapping-pt');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"AddPtCut-pTBin2"'));
    });

    it('names the bin that wins', () => {
      const finding = onlyFinding(text, 'overlapping-pt');
      assert.equal(
        finding.message,
        'pT [1, 2) GeV/c is in "AddPtCut-pTBin1" and in "AddPtCut-pTBin2" of "AddCentCut-Cent1030". Bin 0 (cent_10_30_pt0_2_onnx.onnx) wins these pairs; the model of bin 1 (cent_10_30_pt2_20_onnx.onnx) never sees them. Make the ranges disjoint.',
      );
      assert.equal(
        finding.related?.[0].message,
        'Bin 0 (cent_10_30_pt0_2_onnx.onnx) wins pT [1, 2).',
      );
    });

    it('stays silent across centrality blocks', () => {
      const separate = configWith((config) => addCentralityBlock(config, 'Cent3050', 30, 50));
      assert.deepEqual(findingsWith(separate, 'overlapping-pt'), []);
    });
  });

  describe('range-gap', () => {
    const text = configWith((config) => Object.assign(secondPtBlock(config), { pTMin: 3 }));

    it('fires on a pT gap', () => {
      const finding = onlyFinding(text, 'range-gap');
      assert.equal(finding.severity, 'info');
      assert.deepEqual(finding.span, spanOf(text, '"AddPtCut-pTBin2"'));
    });

    it('names the dropped range', () => {
      assert.equal(
        onlyFinding(text, 'range-gap').message,
        'No bin covers pT [2, 3) GeV/c in "AddCentCut-Cent1030", between "AddPtCut-pTBin1" and "AddPtCut-pTBin2": pairs there are dropped. Extend a neighbouring range if they should be kept.',
      );
    });

    it('fires on a centrality gap', () => {
      const gap = configWith((config) => addCentralityBlock(config, 'Cent4050', 40, 50));
      const finding = onlyFinding(gap, 'range-gap');
      assert.equal(
        finding.message,
        'No bin covers centrality [30, 40), between "AddCentCut-Cent1030" and "AddCentCut-Cent4050": pairs there are dropped. Extend a neighbouring range if they should be kept.',
      );
    });

    it('sorts blocks before looking', () => {
      const unordered = configWith((config) => {
        addCentralityBlock(config, 'Cent3050', 30, 50);
        addCentralityBlock(config, 'Cent0010', 0, 10);
      });
      assert.deepEqual(findingsWith(unordered, 'range-gap'), []);
    });

    it('stays silent on contiguous ranges', () => {
      assert.deepEqual(findingsWith(VALID, 'range-gap'), []);
    });
  });

  describe('range-out-of-bounds', () => {
    const text = configWith((config) => {
      Object.assign(memberAt(config, ...CENT, 'AddPtCut-pTBin1'), { pTMin: -1 });
    });

    it('fires on a negative pT', () => {
      const finding = onlyFinding(text, 'range-out-of-bounds');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '-1'));
    });

    it('states that pT is not negative', () => {
      assert.equal(
        onlyFinding(text, 'range-out-of-bounds').message,
        'pTMin -1 in "AddPtCut-pTBin1" is negative; pair pT is never below 0 GeV/c. Use 0.',
      );
    });

    it('uses 0', () => {
      const finding = onlyFinding(text, 'range-out-of-bounds');
      const fixed = applyFix(text, finding, 'Use 0');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('fires on centrality below -1', () => {
      const low = configWith((config) => Object.assign(memberAt(config, ...CENT), { centMin: -5 }));
      assert.equal(
        onlyFinding(low, 'range-out-of-bounds').message,
        'centMin -5 in "AddCentCut-Cent1030" is below -1, the centrality of events without a centrality estimate (pp). Use -1 or 0.',
      );
    });

    it('fires on centrality above 100', () => {
      const high = configWith((config) => {
        Object.assign(memberAt(config, ...CENT), { centMin: 100, centMax: 110 });
      });
      assert.equal(
        onlyFinding(high, 'range-out-of-bounds').message,
        'Centrality range [100, 110) of "AddCentCut-Cent1030" lies above 100%, where no event is. Use percentiles between 0 and 100.',
      );
    });

    it('accepts centrality -1', () => {
      const pp = configWith((config) => Object.assign(memberAt(config, ...CENT), { centMin: -1 }));
      assert.deepEqual(findingsWith(pp, 'range-out-of-bounds'), []);
    });
  });

  describe('centrality-excludes-pp', () => {
    const text = configWith((config) => {
      Object.assign(memberAt(config, ...CENT), { centMin: 0, centMax: 100 });
      selectionOf(config).modelFiles = ['low_pt.onnx', 'high_pt.onnx'];
    });

    it('fires on a range from 0 to 100', () => {
      const finding = onlyFinding(text, 'centrality-excludes-pp');
      assert.equal(finding.severity, 'info');
      const member = spanOf(text, '"centMin": 0');
      assert.deepEqual(finding.span, { start: member.end - 1, end: member.end });
    });

    it('explains pp centrality', () => {
      assert.equal(
        onlyFinding(text, 'centrality-excludes-pp').message,
        'The centrality blocks start at 0, so pp events, whose centrality is -1, fall in no bin and are dropped. For pp data use centMin -1, as the DQ training example does; for Pb–Pb this is fine.',
      );
    });

    it('uses centMin -1', () => {
      const finding = onlyFinding(text, 'centrality-excludes-pp');
      assert.equal(fixTitled(finding, 'Use centMin -1').preferred, undefined);
      const fixed = applyFix(text, finding, 'Use centMin -1');
      assert.equal(fixed, text.replace('"centMin": 0', '"centMin": -1'));
      assert.deepEqual(codesOf(fixed), []);
    });

    it('stays silent from -1', () => {
      const pp = configWith((config) => {
        Object.assign(memberAt(config, ...CENT), { centMin: -1, centMax: 100 });
      });
      assert.deepEqual(findingsWith(pp, 'centrality-excludes-pp'), []);
    });

    it('stays silent on partial coverage', () => {
      assert.deepEqual(findingsWith(VALID, 'centrality-excludes-pp'), []);
    });
  });
});
