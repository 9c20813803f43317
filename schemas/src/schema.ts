/**
 * Builds the JSON schema (draft-07) of a BDT config from the domain lists of the analysis
 * core, so the enums cannot drift from what the checks accept. `npm run generate` writes
 * it to schemas/bdt-config.schema.json, which VS Code's JSON service uses through
 * `contributes.jsonValidation`. Facts are those of `GetBdtScoreCutsAndConfigFromJSON`
 * (PWGDQ/Core/CutsLibrary.cxx in O2Physics).
 */
import { FRAMEWORK_FEATURES, type FeatureInfo } from '../../server/src/core/framework/features';
import {
  CENT_BLOCK_MARK,
  CENTRALITY_ESTIMATORS,
  CUT_BLOCK_MARK,
  MODEL_TYPES,
  PT_BLOCK_MARK,
  SCORE_VARS,
} from '../../server/src/core/framework/selection';

type Schema = Record<string, unknown>;

/** A description in plain text for tools without Markdown, and the same in Markdown. */
function described(markdown: string, schema: Schema): Schema {
  return { description: stripMarkdown(markdown), markdownDescription: markdown, ...schema };
}

function stripMarkdown(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '');
}

const FUNCTION = '`GetBdtScoreCutsAndConfigFromJSON` (PWGDQ/Core/CutsLibrary.cxx)';

const TYPE_DOCS: Record<(typeof MODEL_TYPES)[number], string> = {
  Binary:
    'One score per pair: the first value of the model output, which for a hipe4ml/XGBoost export is the class-0 (background) probability, named `kBdtBackground`. Each pT block needs one `AddMLCut`.',
  MultiClass:
    'Three scores per pair, in the order `kBdtBackground`, `kBdtPrompt`, `kBdtNonprompt`. Each pT block needs three `AddMLCut`.',
};

const ESTIMATOR_DOCS: Record<(typeof CENTRALITY_ESTIMATORS)[number], string> = {
  kCentFT0C: 'Centrality from the FT0C detector (event table column `fCentFT0C`).',
  kCentFT0A: 'Centrality from the FT0A detector (event table column `fCentFT0A`).',
  kCentFT0M: 'Centrality from FT0A and FT0C together (event table column `fCentFT0M`).',
};

const SCORE_DOCS: Record<(typeof SCORE_VARS)[number], string> = {
  kBdtBackground: 'The first model score: the background probability.',
  kBdtPrompt: 'The second model score (MultiClass only): the prompt probability.',
  kBdtNonprompt: 'The third model score (MultiClass only): the non-prompt probability.',
};

function featureDoc(info: FeatureInfo): string {
  const unit = info.unit ? ` (${info.unit})` : '';
  return `${info.description}${unit}; DielectronsAll column \`${info.column}\`.`;
}

/**
 * Any string validates, because users may add features to their O2Physics build. The
 * language server checks the names against the settings, and the enum branch here only
 * feeds completion and hover.
 */
const feature: Schema = described(
  'A feature name: a DielectronsAll column with the leading `f` replaced by `k` (`fMass` → `kMass`). The framework knows the thirty names of `DQMlResponse.h`; a name it does not know stops the task with "Input feature X not available!".',
  {
    type: 'string',
    anyOf: [
      {
        enum: FRAMEWORK_FEATURES.map((entry) => entry.name),
        markdownEnumDescriptions: FRAMEWORK_FEATURES.map(featureDoc),
      },
      { type: 'string' },
    ],
  },
);

