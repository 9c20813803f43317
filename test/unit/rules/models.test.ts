import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  fixTitled,
  memberAt,
  onlyFinding,
  scoreCut,
  selectionOf,
  spanOf,
  toText,
} from '../../support/configs';

const VALID = toText(binaryConfig());
const FIRST = 'cent_10_30_pt0_2_onnx.onnx';
const SECOND = 'cent_10_30_pt2_20_onnx.onnx';

/** Writes a valid Binary config with the given `modelFiles`. */
function withModelFiles(...files: string[]): string {
  const config = binaryConfig();
  selectionOf(config).modelFiles = files;
  return toText(config);
}

describe('model file rules', () => {
  describe('model-count-mismatch', () => {
    const text = withModelFiles(FIRST);

    it('fires with a model missing', () => {
      const finding = onlyFinding(text, 'model-count-mismatch');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"modelFiles"'));
    });

    it('spells out the pairing', () => {
      assert.equal(
        onlyFinding(text, 'model-count-mismatch').message,
        `2 bins but 1 model file: bin i uses modelFiles[i]. Pairing: bin 0 (kCentFT0C_cent10_30_pt0.0_2.0) → ${FIRST}; bin 1 (kCentFT0C_cent10_30_pt2.0_20.0) → no model. Make the two counts equal.`,
      );
    });

    it('points at every bin', () => {
      const related = onlyFinding(text, 'model-count-mismatch').related ?? [];
      assert.deepEqual(
        related.map((location) => location.message),
        [`Bin 0 → ${FIRST}`, 'Bin 1 → no model file'],
      );
    });

    it('adds a name following the others', () => {
      const finding = onlyFinding(text, 'model-count-mismatch');
      const fix = fixTitled(finding, 'Add 1 model file name named after the bins');
      assert.equal(fix.preferred, true);
      const fixed = applyFix(text, finding, fix.title);
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('falls back to the training name', () => {
      const bare = withModelFiles('first.onnx');
      const finding = onlyFinding(bare, 'model-count-mismatch');
      const fixed = applyFix(bare, finding, 'Add 1 model file name named after the bins');
      assert.equal(fixed, withModelFiles('first.onnx', 'modelBDT_cent10_30_pt2_20_onnx.onnx'));
    });

    it('removes files without a bin', () => {
      const surplus = withModelFiles(FIRST, SECOND, 'a.onnx', 'b.onnx');
      const finding = onlyFinding(surplus, 'model-count-mismatch');
      assert.equal(
        finding.message,
        `2 bins but 4 model files: bin i uses modelFiles[i]. Pairing: bin 0 (kCentFT0C_cent10_30_pt0.0_2.0) → ${FIRST}; bin 1 (kCentFT0C_cent10_30_pt2.0_20.0) → ${SECOND}; a.onnx → no bin; b.onnx → no bin. Make the two counts equal.`,
      );
      const fixed = applyFix(surplus, finding, 'Remove the model files that have no bin');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('shortens a long pairing', () => {
      const config = binaryConfig();
      const selection = selectionOf(config);
      const centrality = memberAt(config, 'BDTCut', 'AddCentCut-Cent1030');
      const files: string[] = [];
      for (let bin = 0; bin < 12; bin++) {
        delete centrality[`AddPtCut-pTBin${bin + 1}`];
        centrality[`AddPtCut-pTBin${bin + 1}`] = {
          pTMin: bin,
          pTMax: bin + 1,
          'AddMLCut-background': scoreCut('kBdtBackground', 0.5, true),
        };
        files.push(`cent_10_30_pt${bin}_${bin + 1}_onnx.onnx`);
      }
      selection.modelFiles = files.slice(0, 11);
      const finding = onlyFinding(toText(config), 'model-count-mismatch');
      assert.equal(
        finding.message,
        '12 bins but 11 model files: bin i uses modelFiles[i]. Pairing: ' +
          'bin 0 (kCentFT0C_cent10_30_pt0.0_1.0) → cent_10_30_pt0_1_onnx.onnx; ' +
          'bin 1 (kCentFT0C_cent10_30_pt1.0_2.0) → cent_10_30_pt1_2_onnx.onnx; ' +
          'bin 2 (kCentFT0C_cent10_30_pt2.0_3.0) → cent_10_30_pt2_3_onnx.onnx; ' +
          '… 5 more …; ' +
          'bin 8 (kCentFT0C_cent10_30_pt8.0_9.0) → cent_10_30_pt8_9_onnx.onnx; ' +
          'bin 9 (kCentFT0C_cent10_30_pt9.0_10.0) → cent_10_30_pt9_10_onnx.onnx; ' +
          'bin 10 (kCentFT0C_cent10_30_pt10.0_11.0) → cent_10_30_pt10_11_onnx.onnx; ' +
          'bin 11 (kCentFT0C_cent10_30_pt11.0_12.0) → no model. Make the two counts equal.',
      );
      assert.equal(finding.related?.length, 12);
    });

    it('stays silent on equal counts', () => {
      assert.deepEqual(findingsWith(VALID, 'model-count-mismatch'), []);
    });

    it('stays silent without bins', () => {
      const config = binaryConfig();
      delete selectionOf(config)['AddCentCut-Cent1030'];
      assert.deepEqual(findingsWith(toText(config), 'model-count-mismatch'), []);
    });
  });

  describe('duplicate-model-file', () => {
    const text = withModelFiles(FIRST, FIRST);

    it('fires on a repeated name', () => {
      const finding = onlyFinding(text, 'duplicate-model-file');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, `"${FIRST}"`, 1));
      assert.deepEqual(finding.related?.[0].span, spanOf(text, `"${FIRST}"`, 0));
    });

    it('names both bins', () => {
      assert.equal(
        onlyFinding(text, 'duplicate-model-file').message,
        `"${FIRST}" is the model of bin 0 and again of bin 1. Give each bin its own model file.`,
      );
    });

    it('stays silent on distinct names', () => {
      assert.deepEqual(findingsWith(VALID, 'duplicate-model-file'), []);
    });
  });

  describe('model-file-extension', () => {
    const text = withModelFiles(FIRST, 'cent_10_30_pt2_20.json');

    it('fires on another extension', () => {
      const finding = onlyFinding(text, 'model-file-extension');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"cent_10_30_pt2_20.json"'));
    });

    it('asks for an ONNX export', () => {
      assert.equal(
        onlyFinding(text, 'model-file-extension').message,
        'Model file "cent_10_30_pt2_20.json" does not end in ".onnx"; the framework loads every model with ONNX Runtime. Export the model to ONNX and name the file here.',
      );
    });

    it('accepts an upper-case extension', () => {
      const upper = withModelFiles(FIRST, 'cent_10_30_pt2_20.ONNX');
      assert.deepEqual(findingsWith(upper, 'model-file-extension'), []);
    });
  });

  describe('model-file-not-found', () => {
    const configPath = resolve('analysis', 'bdtCut.json');
    const present = new Set([resolve('analysis', FIRST)]);
    const options = { configPath, fileExists: (path: string) => present.has(path) };

    it('fires on a missing file', () => {
      const finding = onlyFinding(VALID, 'model-file-not-found', options);
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(VALID, `"${SECOND}"`));
    });

    it('asks to check the name', () => {
      assert.equal(
        onlyFinding(VALID, 'model-file-not-found', options).message,
        `Model file "${SECOND}" not found next to the config. Check the name, or add its folder to the model search paths.`,
      );
    });

    it('notes once when none is found', () => {
      const finding = onlyFinding(VALID, 'model-file-not-found', {
        configPath,
        fileExists: () => false,
      });
      assert.equal(finding.severity, 'info');
      assert.deepEqual(finding.span, spanOf(VALID, '"modelFiles"'));
      assert.equal(
        finding.message,
        'None of the 2 model files is next to the config, so they were not checked. Put them there, add their folder to the model search paths, or ignore this if the task loads them from CCDB.',
      );
    });

    it('looks in the search paths', () => {
      const found = new Set([resolve('analysis', FIRST), resolve('analysis', 'models', SECOND)]);
      const search = {
        configPath,
        modelSearchPaths: ['models'],
        fileExists: (path: string) => found.has(path),
      };
      assert.deepEqual(findingsWith(VALID, 'model-file-not-found', search), []);
    });

    it('names the search paths', () => {
      const search = { ...options, modelSearchPaths: ['models'] };
      assert.equal(
        onlyFinding(VALID, 'model-file-not-found', search).message,
        `Model file "${SECOND}" not found next to the config or in the model search paths. Check the name, or add its folder to the model search paths.`,
      );
    });

    it('stays silent without a file path', () => {
      assert.deepEqual(findingsWith(VALID, 'model-file-not-found'), []);
    });

    it('stays silent when turned off', () => {
      const off = { configPath, checkModelFiles: false, fileExists: () => false };
      assert.deepEqual(findingsWith(VALID, 'model-file-not-found', off), []);
    });

    it('reads the file system', () => {
      const folder = mkdtempSync(join(tmpdir(), 'dqml-models-'));
      try {
        writeFileSync(join(folder, FIRST), '');
        const options = { configPath: join(folder, 'bdtCut.json') };
        const finding = onlyFinding(VALID, 'model-file-not-found', options);
        assert.deepEqual(finding.span, spanOf(VALID, `"${SECOND}"`));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe('model-file-name-mismatch', () => {
    const text = withModelFiles(SECOND, FIRST);

    it('fires on swapped names', () => {
      const findings = findingsWith(text, 'model-file-name-mismatch');
      assert.equal(findings.length, 2);
      assert.equal(findings[0].severity, 'info');
      assert.deepEqual(findings[0].span, spanOf(text, `"${SECOND}"`));
    });

    it('names the bin the file fits', () => {
      assert.equal(
        findingsWith(text, 'model-file-name-mismatch')[0].message,
        `"${SECOND}" is named for centrality 10–30, pT 2–20, but it is the model of bin 0 (kCentFT0C_cent10_30_pt0.0_2.0). Its name fits bin 1; check the order of "modelFiles".`,
      );
    });

    it('asks to check a foreign name', () => {
      const foreign = withModelFiles(FIRST, 'cent_30_50_pt2_20_onnx.onnx');
      const finding = onlyFinding(foreign, 'model-file-name-mismatch');
      assert.equal(
        finding.message,
        '"cent_30_50_pt2_20_onnx.onnx" is named for centrality 30–50, pT 2–20, but it is the model of bin 1 (kCentFT0C_cent10_30_pt2.0_20.0). Check that this is the right model.',
      );
    });

    it('reads the training name pattern', () => {
      const training = withModelFiles(
        'modelBDT_cent10_30_pt0_2_onnx.onnx',
        'modelBDT_cent10_30_pt2_20_onnx.onnx',
      );
      assert.deepEqual(codesOf(training), []);
    });

    it('stays silent on names without ranges', () => {
      const plain = withModelFiles('low.onnx', 'high.onnx');
      assert.deepEqual(findingsWith(plain, 'model-file-name-mismatch'), []);
    });
  });
});
