/**
 * Custom requests and notifications between the VS Code client and the language server.
 * Both sides import this module, so names and shapes cannot drift apart.
 */

/** A bin as the editor shows it: in the status bar, the bin map and lenses. */
export interface BinSummary {
  index: number;
  label: string;
  centrality: [number | null, number | null];
  pt: [number | null, number | null];
  modelFile: string | null;
  /** Each cut in words, e.g. "keeps background score ≤ 0.5". */
  cuts: string[];
  /** Range of the pT block's key in the document, as zero-based line and character. */
  keyRange: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  };
}

export interface ExplainParams {
  uri: string;
}

export interface ExplainResult {
  selection: string | null;
  type: string | null;
  estimator: string | null;
  bins: BinSummary[];
  errors: number;
  warnings: number;
}

/** Request `dqml/explain`: the bins and finding counts of an open config. */
export const EXPLAIN_REQUEST = 'dqml/explain';

/** Notification `dqml/status`, sent by the server after each analysis of a config. */
export const STATUS_NOTIFICATION = 'dqml/status';

export interface StatusParams {
  uri: string;
  /** False when the document is no longer treated as a config, so the status is cleared. */
  isConfig: boolean;
  bins: number;
  errors: number;
  warnings: number;
}

export interface NewConfigParams {
  type: 'Binary' | 'MultiClass';
  estimator: string;
  centralityEdges: number[];
  ptEdges: number[];
}

/** Request `dqml/newConfig`: the text of a new, valid config. */
export const NEW_CONFIG_REQUEST = 'dqml/newConfig';

export interface HyperloopStringParams {
  uri: string;
  /** `compact` for the Hyperloop wagon field, `local` for a local DPL configuration. */
  form: 'compact' | 'local';
}

export interface HyperloopStringResult {
  /** The string, absent when the config has JSON syntax errors. */
  text?: string;
  /** Errors of the config; the client asks before using a string of a config with errors. */
  errors: number;
  /** Why there is no string, when `text` is absent. */
  message?: string;
}

/** Request `dqml/hyperloopString`: the one-line or escaped form of an open config. */
export const HYPERLOOP_STRING_REQUEST = 'dqml/hyperloopString';

export interface UpdateDplParams {
  /** The config whose text goes into `fConfigBdtCutsJSON`. */
  configUri: string;
  /** The DPL configuration file to update. */
  dplUri: string;
  /** CCDB folders, one per model file; giving them turns loadModelsFromCCDB on. */
  modelPathsCCDB?: string[];
}

export interface UpdateDplResult {
  /** The edit of the DPL file, as LSP text edits, absent when the update is not possible. */
  edits?: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>;
  /** What was changed, or why nothing was. */
  message: string;
  /** The state of the CCDB folders after the update, e.g. `ok`, `not-used`, `count-mismatch`. */
  modelPathsStatus?: string;
  /** Folders to offer when the CCDB folders are missing or do not fit. */
  suggestedModelPaths?: string[];
}

/** Request `dqml/updateDplConfiguration`: the edit that puts a config into a DPL file. */
export const UPDATE_DPL_REQUEST = 'dqml/updateDplConfiguration';

export interface CheckModelsParams {
  uri: string;
}

/** One row of the "Check ONNX inputs" table. */
export interface ModelTableRow {
  index: number;
  name: string;
  binLabel: string | null;
  path: string | null;
  found: boolean;
  input: string | null;
  width: number | 'dynamic' | null;
  /** `match`, `mismatch`, `no-metadata`, … as the ONNX checks report it. */
  metadata: string;
  outputs: string | null;
  classes: number | null;
  verdict: string;
  /** The messages of the findings on this model file entry. */
  messages: string[];
}

export interface CheckModelsResult {
  rows: ModelTableRow[];
  /** False in Restricted Mode, where models are read but not loaded into ONNX Runtime. */
  runtimeLoaded: boolean;
}

/** Request `dqml/checkModels`: the per-model table of an open config. */
export const CHECK_MODELS_REQUEST = 'dqml/checkModels';