const scoreCut: Schema = described(
  'A **score cut**: every member of a pT block whose key contains `AddMLCut`. The i-th cut of a pT block is compared with the i-th model score, whatever its `var` says.',
  {
    type: 'object',
    required: ['cut'],
    properties: {
      var: described(
        'Names the score this cut is meant for. The framework never reads it: cuts are matched to scores by position (background, prompt, non-prompt), so a `var` that disagrees with its position documents one cut and applies another.',
        {
          type: 'string',
          enum: [...SCORE_VARS],
          enumDescriptions: SCORE_VARS.map((name) => stripMarkdown(SCORE_DOCS[name])),
          markdownEnumDescriptions: SCORE_VARS.map((name) => SCORE_DOCS[name]),
        },
      ),
      cut: described(
        'The score threshold, a number (for probabilities in [0, 1]). A number written as a string, such as `"0.58"`, crashes the task in RapidJSON\'s typed getter. A score equal to the cut passes either way.',
        { type: 'number' },
      ),
      exclude: described(
        'The cut direction. `true` keeps pairs with score below the cut (rejects score > cut); `false`, the default when absent, keeps score above the cut. Only the first pT block of the first centrality block counts: the framework ignores `exclude` in every later block.',
        { type: 'boolean', default: false },
      ),
    },
    defaultSnippets: [
      {
        label: 'score cut',
        description: 'A cut on the background score that keeps pairs below it.',
        body: { var: SCORE_VARS[0], cut: '^${1:0.5}', exclude: '^${2|true,false|}' },
      },
    ],
  },
);

const ptBlock: Schema = described(
  'A **pT block**, one bin: every member of a centrality block whose key contains `AddPtCut` (anywhere, case-sensitive). Bins are numbered in document order across all centrality blocks, and bin i uses `modelFiles[i]`.',
  {
    type: 'object',
    required: ['pTMin', 'pTMax'],
    properties: {
      pTMin: described('Lower edge of the pair pT range in GeV/c, included: pTMin ≤ pT < pTMax.', {
        type: 'number',
      }),
      pTMax: described('Upper edge of the pair pT range in GeV/c, excluded.', { type: 'number' }),
    },
    propertyNames: { examples: [`${CUT_BLOCK_MARK}-background`] },
    patternProperties: { [CUT_BLOCK_MARK]: { $ref: '#/definitions/scoreCut' } },
    defaultSnippets: [
      {
        label: 'pT block with one score cut',
        description: 'A bin for a Binary model.',
        body: {
          pTMin: '^${1:0}',
          pTMax: '^${2:2}',
          [`${CUT_BLOCK_MARK}-background`]: {
            var: SCORE_VARS[0],
            cut: '^${3:0.5}',
            exclude: true,
          },
        },
      },
    ],
  },
);

const centralityBlock: Schema = described(
  'A **centrality block**: every member of the selection whose key contains `AddCentCut` (anywhere, case-sensitive). It holds the centrality range and its pT blocks.',
  {
    type: 'object',
    required: ['centMin', 'centMax'],
    properties: {
      centMin: described(
        'Lower edge of the centrality range in percent, included: centMin ≤ centrality < centMax. Events without a centrality estimate (pp) have -1, so a pp selection starts at -1.',
        { type: 'number' },
      ),
      centMax: described('Upper edge of the centrality range in percent, excluded.', {
        type: 'number',
      }),
    },
    propertyNames: { examples: [`${PT_BLOCK_MARK}-pTBin1`] },
    patternProperties: { [PT_BLOCK_MARK]: { $ref: '#/definitions/ptBlock' } },
    defaultSnippets: [
      {
        label: 'centrality block',
        description: 'A centrality range with one pT bin and a Binary score cut.',
        body: {
          centMin: '^${1:0}',
          centMax: '^${2:10}',
          [`${PT_BLOCK_MARK}-pTBin1`]: {
            pTMin: '^${3:0}',
            pTMax: '^${4:2}',
            [`${CUT_BLOCK_MARK}-background`]: {
              var: SCORE_VARS[0],
              cut: '^${5:0.5}',
              exclude: true,
            },
          },
        },
      },
    ],
  },
);

const selectionSnippet = {
  type: MODEL_TYPES[0],
  title: '${1:MyBDTModel}',
  inputFeatures: ['kMass', 'kPt', 'kPt1', 'kPt2'],
  modelFiles: ['${2:modelBDT_cent0_10_pt0_2_onnx.onnx}'],
  cent: CENTRALITY_ESTIMATORS[0],
  [`${CENT_BLOCK_MARK}-Cent0010`]: {
    centMin: 0,
    centMax: 10,
    [`${PT_BLOCK_MARK}-pTBin1`]: {
      pTMin: 0,
      pTMax: 2,
      [`${CUT_BLOCK_MARK}-background`]: { var: SCORE_VARS[0], cut: '^${3:0.5}', exclude: true },
    },
  },
};

