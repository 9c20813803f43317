/** Plain, JSON-serialisable summaries of ONNX models, as `inspectModel` returns them. */

/** One dimension of a declared shape: a fixed size, a symbolic name, or unknown (null). */
export type DimSummary = number | string | null;

/** Kinds of ONNX value types. ZipMap outputs are a `sequence` of `map`. */
export type ValueKind = 'tensor' | 'sequence' | 'map' | 'optional' | 'sparse-tensor' | 'unknown';

/** A graph input or output. */
export interface ValueSummary {
  name: string;
  kind: ValueKind;
  /** Element type of a tensor, e.g. `float32` or `int64`. */
  elementType?: string;
  /** Declared tensor shape; absent when the model declares none. */
  shape?: DimSummary[];
  /** The type in words, e.g. `float32[1, 30]` or `sequence<map<int64, float32>>`. */
  type: string;
}

/** The first tree-ensemble node of the graph: what it reads and what it outputs. */
export interface TreeEnsembleSummary {
  /** TreeEnsembleClassifier, TreeEnsembleRegressor or TreeEnsemble (ai.onnx.ml opset 5). */
  opType: string;
  nodeName: string;
  outputs: string[];
  /** Class labels in score-column order; absent for regressors. */
  classLabels?: Array<number | string>;
  /** NONE, LOGISTIC, SOFTMAX, SOFTMAX_ZERO or PROBIT. */
  postTransform: string;
  treeCount: number;
  nodeCount: number;
  leafCount: number;
  /** The largest input column any branch compares; absent when no tree branches. */
  maxFeatureIndex?: number;
  /** How many distinct input columns the branches compare. */
  featuresRead: number;
  /** Number of regression targets; absent for classifiers. */
  targetCount?: number;
  /**
   * Bounds of each score column before the post transform: the base value plus, per tree,
   * the smallest and largest leaf weight. Absent when the weights could not be read.
   */
  rawScoreRanges?: Array<[number, number]>;
}

/** Kind of values in the last output, where the framework reads its scores. */
export type ScoreKind = 'probabilities' | 'raw-scores' | 'label' | 'regression' | 'unknown';

export interface ScoreSummary {
  /** Name of the last output; absent when the graph has no output. */
  outputName?: string;
  /** True when the last output is a float32 tensor, the only type the framework reads. */
  readable: boolean;
  /** Values per row of the last output, from its shape or else from the class labels. */
  columns?: number;
  /** The class label behind each column, when a classifier produces the output. */
  columnLabels?: Array<number | string>;
  kind: ScoreKind;
  /** The operator that computes the values, after pass-through nodes such as Cast or Identity. */
  producer?: string;
  /** Explanation of `kind`, in words. */
  reason: string;
}

/** The parts of a model the checks use. */
export interface ModelSummary {
  irVersion?: number;
  /** Operator set versions per domain; the empty domain is `ai.onnx`. */
  opsetImports: Array<{ domain: string; version: number }>;
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  graphName?: string;
  /** Graph inputs, without the initializers that old IR versions also list as inputs. */
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  /** The model's metadata properties, in file order. */
  metadata: Array<{ key: string; value: string }>;
  /** Values of `feature_0`, `feature_1`, … in index order; absent when there is no `feature_i` key. */
  featureNames?: string[];
  /** Indices missing below the largest `feature_i` key, which leave holes in `featureNames`. */
  missingFeatureIndices?: number[];
  nodeCount: number;
  /** Node count per operator, keyed `domain:opType` for domains other than ai.onnx. */
  operators: Record<string, number>;
  treeEnsemble?: TreeEnsembleSummary;
  scores: ScoreSummary;
}

/** Whether ONNX Runtime accepted the model. */
export interface RuntimeCheck {
  /** `skipped` when loading was turned off or the runtime is unavailable; `message` gives the reason. */
  status: 'loaded' | 'failed' | 'skipped';
  message?: string;
  /** Version of onnxruntime-node that was used. */
  runtimeVersion?: string;
}

/** Reason a model file yielded no summary. */
export type ReadFailure = 'not-found' | 'too-large' | 'unreadable';

/** Everything known about one model file. */
export interface ModelInspection {
  path: string;
  sizeBytes?: number;
  modifiedMs?: number;
  status: 'ok' | ReadFailure;
  /** Reason the file could not be read, when `status` is not `ok`. */
  error?: string;
  /** Present when `status` is `ok`. */
  model?: ModelSummary;
  runtime: RuntimeCheck;
  /** Facts worth knowing that are not problems for the framework, such as a fixed batch of 1. */
  notes: string[];
}
