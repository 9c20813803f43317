import {
  createScanner,
  type JSONScanner,
  parseTree,
  printParseErrorCode,
  ScanError,
  SyntaxKind,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import type { Finding } from '../findings';
import { ruleInfo } from '../registry';
import type { Span } from '../text';

/** A document parsed leniently, with every deviation from strict JSON reported. */
export interface ParsedDocument {
  /** The tree jsonc-parser recovers, also from broken text, so later checks can still run. */
  root: JsonNode | undefined;
  findings: Finding[];
}

// JSON forbids U+0000 to U+001F unescaped inside strings.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f]/g;

/** Completes a syntax finding with the severity and rationale of its registered code. */
function syntaxFinding(
  finding: Omit<Finding, 'severity' | 'rationale'> &
    Partial<Pick<Finding, 'severity' | 'rationale'>>,
): Finding {
  const info = ruleInfo(finding.code);
  if (!info) throw new Error(`Finding with unregistered code '${finding.code}'.`);
  return {
    ...finding,
    severity: finding.severity ?? info.defaultSeverity,
    rationale: finding.rationale ?? info.rationale,
  };
}

/** Parses a config and reports what RapidJSON's strict parser rejects. */
export function parseStrictJson(text: string): ParsedDocument {
  if (/^[ \t\r\n]*$/.test(text)) {
    return {
      root: undefined,
      findings: [
        syntaxFinding({
          code: 'empty-document',
          span: { start: 0, end: text.length },
          message: 'The document is empty. Write a JSON object with one selection in it.',
        }),
      ],
    };
  }
  const strict = parseValidJson(text);
  if (strict) return { root: strict, findings: [] };
  const { findings: strictFindings, patches } = scanStrictTokens(text);
  const errors: ParseError[] = [];
  // The tree is built from a copy where each rejected token is replaced by valid JSON of
  // the same length, so offsets stay true and one mistake does not cascade into others.
  const root = parseTree(applySameLengthPatches(text, patches), errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: false,
  });
  markUnknownNumbers(root, patches);
  const covered = strictFindings.map((finding) => finding.span);
  const parseFindings = errors
    .filter((error) => !covered.some((span) => overlaps(span, error.offset, error.length)))
    .map((error) => parseErrorFinding(text, error));
  return { root, findings: [...strictFindings, ...parseFindings] };
}

/**
 * Parses text that is already strict JSON in one pass, the common case, and returns
 * undefined when it is not, so the token scan runs only for text with problems. Strict
 * here means: no parse error with comments and trailing commas rejected, every number
 * finite, and no nesting deeper than MAX_NESTING_DEPTH.
 */
function parseValidJson(text: string): JsonNode | undefined {
  // jsonc-parser skips these as white space, where strict JSON rejects them outside strings.
  if (LENIENT_WHITE_SPACE.test(text)) return undefined;
  if (maxNestingDepth(text) > MAX_NESTING_DEPTH) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || !root || hasNonFiniteNumber(root)) return undefined;
  return root;
}

const LENIENT_WHITE_SPACE =
  // eslint-disable-next-line no-control-regex
  /[\u000b\u000c\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Returns the deepest nesting of brackets outside strings, counted with a plain loop. */
function maxNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      depth--;
    }
  }
  return deepest;
}

function hasNonFiniteNumber(node: JsonNode): boolean {
  if (node.type === 'number') return !Number.isFinite(node.value as number);
  return (node.children ?? []).some(hasNonFiniteNumber);
}

/**
 * The deepest nesting of objects and arrays that is analysed. A config needs five levels,
 * and jsonc-parser builds its tree recursively, so text thousands of levels deep would
 * exhaust the stack.
 */
export const MAX_NESTING_DEPTH = 1000;

