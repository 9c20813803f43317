import { checkScoreCuts } from './cuts';
import { checkInputFeatures } from './features';
import { checkBlockFields } from './fields';
import { checkDuplicateKeys, checkUnknownKeys } from './keys';
import { checkModelFiles } from './models';
import { checkOverlapsAndGaps, checkRanges } from './bins';
import { checkBlocksPresent, checkSelectionMembers, checkTopLevel } from './structure';
import type { Rule, RuleContext } from './context';

/** Every config rule, in the order the framework would meet the problems. */
export const CONFIG_RULES: readonly Rule[] = [
  checkTopLevel,
  checkDuplicateKeys,
  checkSelectionMembers,
  checkUnknownKeys,
  checkBlocksPresent,
  checkBlockFields,
  checkInputFeatures,
  checkModelFiles,
  checkRanges,
  checkOverlapsAndGaps,
  checkScoreCuts,
];

/** Runs every config rule. */
export function runConfigRules(context: RuleContext): void {
  for (const rule of CONFIG_RULES) rule(context);
}
