import { applyEdits, format } from 'jsonc-parser';
import { CENTRALITY_ESTIMATORS, MODEL_TYPES } from '../framework/selection';
import { nodeSpan } from '../model/members';
import type { Field, JsonNode, Selection } from '../model/types';
import { closestMatch } from '../suggest';
import { replaceStringEdit } from '../edits';
import { abbreviate } from '../syntax/parse';
import type { Rule, RuleContext } from './context';

/** Checks the top level: an object whose first member is the selection. */
export const checkTopLevel: Rule = (context) => {
  const { root } = context.model;
  if (!root) return;
  if (root.type === 'string') {
    checkEncodedString(context, root);
    return;
  }
  if (root.type !== 'object') {
    context.report(
      'top-level-not-object',
      nodeSpan(root),
      `The document is a JSON ${root.type}, not an object. Write an object whose first member is the selection, e.g. {"BDTCut": {…}}.`,
    );
    return;
  }
  const [active, ...ignored] = context.model.selections;
  if (!active) {
    context.report(
      'no-selection',
      nodeSpan(root),
      'The top-level object is empty. Add one selection, e.g. "BDTCut": { "type": "Binary", … }.',
    );
    return;
  }
  if (active.member.key === '$schema') {
    context.report(
      'schema-key',
      active.member.span,
      'The first member is "$schema", which the framework would read as the selection. Remove it; the editor associates the schema by file name.',
      { fixes: [{ title: 'Remove "$schema"', edits: [removeFirstMember(root)], preferred: true }] },
    );
  }
  for (const selection of ignored) {
    context.report(
      'ignored-selection',
      selection.member.keySpan,
      `Selection "${selection.member.key}" is ignored: the framework reads only the first selection, "${active.member.key}". Move it to its own file, or first if it is the one you want.`,
      {
        unnecessary: true,
        related: [{ span: active.member.keySpan, message: 'The selection the framework reads.' }],
      },
    );
  }
};

function removeFirstMember(root: JsonNode) {
  const [first, second] = root.children ?? [];
  return second
    ? { span: { start: first.offset, end: second.offset }, newText: '' }
    : { span: nodeSpan(first), newText: '' };
}

function checkEncodedString(context: RuleContext, root: JsonNode): void {
  const decoded = root.value as string;
  let looksLikeConfig: boolean;
  try {
    const value: unknown = JSON.parse(decoded);
    looksLikeConfig = typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    looksLikeConfig = false;
  }
  if (!looksLikeConfig) {
    context.report(
      'top-level-not-object',
      nodeSpan(root),
      'The document is a JSON string, not an object. Write the config as a JSON object.',
    );
    return;
  }
  const pretty = applyEdits(
    decoded,
    format(decoded, undefined, { tabSize: 4, insertSpaces: true }),
  );
  context.report(
    'config-encoded-as-string',
    nodeSpan(root),
    'The document is the config encoded once more as a JSON string (the form for a local DPL configuration). Decode it once to get the config object.',
    {
      fixes: [
        {
          title: 'Decode the string into the config object',
          edits: [{ span: { start: 0, end: context.text.length }, newText: `${pretty}\n` }],
          preferred: true,
        },
      ],
    },
  );
}

const REQUIRED_SELECTION_MEMBERS: Array<[string, string]> = [
  ['type', '"type": "Binary"'],
  ['inputFeatures', '"inputFeatures": ["kMass", "kPt"]'],
  ['modelFiles', '"modelFiles": ["model.onnx"]'],
  ['cent', '"cent": "kCentFT0C"'],
];

