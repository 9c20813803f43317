import { strict as assert } from 'node:assert';
import {
  CENTRALITY_LIMITS,
  freeConfigName,
  parseEdges,
  PT_LIMITS,
} from '../../../client/src/edges';

describe('parseEdges', () => {
  const valid: Array<[string, number[]]> = [
    ['0, 10, 30', [0, 10, 30]],
    ['0 10 30', [0, 10, 30]],
    [' -1 ; 100 ', [-1, 100]],
    ['0,2.5,20', [0, 2.5, 20]],
  ];
  for (const [text, edges] of valid) {
    it(`reads "${text}"`, () => {
      assert.deepEqual(parseEdges(text, CENTRALITY_LIMITS), { edges });
    });
  }

  const invalid: Array<[string, RegExp]> = [
    ['', /at least two/],
    ['10', /at least two/],
    ['0, ten', /"ten" is not a number/],
    ['0, 30, 10', /must increase: 10 follows 30/],
    ['0, 0', /must increase/],
    ['-5, 10', /outside the centrality/],
    ['0, 120', /outside the centrality/],
    ['0, Infinity', /not a number/],
  ];
  for (const [text, message] of invalid) {
    it(`rejects "${text}"`, () => {
      const result = parseEdges(text, CENTRALITY_LIMITS);
      assert.ok('error' in result, `"${text}" is rejected`);
      assert.match(result.error, message);
    });
  }

  it('rejects negative pT edges', () => {
    const result = parseEdges('-1, 2', PT_LIMITS);
    assert.ok('error' in result);
    assert.match(result.error, /pT \(GeV\/c\)/);
  });

  it('accepts pT edges above 100 GeV/c', () => {
    assert.deepEqual(parseEdges('0, 50, 200', PT_LIMITS), { edges: [0, 50, 200] });
  });
});

describe('freeConfigName', () => {
  it('takes bdtCut.json when it is free', () => {
    assert.equal(freeConfigName(new Set(['other.json'])), 'bdtCut.json');
  });

  it('numbers the name when it is taken', () => {
    assert.equal(freeConfigName(new Set(['bdtCut.json', 'bdtCut-2.json'])), 'bdtCut-3.json');
  });
});
