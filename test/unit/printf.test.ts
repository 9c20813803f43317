import { strict as assert } from 'node:assert';
import { formatFixed } from '../../server/src/core/framework/printf';

describe('formatFixed', () => {
  const cases: Array<[number, number, string]> = [
    [10, 0, '10'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [10.25, 1, '10.2'],
    [0.15, 1, '0.1'],
    [99.95, 1, '100.0'],
    [-1, 0, '-1'],
    [-0.4, 0, '-0'],
    [0, 1, '0.0'],
    [20, 1, '20.0'],
  ];
  for (const [value, digits, expected] of cases) {
    it(`prints ${value} with %.${digits}f as ${expected}`, () => {
      assert.equal(formatFixed(value, digits), expected);
    });
  }
});