/** Checks the members the framework requires in the selection, and their types. */
export const checkSelectionMembers: Rule = (context) => {
  const selection = context.model.active;
  if (!selection || selection.member.key === '$schema') return;
  if (!selection.isObject) {
    context.report(
      'wrong-value-type',
      selection.member.value ? nodeSpan(selection.member.value) : selection.member.span,
      `Selection "${selection.member.key}" must be an object holding type, inputFeatures, modelFiles, cent and the AddCentCut blocks.`,
    );
    return;
  }
  for (const [key, example] of REQUIRED_SELECTION_MEMBERS) {
    if (!hasSelectionMember(selection, key)) {
      context.report(
        'missing-required-key',
        selection.member.keySpan,
        `Selection "${selection.member.key}" has no "${key}". Add it, e.g. ${example}.`,
      );
    }
  }
  checkStringValue(context, selection.type, 'type');
  checkStringValue(context, selection.cent, 'cent');
  for (const list of [selection.inputFeatures, selection.modelFiles]) {
    if (list && !list.items) {
      context.report(
        'wrong-value-type',
        list.valueSpan,
        `"${list.member.key}" must be an array of strings, e.g. ${list.member.key === 'modelFiles' ? '["model.onnx"]' : '["kMass", "kPt"]'}.`,
      );
    }
    for (const item of list?.items ?? []) {
      if (item.value === undefined) {
        context.report(
          'wrong-value-type',
          item.span,
          `Entry ${item.index} of "${list?.member.key}" is a ${item.node.type}; every entry must be a string.`,
        );
      }
    }
  }
  if (selection.type?.value !== undefined && !selection.modelType) {
    const suggestion = closestMatch(selection.type.value, MODEL_TYPES);
    context.report(
      'invalid-type',
      selection.type.valueSpan,
      `Invalid type "${selection.type.value}". Use "Binary" (one score) or "MultiClass" (three scores)${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      { fixes: enumFixes(selection.type, suggestion ? [suggestion] : [...MODEL_TYPES]) },
    );
  }
  const estimator = selection.cent?.value;
  if (
    selection.cent &&
    estimator !== undefined &&
    !CENTRALITY_ESTIMATORS.some((name) => name === estimator)
  ) {
    const suggestion = closestMatch(estimator, CENTRALITY_ESTIMATORS);
    context.report(
      'invalid-centrality-estimator',
      selection.cent.valueSpan,
      `Invalid centrality estimator "${estimator}". Use one of ${CENTRALITY_ESTIMATORS.join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      { fixes: enumFixes(selection.cent, suggestion ? [suggestion] : [...CENTRALITY_ESTIMATORS]) },
    );
  }
};

function hasSelectionMember(selection: Selection, key: string): boolean {
  switch (key) {
    case 'type':
      return selection.type !== undefined;
    case 'inputFeatures':
      return selection.inputFeatures !== undefined;
    case 'modelFiles':
      return selection.modelFiles !== undefined;
    case 'cent':
      return selection.cent !== undefined;
    default:
      return false;
  }
}

function checkStringValue(
  context: RuleContext,
  field: Field<string> | undefined,
  key: string,
): void {
  if (!field || field.value !== undefined) return;
  // The value may be a whole object over many lines: show it on one line, shortened.
  const raw = context.text.slice(field.valueSpan.start, field.valueSpan.end).replace(/\s+/g, ' ');
  context.report(
    'wrong-value-type',
    field.valueSpan,
    `"${key}" must be a string, not ${abbreviate(raw, 30)}.`,
  );
}

function enumFixes(field: Field<string>, values: readonly string[]) {
  return values.map((value, index) => ({
    title: `Change to "${value}"`,
    edits: [replaceStringEdit(field.valueSpan, value)],
    preferred: values.length === 1 && index === 0,
  }));
}

/** Checks that there are bins at all: centrality blocks, each with pT blocks. */
export const checkBlocksPresent: Rule = (context) => {
  const selection = context.model.active;
  if (!selection || !selection.isObject || selection.member.key === '$schema') return;
  if (selection.centralityBlocks.length === 0) {
    context.report(
      'no-centrality-block',
      selection.member.keySpan,
      `Selection "${selection.member.key}" has no centrality block. Add a member whose key contains "AddCentCut", e.g. "AddCentCut-Cent0100": { "centMin": 0, "centMax": 100, "AddPtCut-pTBin1": {…} }.`,
    );
    return;
  }
  if (selection.bins.length === 0) {
    context.report(
      'no-pt-block',
      selection.member.keySpan,
      `No centrality block of "${selection.member.key}" has a pT block, so there is no bin. Add a member whose key contains "AddPtCut" inside a centrality block.`,
    );
    return;
  }
  for (const block of selection.centralityBlocks) {
    if (block.isObject && block.ptBlocks.length === 0) {
      context.report(
        'no-pt-block',
        block.member.keySpan,
        `Centrality block "${block.member.key}" has no pT block, so it adds no bin and its pairs are dropped. Add a member whose key contains "AddPtCut".`,
        {
          severity: 'warning',
          rationale:
            'Bins are the pT blocks inside centrality blocks; a centrality block without any contributes no bin.',
        },
      );
    }
  }
};
