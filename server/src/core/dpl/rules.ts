import type { RuleInfo } from '../registry';

const PAIRING_INIT =
  'The `analysis-same-event-pairing` task (PWGDQ/Tasks/tableReader_withAssoc.cxx) reads its BDT options in `init`';
const SET_PATHS_CCDB = '`MlResponse::setModelPathsCCDB` (Tools/ML/MlResponse.h)';

/** Codes of the checks on DPL configuration files that embed a config. */
export const DPL_RULES: RuleInfo[] = [
  {
    code: 'dpl-config-not-string',
    category: 'dpl',
    defaultSeverity: 'error',
    summary: '`fConfigBdtCutsJSON` is written as a JSON object or another non-string value.',
    rationale: `${PAIRING_INIT}: fConfigBdtCutsJSON is a string option whose text is passed to \`GetBdtScoreCutsAndConfigFromJSON\`, so the config must be written as one JSON string.`,
  },
  {
    code: 'dpl-config-double-encoded',
    category: 'dpl',
    defaultSeverity: 'error',
    summary: '`fConfigBdtCutsJSON` holds a string that decodes to another string.',
    rationale:
      '`GetBdtScoreCutsAndConfigFromJSON` (PWGDQ/Core/CutsLibrary.cxx) expects the text of a JSON object, and a JSON string at the top level is not a selection, so the task stops.',
  },
  {
    code: 'dpl-bdt-config-missing',
    category: 'dpl',
    defaultSeverity: 'error',
    summary: '`applyBDT` is true but `fConfigBdtCutsJSON` is missing or empty.',
    rationale: `${PAIRING_INIT}: with applyBDT it parses fConfigBdtCutsJSON, whose default is the empty string, and an empty text is a parse error that stops the task.`,
  },
  {
    code: 'dpl-apply-bdt-off',
    category: 'dpl',
    defaultSeverity: 'info',
    summary: 'A BDT config is present but `applyBDT` is not true.',
    rationale: `${PAIRING_INIT} only when applyBDT is true; otherwise the config is never read and no pair is selected by the models.`,
  },
  {
    code: 'dpl-model-paths-count',
    category: 'dpl',
    defaultSeverity: 'error',
    summary:
      'With `loadModelsFromCCDB`, the number of `modelPathsCCDB` folders differs from the number of model files.',
    rationale: `${SET_PATHS_CCDB} stops with "Number of expected models (N) different from the number of CCDB paths (M)".`,
  },
  {
    code: 'dpl-model-path-shared',
    category: 'dpl',
    defaultSeverity: 'error',
    summary: 'With `loadModelsFromCCDB`, two different model files share one CCDB folder.',
    rationale: `${SET_PATHS_CCDB} stops with "Each directory in CCDB can contain only one model" when two entries of modelPathsCCDB are equal and their model files differ.`,
  },
  {
    code: 'dpl-model-paths-shape',
    category: 'dpl',
    defaultSeverity: 'warning',
    summary: '`modelPathsCCDB` is not written as `{"values": [...]}`.',
    // NOTE: whether DPL also accepts a bare array here is not verified, hence a warning.
    rationale:
      'DPL configuration files hold a list option as an object with a `values` array of strings, the shape DPL itself writes; the number of folders is counted from that array.',
  },
  {
    code: 'dpl-invalid-option-value',
    category: 'dpl',
    defaultSeverity: 'error',
    summary:
      '`applyBDT` or `loadModelsFromCCDB` is not "true" or "false", or `timestampCCDB` is not an integer.',
    rationale:
      'DPL converts each option from its text to the type the task declares, bool for applyBDT and loadModelsFromCCDB and int64 for timestampCCDB, and text such as "yes" or "1.5" is neither.',
  },
];