const selection: Schema = described(
  `A **selection**. The framework's ${FUNCTION} reads only the first member of the top-level object and ignores every later one without a message. \`type\`, \`inputFeatures\`, \`modelFiles\` and \`cent\` are required; a missing one stops the task.`,
  {
    type: 'object',
    required: ['type', 'inputFeatures', 'modelFiles', 'cent'],
    properties: {
      type: described(
        'The model type: `"Binary"` (one score) or `"MultiClass"` (three scores). Any other value stops the task. It sets how many `AddMLCut` each pT block must have.',
        {
          type: 'string',
          enum: [...MODEL_TYPES],
          enumDescriptions: MODEL_TYPES.map((name) => stripMarkdown(TYPE_DOCS[name])),
          markdownEnumDescriptions: MODEL_TYPES.map((name) => TYPE_DOCS[name]),
        },
      ),
      title: described('A name for people. The framework never reads it.', { type: 'string' }),
      inputFeatures: described(
        "The model inputs in training order: the framework fills the model's i-th input column with the i-th feature, so the order must be the one the model was trained with.",
        { type: 'array', items: { $ref: '#/definitions/feature' } },
      ),
      modelFiles: described(
        'One ONNX file per bin: bin i (the i-th `AddPtCut` in document order, across all centrality blocks) uses `modelFiles[i]`. The counts must match, or the task stops with "Number of expected models (N) different from the one set (M)". With `loadModelsFromCCDB`, file i is fetched from CCDB folder `modelPathsCCDB[i]`.',
        { type: 'array', items: { type: 'string' } },
      ),
      cent: described(
        'The centrality estimator that picks the bin of a pair. Any other value stops the task. It is also the first part of every bin label, such as `kCentFT0C_cent10_30_pt0.0_2.0`.',
        {
          type: 'string',
          enum: [...CENTRALITY_ESTIMATORS],
          enumDescriptions: CENTRALITY_ESTIMATORS.map((name) =>
            stripMarkdown(ESTIMATOR_DOCS[name]),
          ),
          markdownEnumDescriptions: CENTRALITY_ESTIMATORS.map((name) => ESTIMATOR_DOCS[name]),
        },
      ),
    },
    propertyNames: { examples: [`${CENT_BLOCK_MARK}-Cent0010`] },
    patternProperties: { [CENT_BLOCK_MARK]: { $ref: '#/definitions/centralityBlock' } },
    defaultSnippets: [
      { label: 'Binary selection', description: 'One bin, one score cut.', body: selectionSnippet },
    ],
  },
);

/**
 * A top-level member is checked as a selection only when it is an object that is empty or
 * contains a selection key or a centrality block. So a DPL configuration file whose name
 * contains "bdt" is not flagged member by member. The language server reports a selection
 * that is not an object.
 */
const member: Schema = {
  if: {
    type: 'object',
    anyOf: [
      { maxProperties: 0 },
      { required: ['type'] },
      { required: ['inputFeatures'] },
      { required: ['modelFiles'] },
      { required: ['cent'] },
      { not: { propertyNames: { not: { pattern: CENT_BLOCK_MARK } } } },
    ],
  },
  then: { $ref: '#/definitions/selection' },
};

/**
 * Returns the JSON schema of a BDT config, as a fresh object each time: JSON schema tools
 * resolve `$ref` in place, which would otherwise change the shared definitions above.
 */
export function buildConfigSchema(): Schema {
  return structuredClone({
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'BDT selection config of the O2Physics dilepton (DQ) analysis',
    ...described(
      `The \`fConfigBdtCutsJSON\` option of \`analysis-same-event-pairing\`: named selections, of which ${FUNCTION} uses only the first.`,
      {},
    ),
    type: 'object',
    minProperties: 1,
    additionalProperties: { $ref: '#/definitions/member' },
    defaultSnippets: [{ label: 'BDT config', body: { BDTCut: selectionSnippet } }],
    definitions: {
      member,
      selection,
      centralityBlock,
      ptBlock,
      scoreCut,
      feature,
    },
  });
}
