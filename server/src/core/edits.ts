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
  const properties = objectNode.children ?? [];
  const closing = objectNode.offset + objectNode.length - 1;
  const last = properties[properties.length - 1];
  const objectIndent = indentationAt(text, objectNode.offset);
  const memberIndent = last
    ? indentationAt(text, last.offset)
    : objectIndent + indentationUnit(text);
  const reindented = valueText.replace(/\n/g, `\n${memberIndent}`);
  const member = `${JSON.stringify(key)}: ${reindented}`;
  if (last) {
    const end = last.offset + last.length;
    return { span: { start: end, end }, newText: `,\n${memberIndent}${member}` };
  }
  return {
    span: { start: objectNode.offset + 1, end: closing },
    newText: `\n${memberIndent}${member}\n${objectIndent}`,
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

/** Builds the edit that appends items, given as JSON text, to an array, one per line. */
export function appendToArrayEdit(
  text: string,
  arrayNode: JsonNode,
  itemTexts: readonly string[],
): TextEdit {
  const items = arrayNode.children ?? [];
  const last = items[items.length - 1];
  const arrayIndent = indentationAt(text, arrayNode.offset);
  if (!last) {
    const itemIndent = arrayIndent + indentationUnit(text);
    return {
      span: { start: arrayNode.offset + 1, end: arrayNode.offset + arrayNode.length - 1 },
      newText: `\n${itemTexts.map((item) => itemIndent + item).join(',\n')}\n${arrayIndent}`,
    };
  }
  const end = last.offset + last.length;
  const sameLine = !text.slice(arrayNode.offset, end).includes('\n');
  const separator = sameLine ? ', ' : `,\n${indentationAt(text, last.offset)}`;
  return { span: { start: end, end }, newText: itemTexts.map((item) => separator + item).join('') };
}
