import { applyEdits, format } from 'jsonc-parser';
import type { Finding } from '../findings';
import { parseStrictJson } from '../syntax/parse';
import { hyperloopString, jsonTokens, type CompactResult } from './hyperloop';

/**
 * The form in which a text carries a config. `document` is a JSON object laid out in any
 * way, and `compact` is the Hyperloop string: one line, no whitespace between tokens.
 * `local` is a JSON string literal whose content is the config, where `depth` counts the
 * levels of string encoding (1 for the value of a local DPL configuration). `other` is
 * anything else, such as text with syntax errors or a string that is not a config.
 */
export type ConfigForm =
  | { form: 'document' }
  | { form: 'compact' }
  | { form: 'local'; depth: number; decoded: string }
  | { form: 'other' };

/** Levels of string encoding followed before giving up; real files have one, rarely two. */
const MAX_ENCODING_DEPTH = 4;

/** Tells which form a text carries a config in. */
export function recognizeConfigForm(text: string): ConfigForm {
  const root = parseStrictRoot(text);
  if (!root) return { form: 'other' };
  if (root.type === 'object') {
    const tokens = jsonTokens(text);
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    return tokens && tokens.join('') === trimmed ? { form: 'compact' } : { form: 'document' };
  }
  if (root.type !== 'string') return { form: 'other' };
  let decoded = root.value as string;
  for (let depth = 1; depth <= MAX_ENCODING_DEPTH; depth++) {
    const inner = parseStrictRoot(decoded);
    if (inner?.type === 'object') return { form: 'local', depth, decoded };
    if (inner?.type !== 'string') return { form: 'other' };
    decoded = inner.value as string;
  }
  return { form: 'other' };
}

function parseStrictRoot(text: string) {
  const parsed = parseStrictJson(text.replace(/^\uFEFF/, ''));
  const hasErrors = parsed.findings.some((finding) => finding.severity === 'error');
  return hasErrors ? undefined : parsed.root;
}

/**
 * Returns the Hyperloop string of a config given in any form: a document is compacted, a
 * compact string is returned as it is, a local string is decoded until it is an object and
 * then compacted. A text that is neither returns the syntax errors of compacting it.
 */
export function compactConfigText(text: string): CompactResult {
  const form = recognizeConfigForm(text);
  if (form.form === 'local') return hyperloopString(form.decoded);
  return hyperloopString(text);
}

/**
 * Lays a compact or local config out as a document, one member per line, for editing.
 * Only whitespace changes, so numbers and strings keep their spelling.
 */
export function expandConfigText(
  text: string,
  indentation: { tabSize: number; insertSpaces: boolean } = { tabSize: 4, insertSpaces: true },
): { ok: true; document: string } | { ok: false; errors: Finding[] } {
  const compact = compactConfigText(text);
  if (!compact.ok) return compact;
  const edits = format(compact.compact, undefined, { ...indentation, eol: '\n' });
  return { ok: true, document: `${applyEdits(compact.compact, edits)}\n` };
}
