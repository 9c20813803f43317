import { CLASS_COUNT, SCORE_VARS } from '../framework/selection';
import { appendMemberEdit, appendMembersEdit, removeMemberEdit, replaceStringEdit } from '../edits';
import type { Fix } from '../findings';
import type { PtBlock, ScoreCut, Selection } from '../model/types';
import { closestMatch } from '../suggest';
import type { Rule, RuleContext } from './context';

const SCORE_MEANING = ['background', 'prompt', 'non-prompt'];

/** Checks the score cuts of every pT block against the model type and the first block. */
export const checkScoreCuts: Rule = (context) => {
  const selection = context.model.active;
  if (!selection?.isObject) return;
  const ptBlocks = selection.centralityBlocks.flatMap((block) =>
    block.ptBlocks.filter((pt) => pt.isObject),
  );
  const first = ptBlocks[0];
  // Blocks of an older layout are ignored by the framework, but their cut count still shows
  // whether the type fits the model they were written for.
  for (const pt of selection.misplacedPtBlocks) checkCutCount(context, selection, pt, undefined);
  for (const pt of ptBlocks) {
    checkCutCount(context, selection, pt, first);
    checkVars(context, pt);
    for (const cut of pt.cuts) checkCutValue(context, selection, cut, pt === first);
    if (first && pt !== first) compareWithFirst(context, first, pt);
  }
};

function checkCutCount(
  context: RuleContext,
  selection: Selection,
  pt: PtBlock,
  first: PtBlock | undefined,
): void {
  if (!selection.modelType) return;
  const expected = CLASS_COUNT[selection.modelType];
  const count = pt.cuts.length;
  if (count === expected) return;
  const fixes: Fix[] = [];
  if (selection.modelType === 'Binary' && count === 3 && selection.type) {
    fixes.push({
      title: 'Change type to "MultiClass"',
      edits: [replaceStringEdit(selection.type.valueSpan, 'MultiClass')],
      preferred: true,
    });
  }
  if (count < expected && pt.member.value) {
    const members: Array<[string, string]> = [];
    for (let position = count; position < expected; position++) {
      // A new cut takes the direction the framework will use: the first block's, if any.
      const exclude = first?.cuts[position]?.exclude?.value ?? position === 0;
      members.push([
        `AddMLCut-${SCORE_MEANING[position].replace('-', '')}`,
        `{ "var": "${SCORE_VARS[position]}", "cut": 0.5, "exclude": ${exclude} }`,
      ]);
    }
    fixes.push({
      title: `Add the missing score cut${expected - count > 1 ? 's' : ''}`,
      edits: [appendMembersEdit(context.text, pt.member.value, members)],
    });
  }
  if (count > expected) {
    const extra = pt.cuts.slice(expected);
    fixes.push({
      title: `Remove the ${count - expected} extra score cut${count - expected > 1 ? 's' : ''}`,
      edits: extra.map((cut) => removeMemberEdit(cut.member)),
    });
  }
  const suggestion =
    selection.modelType === 'Binary' && count === 3
      ? ' Three cuts fit a MultiClass model: change "type" to "MultiClass" if the model has three classes.'
      : '';
  context.report(
    'cut-count-mismatch',
    pt.member.keySpan,
    `"${pt.member.key}" has ${count} score cut${count === 1 ? '' : 's'} (AddMLCut), but a ${selection.modelType} model has ${expected} score${expected === 1 ? '' : 's'}. Give every pT block exactly ${expected}.${suggestion}`,
    { fixes },
  );
}

function checkVars(context: RuleContext, pt: PtBlock): void {
  const seen = new Map<string, ScoreCut>();
  for (const cut of pt.cuts) {
    const name = cut.var?.value;
    if (!cut.var || name === undefined) continue;
    const position = SCORE_VARS.indexOf(name as (typeof SCORE_VARS)[number]);
    if (position < 0) {
      const suggestion = closestMatch(name, SCORE_VARS);
      const expected = SCORE_VARS[cut.position];
      context.report(
        'invalid-score-var',
        cut.var.valueSpan,
        `Invalid score name "${name}". Use kBdtBackground, kBdtPrompt or kBdtNonprompt; at position ${cut.position} the cut applies to ${expected ?? 'no score'}${suggestion ? `. Did you mean "${suggestion}"?` : '.'}`,
        {
          fixes: expected
            ? [
                {
                  title: `Change to "${expected}"`,
                  edits: [replaceStringEdit(cut.var.valueSpan, expected)],
                  preferred: true,
                },
              ]
            : undefined,
        },
      );
      continue;
    }
    const duplicate = seen.get(name);
    if (duplicate) {
      // Report the cut whose position does not fit the name, since that one is misnamed.
      const [misnamed, other] = cut.position === position ? [duplicate, cut] : [cut, duplicate];
      context.report(
        'duplicate-score-var',
        misnamed.var!.valueSpan,
        `"${name}" is named by two cuts of "${pt.member.key}" (positions ${duplicate.position} and ${cut.position}). Cuts apply by position, so this one applies to ${SCORE_VARS[misnamed.position] ?? 'no score'}; name it so.`,
        { related: [{ span: other.var!.valueSpan, message: `The other "${name}".` }] },
      );
    } else {
      seen.set(name, cut);
    }
    if (position !== cut.position) {
      const applied = SCORE_VARS[cut.position];
      context.report(
        'var-position-mismatch',
        cut.var.valueSpan,
        applied
          ? `This cut says "${name}" but is cut ${cut.position} of "${pt.member.key}", so the framework applies it to ${applied}. Reorder the cuts so that ${name} is at position ${position}, or change "var" to "${applied}".`
          : `This cut says "${name}" but is cut ${cut.position} of "${pt.member.key}"; no score has that position.`,
        {
          fixes: applied
            ? [
                {
                  title: `Change "var" to "${applied}"`,
                  edits: [replaceStringEdit(cut.var.valueSpan, applied)],
                },
              ]
            : undefined,
        },
      );
    }
  }
}

