/**
 * Custom requests and notifications between the VS Code client and the language server.
 * Both sides import this module, so names and shapes cannot drift apart.
 */
import type { InferenceReport } from './core/inference/types';
import type { ModelInspection } from './core/onnx/types';

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
  /** Reason there is no string, when `text` is absent. */
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
  /** Summary of the changes, or the reason for none. */
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

export interface InspectModelParams {
  /** Path of the ONNX file on the server's file system. */
  path: string;
}

export interface InspectModelResult {
  inspection: ModelInspection;
  /** The inspection as text, one fact per line, as `dqml inspect` prints it. */
  lines: string[];
}

/**
 * Request `dqml/inspectModel`: what the framework depends on in one ONNX file. In Restricted
 * Mode the file is read but not loaded into ONNX Runtime, and the inspection gives the reason.
 */
export const INSPECT_MODEL_REQUEST = 'dqml/inspectModel';

export interface RunInferenceParams {
  /** The config; its open editor text is used when it has one, else the file on disk. */
  uri: string;
  /** Path of the CSV, Parquet or ROOT sample on the server's file system. */
  samplePath: string;
  /** Centrality in percent for every row; required when the sample has no estimator column. */
  centrality?: number;
  /** Tree of a ROOT sample, e.g. `O2rtdielectronall` or `DF_1/O2rtdielectronall`. */
  tree?: string;
  /** Read at most this many rows. */
  limit?: number;
  /** Token of the client's work-done progress, as in LSP's WorkDoneProgressParams. */
  workDoneToken?: string | number;
}

/** Reason a quick inference returned no complete report. */
export type RunInferenceFailure =
  | 'untrusted'
  | 'not-a-config'
  | 'cancelled'
  | 'config'
  | 'sample'
  | 'columns'
  | 'centrality'
  | 'model-load'
  | 'model-unsupported'
  | 'model-run'
  | 'internal';

export interface RunInferenceResult {
  /**
   * The report, present when the run completed or was cancelled. After a cancellation
   * `report.complete` is false and the counts cover only the rows read.
   */
  report?: InferenceReport;
  /** Absent when the run completed. */
  failure?: RunInferenceFailure;
  /** The problem and its fix, when `failure` is set. */
  message?: string;
}

/**
 * Request `dqml/runInference`: runs the config's models on a sample file and applies the
 * cuts as the framework does. It reports work-done progress when the params carry a
 * `workDoneToken`, and stops with a partial report on `$/cancelRequest`. In Restricted Mode
 * it loads no model and returns failure `untrusted`.
 */
export const RUN_INFERENCE_REQUEST = 'dqml/runInference';
