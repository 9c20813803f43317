/**
 * Markdown descriptions of the config keys, shown on hover and in completion. They describe
 * how `GetBdtScoreCutsAndConfigFromJSON` (PWGDQ/Core/CutsLibrary.cxx) reads each key.
 */
export const KEY_DOCS: Record<string, string> = {
  type: '**type** — `"Binary"` (one score: the class-0, background, probability) or `"MultiClass"` (three scores: background, prompt, non-prompt). Any other value stops the task. Sets how many `AddMLCut` each pT block must have: 1 or 3.',
  title: '**title** — a name for people. The framework never reads it.',
  inputFeatures:
    "**inputFeatures** — the model inputs, in the order the model was trained on: the framework fills the model's i-th input column with the i-th feature. Names are DielectronsAll columns with `f` replaced by `k` (`fMass` → `kMass`); a name the framework does not know stops the task.",
  modelFiles:
    '**modelFiles** — one ONNX file per bin: bin i (the i-th `AddPtCut` in document order, across all centrality blocks) uses `modelFiles[i]`. The counts must be equal, or the task stops with "Number of expected models (N) different from the one set (M)". With `loadModelsFromCCDB`, file i is fetched from CCDB folder `modelPathsCCDB[i]`.',
  cent: '**cent** — the centrality estimator that picks the bin: `kCentFT0C`, `kCentFT0A` or `kCentFT0M`. Any other value stops the task. Also the first part of every bin label.',
  centMin:
    '**centMin** — lower edge of the centrality range, in percent, included: a pair belongs to the block when centMin ≤ centrality < centMax. Events without a centrality estimate (pp) have -1.',
  centMax: '**centMax** — upper edge of the centrality range, in percent, excluded.',
  pTMin: '**pTMin** — lower edge of the pair pT range in GeV/c, included: pTMin ≤ pT < pTMax.',
  pTMax: '**pTMax** — upper edge of the pair pT range in GeV/c, excluded.',
  var: "**var** — names the score this cut is meant for: `kBdtBackground`, `kBdtPrompt` or `kBdtNonprompt`. The framework never reads it: the i-th `AddMLCut` of a pT block is compared with the model's i-th score, in the order background, prompt, non-prompt.",
  cut: '**cut** — the score threshold, a number in [0, 1] for probabilities. A score equal to the cut passes either way.',
  exclude:
    "**exclude** — the cut direction. `true` keeps pairs with score ≤ cut (rejects score > cut); `false` (the default when absent) keeps score ≥ cut. Only the first pT block's values count: the framework ignores `exclude` in every later block.",
};

export const BLOCK_DOCS = {
  selection:
    'A **selection**: the framework reads only the first member of the top-level object and ignores every later one without a message.',
  centrality:
    'A **centrality block**: every member of the selection whose key contains `AddCentCut` (anywhere, case-sensitive). Holds `centMin`, `centMax` and the pT blocks.',
  pt: 'A **pT block**: every member of a centrality block whose key contains `AddPtCut`. Each one is a bin, numbered in document order across all centrality blocks.',
  cut: 'A **score cut**: every member of a pT block whose key contains `AddMLCut`. Matched to the model scores by position.',
};
