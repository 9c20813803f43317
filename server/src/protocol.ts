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
