import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { InferenceError, runInference } from '../../../server/src/core/inference';
import { parseCsvNumber } from '../../../server/src/core/samples/csv';

const EXAMPLE = join(__dirname, '../../../examples/binary/bdtCut.json');

describe('inference input validation', () => {
  it('reads radix prefixes as missing', () => {
    assert.ok(Number.isNaN(parseCsvNumber('0x10')));
    assert.ok(Number.isNaN(parseCsvNumber('-0b1')));
    assert.equal(parseCsvNumber('0.5e1'), 5);
  });

  for (const limit of [0, -5, 1.5]) {
    it(`rejects a row limit of ${limit}`, async () => {
      await assert.rejects(
        runInference({ configPath: EXAMPLE, samplePath: EXAMPLE, limit }),
        (error: Error) =>
          error instanceof InferenceError && /Invalid row limit/.test(error.message),
      );
    });
  }
});
