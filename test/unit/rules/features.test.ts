import { strict as assert } from 'node:assert';
import { FRAMEWORK_FEATURES } from '../../../server/src/core/framework/features';
import {
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  fixTitled,
  onlyFinding,
  selectionOf,
  spanOf,
  toText,
} from '../../support/configs';

/** Writes a valid Binary config with the given `inputFeatures`. */
function withFeatures(...features: string[]): string {
  const config = binaryConfig();
  selectionOf(config).inputFeatures = features;
  return toText(config);
}

describe('feature rules', () => {
  it('accepts all thirty framework features', () => {
    const names = FRAMEWORK_FEATURES.map((feature) => feature.name);
    assert.equal(names.length, 30);
    assert.deepEqual(codesOf(withFeatures(...names)), []);
  });

  describe('empty-feature-list', () => {
    const text = withFeatures();

    it('fires on an empty list', () => {
      const finding = onlyFinding(text, 'empty-feature-list');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '[]'));
    });

    it('asks for the training order', () => {
      assert.equal(
        onlyFinding(text, 'empty-feature-list').message,
        '"inputFeatures" is empty. List the features the models were trained on, in training order, e.g. ["kMass", "kPt"].',
      );
    });

    it('stays silent on one feature', () => {
      assert.deepEqual(findingsWith(withFeatures('kMass'), 'empty-feature-list'), []);
    });
  });

  describe('unknown-feature', () => {
    const text = withFeatures('kMass', 'kPtt');

    it('fires on a misspelled feature', () => {
      const finding = onlyFinding(text, 'unknown-feature');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"kPtt"'));
    });

    it('suggests the near feature', () => {
      assert.equal(
        onlyFinding(text, 'unknown-feature').message,
        'Unknown feature "kPtt". Did you mean "kPt"? The framework knows the thirty features of DQMlResponse.h; declare others as extra features if your O2Physics build adds them.',
      );
    });

    it('changes to the suggestion', () => {
      const finding = onlyFinding(text, 'unknown-feature');
      const fixed = applyFix(text, finding, 'Change to "kPt"');
      assert.equal(fixed, withFeatures('kMass', 'kPt'));
      assert.deepEqual(codesOf(fixed), []);
    });

    it('offers no fix without a suggestion', () => {
      const far = withFeatures('kMyIsolation');
      const finding = onlyFinding(far, 'unknown-feature');
      assert.equal(finding.fixes, undefined);
      assert.equal(
        finding.message,
        'Unknown feature "kMyIsolation". The framework knows the thirty features of DQMlResponse.h; declare others as extra features if your O2Physics build adds them.',
      );
    });

    it('accepts declared extra features', () => {
      const text = withFeatures('kMass', 'kMyIsolation');
      assert.deepEqual(codesOf(text, { extraFeatures: ['kMyIsolation'] }), []);
    });

    it('suggests declared extra features', () => {
      const text = withFeatures('kMyIsolatio');
      const finding = onlyFinding(text, 'unknown-feature', { extraFeatures: ['kMyIsolation'] });
      assert.equal(fixTitled(finding, 'Change to "kMyIsolation"').preferred, true);
    });

    it('keeps the feature case', () => {
      const text = withFeatures('kmass');
      const finding = onlyFinding(text, 'unknown-feature');
      assert.equal(applyFix(text, finding, 'Change to "kMass"'), withFeatures('kMass'));
    });
  });

  describe('f-prefixed-feature', () => {
    const text = withFeatures('fMass', 'kPt');

    it('fires on a column name', () => {
      const finding = onlyFinding(text, 'f-prefixed-feature');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"fMass"'));
    });

    it('names the k-name', () => {
      assert.equal(
        onlyFinding(text, 'f-prefixed-feature').message,
        '"fMass" is the DielectronsAll column name; the framework knows this feature as "kMass". Replace the leading f with k.',
      );
    });

    it('changes to the k-name', () => {
      const finding = onlyFinding(text, 'f-prefixed-feature');
      const fixed = applyFix(text, finding, 'Change to "kMass"');
      assert.equal(fixed, withFeatures('kMass', 'kPt'));
      assert.deepEqual(codesOf(fixed), []);
    });

    it('covers declared extra features', () => {
      const extra = withFeatures('fMyIsolation');
      const finding = onlyFinding(extra, 'f-prefixed-feature', { extraFeatures: ['kMyIsolation'] });
      assert.deepEqual(finding.span, spanOf(extra, '"fMyIsolation"'));
    });

    it('stays silent on k-names', () => {
      assert.deepEqual(findingsWith(withFeatures('kMass'), 'f-prefixed-feature'), []);
    });
  });

  describe('unsupported-feature', () => {
    const text = withFeatures('kMass', 'kChi2pca');

    it('fires on a dimuon column', () => {
      const finding = onlyFinding(text, 'unsupported-feature');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"kChi2pca"'));
    });

    it('explains why it cannot be fed', () => {
      assert.equal(
        onlyFinding(text, 'unsupported-feature').message,
        '"kChi2pca" cannot be a model input: it is a column of the dimuon tables, not of DielectronsAll. Retrain without it, or add an accessor in your O2Physics build and declare the name as an extra feature.',
      );
    });

    it('fires on an f-named column', () => {
      const column = withFeatures('fTPCSignal1');
      const finding = onlyFinding(column, 'unsupported-feature');
      assert.equal(
        finding.message,
        '"fTPCSignal1" cannot be a model input: the TPC dE/dx signal has no accessor in DQMlResponse.h. Retrain without it, or add an accessor in your O2Physics build and declare the name as an extra feature.',
      );
    });

    it('accepts the column when declared', () => {
      assert.deepEqual(codesOf(text, { extraFeatures: ['kChi2pca'] }), []);
    });

    it('stays silent on framework features', () => {
      assert.deepEqual(findingsWith(withFeatures('kTPCNSigmaEl1'), 'unsupported-feature'), []);
    });
  });

  describe('duplicate-feature', () => {
    const text = withFeatures('kMass', 'kPt', 'kMass');

    it('fires on the second entry', () => {
      const finding = onlyFinding(text, 'duplicate-feature');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"kMass"', 1));
      assert.deepEqual(finding.related?.[0].span, spanOf(text, '"kMass"', 0));
    });

    it('names both entries', () => {
      assert.equal(
        onlyFinding(text, 'duplicate-feature').message,
        '"kMass" is listed twice (entries 0 and 2), so the model gets the same value in two input columns. Remove one unless the model was trained that way.',
      );
    });

    it('removes the second entry', () => {
      const finding = onlyFinding(text, 'duplicate-feature');
      const fixed = applyFix(text, finding, 'Remove the second "kMass"');
      assert.equal(fixed, withFeatures('kMass', 'kPt'));
      assert.deepEqual(codesOf(fixed), []);
    });

    it('reports an unknown name once', () => {
      const twice = withFeatures('kFoo', 'kFoo');
      assert.deepEqual(codesOf(twice), ['unknown-feature', 'duplicate-feature']);
    });

    it('stays silent on distinct names', () => {
      assert.deepEqual(findingsWith(withFeatures('kPt1', 'kPt2'), 'duplicate-feature'), []);
    });
  });
});