function checkCutValue(
  context: RuleContext,
  selection: Selection,
  cut: ScoreCut,
  inFirstBlock: boolean,
): void {
  // A cut that is not an object is already a wrong-value-type error, with nothing to edit.
  if (!cut.isObject) return;
  const value = cut.cut?.value;
  if (cut.cut && value !== undefined && (value < 0 || value > 1)) {
    context.report(
      'cut-out-of-range',
      cut.cut.valueSpan,
      `Score cut ${value} is outside [0, 1], where class probabilities lie, so it keeps every pair or none. Use a value between 0 and 1.`,
    );
  }
  if (!inFirstBlock || selection.modelType !== 'Binary' || cut.position !== 0) return;
  const exclude = cut.exclude?.value ?? false;
  if (exclude || (cut.exclude && cut.exclude.value === undefined)) return;
  const span = cut.exclude?.valueSpan ?? cut.member.keySpan;
  const edits = cut.exclude
    ? [{ span: cut.exclude.valueSpan, newText: 'true' }]
    : cut.member.value
      ? [appendMemberEdit(context.text, cut.member.value, 'exclude', 'true')]
      : [];
  const threshold = value === undefined ? 'its cut' : String(value);
  // Both fixes change what the selection keeps, so neither is applied by fix-all.
  const fixes: Fix[] = [{ title: 'Set "exclude": true, keeping the cut', edits }];
  if (value !== undefined && cut.cut && value >= 0 && value <= 1) {
    const complement = String(Number((1 - value).toPrecision(15)));
    fixes.unshift({
      title: `Set "exclude": true and the cut to ${complement} (the cut was on the signal probability)`,
      edits: [...edits, { span: cut.cut.valueSpan, newText: complement }],
    });
  }
  context.report(
    'binary-keeps-background',
    span,
    `With exclude ${cut.exclude ? 'false' : 'absent (false)'}, this Binary cut keeps pairs whose background probability is above ${threshold}: the background-like ones. A Binary model's score is the probability of class 0, background; to keep signal set "exclude": true (and a cut t on the signal probability becomes 1 - t here).`,
    { fixes },
  );
}

function compareWithFirst(context: RuleContext, first: PtBlock, pt: PtBlock): void {
  const firstVars = first.cuts.map((cut) => cut.var?.value);
  const vars = pt.cuts.map((cut) => cut.var?.value);
  const differs = vars.some(
    (name, index) =>
      name !== undefined && firstVars[index] !== undefined && name !== firstVars[index],
  );
  if (differs) {
    context.report(
      'inconsistent-cut-classes',
      pt.member.keySpan,
      `The cuts of "${pt.member.key}" name ${listVars(vars)} where the first pT block "${first.member.key}" names ${listVars(firstVars)}. Cuts apply by position, so use the first block's order.`,
      { related: [{ span: first.member.keySpan, message: 'The first pT block.' }] },
    );
  }
  for (const cut of pt.cuts) {
    const reference = first.cuts[cut.position];
    if (!reference || !hasKnownDirection(cut) || !hasKnownDirection(reference)) continue;
    const own = cut.exclude?.value ?? false;
    const used = reference.exclude?.value ?? false;
    if (own === used) continue;
    const span = cut.exclude?.valueSpan ?? cut.member.keySpan;
    const edits = cut.exclude
      ? [{ span: cut.exclude.valueSpan, newText: String(used) }]
      : cut.member.value
        ? [appendMemberEdit(context.text, cut.member.value, 'exclude', String(used))]
        : [];
    context.report(
      'ignored-exclude',
      span,
      `${cut.exclude ? `exclude ${own}` : 'The absent exclude (false)'} is ignored: the framework takes every cut direction from the first pT block "${first.member.key}", where cut ${cut.position} has exclude ${used}, so this cut keeps score ${used ? '≤' : '≥'} cut. Set it to ${used} to say what happens, or move the block you want first.`,
      {
        related: [
          {
            span: reference.exclude?.valueSpan ?? reference.member.keySpan,
            message: `The direction the framework uses: exclude ${used}.`,
          },
        ],
        fixes: [{ title: `Set "exclude": ${used}, as the first block`, edits, preferred: true }],
      },
    );
  }
}

/**
 * Tells whether the direction of a cut can be read: an object whose `exclude` is absent
 * (false) or a boolean. Any other value is already a wrong-value-type error that stops the
 * task, so no direction can be compared with it.
 */
function hasKnownDirection(cut: ScoreCut): boolean {
  return cut.isObject && (!cut.exclude || cut.exclude.value !== undefined);
}

/** Lists the `var` of each cut in order, naming a cut without one instead of leaving a gap. */
function listVars(vars: ReadonlyArray<string | undefined>): string {
  return vars.map((name) => name ?? '(no var)').join(', ');
}
