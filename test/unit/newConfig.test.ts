import { strict as assert } from 'node:assert';
import { analyzeConfig } from '../../server/src/core/analyze';
import { newConfigText, type NewConfigRequest } from '../../server/src/core/newConfig';

const REQUEST: NewConfigRequest = {
  type: 'MultiClass',
  estimator: 'kCentFT0C',
  centralityEdges: [-1, 10, 30],
  ptEdges: [0, 2, 20],
};

describe('newConfigText', () => {
  it('writes a config without findings', () => {
    const analysis = analyzeConfig(newConfigText(REQUEST), { checkModelFiles: false });
    assert.deepEqual(analysis.findings, []);
    assert.equal(analysis.model.active?.bins.length, 4);
  });

  it('names blocks like the training example', () => {
    const text = newConfigText(REQUEST);
    assert.ok(text.includes('"AddCentCut-Cent-110"'));
    assert.ok(text.includes('"AddCentCut-Cent1030"'));
    assert.ok(text.includes('"modelBDT_cent10_30_pt2_20_onnx.onnx"'));
  });

  const invalid: Array<[string, Partial<NewConfigRequest>, RegExp]> = [
    ['type', { type: 'Bogus' as NewConfigRequest['type'] }, /Invalid type "Bogus"/],
    ['estimator', { estimator: 'x"y' }, /Invalid estimator "x"y"/],
    ['too few edges', { ptEdges: [0] }, /at least two pT edges/],
    ['decreasing edges', { centralityEdges: [10, 0] }, /must increase: 10 is followed by 0/],
    ['non-number edge', { ptEdges: [0, Number.NaN] }, /is not a finite number/],
    [
      'too many bins',
      {
        centralityEdges: Array.from({ length: 102 }, (_, i) => i),
        ptEdges: Array.from({ length: 102 }, (_, i) => i),
      },
      /10201 bins is more than the 10000/,
    ],
  ];
  for (const [name, change, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(() => newConfigText({ ...REQUEST, ...change }), message);
    });
  }
});
