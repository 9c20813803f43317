import { FRAMEWORK_FEATURES, UNSUPPORTED_COLUMNS, frameworkFeature } from '../framework/features';
import { removeElementEdit, replaceStringEdit } from '../edits';
import { closestMatch } from '../suggest';
import type { StringItem } from '../model/types';
import type { Rule, RuleContext } from './context';

/** Checks `inputFeatures` against the framework's list and the user's extra names. */
export const checkInputFeatures: Rule = (context) => {
  const list = context.model.active?.inputFeatures;
  if (!list?.items) return;
  if (list.items.length === 0) {
    context.report(
      'empty-feature-list',
      list.valueSpan,
      '"inputFeatures" is empty. List the features the models were trained on, in training order, e.g. ["kMass", "kPt"].',
    );
    return;
  }
  const extra = new Set(context.options.extraFeatures ?? []);
  const known = [...FRAMEWORK_FEATURES.map((feature) => feature.name), ...extra];
  const seen = new Map<string, StringItem>();
  const nodes = list.items.map((entry) => entry.node);
  for (const item of list.items) {
    if (item.value === undefined) continue;
    const first = seen.get(item.value);
    if (first) {
      context.report(
        'duplicate-feature',
        item.span,
        `"${item.value}" is listed twice (entries ${first.index} and ${item.index}), so the model gets the same value in two input columns. Remove one unless the model was trained that way.`,
        {
          related: [{ span: first.span, message: `First "${item.value}".` }],
          fixes: [
            {
              title: `Remove the second "${item.value}"`,
              edits: [removeElementEdit(nodes, item.index)],
            },
          ],
        },
      );
      continue;
    }
    seen.set(item.value, item);
    if (frameworkFeature(item.value) || extra.has(item.value)) continue;
    checkUnknownFeature(context, item, item.value, known, extra);
  }
};

function checkUnknownFeature(
  context: RuleContext,
  item: StringItem,
  name: string,
  known: readonly string[],
  extra: ReadonlySet<string>,
): void {
  const column = name.startsWith('k') ? `f${name.slice(1)}` : name;
  const kName = name.startsWith('f') ? `k${name.slice(1)}` : undefined;
  if (kName && (frameworkFeature(kName) || extra.has(kName))) {
    context.report(
      'f-prefixed-feature',
      item.span,
      `"${name}" is the DielectronsAll column name; the framework knows this feature as "${kName}". Replace the leading f with k.`,
      {
        fixes: [
          {
            title: `Change to "${kName}"`,
            edits: [replaceStringEdit(item.span, kName)],
            preferred: true,
          },
        ],
      },
    );
    return;
  }
  const unsupportedReason = UNSUPPORTED_COLUMNS.get(column);
  if (unsupportedReason) {
    context.report(
      'unsupported-feature',
      item.span,
      `"${name}" cannot be a model input: ${unsupportedReason}. Retrain without it, or add an accessor in your O2Physics build and declare the name as an extra feature.`,
    );
    return;
  }
  const suggestion = closestMatch(name, known) ?? (kName ? closestMatch(kName, known) : undefined);
  context.report(
    'unknown-feature',
    item.span,
    `Unknown feature "${name}". ${suggestion ? `Did you mean "${suggestion}"? ` : ''}The framework knows the thirty features of DQMlResponse.h; declare others as extra features if your O2Physics build adds them.`,
    {
      fixes: suggestion
        ? [
            {
              title: `Change to "${suggestion}"`,
              edits: [replaceStringEdit(item.span, suggestion)],
              preferred: true,
            },
          ]
        : undefined,
    },
  );
}
