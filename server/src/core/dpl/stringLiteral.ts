/** A JSON string literal decoded, with where each decoded UTF-16 unit came from. */
export interface DecodedLiteral {
  value: string;
  /**
   * Offsets in the literal text, where offset 0 is the opening quote. `offsets[i]` is where
   * the character or escape sequence that produced `value[i]` starts, and
   * `offsets[value.length]` is the offset of the closing quote.
   */
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Decodes one JSON string literal, quotes included. Returns undefined when the text is not
 * a closed literal or contains an escape sequence JSON does not define. Raw control
 * characters, which strict JSON forbids, are decoded as themselves because the syntax
 * check reports them separately.
 */
export function decodeStringLiteral(literal: string): DecodedLiteral | undefined {
  if (literal.length < 2 || literal[0] !== '"' || literal[literal.length - 1] !== '"') {
    return undefined;
  }
  const end = literal.length - 1;
  let value = '';
  const offsets: number[] = [];
  let i = 1;
  while (i < end) {
    const ch = literal[i];
    if (ch === '"') return undefined;
    if (ch !== '\\') {
      offsets.push(i);
      value += ch;
      i++;
      continue;
    }
    const kind = literal[i + 1];
    if (kind === undefined || i + 1 >= end) return undefined;
    if (kind === 'u') {
      const hex = literal.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex) || i + 6 > end) return undefined;
      offsets.push(i);
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    const decoded = SIMPLE_ESCAPES[kind];
    if (decoded === undefined) return undefined;
    offsets.push(i);
    value += decoded;
    i += 2;
  }
  offsets.push(end);
  return { value, offsets };
}

/** Escapes text for the inside of a JSON string literal, the way `JSON.stringify` does. */
export function escapeStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Escapes text for a JSON string literal and, when `escapeSlashes` is set, also writes `/`
 * as `\/`, the spelling some writers of DPL configuration files use. Both decode the same.
 */
export function encodeStringLiteral(text: string, escapeSlashes = false): string {
  const literal = JSON.stringify(text);
  return escapeSlashes ? literal.replace(/\//g, '\\/') : literal;
}