// Characters that Unicode or JavaScript count as white space but JSON does not: JSON allows
// only space, tab, line feed and carriage return between tokens.
const NON_JSON_SPACE =
  // eslint-disable-next-line no-control-regex
  /^[\u000b\u000c\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;

function markUnknownNumbers(root: JsonNode | undefined, patches: readonly Patch[]): void {
  const starts = new Set(
    patches.filter((patch) => patch.unknownNumber).map((patch) => patch.span.start),
  );
  if (!root || starts.size === 0) return;
  const visit = (node: JsonNode) => {
    // jsonc-parser types the value as read-only, but the tree belongs to this parse alone.
    if (node.type === 'number' && starts.has(node.offset))
      (node as { value: unknown }).value = Number.NaN;
    node.children?.forEach(visit);
  };
  visit(root);
}

function overlaps(span: Span, offset: number, length: number): boolean {
  return offset < span.end && offset + Math.max(length, 1) > span.start;
}

interface Patch {
  span: Span;
  replacement: string;
  /**
   * True for a number JSON cannot hold (NaN, Infinity, 1e400). It is parsed as 0 to keep
   * the tree whole, and its node's value is then set to NaN, so checks treat it as unknown
   * instead of as the number 0.
   */
  unknownNumber?: boolean;
}

function applySameLengthPatches(text: string, patches: readonly Patch[]): string {
  let result = '';
  let last = 0;
  for (const patch of patches) {
    result += text.slice(last, patch.span.start) + patch.replacement;
    last = patch.span.end;
  }
  return result + text.slice(last);
}

/** Finds the leniencies of JSON5 and JSONC that strict JSON rejects, with fixes. */
function scanStrictTokens(text: string): { findings: Finding[]; patches: Patch[] } {
  const findings: Finding[] = [];
  const patches: Patch[] = [];
  const scanner = createScanner(text, false);
  let pendingComma: Span | undefined;
  let previousKind: SyntaxKind | undefined;
  let previousSpan: Span | undefined;
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const span = {
      start: scanner.getTokenOffset(),
      end: scanner.getTokenOffset() + scanner.getTokenLength(),
    };
    const raw = text.slice(span.start, span.end);
    switch (kind) {
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        continue;
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        findings.push(commentFinding(span, raw));
        continue;
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        depth++;
        if (depth > MAX_NESTING_DEPTH) {
          const skipped = skipNestedValue(scanner, span.start, text.length);
          findings.push(tooDeepFinding(skipped));
          // The tree gets the number 0 in place of the skipped value, padded to the same length.
          patches.push({ span: skipped, replacement: '0'.padEnd(skipped.end - skipped.start) });
          depth--;
          kind = SyntaxKind.NumericLiteral;
        }
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth = Math.max(0, depth - 1);
        if (pendingComma) findings.push(trailingCommaFinding(pendingComma));
        break;
      case SyntaxKind.NumericLiteral:
        if (!Number.isFinite(Number(raw))) {
          findings.push(numberTooBigFinding(span, raw));
          patches.push({ span, replacement: '0'.padEnd(raw.length), unknownNumber: true });
        }
        break;
      case SyntaxKind.StringLiteral:
        if (scanner.getTokenError() === ScanError.InvalidCharacter) {
          findings.push(controlCharacterFinding(span, raw));
          patches.push({ span, replacement: raw.replace(CONTROL_CHARACTERS, ' ') });
        }
        break;
      case SyntaxKind.Unknown: {
        const signed =
          previousKind === SyntaxKind.Unknown &&
          previousSpan &&
          /^[-+]$/.test(text.slice(previousSpan.start, previousSpan.end));
        const space = NON_JSON_SPACE.exec(raw);
        if (space) {
          const spaceSpan = { start: span.start, end: span.start + space[0].length };
          findings.push(nonJsonSpaceFinding(spaceSpan, space[0]));
          patches.push({ span: spaceSpan, replacement: ' '.repeat(space[0].length) });
        } else if (raw.startsWith("'")) {
          findings.push(singleQuoteFinding(span, raw));
          if (raw.length > 1 && raw.endsWith("'")) {
            const inner = raw.slice(1, -1).replace(/["\\]/g, ' ');
            patches.push({ span, replacement: `"${inner}"` });
          }
        } else if (/^\+?(NaN|Infinity)$/.test(raw)) {
          const fullSpan =
            signed && previousSpan ? { start: previousSpan.start, end: span.end } : span;
          findings.push(nonFiniteFinding(fullSpan, text.slice(fullSpan.start, fullSpan.end)));
          patches.push({
            span: fullSpan,
            replacement: '0'.padEnd(fullSpan.end - fullSpan.start),
            unknownNumber: true,
          });
        }
        break;
      }
    }
    pendingComma = kind === SyntaxKind.CommaToken ? span : undefined;
    previousKind = kind;
    previousSpan = span;
  }
  return { findings, patches };
}

/**
 * Advances the scanner past the object or array that opens at `start` and returns its
 * span, which runs to the end of the text when the value is not closed.
 */
function skipNestedValue(scanner: JSONScanner, start: number, textLength: number): Span {
  let depth = 1;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) depth++;
    if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) depth--;
    if (depth === 0) return { start, end: scanner.getTokenOffset() + scanner.getTokenLength() };
  }
  return { start, end: textLength };
}

function tooDeepFinding(span: Span): Finding {
  return syntaxFinding({
    code: 'json-syntax',
    severity: 'warning',
    span,
    message: `This value is nested deeper than ${MAX_NESTING_DEPTH} levels, so dqml does not analyse it. No part of a config is deeper than 5 levels: remove the value or check its brackets.`,
    rationale:
      'The framework reads only the selection, its blocks and their fields, so a value this deep is not part of a config.',
  });
}

function numberTooBigFinding(span: Span, raw: string): Finding {
  return syntaxFinding({
    code: 'json-syntax',
    severity: 'error',
    span,
    message: `The number ${abbreviate(raw)} is too large for a double, which RapidJSON rejects as a parse error. Write a number of magnitude below 1.8e308.`,
  });
}

