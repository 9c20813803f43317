/** Works out what the last output of a model holds, since the framework reads its scores there. */
import type { onnx } from 'onnx-proto';
import { Attributes } from './proto';
import { summarizeTreeEnsemble } from './treeEnsemble';
import type { ScoreKind, ScoreSummary, TreeEnsembleSummary, ValueSummary } from './types';

/** Operators that pass their first input's values through unchanged or only reshaped. */
const PASS_THROUGH = new Set([
  'Identity',
  'Cast',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'ZipMap',
]);

/** Operators whose output is a probability in [0, 1] whatever their input. */
const PROBABILITY_OPS = new Set(['Softmax', 'Sigmoid']);

/** Classifier transforms that turn raw sums into probabilities. */
const PROBABILITY_TRANSFORMS = new Set(['LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO', 'PROBIT']);

/** Slack for float32 rounding when deciding whether raw sums stay inside [0, 1]. */
const PROBABILITY_TOLERANCE = 1e-5;

/** Follows the last output back to the operator that computes it and classifies its values. */
export function scoreSummary(
  nodes: readonly onnx.INodeProto[],
  outputs: readonly ValueSummary[],
  treeEnsemble: TreeEnsembleSummary | undefined,
): ScoreSummary {
  const last = outputs[outputs.length - 1];
  if (!last) return { readable: false, kind: 'unknown', reason: 'the graph has no output' };
  const readable = last.kind === 'tensor' && last.elementType === 'float32';
  const producers = new Map<string, onnx.INodeProto>();
  for (const node of nodes) for (const output of node.output ?? []) producers.set(output, node);

  let name = last.name;
  let producer = producers.get(name);
  // A graph is acyclic, but a crafted file need not be; the step limit stops any loop.
  for (let step = 0; producer && PASS_THROUGH.has(producer.opType ?? '') && step < 64; step++) {
    name = producer.input?.[0] ?? '';
    producer = producers.get(name);
  }
  const opType = producer?.opType ?? undefined;
  const classified = classify(producer, name, treeEnsemble);
  return {
    outputName: last.name,
    readable,
    columns: columnsOf(last) ?? classified.columnLabels?.length ?? classified.targetCount,
    columnLabels: classified.columnLabels,
    kind: classified.kind,
    producer: opType,
    reason: classified.reason,
  };
}

interface Classified {
  kind: ScoreKind;
  reason: string;
  columnLabels?: Array<number | string>;
  targetCount?: number;
}

function classify(
  producer: onnx.INodeProto | undefined,
  name: string,
  treeEnsemble: TreeEnsembleSummary | undefined,
): Classified {
  if (!producer) return { kind: 'unknown', reason: `"${name}" is not computed by any node` };
  const opType = producer.opType ?? '';
  if (PROBABILITY_OPS.has(opType))
    return { kind: 'probabilities', reason: `${opType} computes it` };
  if (opType === 'Normalizer') {
    const norm = new Attributes(producer.attribute).string('norm');
    return norm === 'L1'
      ? { kind: 'probabilities', reason: 'Normalizer with norm L1 computes it' }
      : { kind: 'unknown', reason: `Normalizer with norm ${norm ?? 'MAX'} computes it` };
  }
  if (opType === 'TreeEnsembleClassifier' || opType === 'LinearClassifier') {
    return classifyClassifier(producer, name, treeEnsemble);
  }
  if (opType === 'TreeEnsemble') return classifyOpset5(producer);
  if (opType === 'TreeEnsembleRegressor' || opType === 'LinearRegressor') {
    // LinearRegressor names the count `targets`, the tree ensembles `n_targets`.
    const attributes = new Attributes(producer.attribute);
    const targets = attributes.int('targets') ?? attributes.int('n_targets') ?? 1;
    return {
      kind: 'regression',
      reason: `${opType} computes it: a predicted value, not class probabilities`,
      targetCount: targets,
    };
  }
  return { kind: 'unknown', reason: `${opType} computes it` };
}

/**
 * Classifies the opset 5 TreeEnsemble operator, which serves classifiers and regressors
 * alike: a probability transform marks class probabilities, and without one the values may
 * be margins or predictions, which the graph does not tell apart.
 */
function classifyOpset5(producer: onnx.INodeProto): Classified {
  const attributes = new Attributes(producer.attribute);
  const targetCount = attributes.int('n_targets') ?? 1;
  const postTransform = summarizeTreeEnsemble(producer).postTransform;
  if (PROBABILITY_TRANSFORMS.has(postTransform)) {
    return {
      kind: 'probabilities',
      reason: `TreeEnsemble applies post_transform ${postTransform}`,
      targetCount,
    };
  }
  return {
    kind: 'unknown',
    reason: `TreeEnsemble applies post_transform ${postTransform}, so its values may be margins or predictions`,
    targetCount,
  };
}

function classifyClassifier(
  producer: onnx.INodeProto,
  name: string,
  treeEnsemble: TreeEnsembleSummary | undefined,
): Classified {
  const opType = producer.opType ?? '';
  if (producer.output?.[0] === name) {
    return { kind: 'label', reason: `it is the predicted label of ${opType}, not its scores` };
  }
  const summary =
    treeEnsemble &&
    treeEnsemble.nodeName === (producer.name ?? '') &&
    treeEnsemble.opType === opType
      ? treeEnsemble
      : opType === 'TreeEnsembleClassifier'
        ? summarizeTreeEnsemble(producer)
        : undefined;
  const attributes = new Attributes(producer.attribute);
  const postTransform = summary?.postTransform ?? attributes.string('post_transform') ?? 'NONE';
  const columnLabels =
    summary?.classLabels ??
    attributes.ints('classlabels_ints') ??
    attributes.strings('classlabels_strings');
  if (PROBABILITY_TRANSFORMS.has(postTransform)) {
    return {
      kind: 'probabilities',
      reason: `${opType} applies post_transform ${postTransform}`,
      columnLabels,
    };
  }
  const ranges = summary?.rawScoreRanges;
  if (ranges && ranges.length > 0) {
    const inside = ranges.every(
      ([low, high]) => low >= -PROBABILITY_TOLERANCE && high <= 1 + PROBABILITY_TOLERANCE,
    );
    const span = ranges.map(([low, high]) => `[${round(low)}, ${round(high)}]`).join(', ');
    return inside
      ? {
          kind: 'probabilities',
          reason: `${opType} applies no transform, but its sums stay within [0, 1] (${span}), as averaged forest votes do`,
          columnLabels,
        }
      : {
          kind: 'raw-scores',
          reason: `${opType} applies post_transform NONE and its sums range over ${span}`,
          columnLabels,
        };
  }
  return {
    kind: 'raw-scores',
    reason: `${opType} applies post_transform NONE`,
    columnLabels,
  };
}

/** Values per row: the last dimension of a fixed shape of rank 2 or more, or the length of a rank-1 output. */
function columnsOf(value: ValueSummary): number | undefined {
  const shape = value.shape;
  if (!shape || shape.length === 0) return undefined;
  const last = shape[shape.length - 1];
  return typeof last === 'number' ? last : undefined;
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
