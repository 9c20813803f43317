import { nodeSpan } from '../model/members';
import type { Field, Member } from '../model/types';
import type { Fix } from '../findings';
import type { Rule, RuleContext } from './context';

/** Checks the numbers and booleans inside the blocks: present, and of the right JSON type. */
export const checkBlockFields: Rule = (context) => {
  const selection = context.model.active;
  if (!selection?.isObject) return;
  for (const block of selection.centralityBlocks) {
    if (
      !requireObject(
        context,
        block.member,
        'A centrality block',
        '{ "centMin": 0, "centMax": 100, "AddPtCut-…": {…} }',
      )
    )
      continue;
    requireNumber(context, block.member, block.min, 'centMin', 'centrality percentile');
    requireNumber(context, block.member, block.max, 'centMax', 'centrality percentile');
    for (const pt of block.ptBlocks) {
      if (
        !requireObject(
          context,
          pt.member,
          'A pT block',
          '{ "pTMin": 0, "pTMax": 2, "AddMLCut-…": {…} }',
        )
      )
        continue;
      requireNumber(context, pt.member, pt.min, 'pTMin', 'pT in GeV/c');
      requireNumber(context, pt.member, pt.max, 'pTMax', 'pT in GeV/c');
      for (const cut of pt.cuts) {
        if (
          !requireObject(
            context,
            cut.member,
            'A score cut',
            '{ "var": "kBdtBackground", "cut": 0.5, "exclude": true }',
          )
        )
          continue;
        requireNumber(context, cut.member, cut.cut, 'cut', 'score threshold');
        if (cut.exclude && cut.exclude.value === undefined)
          reportWrongBoolean(context, cut.exclude);
        if (cut.var && cut.var.value === undefined) {
          const raw = sourceOf(context, cut.var);
          context.report(
            'wrong-value-type',
            cut.var.valueSpan,
            `"var" must be a string such as "kBdtBackground", not ${raw}.`,
          );
        }
      }
    }
  }
};

function requireObject(
  context: RuleContext,
  member: Member,
  what: string,
  example: string,
): boolean {
  if (member.value?.type === 'object') return true;
  context.report(
    'wrong-value-type',
    member.value ? nodeSpan(member.value) : member.span,
    `${what} must be an object, e.g. "${member.key}": ${example}.`,
  );
  return false;
}

function requireNumber(
  context: RuleContext,
  owner: Member,
  field: Field<number> | undefined,
  key: string,
  meaning: string,
): void {
  if (!field) {
    context.report(
      'missing-required-key',
      owner.keySpan,
      `"${owner.key}" has no "${key}" (${meaning}). Add it as a number.`,
    );
    return;
  }
  if (field.value !== undefined) return;
  // NaN, Infinity and numbers too large for a double are reported as syntax errors.
  if (field.member.value?.type === 'number') return;
  const raw = sourceOf(context, field);
  const node = field.member.value;
  const fixes: Fix[] = [];
  let message = `"${key}" must be a number (${meaning}), not ${raw}.`;
  if (node?.type === 'string') {
    const numeric = asJsonNumber(node.value as string);
    if (numeric !== undefined) {
      message = `"${key}" is the string ${raw}, but the framework reads a number. Write ${numeric} without quotes.`;
      fixes.push({
        title: `Write ${numeric} as a number`,
        edits: [{ span: field.valueSpan, newText: numeric }],
        preferred: true,
      });
    }
  }
  context.report('wrong-value-type', field.valueSpan, message, { fixes });
}

function reportWrongBoolean(context: RuleContext, field: Field<boolean>): void {
  const raw = sourceOf(context, field);
  const node = field.member.value;
  const fixes: Fix[] = [];
  const text = node?.type === 'string' ? String(node.value).trim().toLowerCase() : undefined;
  const asBoolean =
    text === 'true' || node?.value === 1
      ? 'true'
      : text === 'false' || node?.value === 0
        ? 'false'
        : undefined;
  if (asBoolean) {
    fixes.push({
      title: `Write ${asBoolean}`,
      edits: [{ span: field.valueSpan, newText: asBoolean }],
      preferred: true,
    });
  }
  context.report(
    'wrong-value-type',
    field.valueSpan,
    `"exclude" must be true or false, not ${raw}.${asBoolean ? ` Write ${asBoolean} without quotes.` : ''}`,
    { fixes },
  );
}

/** Returns the text as a JSON number literal if it is one, else undefined. */
export function asJsonNumber(text: string): string | undefined {
  const trimmed = text.trim();
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed) ? trimmed : undefined;
}

function sourceOf(context: RuleContext, field: Field<unknown>): string {
  const raw = context.text.slice(field.valueSpan.start, field.valueSpan.end).replace(/\s+/g, ' ');
  return raw.length > 30 ? `${raw.slice(0, 29)}…` : raw;
}