function nonJsonSpaceFinding(span: Span, raw: string): Finding {
  const atStart = span.start === 0 && raw.startsWith('\ufeff');
  return syntaxFinding({
    code: 'json-syntax',
    severity: 'error',
    span,
    message: atStart
      ? 'The document starts with a byte order mark (U+FEFF), which strict JSON parsers such as RapidJSON reject. Remove it, or save the file as UTF-8 without BOM.'
      : `Invalid white space ${codePoints(raw)}: between tokens JSON allows only space, tab, line feed and carriage return. Replace it with a space.`,
    fixes: [
      {
        title: atStart ? 'Remove the byte order mark' : 'Replace with a space',
        edits: [{ span, newText: atStart ? '' : ' ' }],
        preferred: true,
      },
    ],
  });
}

/** Names the characters of a string by code point, e.g. "U+00A0". */
function codePoints(raw: string): string {
  return [...new Set(raw)]
    .map((ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
}

function commentFinding(span: Span, raw: string): Finding {
  return syntaxFinding({
    code: 'json-comment',
    span,
    message: `Comments are not allowed in strict JSON: ${abbreviate(raw)}. Remove the comment.`,
    fixes: [{ title: 'Remove the comment', edits: [{ span, newText: '' }], preferred: true }],
  });
}

function trailingCommaFinding(span: Span): Finding {
  return syntaxFinding({
    code: 'json-trailing-comma',
    span,
    message: 'Trailing comma before the closing bracket. Remove the comma.',
    fixes: [
      { title: 'Remove the trailing comma', edits: [{ span, newText: '' }], preferred: true },
    ],
  });
}

function controlCharacterFinding(span: Span, raw: string): Finding {
  const escaped = raw.replace(CONTROL_CHARACTERS, (ch) => {
    const named: Record<string, string> = { '\t': '\\t', '\b': '\\b', '\f': '\\f' };
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return syntaxFinding({
    code: 'json-control-character',
    span,
    message: `The string ${abbreviate(escaped)} contains a raw control character such as a tab. Write it as an escape sequence.`,
    fixes: [
      {
        title: 'Escape the control characters',
        edits: [{ span, newText: escaped }],
        preferred: true,
      },
    ],
  });
}

function singleQuoteFinding(span: Span, raw: string): Finding {
  const closed = raw.length > 1 && raw.endsWith("'");
  const inner = closed ? raw.slice(1, -1) : raw.slice(1);
  const fixes = closed
    ? [
        {
          title: 'Use double quotes',
          edits: [{ span, newText: `"${toDoubleQuoted(inner)}"` }],
          preferred: true,
        },
      ]
    : undefined;
  return syntaxFinding({
    code: 'json-single-quote',
    span,
    message: `Single-quoted string ${abbreviate(raw)}. JSON strings use double quotes.`,
    fixes,
  });
}

/**
 * Rewrites the inside of a single-quoted string for double quotes: `\\'` becomes `'`, a bare
 * `"` is escaped, and every other escape sequence is kept as written.
 */
function toDoubleQuoted(inner: string): string {
  let result = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '\\' && i + 1 < inner.length) {
      const next = inner[++i];
      result += next === "'" ? "'" : `\\${next}`;
    } else {
      result += ch === '"' ? '\\"' : ch;
    }
  }
  return result;
}

function nonFiniteFinding(span: Span, raw: string): Finding {
  return syntaxFinding({
    code: 'json-non-finite-number',
    span,
    message: `${raw} is not a JSON number. Write a finite number; for an open-ended range, use a large value such as 1000.`,
  });
}

function parseErrorFinding(text: string, error: ParseError): Finding {
  const span = {
    start: error.offset,
    end: Math.min(text.length, error.offset + Math.max(error.length, 1)),
  };
  const found = text.slice(span.start, span.end);
  const what = describeParseError(printParseErrorCode(error.error));
  return syntaxFinding({
    code: 'json-syntax',
    span,
    message:
      span.start < text.length
        ? `${what} at ${abbreviate(found)}.`
        : `${what} at the end of the document.`,
  });
}

function describeParseError(code: string): string {
  const messages: Record<string, string> = {
    InvalidSymbol: 'Invalid symbol',
    InvalidNumberFormat: 'Invalid number format',
    PropertyNameExpected: 'Expected a property name in double quotes',
    ValueExpected: 'Expected a value',
    ColonExpected: "Expected ':' after the property name",
    CommaExpected: "Expected ',' between members",
    CloseBraceExpected: "Expected '}' to close the object",
    CloseBracketExpected: "Expected ']' to close the array",
    EndOfFileExpected: 'Expected the end of the document after the top-level value',
    InvalidCommentToken: 'Invalid comment',
    UnexpectedEndOfComment: 'Unterminated comment',
    UnexpectedEndOfString: 'Unterminated string',
    UnexpectedEndOfNumber: 'Unterminated number',
    InvalidUnicode: 'Invalid \\u escape sequence',
    InvalidEscapeCharacter: 'Invalid escape character',
    InvalidCharacter: 'Invalid character',
  };
  return messages[code] ?? `Syntax error (${code})`;
}

// Characters that would be invisible in a message: controls, format characters and spaces
// other than the plain space.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

/** Shortens a piece of source for a message, and makes line breaks and invisible characters visible. */
export function abbreviate(raw: string, limit = 40): string {
  const oneLine = raw
    .replace(/\r?\n/g, '⏎')
    .replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}
