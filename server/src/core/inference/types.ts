import type { ModelType } from '../framework/selection';
import type { AnalysisOptions } from '../options';
import type { SampleFormat } from '../samples/types';

/** Inputs of a quick inference run: a config, a sample file and how to read them. */
export interface InferenceOptions {
  /** Path of the config; model files are looked for next to it and in `modelSearchPaths`. */
  configPath: string;
  /** Text of the config, e.g. an unsaved editor buffer; read from `configPath` when absent. */
  configText?: string;
  samplePath: string;
  /** Tree of a ROOT sample; default `O2rtdielectronall`, at top level or in `DF_*` folders. */
  tree?: string;
  /**
   * Centrality (percent) given to every row. It replaces the estimator's column when the
   * sample has one, and is required when it has none.
   */
  centrality?: number;
  /** Read at most this many rows from the start of the sample. */
  limit?: number;
  /**
   * Sample column for a feature, for the centrality estimator or for kPt, keyed by the
   * config's name, e.g. `{ kMass: 'inv_mass', kCentFT0C: 'centrality' }`.
   */
  columnMap?: Readonly<Record<string, string>>;
  /** Options for analysing the config: extra features, model search paths, rule settings. */
  analysis?: Omit<AnalysisOptions, 'configPath'>;
  signal?: AbortSignal;
  onProgress?: (progress: InferenceProgress) => void;
  /** Rows read and scored together; default 65536. */
  chunkRows?: number;
  /** Bins of each score histogram over [0, 1]; default 50. */
  histogramBins?: number;
  /** Threads ONNX Runtime may use inside one model run; default 1. */
  threads?: number;
}

export interface InferenceProgress {
  rowsRead: number;
  /** Rows the run will read, when the sample format stores the count. */
  rowsExpected?: number;
  /** Share of the work done, from 0 to 1. */
  fraction: number;
}

/** Source of every row's centrality: a sample column or a fixed value. */
export type CentralitySource =
  { source: 'column'; column: string } | { source: 'fixed'; value: number; ignoredColumn?: string };

/** A score histogram of one class in one bin, over [0, 1] in equal bins. */
export interface ScoreHistogram {
  /** Index of the score: 0 background, 1 prompt, 2 non-prompt. */
  position: number;
  /** The framework's name of the score, e.g. `kBdtBackground`. */
  score: string;
  counts: number[];
  /** Scores below 0, above 1, and NaN, which fall outside `counts`. */
  underflow: number;
  overflow: number;
  nan: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** The cut of this class, or null when the config gives none. */
  cut: number | null;
  /** `below` keeps scores ≤ cut (exclude true), `above` keeps scores ≥ cut (exclude false). */
  keep: 'below' | 'above';
  /** Rows that pass this cut alone. */
  passedCut: number;
  /** The same histogram split by `fMcDecision`, when the sample has it. */
  byTruth?: Record<TruthClass, number[]>;
}

export type TruthClass = 'background' | 'prompt' | 'nonprompt' | 'other';

export interface PassCount {
  rows: number;
  passed: number;
  /** passed / rows, or null when there are no rows. */
  passRate: number | null;
}

/** Pass counts by Monte Carlo truth: fMcDecision 0 background, 1 prompt, 2 non-prompt. */
export interface TruthCounts {
  background: PassCount;
  prompt: PassCount;
  nonprompt: PassCount;
  /** Prompt and non-prompt together. */
  signal: PassCount;
  /** Any other fMcDecision value. */
  other: PassCount;
}

export interface CutReport {
  position: number;
  score: string;
  cut: number;
  exclude: boolean;
  /** The cut in words, e.g. `keeps background score ≤ 0.5`. */
  text: string;
}

export interface BinReport {
  index: number;
  label: string;
  centrality: [number, number];
  pt: [number, number];
  modelFile: string;
  /** Path the model was loaded from. */
  modelPath: string;
  /** True when the model declares a batch of 1 and was given a dynamic batch in memory. */
  batchMadeDynamic: boolean;
  cuts: CutReport[];
  rows: number;
  passed: number;
  passRate: number | null;
  /** Rows of this bin with a NaN or infinite feature value; they are scored as they are. */
  nonFiniteInputRows: number;
  scores: ScoreHistogram[];
  truth?: TruthCounts;
}

/** Our scores against the framework's own (DielectronsMls columns), row by row. */
export interface ScoreComparison {
  position: number;
  score: string;
  column: string;
  /** Rows that have both our score and the framework's. */
  compared: number;
  /** Rows where the framework column is -999, which marks an absent class. */
  absent: number;
  maxAbsDifference: number | null;
  /** Row index in the sample where the largest difference occurs. */
  rowOfMax: number | null;
  oursAtMax: number | null;
  theirsAtMax: number | null;
  meanAbsDifference: number | null;
}

/** The result of a quick inference, JSON-serialisable. */
export interface InferenceReport {
  /** False when the run was cancelled: the counts then cover only the rows read so far. */
  complete: boolean;
  configPath: string;
  samplePath: string;
  sampleFormat: SampleFormat;
  /** Description of what was read, e.g. `tree O2rtdielectronall with 43 branches`. */
  sampleDescription: string;
  selection: string;
  modelType: ModelType;
  estimator: string;
  centrality: CentralitySource;
  /** The sample column behind each input feature, in config order. */
  features: Array<{ feature: string; column: string }>;
  /** The column the bin lookup reads the pair pT from. */
  ptColumn: string;
  /** The column holding the Monte Carlo truth, when the sample has one. */
  truthColumn?: string;
  /** Rows in the sample, when its format stores the count. */
  rowsInSample?: number;
  limit?: number;
  /** Rows read. */
  total: number;
  /** Rows that fall in no bin, which the framework skips. */
  dropped: number;
  /** Rows dropped because their centrality or pT is NaN or infinite. */
  droppedNonFinite: number;
  passed: number;
  passRate: number | null;
  nonFiniteInputRows: number;
  bins: BinReport[];
  truth?: TruthCounts;
  frameworkScores?: ScoreComparison[];
  histogramBins: number;
  /** Errors the config analysis reports: the framework would stop the task on them. */
  configErrors: string[];
  warnings: string[];
  seconds: number;
}
