import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../../server/src/core/analyze';
import { MAX_NESTING_DEPTH } from '../../../server/src/core/syntax/parse';
import {
  analyze,
  applyFix,
  binaryConfig,
  codesOf,
  findingsWith,
  onlyFinding,
  rangeOf,
  sourceAt,
  spanOf,
  toText,
} from '../../support/configs';

const VALID = toText(binaryConfig());

/** Writes the valid config with `from`, which must occur once, replaced by `to`. */
function validWith(from: string, to: string): string {
  const span = spanOf(VALID, from);
  assert.equal(VALID.indexOf(from, span.end), -1, `"${from}" occurs more than once`);
  return VALID.slice(0, span.start) + to + VALID.slice(span.end);
}

describe('syntax rules', () => {
  describe('json-syntax', () => {
    const text = '{"BDTCut": {"type": "Binary" "cent": "kCentFT0C"}}';

    it('fires on a missing comma', () => {
      const finding = onlyFinding(text, 'json-syntax');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"cent"');
      assert.equal(rangeOf(text, finding.span), '1:30-1:36');
    });

    it('states what was expected', () => {
      const finding = onlyFinding(text, 'json-syntax');
      assert.equal(finding.message, `Expected ',' between members at "cent".`);
    });

    it('stays silent on valid JSON', () => {
      assert.deepEqual(findingsWith(VALID, 'json-syntax'), []);
    });

    it('names the end of a truncated document', () => {
      const truncated = VALID.slice(0, VALID.length - 2);
      const messages = findingsWith(truncated, 'json-syntax').map((finding) => finding.message);
      assert.deepEqual(messages, ["Expected '}' to close the object at the end of the document."]);
    });

    it('rejects a byte order mark', () => {
      const text = `\ufeff${VALID}`;
      const finding = onlyFinding(text, 'json-syntax');
      assert.deepEqual(finding.span, { start: 0, end: 1 });
      assert.equal(
        finding.message,
        'The document starts with a byte order mark (U+FEFF), which strict JSON parsers such as RapidJSON reject. Remove it, or save the file as UTF-8 without BOM.',
      );
    });

    it('removes a byte order mark', () => {
      const text = `\ufeff${VALID}`;
      const fixed = applyFix(text, onlyFinding(text, 'json-syntax'), 'Remove the byte order mark');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('rejects a no-break space between tokens', () => {
      const text = validWith('"cent": "kCentFT0C"', '"cent":\u00a0"kCentFT0C"');
      const finding = onlyFinding(text, 'json-syntax');
      assert.equal(sourceAt(text, finding.span), '\u00a0');
      assert.equal(
        finding.message,
        'Invalid white space U+00A0: between tokens JSON allows only space, tab, line feed and carriage return. Replace it with a space.',
      );
    });

    it('replaces a no-break space', () => {
      const text = validWith('"cent": "kCentFT0C"', '"cent":\u00a0"kCentFT0C"');
      const fixed = applyFix(text, onlyFinding(text, 'json-syntax'), 'Replace with a space');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('keeps analysing after a vertical tab', () => {
      const text = validWith('"cent": "kCentFT0C"', '"cent":\u000b"kCentFT1C"');
      assert.deepEqual(codesOf(text), ['json-syntax', 'invalid-centrality-estimator']);
    });

    it('rejects a number too large for a double', () => {
      const text = validWith('"cut": 0.5', '"cut": 1e400');
      const finding = onlyFinding(text, 'json-syntax');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '1e400');
      assert.equal(
        finding.message,
        'The number 1e400 is too large for a double, which RapidJSON rejects as a parse error. Write a number of magnitude below 1.8e308.',
      );
    });

    it('accepts the largest double', () => {
      const text = validWith('"centMax": 30', '"centMax": 1.7976931348623157e308');
      assert.deepEqual(findingsWith(text, 'json-syntax'), []);
    });

    it('names invisible characters in messages', () => {
      const text = '{"BDTCut": \u0001}';
      const messages = findingsWith(text, 'json-syntax').map((finding) => finding.message);
      assert.deepEqual(messages, ['Invalid symbol at \\u0001.', 'Expected a value at }.']);
    });
  });

  describe('json-comment', () => {
    const text = validWith('"cent": "kCentFT0C",', '"cent": "kCentFT0C", // FT0C only');

    it('fires on a line comment', () => {
      const finding = onlyFinding(text, 'json-comment');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '// FT0C only');
    });

    it('quotes the comment in its message', () => {
      assert.equal(
        onlyFinding(text, 'json-comment').message,
        'Comments are not allowed in strict JSON: // FT0C only. Remove the comment.',
      );
    });

    it('fires on a block comment', () => {
      const block = validWith('"cut": 0.5', '"cut": /* tuned */ 0.5');
      const finding = onlyFinding(block, 'json-comment');
      assert.equal(sourceAt(block, finding.span), '/* tuned */');
    });

    it('ignores comment marks inside strings', () => {
      const inString = validWith('"MyBDTModel"', '"http://x/* y */"');
      assert.deepEqual(findingsWith(inString, 'json-comment'), []);
    });

    it('removes the comment', () => {
      const fixed = applyFix(text, onlyFinding(text, 'json-comment'), 'Remove the comment');
      assert.equal(fixed, validWith('"cent": "kCentFT0C",', '"cent": "kCentFT0C", '));
      assert.deepEqual(codesOf(fixed), []);
    });
  });

  describe('json-trailing-comma', () => {
    const text = validWith('"kTPCNSigmaEl1"\n', '"kTPCNSigmaEl1",\n');

    it('fires before a closing bracket', () => {
      const finding = onlyFinding(text, 'json-trailing-comma');
      assert.equal(finding.severity, 'error');
      const item = spanOf(text, '"kTPCNSigmaEl1",');
      assert.deepEqual(finding.span, { start: item.end - 1, end: item.end });
    });

    it('states the fix in its message', () => {
      assert.equal(
        onlyFinding(text, 'json-trailing-comma').message,
        'Trailing comma before the closing bracket. Remove the comma.',
      );
    });

    it('fires before a closing brace', () => {
      const brace = validWith(
        '"exclude": true\n        }\n      },\n',
        '"exclude": true,\n        }\n      },\n',
      );
      const finding = onlyFinding(brace, 'json-trailing-comma');
      assert.equal(sourceAt(brace, finding.span), ',');
    });

    it('sees through a comment', () => {
      const commented = validWith('"kTPCNSigmaEl1"\n', '"kTPCNSigmaEl1", /* last */\n');
      assert.deepEqual(codesOf(commented), ['json-trailing-comma', 'json-comment']);
    });

    it('stays silent between members', () => {
      assert.deepEqual(findingsWith(VALID, 'json-trailing-comma'), []);
    });

    it('removes the comma', () => {
      const finding = onlyFinding(text, 'json-trailing-comma');
      const fixed = applyFix(text, finding, 'Remove the trailing comma');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });
  });

  describe('json-single-quote', () => {
    const text = validWith('"kCentFT0C"', "'kCentFT0C'");

    it('fires on a single-quoted value', () => {
      const finding = onlyFinding(text, 'json-single-quote');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), "'kCentFT0C'");
    });

    it('quotes the string in its message', () => {
      assert.equal(
        onlyFinding(text, 'json-single-quote').message,
        "Single-quoted string 'kCentFT0C'. JSON strings use double quotes.",
      );
    });

    it('reads the value despite the quotes', () => {
      assert.deepEqual(codesOf(text), ['json-single-quote']);
    });

    it('stays silent on apostrophes in strings', () => {
      const apostrophe = validWith('"MyBDTModel"', `"Jane's model"`);
      assert.deepEqual(findingsWith(apostrophe, 'json-single-quote'), []);
    });

    it('uses double quotes', () => {
      const finding = onlyFinding(text, 'json-single-quote');
      const fixed = applyFix(text, finding, 'Use double quotes');
      assert.equal(fixed, VALID);
      assert.deepEqual(codesOf(fixed), []);
    });

    it('keeps escape sequences when requoting', () => {
      const escaped = validWith('"MyBDTModel"', `'a\\n\\'b\\''`);
      const finding = onlyFinding(escaped, 'json-single-quote');
      const fixed = applyFix(escaped, finding, 'Use double quotes');
      assert.equal(fixed, validWith('"MyBDTModel"', `"a\\n'b'"`));
      assert.deepEqual(codesOf(fixed), []);
    });

    it('offers no fix when unterminated', () => {
      const open = '{"BDTCut": \'Binary}';
      const finding = onlyFinding(open, 'json-single-quote');
      assert.equal(finding.fixes, undefined);
    });
  });

  describe('json-non-finite-number', () => {
    const text = validWith('"cut": 0.5', '"cut": NaN');

    it('fires on NaN', () => {
      const finding = onlyFinding(text, 'json-non-finite-number');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), 'NaN');
    });

    it('suggests a finite number', () => {
      assert.equal(
        onlyFinding(text, 'json-non-finite-number').message,
        'NaN is not a JSON number. Write a finite number; for an open-ended range, use a large value such as 1000.',
      );
    });

    for (const spelling of ['Infinity', '-Infinity', '+Infinity']) {
      it(`covers the sign of ${spelling}`, () => {
        const signed = validWith('"cut": 0.5', `"cut": ${spelling}`);
        const finding = onlyFinding(signed, 'json-non-finite-number');
        assert.equal(sourceAt(signed, finding.span), spelling);
      });
    }

    it('reports nothing else on NaN', () => {
      assert.deepEqual(codesOf(text), ['json-non-finite-number']);
    });

    it('stays silent on NaN in strings', () => {
      const inString = validWith('"MyBDTModel"', '"NaN"');
      assert.deepEqual(findingsWith(inString, 'json-non-finite-number'), []);
    });
  });

  describe('json-control-character', () => {
    const text = validWith('"MyBDTModel"', '"My\tBDT"');

    it('fires on a raw tab in a string', () => {
      const finding = onlyFinding(text, 'json-control-character');
      assert.equal(finding.severity, 'error');
      assert.equal(sourceAt(text, finding.span), '"My\tBDT"');
    });

    it('shows the escaped string', () => {
      assert.equal(
        onlyFinding(text, 'json-control-character').message,
        'The string "My\\tBDT" contains a raw control character such as a tab. Write it as an escape sequence.',
      );
    });

    it('fires in a key', () => {
      const key = validWith('"title"', '"ti\u0001tle"');
      const finding = onlyFinding(key, 'json-control-character');
      assert.equal(sourceAt(key, finding.span), '"ti\u0001tle"');
    });

    it('accepts tabs between tokens', () => {
      const tabbed = VALID.replace(/^ {2}/gm, '\t');
      assert.deepEqual(codesOf(tabbed), []);
    });

    it('escapes the characters', () => {
      const finding = onlyFinding(text, 'json-control-character');
      const fixed = applyFix(text, finding, 'Escape the control characters');
      assert.equal(fixed, validWith('"MyBDTModel"', '"My\\tBDT"'));
      assert.deepEqual(codesOf(fixed), []);
    });
  });

  describe('empty-document', () => {
    it('fires on white space only', () => {
      const text = ' \n\t\r\n';
      const finding = onlyFinding(text, 'empty-document');
      assert.equal(finding.severity, 'error');
      assert.deepEqual(finding.span, { start: 0, end: text.length });
    });

    it('asks for a selection', () => {
      assert.equal(
        onlyFinding('', 'empty-document').message,
        'The document is empty. Write a JSON object with one selection in it.',
      );
    });

    it('reports nothing else', () => {
      assert.deepEqual(codesOf(''), ['empty-document']);
    });

    it('stays silent on a lone comment', () => {
      assert.deepEqual(codesOf('// nothing'), ['json-comment', 'json-syntax']);
    });

    it('treats a no-break space as content', () => {
      assert.deepEqual(codesOf('\u00a0'), ['json-syntax', 'json-syntax']);
    });
  });
});

