import { strict as assert } from 'node:assert';
import { analyzeConfig } from '../../../server/src/core/analyze';
import {
  compactConfigText,
  expandConfigText,
  hyperloopString,
  jsonTokens,
  localString,
  recognizeConfigForm,
  sameTokens,
} from '../../../server/src/core/dpl';
import {
  decodeStringLiteral,
  encodeStringLiteral,
} from '../../../server/src/core/dpl/stringLiteral';

/**
 * A config whose spellings a parse-and-print round trip would change: `1e-3`, `0.50`,
 * `2.0`, `2E+1`, escapes, a tab escape, non-ASCII text and a character outside the BMP.
 */
const SPELLED_CONFIG = `{
    "BDTCut": {
        "type": "Binary",
        "title": "J/\\u03c8 → e⁺e⁻, \\"prompt\\"\\tcut \\\\ \\/ 🙂",
        "inputFeatures": ["kMass", "kPt", "kTPCNSigmaEl1"],
        "modelFiles": [
            "modelBDT_cent-1_100_pt0_2_onnx.onnx",
            "modelBDT_cent-1_100_pt2_20_onnx.onnx"
        ],
        "cent": "kCentFT0C",
        "AddCentCut-Cent-1100": {
            "centMin": -1,
            "centMax": 100,
            "AddPtCut-pTBin0": {
                "pTMin": 0,
                "pTMax": 2.0,
                "AddMLCut-background": { "var": "kBdtBackground", "cut": 1e-3, "exclude": true }
            },
            "AddPtCut-pTBin1": {
                "pTMin": 2.0,
                "pTMax": 2E+1,
                "AddMLCut-background": { "var": "kBdtBackground", "cut": 0.50, "exclude": true }
            }
        }
    }
}
`;

function compactOf(text: string): string {
  const result = hyperloopString(text);
  assert.ok(result.ok, `expected a compact string, got ${JSON.stringify(result)}`);
  return result.compact;
}

describe('decodeStringLiteral', () => {
  it('decodes every escape JSON defines', () => {
    const decoded = decodeStringLiteral('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9"');
    assert.equal(decoded?.value, 'a"b\\c/d\b\f\n\r\té');
  });

  it('maps each decoded unit to the start of its escape', () => {
    const decoded = decodeStringLiteral('"x\\"\\u00e9y"');
    // x at 1, \" at 2, \u00e9 at 4, y at 10, closing quote at 11.
    assert.deepEqual(decoded?.offsets, [1, 2, 4, 10, 11]);
  });

  it('maps surrogate pairs unit by unit', () => {
    const raw = decodeStringLiteral('"🙂"');
    assert.deepEqual(raw?.offsets, [1, 2, 3]);
    const escaped = decodeStringLiteral('"\\ud83d\\ude00"');
    assert.equal(escaped?.value, '😀');
    assert.deepEqual(escaped?.offsets, [1, 7, 13]);
  });

  it('rejects invalid literals', () => {
    for (const literal of ['"\\x"', '"\\u12"', '"abc', 'abc"', '"a"b"', '"\\"', '"\\u12g4"']) {
      assert.equal(decodeStringLiteral(literal), undefined, literal);
    }
  });

  it('decodes an empty literal', () => {
    assert.deepEqual(decodeStringLiteral('""'), { value: '', offsets: [1] });
  });
});

describe('encodeStringLiteral', () => {
  it('escapes quotes, backslashes and control characters', () => {
    assert.equal(encodeStringLiteral('a"b\\c\n\t\u0001'), '"a\\"b\\\\c\\n\\t\\u0001"');
  });

  it('keeps non-ASCII text and slashes', () => {
    assert.equal(encodeStringLiteral('J/ψ 🙂'), '"J/ψ 🙂"');
  });

  it('writes slashes as \\/ when asked', () => {
    assert.equal(encodeStringLiteral('Users/a/b', true), '"Users\\/a\\/b"');
  });

  it('round-trips through the decoder', () => {
    const text = 'q"\\ \u0000 \u001f é 🙂 \ud800';
    assert.equal(decodeStringLiteral(encodeStringLiteral(text))?.value, text);
  });
});

