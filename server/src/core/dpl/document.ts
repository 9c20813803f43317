import type { Finding } from '../findings';
import { findMember, membersOf, nodeSpan } from '../model/members';
import type { JsonNode, Member } from '../model/types';
import { parseStrictJson } from '../syntax/parse';
import type { Span } from '../text';

/** The dilepton pairing task of `tableReader` and `tableReader_withAssoc`. */
export const PAIRING_TASK = 'analysis-same-event-pairing';

/** The options of the pairing task that configure the BDT selection, in insertion order. */
export const BDT_OPTION_NAMES = [
  'applyBDT',
  'fConfigBdtCutsJSON',
  'loadModelsFromCCDB',
  'modelPathsCCDB',
  'timestampCCDB',
] as const;

export type BdtOptionName = (typeof BDT_OPTION_NAMES)[number];

/** A top-level member of a DPL configuration whose value is an object: one task's options. */
export interface DplTask {
  name: string;
  member: Member;
  /** The object node that contains the options. */
  node: JsonNode;
  /** The BDT options present in the task; the first member wins when a key repeats. */
  options: Partial<Record<BdtOptionName, Member>>;
}

/** A DPL configuration file, parsed, with its tasks. */
export interface DplDocument {
  text: string;
  root: JsonNode | undefined;
  /** Strict-JSON problems of the file itself. */
  syntaxFindings: Finding[];
  tasks: DplTask[];
}

const FILE_SYNTAX_RATIONALE =
  'DPL reads its configuration file as JSON, so text that is not valid JSON stops the workflow before any task starts.';

/** Parses a DPL configuration file and lists its tasks and their BDT options. */
export function readDplDocument(text: string): DplDocument {
  const parsed = parseStrictJson(text);
  const root = parsed.root;
  const tasks: DplTask[] = [];
  for (const member of root?.type === 'object' ? membersOf(root) : []) {
    if (member.value?.type !== 'object') continue;
    const optionMembers = membersOf(member.value);
    const options: Partial<Record<BdtOptionName, Member>> = {};
    for (const name of BDT_OPTION_NAMES) {
      const option = findMember(optionMembers, name);
      if (option) options[name] = option;
    }
    tasks.push({ name: member.key, member, node: member.value, options });
  }
  const syntaxFindings = parsed.findings.map((finding) => ({
    ...finding,
    rationale: FILE_SYNTAX_RATIONALE,
  }));
  return { text, root, syntaxFindings, tasks };
}

/**
 * Tells whether a parsed JSON file is a DPL configuration rather than a BDT config: an
 * object with DPL's own `internal-dpl-…` entries, the pairing task, or a task that carries
 * `fConfigBdtCutsJSON`.
 */
export function isDplDocument(document: DplDocument): boolean {
  if (document.root?.type !== 'object') return false;
  const keys = membersOf(document.root).map((member) => member.key);
  if (keys.some((key) => key.startsWith('internal-dpl-') || key === PAIRING_TASK)) return true;
  return document.tasks.some((task) => task.options.fConfigBdtCutsJSON !== undefined);
}

/** Tells whether a text is a DPL configuration file; see `isDplDocument`. */
export function isDplConfiguration(text: string): boolean {
  return isDplDocument(readDplDocument(text));
}

/**
 * Returns the tasks whose BDT options are checked: the pairing task, and any other task
 * that carries `fConfigBdtCutsJSON`, because a workflow may run the pairing task under
 * another name.
 */
export function bdtTasks(document: DplDocument): DplTask[] {
  return document.tasks.filter(
    (task) => task.name === PAIRING_TASK || task.options.fConfigBdtCutsJSON !== undefined,
  );
}

/**
 * Reads a DPL bool option. DPL files write bools as the strings "true" and "false"; the
 * JSON literals and "1" and "0" are read the same. Returns undefined for anything else.
 */
export function readDplBoolean(node: JsonNode | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'boolean') return node.value as boolean;
  if (node.type !== 'string') return undefined;
  const value = node.value as string;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

/** Tells whether a DPL option value is an integer, as a string or a JSON number. */
export function isDplInteger(node: JsonNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'number') return Number.isInteger(node.value);
  return node.type === 'string' && /^[-+]?\d+$/.test((node.value as string).trim());
}

/** One entry of a DPL list option. */
export interface DplListItem {
  value: string | undefined;
  span: Span;
}

/**
 * A DPL list option read from `{"values": [...]}`. `shape` is `values` for that form and
 * otherwise names what was found instead, in which case `items` is empty.
 */
export interface DplList {
  shape: 'values' | 'array' | 'string' | 'other';
  items: DplListItem[];
  /** The `values` array node, or the whole value when the shape is not `values`. */
  node: JsonNode | undefined;
}

export function readDplList(value: JsonNode | undefined): DplList {
  if (value?.type === 'object') {
    const values = findMember(membersOf(value), 'values')?.value;
    if (values?.type === 'array') {
      const items = (values.children ?? []).map((node) => ({
        value: node.type === 'string' ? (node.value as string) : undefined,
        span: nodeSpan(node),
      }));
      return { shape: 'values', items, node: values };
    }
  }
  if (value?.type === 'array') return { shape: 'array', items: [], node: value };
  if (value?.type === 'string') return { shape: 'string', items: [], node: value };
  return { shape: 'other', items: [], node: value };
}
