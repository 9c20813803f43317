import type { Node as JsonNode } from 'jsonc-parser';
import type { Member } from './model/types';
import type { Span, TextEdit } from './text';

/** Returns the whitespace at the start of the line that contains `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart));
  return match ? match[0] : '';
}

/** Guesses one indentation step from the document: a tab, or the smallest run of spaces. */
export function indentationUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  let smallest = Number.POSITIVE_INFINITY;
  for (const match of text.matchAll(/^( +)\S/gm)) smallest = Math.min(smallest, match[1].length);
  return Number.isFinite(smallest) ? ' '.repeat(smallest) : '    ';
}

/** Returns the line break the document uses: CRLF when its first line ends with one. */
export function lineBreakOf(text: string): string {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

function isOneLine(text: string, node: JsonNode): boolean {
  return !/[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
}

/**
 * Builds the edit that appends `"key": valueText` as the last member of an object,
 * indented like its siblings. `valueText` may span lines indented relative to the member.
 */
export function appendMemberEdit(
  text: string,
  objectNode: JsonNode,
  key: string,
  valueText: string,
): TextEdit {
  return appendMembersEdit(text, objectNode, [[key, valueText]]);
}

/**
 * Builds one edit that appends several members, in order, to the end of an object. An
 * object written on one line, such as a compact Hyperloop string, stays on one line, and
 * new lines use the document's line break.
 */
export function appendMembersEdit(
  text: string,
  objectNode: JsonNode,
  members: ReadonlyArray<readonly [key: string, valueText: string]>,
): TextEdit {
  const properties = objectNode.children ?? [];
  const closing = objectNode.offset + objectNode.length - 1;
  const last = properties[properties.length - 1];
  const insertAt = last ? last.offset + last.length : objectNode.offset + 1;
  if (isOneLine(text, objectNode)) {
    const joined = members.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(', ');
    return last
      ? { span: { start: insertAt, end: insertAt }, newText: `, ${joined}` }
      : { span: { start: insertAt, end: closing }, newText: joined };
  }
  const eol = lineBreakOf(text);
  const objectIndent = indentationAt(text, objectNode.offset);
  const memberIndent = last
    ? indentationAt(text, last.offset)
    : objectIndent + indentationUnit(text);
  const lines = members.map(
    ([key, value]) =>
      `${memberIndent}${JSON.stringify(key)}: ${value.replace(/\r?\n/g, eol + memberIndent)}`,
  );
  const joined = lines.join(`,${eol}`);
  if (last) {
    return { span: { start: insertAt, end: insertAt }, newText: `,${eol}${joined}` };
  }
  return {
    span: { start: insertAt, end: closing },
    newText: `${eol}${joined}${eol}${objectIndent}`,
  };
}

/** Builds the edit that removes one member of an object or item of an array with its comma. */
export function removeElementEdit(siblings: readonly JsonNode[], index: number): TextEdit {
  const node = siblings[index];
  if (siblings.length === 1) {
    return { span: { start: node.offset, end: node.offset + node.length }, newText: '' };
  }
  if (index > 0) {
    const previous = siblings[index - 1];
    return {
      span: { start: previous.offset + previous.length, end: node.offset + node.length },
      newText: '',
    };
  }
  const next = siblings[1];
  return { span: { start: node.offset, end: next.offset }, newText: '' };
}

/** Builds the edit that removes a member from the object that contains it. */
export function removeMemberEdit(member: Member): TextEdit {
  const parent = member.node.parent;
  const siblings = parent?.children ?? [member.node];
  return removeElementEdit(siblings, siblings.indexOf(member.node));
}

/** Builds the edit that replaces a JSON string value's content, keeping it a string. */
export function replaceStringEdit(span: Span, value: string): TextEdit {
  return { span, newText: JSON.stringify(value) };
}

/**
 * Builds the edit that appends items, given as JSON text, to an array: on the same line
 * when the array is written on one line, else one per line with the document's line break.
 */
export function appendToArrayEdit(
  text: string,
  arrayNode: JsonNode,
  itemTexts: readonly string[],
): TextEdit {
  const items = arrayNode.children ?? [];
  const last = items[items.length - 1];
  const oneLine = isOneLine(text, arrayNode);
  if (!last) {
    const span = { start: arrayNode.offset + 1, end: arrayNode.offset + arrayNode.length - 1 };
    if (oneLine) return { span, newText: itemTexts.join(', ') };
    const eol = lineBreakOf(text);
    const arrayIndent = indentationAt(text, arrayNode.offset);
    const itemIndent = arrayIndent + indentationUnit(text);
    return {
      span,
      newText: `${eol}${itemTexts.map((item) => itemIndent + item).join(`,${eol}`)}${eol}${arrayIndent}`,
    };
  }
  const end = last.offset + last.length;
  const sameLine = !/[\r\n]/.test(text.slice(arrayNode.offset, end));
  const separator = sameLine ? ', ' : `,${lineBreakOf(text)}${indentationAt(text, last.offset)}`;
  return { span: { start: end, end }, newText: itemTexts.map((item) => separator + item).join('') };
}
