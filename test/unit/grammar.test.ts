import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAMEWORK_FEATURES } from '../../server/src/core/framework/features';
import { CENTRALITY_ESTIMATORS, SCORE_VARS } from '../../server/src/core/framework/selection';
import { GRAMMAR_FILE, grammarPatterns, INJECTION_SCOPE } from '../../syntaxes/src/grammar';

/** Returns the scope of the first pattern that matches `text` at its start, as VS Code tries them. */
function scopeAt(text: string): string | undefined {
  for (const pattern of grammarPatterns()) {
    const match = new RegExp(pattern.match, 'y').exec(text);
    if (match) return pattern.scope;
  }
  return undefined;
}

describe('injection grammar', () => {
  const manifest = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as {
    contributes: { grammars: Array<{ scopeName: string; path: string; injectTo: string[] }> };
  };

  it('is contributed for JSON', () => {
    const grammar = manifest.contributes.grammars.find(
      (entry) => entry.scopeName === INJECTION_SCOPE,
    );
    assert.ok(grammar, 'package.json contributes the injection grammar');
    assert.equal(grammar.path, `./${GRAMMAR_FILE}`);
    assert.deepEqual(grammar.injectTo, ['source.json']);
  });

  const keys: Array<[string, string]> = [
    ['"AddCentCut-Cent1030": {', 'keyword.control.block.centrality.dqml'],
    ['"myAddCentCut": {', 'keyword.control.block.centrality.dqml'],
    ['"AddPtCut-pTBin1" : {', 'keyword.control.block.pt.dqml'],
    ['"AddMLCut-background":{', 'keyword.control.block.score-cut.dqml'],
  ];
  for (const [text, scope] of keys) {
    it(`scopes the key in ${text}`, () => {
      assert.equal(scopeAt(text), scope);
    });
  }

  it('leaves keys the framework ignores alone', () => {
    assert.equal(scopeAt('"AddCenCut-Cent1030": {'), undefined);
    assert.equal(scopeAt('"AddPTCut-pTBin1": {'), undefined);
    assert.equal(scopeAt('"centMin": 0'), undefined);
  });

  it('does not scope a block name used as a value', () => {
    assert.equal(scopeAt('"AddCentCut-Cent1030", '), undefined);
  });

  it('scopes every score name, estimator and feature as a value', () => {
    for (const name of SCORE_VARS) {
      assert.equal(scopeAt(`"${name}",`), 'support.constant.score.dqml', name);
    }
    for (const name of CENTRALITY_ESTIMATORS) {
      assert.equal(scopeAt(`"${name}"`), 'support.constant.estimator.dqml', name);
    }
    for (const feature of FRAMEWORK_FEATURES) {
      assert.equal(scopeAt(`"${feature.name}"]`), 'support.variable.feature.dqml', feature.name);
    }
  });

  it('leaves near-miss names alone', () => {
    assert.equal(scopeAt('"kMassX"'), undefined);
    assert.equal(scopeAt('"fMass"'), undefined);
    assert.equal(scopeAt('"kBdtSignal"'), undefined);
    assert.equal(scopeAt('"kCentFT0"'), undefined);
    assert.equal(scopeAt('"kMass": 1'), undefined);
  });
});
