import type { Span } from '../text';
import type { Field, JsonNode, Member, StringItem, StringList } from './types';

export function nodeSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** Lists the members of an object node in document order, duplicates included. */
export function membersOf(node: JsonNode | undefined): Member[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const cached = MEMBERS.get(node);
  if (cached) return cached;
  const members: Member[] = [];
  for (const property of node.children) {
    const keyNode = property.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    members.push({
      key: keyNode.value,
      keySpan: nodeSpan(keyNode),
      span: nodeSpan(property),
      value: property.children?.[1],
      node: property,
    });
  }
  MEMBERS.set(node, members);
  return members;
}

/**
 * The members of each object node, built once: the model and several rules list the same
 * objects. Trees are not changed after parsing, so the lists stay valid; callers must not
 * change them either.
 */
const MEMBERS = new WeakMap<JsonNode, Member[]>();

/**
 * Returns the member the framework reads for `key`. RapidJSON's `FindMember` returns the
 * first member with that name, so a later duplicate is never read.
 */
export function findMember(members: readonly Member[], key: string): Member | undefined {
  return members.find((member) => member.key === key);
}

export function valueSpan(member: Member): Span {
  return member.value ? nodeSpan(member.value) : member.span;
}

export function numberField(member: Member | undefined): Field<number> | undefined {
  if (!member) return undefined;
  // A non-finite number is a syntax error reported on its own; its value is unknown.
  const raw = member.value?.type === 'number' ? (member.value.value as number) : undefined;
  const value = raw !== undefined && Number.isFinite(raw) ? raw : undefined;
  return { member, value, valueSpan: valueSpan(member) };
}

export function stringField(member: Member | undefined): Field<string> | undefined {
  if (!member) return undefined;
  const value = member.value?.type === 'string' ? (member.value.value as string) : undefined;
  return { member, value, valueSpan: valueSpan(member) };
}

export function booleanField(member: Member | undefined): Field<boolean> | undefined {
  if (!member) return undefined;
  const value = member.value?.type === 'boolean' ? (member.value.value as boolean) : undefined;
  return { member, value, valueSpan: valueSpan(member) };
}

export function stringList(member: Member | undefined): StringList | undefined {
  if (!member) return undefined;
  const array = member.value?.type === 'array' ? member.value : undefined;
  const items: StringItem[] | undefined = array
    ? (array.children ?? []).map((node, index) => ({
        index,
        value: node.type === 'string' ? (node.value as string) : undefined,
        span: nodeSpan(node),
        node,
      }))
    : undefined;
  return { member, items, valueSpan: valueSpan(member) };
}
