/** Facts about the selection object that `GetBdtScoreCutsAndConfigFromJSON` reads. */

export const MODEL_TYPES = ['Binary', 'MultiClass'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/** Number of scores, and so of score cuts per pT block, for each model type. */
export const CLASS_COUNT: Record<ModelType, number> = { Binary: 1, MultiClass: 3 };

export const CENTRALITY_ESTIMATORS = ['kCentFT0C', 'kCentFT0A', 'kCentFT0M'] as const;

/** The score names in the order the framework fills them (VarManager's `FillBdtScore`). */
export const SCORE_VARS = ['kBdtBackground', 'kBdtPrompt', 'kBdtNonprompt'] as const;

/** Substrings that make a member a block, matched anywhere in the key, case-sensitive. */
export const CENT_BLOCK_MARK = 'AddCentCut';
export const PT_BLOCK_MARK = 'AddPtCut';
export const CUT_BLOCK_MARK = 'AddMLCut';

/** Members of the selection that the framework reads by name. */
export const SELECTION_KEYS = ['type', 'inputFeatures', 'modelFiles', 'cent'] as const;
/** Members of the selection that the framework accepts without reading them. */
export const IGNORED_SELECTION_KEYS = ['title'] as const;
export const CENT_BLOCK_KEYS = ['centMin', 'centMax'] as const;
export const PT_BLOCK_KEYS = ['pTMin', 'pTMax'] as const;
export const CUT_KEYS = ['var', 'cut', 'exclude'] as const;

/** Returns the column name of an estimator in the event tables, e.g. `fCentFT0C`. */
export function estimatorColumn(estimator: string): string {
  return estimator.replace(/^k/, 'f');
}