describe('hyperloopString', () => {
  it('keeps number spellings as written', () => {
    const compact = compactOf(SPELLED_CONFIG);
    for (const spelling of [':1e-3,', ':0.50,', ':2.0,', ':2E+1,', ':-1,']) {
      assert.ok(compact.includes(spelling), `missing ${spelling} in ${compact}`);
    }
  });

  it('keeps escapes and non-ASCII text', () => {
    const compact = compactOf(SPELLED_CONFIG);
    const title = '"J/\\u03c8 → e⁺e⁻, \\"prompt\\"\\tcut \\\\ \\/ 🙂"';
    assert.ok(compact.includes(`"title":${title}`), compact);
  });

  it('removes all whitespace between tokens', () => {
    const compact = compactOf(SPELLED_CONFIG);
    assert.ok(!/\n/.test(compact));
    assert.ok(compact.startsWith('{"BDTCut":{"type":"Binary","title":'));
    assert.ok(compact.includes('"inputFeatures":["kMass","kPt","kTPCNSigmaEl1"]'));
    assert.ok(compact.endsWith('"exclude":true}}}}}'));
  });

  it('keeps key order', () => {
    const compact = compactOf('{"z": {"b": 1, "a": 2, "AddCentCut-2": {}, "AddCentCut-1": {}}}');
    assert.equal(compact, '{"z":{"b":1,"a":2,"AddCentCut-2":{},"AddCentCut-1":{}}}');
  });

  it('keeps whitespace inside strings', () => {
    assert.equal(compactOf('{ "a b" : " c\\td " }'), '{"a b":" c\\td "}');
  });

  it('gives the same tokens as the source', () => {
    const compact = compactOf(SPELLED_CONFIG);
    assert.ok(sameTokens(compact, SPELLED_CONFIG));
    assert.deepEqual(jsonTokens(compact), jsonTokens(SPELLED_CONFIG));
  });

  it('gives the same model as the source', () => {
    const source = analyzeConfig(SPELLED_CONFIG, { checkModelFiles: false });
    const compact = analyzeConfig(compactOf(SPELLED_CONFIG), { checkModelFiles: false });
    assert.deepEqual(
      compact.model.active?.bins.map((bin) => [bin.label, bin.modelFile?.value, bin.cuts[0].cut]),
      source.model.active?.bins.map((bin) => [bin.label, bin.modelFile?.value, bin.cuts[0].cut]),
    );
    assert.equal(compact.model.active?.title?.value, 'J/ψ → e⁺e⁻, "prompt"\tcut \\ / 🙂');
    assert.deepEqual(
      compact.findings.map((finding) => finding.code),
      source.findings.map((finding) => finding.code),
    );
  });

  it('drops a leading byte order mark', () => {
    assert.equal(compactOf('\uFEFF{ "a": 1 }'), '{"a":1}');
  });

  it('accepts tabs and CRLF line breaks as whitespace', () => {
    assert.equal(compactOf('{\r\n\t"a":\t[1,\r\n\t2]\r\n}'), '{"a":[1,2]}');
  });

  const rejected: Array<[string, string, string]> = [
    ['trailing comma', '{"a": 1,}', 'json-trailing-comma'],
    ['comment', '{"a": 1 // one\n}', 'json-comment'],
    ['NaN', '{"a": NaN}', 'json-non-finite-number'],
    ['Infinity', '{"a": -Infinity}', 'json-non-finite-number'],
    ['single quotes', "{'a': 1}", 'json-single-quote'],
    ['raw tab in a string', '{"a": "x\ty"}', 'json-control-character'],
    ['missing brace', '{"a": 1', 'json-syntax'],
    ['empty text', '  ', 'empty-document'],
  ];
  for (const [name, text, code] of rejected) {
    it(`rejects a ${name}`, () => {
      const result = hyperloopString(text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.ok(result.errors.some((error) => error.code === code));
    });
  }

  it('reports error offsets in the text with its byte order mark', () => {
    const result = hyperloopString('\uFEFF{"a": 1,}');
    assert.equal(result.ok, false);
    // The comma is at offset 8 of the text, 7 without the byte order mark.
    if (!result.ok) assert.deepEqual(result.errors[0].span, { start: 8, end: 9 });
  });
});

describe('localString', () => {
  it('decodes to the compact string', () => {
    const compact = compactOf(SPELLED_CONFIG);
    const local = localString(compact);
    assert.equal(JSON.parse(local), compact);
    assert.equal(decodeStringLiteral(local)?.value, compact);
  });

  it('escapes quotes and backslashes once more', () => {
    const compact = compactOf('{"t": "a\\"b\\\\c\\td"}');
    assert.equal(compact, '{"t":"a\\"b\\\\c\\td"}');
    assert.equal(localString(compact), '"{\\"t\\":\\"a\\\\\\"b\\\\\\\\c\\\\td\\"}"');
  });

  it('keeps numbers and non-ASCII text as written', () => {
    const local = localString(compactOf('{"t": "ψ", "c": 0.50, "d": 1e-3}'));
    assert.equal(local, '"{\\"t\\":\\"ψ\\",\\"c\\":0.50,\\"d\\":1e-3}"');
  });

  it('gives the same tokens as the source after one decoding', () => {
    const local = localString(compactOf(SPELLED_CONFIG));
    assert.ok(sameTokens(JSON.parse(local) as string, SPELLED_CONFIG));
  });
});

describe('recognizeConfigForm', () => {
  const compact = compactOf(SPELLED_CONFIG);

  it('recognises a document', () => {
    assert.deepEqual(recognizeConfigForm(SPELLED_CONFIG), { form: 'document' });
  });

  it('recognises the compact form, with a final line break', () => {
    assert.deepEqual(recognizeConfigForm(compact), { form: 'compact' });
    assert.deepEqual(recognizeConfigForm(`${compact}\n`), { form: 'compact' });
  });

  it('recognises the local form and decodes it once', () => {
    const form = recognizeConfigForm(`${localString(compact)}\n`);
    assert.deepEqual(form, { form: 'local', depth: 1, decoded: compact });
  });

  it('counts two levels of string encoding', () => {
    const form = recognizeConfigForm(localString(localString(compact)));
    assert.equal(form.form, 'local');
    if (form.form === 'local') {
      assert.equal(form.depth, 2);
      assert.equal(form.decoded, compact);
    }
  });

  it('calls broken text and other strings other', () => {
    assert.deepEqual(recognizeConfigForm('{"a": 1,}'), { form: 'other' });
    assert.deepEqual(recognizeConfigForm('"just text"'), { form: 'other' });
    assert.deepEqual(recognizeConfigForm('[1, 2]'), { form: 'other' });
  });
});

describe('compactConfigText', () => {
  it('unwraps a local string to the compact string', () => {
    const compact = compactOf(SPELLED_CONFIG);
    const result = compactConfigText(localString(compact));
    assert.deepEqual(result, { ok: true, compact });
  });
});

describe('expandConfigText', () => {
  it('lays a compact string out as a document with the same tokens', () => {
    const compact = compactOf(SPELLED_CONFIG);
    const result = expandConfigText(localString(compact));
    assert.ok(result.ok);
    if (result.ok) {
      assert.ok(sameTokens(result.document, SPELLED_CONFIG));
      assert.ok(result.document.includes('\n        "title": '));
      assert.deepEqual(recognizeConfigForm(result.document), { form: 'document' });
    }
  });
});
