import type { Severity } from './findings';
import { DPL_RULES } from './dpl/rules';
import { ONNX_RULES } from './onnx/rules';

/** Registry entry of a diagnostic code. */
export interface RuleInfo {
  code: string;
  defaultSeverity: Severity;
  /** One line, shown in rule lists and SARIF. */
  summary: string;
  /** The framework behaviour that makes the finding matter, in one sentence. */
  rationale: string;
  category: 'syntax' | 'structure' | 'features' | 'models' | 'bins' | 'cuts' | 'onnx' | 'dpl';
}

const FUNCTION = '`GetBdtScoreCutsAndConfigFromJSON` (PWGDQ/Core/CutsLibrary.cxx)';
const STRICT =
  'The framework parses the config with RapidJSON in strict mode, and a parse error stops the task.';

const CONFIG_RULES: RuleInfo[] = [
  // Syntax as RapidJSON's strict parser reads it.
  {
    code: 'json-syntax',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'The text is not valid JSON.',
    rationale: STRICT,
  },
  {
    code: 'json-comment',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'Comments are not allowed in JSON.',
    rationale: STRICT,
  },
  {
    code: 'json-trailing-comma',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'A comma before a closing bracket.',
    rationale: STRICT,
  },
  {
    code: 'json-single-quote',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'A string in single quotes.',
    rationale: STRICT,
  },
  {
    code: 'json-non-finite-number',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'NaN or Infinity, which JSON has no spelling for.',
    rationale: STRICT,
  },
  {
    code: 'json-control-character',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'A raw control character inside a string.',
    rationale: STRICT,
  },
  {
    code: 'empty-document',
    category: 'syntax',
    defaultSeverity: 'error',
    summary: 'The document is empty.',
    rationale: STRICT,
  },
  {
    code: 'duplicate-key',
    category: 'syntax',
    defaultSeverity: 'warning',
    summary: 'The same key twice in one object.',
    rationale:
      'RapidJSON reads the first of two members with the same name, while most JSON tools keep the last, and blocks with the same key are all iterated.',
  },

  // Structure and value types.
  {
    code: 'top-level-not-object',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'The document is not a JSON object.',
    rationale: `${FUNCTION} iterates the members of the top-level object, so any other value stops the task.`,
  },
  {
    code: 'config-encoded-as-string',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'The document is the config encoded once more as a JSON string.',
    rationale:
      'The framework expects the config object itself; a string at the top level is not a selection.',
  },
  {
    code: 'no-selection',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'The top-level object has no selection.',
    rationale: `${FUNCTION} reads the first member of the top-level object as the selection.`,
  },
  {
    code: 'ignored-selection',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A selection after the first, which the framework ignores.',
    rationale: `${FUNCTION} returns inside its loop over the top-level members, so only the first selection is used.`,
  },
  {
    code: 'missing-required-key',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A member the framework requires is missing.',
    rationale:
      'The framework reads required members without checking that they exist, and a missing one stops the task.',
  },
  {
    code: 'wrong-value-type',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A value of the wrong JSON type, such as a number written as a string.',
    rationale:
      "The framework reads values with RapidJSON's typed getters, which assert on a wrong type: a crash or a garbage value.",
  },
  {
    code: 'invalid-type',
    category: 'structure',
    defaultSeverity: 'error',
    summary: '`type` is neither "Binary" nor "MultiClass".',
    rationale: 'The framework stops the task on any other model type.',
  },
  {
    code: 'invalid-centrality-estimator',
    category: 'structure',
    defaultSeverity: 'error',
    summary: '`cent` is not one of kCentFT0C, kCentFT0A, kCentFT0M.',
    rationale: 'The framework stops the task on any other centrality estimator.',
  },
  {
    code: 'unknown-key',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A key the framework ignores without a message.',
    rationale:
      'Members whose key is not a known name and contains none of AddCentCut, AddPtCut or AddMLCut are skipped silently.',
  },
  {
    code: 'misplaced-block',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'A block key at a level where the framework does not look for it.',
    rationale:
      'The framework looks for AddCentCut in the selection, AddPtCut in a centrality block and AddMLCut in a pT block; elsewhere these keys are ignored.',
  },
  {
    code: 'schema-key',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A `$schema` member in the config.',
    rationale:
      'The framework takes the first top-level member as the selection, so a leading `$schema` replaces the real selection.',
  },
  {
    code: 'no-centrality-block',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'The selection has no AddCentCut block.',
    rationale:
      'Without a centrality block the framework has no bin and no cut direction, and the task crashes.',
  },
  {
    code: 'no-pt-block',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A centrality block, or the whole selection, has no AddPtCut block.',
    rationale:
      'Bins are the pT blocks inside centrality blocks; a selection without any has no bin and the task crashes.',
  },

  // Input features.
  {
    code: 'empty-feature-list',
    category: 'features',
    defaultSeverity: 'error',
    summary: '`inputFeatures` is empty.',
    rationale:
      'The model needs at least one input column, and the framework builds its input from this list.',
  },
  {
    code: 'unknown-feature',
    category: 'features',
    defaultSeverity: 'error',
    summary: 'A feature the framework does not know.',
    rationale:
      'The framework stops the task with "Input feature X not available! Please check your configurables."',
  },
  {
    code: 'f-prefixed-feature',
    category: 'features',
    defaultSeverity: 'error',
    summary: 'A feature written as its DielectronsAll column (f-prefix) instead of its k-name.',
    rationale:
      'The framework knows features by their k-names, so a column name stops the task as an unknown feature.',
  },
  {
    code: 'unsupported-feature',
    category: 'features',
    defaultSeverity: 'error',
    summary: 'A DielectronsAll column the framework cannot feed to a model.',
    rationale:
      'Only the thirty features of DQMlResponse.h have accessors; any other name stops the task.',
  },
  {
    code: 'duplicate-feature',
    category: 'features',
    defaultSeverity: 'warning',
    summary: 'The same feature twice in `inputFeatures`.',
    rationale:
      'The framework fills one input column per entry, so the model receives the same value twice.',
  },

  // Model files and bins one to one.
  {
    code: 'model-count-mismatch',
    category: 'models',
    defaultSeverity: 'error',
    summary: 'The number of bins differs from the number of model files.',
    rationale:
      'The framework stops with "Number of expected models (N) different from the one set (M)".',
  },
  {
    code: 'duplicate-model-file',
    category: 'models',
    defaultSeverity: 'warning',
    summary: 'The same model file for two bins.',
    rationale:
      'Bin i uses modelFiles[i]; a repeated name is usually a copy-paste slip that gives one bin the model of another.',
  },
  {
    code: 'model-file-extension',
    category: 'models',
    defaultSeverity: 'warning',
    summary: 'A model file name that does not end in `.onnx`.',
    rationale: 'The framework loads every model file with ONNX Runtime.',
  },
  {
    code: 'model-file-not-found',
    category: 'models',
    defaultSeverity: 'warning',
    summary: 'A model file that is not next to the config or in the search paths.',
    rationale:
      'Without CCDB, the framework loads each model file from the working directory, and a missing file stops the task.',
  },
  {
    code: 'model-file-name-mismatch',
    category: 'models',
    defaultSeverity: 'info',
    summary: 'The ranges in a model file name differ from its bin.',
    rationale:
      'Bin i uses modelFiles[i] whatever its name says, so a file named for another bin is applied to the wrong pairs.',
  },

  // Bins.
  {
    code: 'empty-range',
    category: 'bins',
    defaultSeverity: 'error',
    summary: 'A range whose minimum is not below its maximum.',
    rationale: 'The framework selects with min ≤ value < max, so such a bin never receives a pair.',
  },
  {
    code: 'overlapping-centrality',
    category: 'bins',
    defaultSeverity: 'warning',
    summary: 'Two centrality blocks whose ranges overlap.',
    rationale:
      'A pair goes to the first bin in flat order that contains it, so the later block never sees the overlap.',
  },
  {
    code: 'overlapping-pt',
    category: 'bins',
    defaultSeverity: 'warning',
    summary: 'Two pT blocks of one centrality block whose ranges overlap.',
    rationale:
      'A pair goes to the first bin in flat order that contains it, so the later block never sees the overlap.',
  },
  {
    code: 'range-gap',
    category: 'bins',
    defaultSeverity: 'info',
    summary: 'A gap between neighbouring ranges.',
    rationale: 'A pair in no bin is skipped entirely: neither selected, written nor histogrammed.',
  },
  {
    code: 'range-out-of-bounds',
    category: 'bins',
    defaultSeverity: 'warning',
    summary: 'A negative pT, or a centrality outside [-1, 100].',
    rationale:
      'pT is never negative and centrality percentiles lie in [0, 100] (-1 for events without one), so such a range selects nothing.',
  },
  {
    code: 'centrality-excludes-pp',
    category: 'bins',
    defaultSeverity: 'info',
    summary: 'The centrality ranges cover 0-100 but not -1, the centrality of pp events.',
    rationale:
      'pp events carry centrality -1, so a selection starting at 0 drops every pp pair; the DQ training example uses (-1, 100) for pp.',
  },

  // Score cuts.
  {
    code: 'cut-count-mismatch',
    category: 'cuts',
    defaultSeverity: 'error',
    summary: 'A pT block whose number of AddMLCut differs from the class count.',
    rationale:
      'The framework stops with "Number of classes … different from the number of cuts on model scores" (1 for Binary, 3 for MultiClass).',
  },
  {
    code: 'invalid-score-var',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: '`var` is not kBdtBackground, kBdtPrompt or kBdtNonprompt.',
    rationale:
      'The framework names its scores kBdtBackground, kBdtPrompt and kBdtNonprompt, in that order.',
  },
  {
    code: 'var-position-mismatch',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: 'A `var` that disagrees with the position of its cut.',
    rationale:
      'The framework never reads `var`: the i-th AddMLCut of a pT block is compared with the i-th score.',
  },
  {
    code: 'duplicate-score-var',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: 'The same `var` twice in one pT block.',
    rationale:
      'Cuts are matched to scores by position, so two cuts naming one score apply to two different scores.',
  },
  {
    code: 'inconsistent-cut-classes',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: 'A pT block whose cuts name other scores than the first block.',
    rationale:
      'The framework builds one cut layout from the first pT block and matches every block to it by position.',
  },
  {
    code: 'ignored-exclude',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: 'An `exclude` that differs from the first pT block, which the framework ignores.',
    rationale:
      'The framework takes the cut directions from the first pT block read and ignores `exclude` everywhere else.',
  },
  {
    code: 'cut-out-of-range',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: 'A score cut outside [0, 1].',
    rationale: 'Class probabilities lie in [0, 1], so such a cut keeps every pair or none.',
  },
  {
    code: 'binary-keeps-background',
    category: 'cuts',
    defaultSeverity: 'warning',
    summary: 'A Binary cut with `exclude: false` on the background score.',
    rationale:
      "A Binary model's score is the class-0 (background) probability, and exclude: false keeps pairs with a score above the cut, the background-like ones.",
  },
];

const RULES: readonly RuleInfo[] = [...CONFIG_RULES, ...ONNX_RULES, ...DPL_RULES];
const BY_CODE = new Map(RULES.map((rule) => [rule.code, rule]));

/** Returns every registered rule, in registry order. */
export function allRules(): readonly RuleInfo[] {
  return RULES;
}

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}
