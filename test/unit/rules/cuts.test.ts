import { strict as assert } from 'node:assert';
import {
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  firstPtBlock,
  fixTitled,
  multiClassConfig,
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
const VALID_MULTI = toText(multiClassConfig());

/** Writes a valid config changed by `change` as text, MultiClass when `multi` is set. */
function configWith(change: (config: JsonObject) => void, multi = false): string {
  const config = multi ? multiClassConfig() : binaryConfig();
  change(config);
  return toText(config);
}

/** Returns the cut `key` of a pT block, for changing one of its members. */
function cutOf(block: JsonObject, key = 'AddMLCut-background'): JsonObject {
  return block[key] as JsonObject;
}

describe('cut rules', () => {
  it('MultiClass base has no findings', () => {
    assert.deepEqual(codesOf(VALID_MULTI), []);
  });

  describe('cut-count-mismatch', () => {
    const text = configWith((config) => delete secondPtBlock(config)['AddMLCut-background']);

    it('fires on a block without cuts', () => {
      const finding = onlyFinding(text, 'cut-count-mismatch');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, spanOf(text, '"AddPtCut-pTBin2"'));
    });

    it('states the class count', () => {
      assert.equal(
        onlyFinding(text, 'cut-count-mismatch').message,
        '"AddPtCut-pTBin2" has 0 score cuts (AddMLCut), but a Binary model has 1 score. Give every pT block exactly 1.',
      );
    });

    it('adds the missing cut', () => {
      const finding = onlyFinding(text, 'cut-count-mismatch');
      const fixed = applyFix(text, finding, 'Add the missing score cut');
      assert.equal(
        fixed,
        text.replace(
          '"pTMax": 20\n',
          '"pTMax": 20,\n        "AddMLCut-background": { "var": "kBdtBackground", "cut": 0.5, "exclude": true }\n',
        ),
      );
      assert.deepEqual(codesOf(fixed), []);
    });

    it('adds three cuts to an empty block', () => {
      const empty = configWith((config) => {
        const centrality = selectionOf(config)['AddCentCut-Cent1030'] as JsonObject;
        centrality['AddPtCut-pTBin2'] = {};
      }, true);
      const finding = onlyFinding(empty, 'cut-count-mismatch');
      const fixed = applyFix(empty, finding, 'Add the missing score cuts');
      // New cuts take the directions of the first block, which the framework applies.
      const cuts =
        '"AddMLCut-background": { "var": "kBdtBackground", "cut": 0.5, "exclude": true }, ' +
        '"AddMLCut-prompt": { "var": "kBdtPrompt", "cut": 0.5, "exclude": false }, ' +
        '"AddMLCut-nonprompt": { "var": "kBdtNonprompt", "cut": 0.5, "exclude": true }';
      assert.equal(fixed, empty.replace('"AddPtCut-pTBin2": {}', `"AddPtCut-pTBin2": {${cuts}}`));
      assert.deepEqual(findingsWith(fixed, 'cut-count-mismatch'), []);
      assert.deepEqual(findingsWith(fixed, 'json-syntax'), []);
    });

    it('suggests MultiClass for three cuts', () => {
      const three = configWith((config) => (selectionOf(config).type = 'Binary'), true);
      const finding = findingsWith(three, 'cut-count-mismatch')[0];
      assert.equal(
        finding.message,
        '"AddPtCut-pTBin1" has 3 score cuts (AddMLCut), but a Binary model has 1 score. Give every pT block exactly 1. Three cuts fit a MultiClass model: change "type" to "MultiClass" if the model has three classes.',
      );
      assert.equal(fixTitled(finding, 'Change type to "MultiClass"').preferred, true);
    });

    it('changes the type to MultiClass', () => {
      const three = configWith((config) => (selectionOf(config).type = 'Binary'), true);
      const finding = findingsWith(three, 'cut-count-mismatch')[0];
      const fixed = applyFix(three, finding, 'Change type to "MultiClass"');
      assert.equal(fixed, VALID_MULTI);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('removes the extra cuts', () => {
      const three = configWith((config) => (selectionOf(config).type = 'Binary'), true);
      const finding = findingsWith(three, 'cut-count-mismatch')[0];
      const fixed = applyFix(three, finding, 'Remove the 2 extra score cuts');
      const expected = configWith((config) => {
        selectionOf(config).type = 'Binary';
        delete firstPtBlock(config)['AddMLCut-prompt'];
        delete firstPtBlock(config)['AddMLCut-nonprompt'];
      }, true);
      assert.equal(fixed, expected);
      assert.deepEqual(findingsWith(fixed, 'cut-count-mismatch').length, 1);
    });

    it('checks legacy blocks too', () => {
      const legacy = configWith((config) => {
        const selection = selectionOf(config);
        delete selection['AddCentCut-Cent1030'];
        selection['AddMLCut-pTBin1'] = {
          pTMin: 0,
          pTMax: 2,
          'AddMLCut-background': scoreCut('kBdtBackground', 0.5, true),
          'AddMLCut-prompt': scoreCut('kBdtPrompt', 0.5, false),
        };
      });
      const finding = onlyFinding(legacy, 'cut-count-mismatch');
      assert.deepEqual(finding.span, spanOf(legacy, '"AddMLCut-pTBin1"'));
    });

    it('stays silent on one cut per block', () => {
      assert.deepEqual(findingsWith(VALID, 'cut-count-mismatch'), []);
    });
  });

  describe('invalid-score-var', () => {
    const text = configWith((config) => (cutOf(firstPtBlock(config)).var = 'kBdtBackgroud'));

    it('fires on a misspelled score', () => {
      const finding = onlyFinding(text, 'invalid-score-var');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"kBdtBackgroud"'));
    });

    it('names the applied score', () => {
      assert.equal(
        onlyFinding(text, 'invalid-score-var').message,
        'Invalid score name "kBdtBackgroud". Use kBdtBackground, kBdtPrompt or kBdtNonprompt; at position 0 the cut applies to kBdtBackground. Did you mean "kBdtBackground"?',
      );
    });

    it('changes to the applied score', () => {
      const finding = onlyFinding(text, 'invalid-score-var');
      const fixed = applyFix(text, finding, 'Change to "kBdtBackground"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('offers no fix past kBdtNonprompt', () => {
      const fourth = configWith((config) => {
        firstPtBlock(config)['AddMLCut-extra'] = scoreCut('kBdtSignal', 0.5, false);
      }, true);
      const finding = onlyFinding(fourth, 'invalid-score-var');
      assert.equal(finding.fixes, undefined);
      assert.equal(
        finding.message,
        'Invalid score name "kBdtSignal". Use kBdtBackground, kBdtPrompt or kBdtNonprompt; at position 3 the cut applies to no score.',
      );
    });

    it('stays silent on the three names', () => {
      assert.deepEqual(findingsWith(VALID_MULTI, 'invalid-score-var'), []);
    });
  });

  describe('var-position-mismatch', () => {
    const text = configWith((config) => (cutOf(firstPtBlock(config)).var = 'kBdtPrompt'));

    it('fires on a var at the wrong position', () => {
      const finding = onlyFinding(text, 'var-position-mismatch');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"kBdtPrompt"'));
    });

    it('names the score applied', () => {
      assert.equal(
        onlyFinding(text, 'var-position-mismatch').message,
        'This cut says "kBdtPrompt" but is cut 0 of "AddPtCut-pTBin1", so the framework applies it to kBdtBackground. Reorder the cuts so that kBdtPrompt is at position 1, or change "var" to "kBdtBackground".',
      );
    });

    it('changes var to the applied score', () => {
      const finding = onlyFinding(text, 'var-position-mismatch');
      const fixed = applyFix(text, finding, 'Change "var" to "kBdtBackground"');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('names a position without a score', () => {
      const fourth = configWith((config) => {
        firstPtBlock(config)['AddMLCut-extra'] = scoreCut('kBdtNonprompt', 0.5, false);
      }, true);
      const finding = onlyFinding(fourth, 'var-position-mismatch');
      assert.equal(
        finding.message,
        'This cut says "kBdtNonprompt" but is cut 3 of "AddPtCut-pTBin1"; no score has that position.',
      );
      assert.equal(finding.fixes, undefined);
    });

    it('stays silent on the framework order', () => {
      assert.deepEqual(findingsWith(VALID_MULTI, 'var-position-mismatch'), []);
    });
  });

  describe('duplicate-score-var', () => {
    const text = configWith((config) => {
      cutOf(firstPtBlock(config), 'AddMLCut-nonprompt').var = 'kBdtPrompt';
    }, true);

    it('fires on the second name', () => {
      const finding = onlyFinding(text, 'duplicate-score-var');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"kBdtPrompt"', 1));
      assert.deepEqual(finding.related?.[0].span, spanOf(text, '"kBdtPrompt"', 0));
    });

    it('names both positions', () => {
      assert.equal(
        onlyFinding(text, 'duplicate-score-var').message,
        '"kBdtPrompt" is named by two cuts of "AddPtCut-pTBin1" (positions 1 and 2). Cuts apply by position, so this one applies to kBdtNonprompt; name it so.',
      );
    });

    it('points at the misnamed cut', () => {
      const early = configWith((config) => {
        cutOf(firstPtBlock(config), 'AddMLCut-prompt').var = 'kBdtNonprompt';
      }, true);
      const finding = onlyFinding(early, 'duplicate-score-var');
      assert.deepEqual(finding.span, spanOf(early, '"kBdtNonprompt"', 0));
      assert.deepEqual(finding.related?.[0].span, spanOf(early, '"kBdtNonprompt"', 1));
      assert.equal(
        finding.message,
        '"kBdtNonprompt" is named by two cuts of "AddPtCut-pTBin1" (positions 1 and 2). Cuts apply by position, so this one applies to kBdtPrompt; name it so.',
      );
    });

    it('stays silent on distinct names', () => {
      assert.deepEqual(findingsWith(VALID_MULTI, 'duplicate-score-var'), []);
    });
  });

  describe('inconsistent-cut-classes', () => {
    const text = configWith((config) => {
      cutOf(secondPtBlock(config), 'AddMLCut-background').var = 'kBdtPrompt';
      cutOf(secondPtBlock(config), 'AddMLCut-prompt').var = 'kBdtBackground';
    }, true);

    it('fires on a block in another order', () => {
      const finding = onlyFinding(text, 'inconsistent-cut-classes');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '"AddPtCut-pTBin2"'));
      assert.deepEqual(finding.related?.[0].span, spanOf(text, '"AddPtCut-pTBin1"'));
    });

    it('lists both orders', () => {
      assert.equal(
        onlyFinding(text, 'inconsistent-cut-classes').message,
        'The cuts of "AddPtCut-pTBin2" name kBdtPrompt, kBdtBackground, kBdtNonprompt where the first pT block "AddPtCut-pTBin1" names kBdtBackground, kBdtPrompt, kBdtNonprompt. Cuts apply by position, so use the first block\'s order.',
      );
    });

    it('names a cut without var', () => {
      const missing = configWith((config) => {
        delete cutOf(secondPtBlock(config), 'AddMLCut-background').var;
        cutOf(secondPtBlock(config), 'AddMLCut-prompt').var = 'kBdtNonprompt';
      }, true);
      assert.equal(
        onlyFinding(missing, 'inconsistent-cut-classes').message,
        'The cuts of "AddPtCut-pTBin2" name (no var), kBdtNonprompt, kBdtNonprompt where the first pT block "AddPtCut-pTBin1" names kBdtBackground, kBdtPrompt, kBdtNonprompt. Cuts apply by position, so use the first block\'s order.',
      );
    });

    it('stays silent on the same order', () => {
      assert.deepEqual(findingsWith(VALID_MULTI, 'inconsistent-cut-classes'), []);
    });
  });

  describe('ignored-exclude', () => {
    const text = configWith((config) => (cutOf(secondPtBlock(config)).exclude = false));

    it('fires on a later direction', () => {
      const finding = onlyFinding(text, 'ignored-exclude');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, 'false'));
      assert.equal(sourceAt(text, finding.related?.[0].span ?? { start: 0, end: 0 }), 'true');
    });

    it('names the direction applied', () => {
      assert.equal(
        onlyFinding(text, 'ignored-exclude').message,
        'exclude false is ignored: the framework takes every cut direction from the first pT block "AddPtCut-pTBin1", where cut 0 has exclude true, so this cut keeps score ≤ cut. Set it to true to say what happens, or move the block you want first.',
      );
    });

    it('sets the first block direction', () => {
      const finding = onlyFinding(text, 'ignored-exclude');
      const fixed = applyFix(text, finding, 'Set "exclude": true, as the first block');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('adds a missing exclude', () => {
      const absent = configWith((config) => delete cutOf(secondPtBlock(config)).exclude);
      const finding = onlyFinding(absent, 'ignored-exclude');
      assert.deepEqual(finding.span, spanOf(absent, '"AddMLCut-background"', 1));
      assert.ok(finding.message.startsWith('The absent exclude (false) is ignored:'));
      const fixed = applyFix(absent, finding, 'Set "exclude": true, as the first block');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('compares across centrality blocks', () => {
      const config = binaryConfig();
      const selection = selectionOf(config);
      selection['AddCentCut-Cent3050'] = {
        centMin: 30,
        centMax: 50,
        'AddPtCut-pTBin1': {
          pTMin: 0,
          pTMax: 20,
          'AddMLCut-background': scoreCut('kBdtBackground', 0.5, false),
        },
      };
      (selection.modelFiles as string[]).push('cent_30_50_pt0_20_onnx.onnx');
      assert.deepEqual(codesOf(toText(config)), ['ignored-exclude']);
    });

    it('stays silent on agreeing blocks', () => {
      assert.deepEqual(findingsWith(VALID, 'ignored-exclude'), []);
    });
  });

  describe('cut-out-of-range', () => {
    const text = configWith((config) => (cutOf(firstPtBlock(config)).cut = 1.5));

    it('fires above 1', () => {
      const finding = onlyFinding(text, 'cut-out-of-range');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, '1.5'));
    });

    it('explains the probability range', () => {
      assert.equal(
        onlyFinding(text, 'cut-out-of-range').message,
        'Score cut 1.5 is outside [0, 1], where class probabilities lie, so it keeps every pair or none. Use a value between 0 and 1.',
      );
    });

    it('fires below 0', () => {
      const negative = configWith((config) => (cutOf(secondPtBlock(config)).cut = -0.1));
      assert.deepEqual(onlyFinding(negative, 'cut-out-of-range').span, spanOf(negative, '-0.1'));
    });

    for (const bound of [0, 1]) {
      it(`accepts a cut of ${bound}`, () => {
        const edge = configWith((config) => (cutOf(firstPtBlock(config)).cut = bound));
        assert.deepEqual(findingsWith(edge, 'cut-out-of-range'), []);
      });
    }
  });

  describe('binary-keeps-background', () => {
    const text = configWith((config) => {
      cutOf(firstPtBlock(config)).exclude = false;
      cutOf(secondPtBlock(config)).exclude = false;
    });

    it('fires once on the first block', () => {
      const finding = onlyFinding(text, 'binary-keeps-background');
      assert.equal(finding.severity, 'warning');
      assert.deepEqual(finding.span, spanOf(text, 'false'));
    });

    it('explains the background score', () => {
      assert.equal(
        onlyFinding(text, 'binary-keeps-background').message,
        'With exclude false, this Binary cut keeps pairs whose background probability is above 0.5: the background-like ones. A Binary model\'s score is the probability of class 0, background; to keep signal set "exclude": true (and a cut t on the signal probability becomes 1 - t here).',
      );
    });

    it('sets exclude to true', () => {
      const finding = onlyFinding(text, 'binary-keeps-background');
      const fixed = applyFix(text, finding, 'Set "exclude": true, keeping the cut');
      assert.deepEqual(findingsWith(fixed, 'binary-keeps-background'), []);
      assert.deepEqual(codesOf(fixed), ['ignored-exclude']);
    });

    it('converts a signal-probability cut', () => {
      const signalCut = configWith((config) => {
        cutOf(firstPtBlock(config)).exclude = false;
        cutOf(firstPtBlock(config)).cut = 0.7;
      });
      const finding = onlyFinding(signalCut, 'binary-keeps-background');
      const fixed = applyFix(
        signalCut,
        finding,
        'Set "exclude": true and the cut to 0.3 (the cut was on the signal probability)',
      );
      assert.deepEqual(findingsWith(fixed, 'binary-keeps-background'), []);
      assert.ok(fixed.includes('"cut": 0.3'));
    });

    it('prefers no fix', () => {
      const finding = onlyFinding(text, 'binary-keeps-background');
      assert.equal(
        finding.fixes?.some((fix) => fix.preferred),
        false,
      );
    });

    it('fires on an absent exclude', () => {
      const absent = configWith((config) => delete cutOf(firstPtBlock(config)).exclude);
      const finding = onlyFinding(absent, 'binary-keeps-background');
      assert.deepEqual(finding.span, spanOf(absent, '"AddMLCut-background"'));
      assert.ok(finding.message.startsWith('With exclude absent (false), this Binary cut'));
      const fixed = applyFix(absent, finding, 'Set "exclude": true, keeping the cut');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('stays silent on MultiClass', () => {
      const multi = configWith((config) => (cutOf(firstPtBlock(config)).exclude = false), true);
      assert.deepEqual(findingsWith(multi, 'binary-keeps-background'), []);
    });

    it('stays silent on a cut value', () => {
      const bare = configWith((config) => (firstPtBlock(config)['AddMLCut-background'] = 0.5));
      assert.deepEqual(codesOf(bare), ['wrong-value-type']);
    });

    it('stays silent with exclude true', () => {
      assert.deepEqual(findingsWith(VALID, 'binary-keeps-background'), []);
    });
  });
});
