import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Finding } from '../findings';
import { parseStrictJson } from '../syntax/parse';
import { encodeStringLiteral } from './stringLiteral';

/** The compact string, or the syntax errors that prevent building it. */
export type CompactResult = { ok: true; compact: string } | { ok: false; errors: Finding[] };

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Lists the tokens of a JSON text exactly as written: every string with its escapes, every
 * number with its spelling (`1e-3`, `0.50`), in document order, without the whitespace
 * between them. A leading byte order mark is skipped because it is not part of the JSON
 * text. Returns undefined when the text contains anything other than tokens and JSON
 * whitespace (space, tab, line feed, carriage return), such as a comment.
 */
export function jsonTokens(text: string): string[] | undefined {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const scanner = createScanner(source, false);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const raw = source.slice(
      scanner.getTokenOffset(),
      scanner.getTokenOffset() + scanner.getTokenLength(),
    );
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) {
      if (!/^[ \t\r\n]*$/.test(raw)) return undefined;
      continue;
    }
    if (
      kind === SyntaxKind.Unknown ||
      kind === SyntaxKind.LineCommentTrivia ||
      kind === SyntaxKind.BlockCommentTrivia ||
      scanner.getTokenError() !== 0
    ) {
      return undefined;
    }
    tokens.push(raw);
  }
  return tokens;
}

/**
 * Builds the Hyperloop string of a config: its own tokens with the whitespace between them
 * removed, on one line. Numbers keep their spelling, keys their order and strings their
 * escapes and non-ASCII characters, because nothing is parsed and printed again. Rejects
 * text with syntax errors, which RapidJSON's strict parser would reject too.
 */
export function hyperloopString(text: string): CompactResult {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const errors = parseStrictJson(source).findings.filter((finding) => finding.severity === 'error');
  // Offsets are reported against the text as passed in, byte order mark included.
  const shift = source === text ? 0 : 1;
  if (errors.length > 0) {
    return {
      ok: false,
      errors: errors.map((finding) => ({
        ...finding,
        span: { start: finding.span.start + shift, end: finding.span.end + shift },
      })),
    };
  }
  const tokens = jsonTokens(source);
  if (!tokens) {
    return {
      ok: false,
      errors: [
        {
          code: 'json-syntax',
          severity: 'error',
          span: { start: 0, end: text.length },
          message:
            'The text contains characters that are neither JSON tokens nor JSON whitespace. Remove them.',
        },
      ],
    };
  }
  return { ok: true, compact: tokens.join('') };
}

/**
 * Encodes the Hyperloop string once more as a JSON string literal, the form of the
 * `fConfigBdtCutsJSON` value in a local DPL configuration file.
 */
export function localString(compact: string): string {
  return encodeStringLiteral(compact);
}

/** Tells whether two JSON texts consist of the same tokens, whitespace aside. */
export function sameTokens(a: string, b: string): boolean {
  const first = jsonTokens(a);
  const second = jsonTokens(b);
  if (!first || !second || first.length !== second.length) return false;
  return first.every((token, index) => token === second[index]);
}
