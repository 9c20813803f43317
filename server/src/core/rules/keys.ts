import { CENT_BLOCK_MARK, CUT_BLOCK_MARK, PT_BLOCK_MARK } from '../framework/selection';
import { membersOf, nodeSpan } from '../model/members';
import type { JsonNode, Member } from '../model/types';
import { closestMatch } from '../suggest';
import { removeMemberEdit } from '../edits';
import type { Rule, RuleContext } from './context';

type Level = 'selection' | 'centrality' | 'pt' | 'cut';

const KNOWN_KEYS: Record<Level, readonly string[]> = {
  selection: ['type', 'title', 'inputFeatures', 'modelFiles', 'cent'],
  centrality: ['centMin', 'centMax'],
  pt: ['pTMin', 'pTMax'],
  cut: ['var', 'cut', 'exclude'],
};

const BLOCK_MARK: Partial<Record<Level, string>> = {
  selection: CENT_BLOCK_MARK,
  centrality: PT_BLOCK_MARK,
  pt: CUT_BLOCK_MARK,
};

const LEVEL_NAME: Record<Level, string> = {
  selection: 'the selection',
  centrality: 'a centrality block',
  pt: 'a pT block',
  cut: 'a score cut',
};

const MARK_HOME: Record<string, string> = {
  [CENT_BLOCK_MARK]: 'directly in the selection',
  [PT_BLOCK_MARK]: 'inside an AddCentCut block',
  [CUT_BLOCK_MARK]: 'inside an AddPtCut block',
};

/** Reports members the framework skips without a message: typos and misplaced blocks. */
export const checkUnknownKeys: Rule = (context) => {
  const selection = context.model.active;
  if (!selection?.isObject) return;
  for (const member of selection.otherMembers) checkOtherMember(context, member, 'selection');
  for (const block of selection.centralityBlocks) {
    for (const member of block.otherMembers) checkOtherMember(context, member, 'centrality');
    for (const pt of block.ptBlocks) {
      for (const member of pt.otherMembers) checkOtherMember(context, member, 'pt');
      for (const cut of pt.cuts) {
        for (const member of cut.otherMembers) checkOtherMember(context, member, 'cut');
      }
    }
  }
};

function checkOtherMember(context: RuleContext, member: Member, level: Level): void {
  const misplacedMark = [CENT_BLOCK_MARK, PT_BLOCK_MARK, CUT_BLOCK_MARK].find((mark) =>
    member.key.includes(mark),
  );
  if (misplacedMark) {
    context.report(
      'misplaced-block',
      member.keySpan,
      misplacedMessage(member, level, misplacedMark),
      { unnecessary: true },
    );
    return;
  }
  const candidates = [...KNOWN_KEYS[level]];
  const mark = BLOCK_MARK[level];
  let fixedKey = closestMatch(member.key, candidates);
  if (!fixedKey && mark) {
    // A typo'd block key such as "AddCenCut-Cent1030": compare the part before the suffix.
    const [prefix, ...rest] = member.key.split(/(?=[-_])/);
    const blockSuggestion = closestMatch(prefix, [mark]);
    if (blockSuggestion) fixedKey = blockSuggestion + rest.join('');
  }
  const fixes = fixedKey
    ? [
        {
          title: `Rename to "${fixedKey}"`,
          edits: [{ span: member.keySpan, newText: JSON.stringify(fixedKey) }],
          preferred: true,
        },
        { title: `Remove "${member.key}"`, edits: [removeMemberEdit(member)] },
      ]
    : [{ title: `Remove "${member.key}"`, edits: [removeMemberEdit(member)] }];
  const hint = fixedKey
    ? `Did you mean "${fixedKey}"?`
    : `Known keys here: ${[...candidates, ...(mark ? [`keys containing "${mark}"`] : [])].join(', ')}.`;
  context.report(
    'unknown-key',
    member.keySpan,
    `Unknown key "${member.key}" in ${LEVEL_NAME[level]}: the framework ignores it. ${hint}`,
    { fixes, unnecessary: true },
  );
}

function misplacedMessage(member: Member, level: Level, mark: string): string {
  const place = LEVEL_NAME[level];
  if (level === 'selection' && mark === CUT_BLOCK_MARK) {
    return `"${member.key}" in the selection is not a pT bin: AddMLCut blocks are score cuts and belong inside an AddPtCut block, which belongs inside an AddCentCut block. The framework ignores this member. Wrap the pT blocks in "AddCentCut-…": { "centMin": …, "centMax": …, "AddPtCut-…": {…} }.`;
  }
  return `"${member.key}" contains "${mark}", but ${place} is not where the framework looks for it; AddXxxCut blocks go ${MARK_HOME[mark]}. The framework ignores this member. Move it there.`;
}

/**
 * Reports keys that appear twice in one object. The framework reads the first of two
 * plain members, but iterates every block, so two blocks with one key are two bins.
 */
export const checkDuplicateKeys: Rule = (context) => {
  const root = context.model.root;
  if (root) walkObjects(root, (node) => checkObject(context, node));
};

function walkObjects(node: JsonNode, visit: (node: JsonNode) => void): void {
  if (node.type === 'object') visit(node);
  for (const child of node.children ?? []) walkObjects(child, visit);
}

function checkObject(context: RuleContext, node: JsonNode): void {
  const seen = new Map<string, Member>();
  for (const member of membersOf(node)) {
    const first = seen.get(member.key);
    if (!first) {
      seen.set(member.key, member);
      continue;
    }
    const isBlock = [CENT_BLOCK_MARK, PT_BLOCK_MARK, CUT_BLOCK_MARK].some((mark) =>
      member.key.includes(mark),
    );
    const neverRead = member.key === 'title' || member.key === 'var';
    const message = isBlock
      ? `Duplicate key "${member.key}". The framework reads both blocks as separate entries, while most JSON tools keep only the last; give each block its own key.`
      : neverRead
        ? `Duplicate key "${member.key}". The framework never reads "${member.key}", but tools that read this file keep different values: RapidJSON the first (${abbreviateValue(context.text, first)}), most others the last. Remove one of them.`
        : `Duplicate key "${member.key}". The framework reads the first value (${abbreviateValue(context.text, first)}) and ignores this one, while most JSON tools keep the last. Remove one of them.`;
    context.report('duplicate-key', member.keySpan, message, {
      severity: isBlock ? 'info' : 'warning',
      related: [{ span: first.keySpan, message: `First "${member.key}".` }],
      fixes: isBlock
        ? undefined
        : [
            {
              title: `Remove this "${member.key}"`,
              edits: [removeMemberEdit(member)],
            },
          ],
    });
  }
}

function abbreviateValue(text: string, member: Member): string {
  if (!member.value) return 'nothing';
  const span = nodeSpan(member.value);
  const raw = text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return raw.length > 30 ? `${raw.slice(0, 29)}…` : raw;
}