describe('hostile documents', () => {
  it('skips values nested too deeply', () => {
    const depth = MAX_NESTING_DEPTH + 1;
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const text = validWith('"title": "MyBDTModel"', `"title": ${deep}`);
    const finding = onlyFinding(text, 'json-syntax');
    assert.equal(finding.severity, 'warning');
    // "title" sits at level 2, so its levels beyond the limit are the innermost three.
    assert.equal(sourceAt(text, finding.span), '[[[]]]');
  });

  it('explains the nesting limit', () => {
    const depth = MAX_NESTING_DEPTH + 1;
    const text = validWith('"MyBDTModel"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    assert.equal(
      onlyFinding(text, 'json-syntax').message,
      `This value is nested deeper than ${MAX_NESTING_DEPTH} levels, so dqml does not analyse it. No part of a config is deeper than 5 levels: remove the value or check its brackets.`,
    );
  });

  it('survives 100000 levels of nesting', () => {
    const depth = 100_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const text = validWith('"MyBDTModel"', deep);
    assert.deepEqual(codesOf(text), ['json-syntax']);
  });

  it('survives unclosed deep nesting', () => {
    const text = `{"BDTCut": ${'['.repeat(5000)}`;
    assert.ok(codesOf(text).includes('json-syntax'));
  });

  it('survives binary garbage', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const length = Math.floor(random() * 400);
      const bytes = Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 256)));
      const text = bytes.join('');
      const analysis = analyze(text);
      assert.ok(
        analysis.findings.every((finding) => finding.span.end <= text.length),
        `round ${round}`,
      );
    }
  });

  it('survives fragments of a config', () => {
    for (let cut = 0; cut <= VALID.length; cut += 7) {
      const analysis = analyze(VALID.slice(0, cut));
      assert.ok(analysis.findings.length > 0 || cut === VALID.length, `cut at ${cut}`);
    }
  });
});

describe('non-finite numbers in ranges', () => {
  it('leaves the value unknown, not 0', () => {
    const text = readFileSync(
      join(__dirname, '../../../examples/binary/bdtCut.json'),
      'utf8',
    ).replace('"pTMax": 20', '"pTMax": Infinity');
    const analysis = analyzeConfig(text, { checkModelFiles: false });
    assert.deepEqual(
      [...new Set(analysis.findings.map((finding) => finding.code))],
      ['json-non-finite-number'],
    );
    assert.equal(analysis.model.active?.bins[1].pt.max?.value, undefined);
    assert.equal(analysis.model.active?.bins[1].label, 'kCentFT0C_cent0_10_pt3.0_?');
  });
});
