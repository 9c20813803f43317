import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';

describe('normalizeSettings', () => {
  it('keeps valid values', () => {
    const settings = normalizeSettings({ files: ['*.json'], rules: { 'range-gap': 'off' } });
    assert.deepEqual(settings.files, ['*.json']);
    assert.deepEqual(settings.rules, { 'range-gap': 'off' });
  });

  it('reports values of the wrong type', () => {
    const warnings: string[] = [];
    const settings = normalizeSettings(
      { files: 'x', rules: { 'range-gap': 'OFF' }, extraFeatures: ['kA', 3] },
      (message) => warnings.push(message),
    );
    assert.deepEqual(settings.files, DEFAULT_SETTINGS.files);
    assert.deepEqual(settings.rules, {});
    assert.deepEqual(settings.extraFeatures, ['kA']);
    assert.equal(warnings.length, 3);
    assert.ok(warnings.some((message) => /dqml\.files must be an array of strings/.test(message)));
    assert.ok(warnings.some((message) => /dqml\.rules\.range-gap is "OFF"/.test(message)));
  });
});
