import { createScanner, SyntaxKind } from 'jsonc-parser';
import { indentationAt, indentationUnit } from '../edits';
import type { JsonNode } from '../model/types';
import type { TextEdit } from '../text';
import { encodeStringLiteral } from './stringLiteral';

/** The writing style of a DPL file, so inserted text matches the rest of it. */
export interface Layout {
  eol: '\n' | '\r\n';
  /** One indentation step. */
  unit: string;
  /** True when the file already writes `/` as `\/` in strings, as some DPL writers do. */
  escapeSlashes: boolean;
}

// A `\/` escape: a backslash preceded by an even number of backslashes, then a slash.
const SLASH_ESCAPE = /(?<!\\)(?:\\\\)*\\\//;

export function detectLayout(text: string): Layout {
  let escapeSlashes = false;
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.StringLiteral) continue;
    const raw = text.slice(
      scanner.getTokenOffset(),
      scanner.getTokenOffset() + scanner.getTokenLength(),
    );
    if (SLASH_ESCAPE.test(raw)) {
      escapeSlashes = true;
      break;
    }
  }
  return {
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    unit: indentationUnit(text),
    escapeSlashes,
  };
}

/** A value to write into a DPL file: a string option, a list option or a task object. */
export type DplValue =
  | { kind: 'string'; value: string }
  | { kind: 'list'; values: readonly string[] }
  | { kind: 'object'; members: ReadonlyArray<[string, DplValue]> };

/**
 * Renders a value as JSON in the file's layout. `indent` is the indentation of the line the
 * value starts on; nested lines get one more step each. A list becomes `{"values": [...]}`.
 */
export function renderValue(
  value: DplValue,
  indent: string,
  layout: Layout,
  multiLine: boolean,
  colon = ': ',
): string {
  switch (value.kind) {
    case 'string':
      return encodeStringLiteral(value.value, layout.escapeSlashes);
    case 'list': {
      const inner = indent + layout.unit;
      const array = renderArray(value.values, inner, layout, multiLine);
      return renderObject([`"values"${colon}${array}`], indent, layout, multiLine);
    }
    case 'object': {
      const inner = indent + layout.unit;
      const members = value.members.map(
        ([key, member]) =>
          `${encodeStringLiteral(key, layout.escapeSlashes)}${colon}${renderValue(member, inner, layout, multiLine, colon)}`,
      );
      return renderObject(members, indent, layout, multiLine);
    }
  }
}

/** Renders a JSON array of strings whose opening bracket is on a line indented by `indent`. */
export function renderArray(
  values: readonly string[],
  indent: string,
  layout: Layout,
  multiLine: boolean,
): string {
  const items = values.map((value) => encodeStringLiteral(value, layout.escapeSlashes));
  if (items.length === 0) return '[]';
  if (!multiLine) return `[${items.join(', ')}]`;
  const inner = indent + layout.unit;
  return `[${layout.eol}${items.map((item) => inner + item).join(`,${layout.eol}`)}${layout.eol}${indent}]`;
}

function renderObject(
  members: readonly string[],
  indent: string,
  layout: Layout,
  multiLine: boolean,
): string {
  if (members.length === 0) return '{}';
  if (!multiLine) return `{${members.join(', ')}}`;
  const inner = indent + layout.unit;
  return `{${layout.eol}${members.map((member) => inner + member).join(`,${layout.eol}`)}${layout.eol}${indent}}`;
}

/** Tells whether an object or array puts its first child on a new line. */
export function isMultiLine(text: string, node: JsonNode): boolean {
  const first = node.children?.[0];
  const end = first ? first.offset : node.offset + node.length;
  return /[\r\n]/.test(text.slice(node.offset, end));
}

/** Returns the text between a member's key and its value, such as `": "`, for new members. */
function colonOf(text: string, property: JsonNode | undefined): string {
  const [key, value] = property?.children ?? [];
  if (!key || !value) return ': ';
  const between = text.slice(key.offset + key.length, value.offset);
  return /^[ \t]*:[ \t]*$/.test(between) ? between : ': ';
}

/**
 * Builds one edit that appends members to an object after its last member, indented like
 * their siblings, on their own lines when the object has one member per line. Nothing
 * else in the file changes.
 */
export function appendMembersEdit(
  text: string,
  objectNode: JsonNode,
  members: ReadonlyArray<[string, DplValue]>,
  layout: Layout,
): TextEdit {
  const properties = objectNode.children ?? [];
  const last = properties[properties.length - 1];
  const objectIndent = indentationAt(text, objectNode.offset);
  const multiLine = last ? isMultiLine(text, objectNode) : true;
  const memberIndent =
    multiLine && last ? indentationAt(text, last.offset) : objectIndent + layout.unit;
  const colon = colonOf(text, last);
  const rendered = members.map(
    ([key, value]) =>
      `${encodeStringLiteral(key, layout.escapeSlashes)}${colon}${renderValue(value, memberIndent, layout, multiLine, colon)}`,
  );
  if (last) {
    const end = last.offset + last.length;
    const separator = multiLine ? `,${layout.eol}${memberIndent}` : ', ';
    return {
      span: { start: end, end },
      newText: rendered.map((member) => separator + member).join(''),
    };
  }
  const closing = objectNode.offset + objectNode.length - 1;
  return {
    span: { start: objectNode.offset + 1, end: closing },
    newText: `${layout.eol}${rendered.map((member) => memberIndent + member).join(`,${layout.eol}`)}${layout.eol}${objectIndent}`,
  };
}
