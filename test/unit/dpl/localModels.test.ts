import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDplDocument } from '../../../server/src/core/dpl';

const FIXTURE = join(__dirname, '../../fixtures/dpl/escaped-config.json');

describe('DPL file with local models', () => {
  it('warns about each missing model', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const analysis = analyzeDplDocument(text, { configPath: FIXTURE });
    const missing = analysis.findings.filter((finding) => finding.code === 'model-file-not-found');
    assert.equal(missing.length, 2);
    for (const finding of missing) assert.equal(finding.severity, 'warning');
  });

  it('skips the models it loads from CCDB', () => {
    const text = readFileSync(FIXTURE, 'utf8').replace(
      '"loadModelsFromCCDB": "false"',
      '"loadModelsFromCCDB": "true"',
    );
    const analysis = analyzeDplDocument(text, { configPath: FIXTURE });
    assert.equal(
      analysis.findings.filter((finding) => finding.code === 'model-file-not-found').length,
      0,
    );
  });
});
