/** Summaries of the tree-ensemble operators of the ai.onnx.ml domain. */
import type { onnx } from 'onnx-proto';
import { Attributes } from './proto';
import type { TreeEnsembleSummary } from './types';

export const TREE_ENSEMBLE_OPS = [
  'TreeEnsembleClassifier',
  'TreeEnsembleRegressor',
  'TreeEnsemble',
] as const;

/** post_transform values of the opset 5 TreeEnsemble operator, which stores them as integers. */
const POST_TRANSFORMS = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'];

export function isTreeEnsemble(node: onnx.INodeProto): boolean {
  return (TREE_ENSEMBLE_OPS as readonly string[]).includes(node.opType ?? '');
}

/** Summarises one TreeEnsembleClassifier, TreeEnsembleRegressor or TreeEnsemble node. */
export function summarizeTreeEnsemble(node: onnx.INodeProto): TreeEnsembleSummary {
  const attributes = new Attributes(node.attribute);
  const base = {
    opType: node.opType ?? '',
    nodeName: node.name ?? '',
    outputs: [...(node.output ?? [])],
  };
  if (node.opType === 'TreeEnsemble') return { ...base, ...summarizeOpset5(attributes) };

  const treeIds = attributes.ints('nodes_treeids') ?? [];
  const nodeIds = attributes.ints('nodes_nodeids') ?? [];
  const featureIds = attributes.ints('nodes_featureids') ?? [];
  const modes = attributes.strings('nodes_modes') ?? [];
  const isClassifier = node.opType === 'TreeEnsembleClassifier';
  const classLabels = isClassifier ? readClassLabels(attributes) : undefined;
  const prefix = isClassifier ? 'class' : 'target';
  const weights = {
    treeIds: attributes.ints(`${prefix}_treeids`) ?? [],
    nodeIds: attributes.ints(`${prefix}_nodeids`) ?? [],
    columns: attributes.ints(`${prefix}_ids`) ?? [],
    values:
      attributes.floats(`${prefix}_weights`) ??
      attributes.floats(`${prefix}_weights_as_tensor`) ??
      [],
  };
  const baseValues =
    attributes.floats('base_values') ?? attributes.floats('base_values_as_tensor') ?? [];
  const targetCount = isClassifier ? undefined : (attributes.int('n_targets') ?? 1);

  let leafCount = 0;
  let maxFeatureIndex: number | undefined;
  const featuresRead = new Set<number>();
  for (let index = 0; index < modes.length; index++) {
    if (modes[index] === 'LEAF') {
      leafCount++;
      continue;
    }
    const feature = featureIds[index];
    if (feature === undefined) continue;
    featuresRead.add(feature);
    maxFeatureIndex = maxFeatureIndex === undefined ? feature : Math.max(maxFeatureIndex, feature);
  }

  // onnxmltools writes binary XGBoost models with two labels and every weight on column 0,
  // the class-1 margin; ONNX Runtime expands that one sum into two probabilities.
  const columnCount = isClassifier
    ? classLabels?.length === 2 && weights.columns.every((column) => column === 0)
      ? 1
      : (classLabels?.length ?? 0)
    : (targetCount ?? 1);
  const consistent =
    treeIds.length === modes.length &&
    nodeIds.length === modes.length &&
    weights.treeIds.length === weights.values.length &&
    weights.nodeIds.length === weights.values.length &&
    weights.columns.length === weights.values.length;
  const rawScoreRanges = consistent
    ? scoreRanges({ treeIds, nodeIds, modes }, weights, baseValues, columnCount)
    : undefined;

  return {
    ...base,
    classLabels,
    postTransform: attributes.string('post_transform') ?? 'NONE',
    treeCount: new Set(treeIds).size,
    nodeCount: modes.length,
    leafCount,
    maxFeatureIndex,
    featuresRead: featuresRead.size,
    targetCount,
    rawScoreRanges,
  };
}

function readClassLabels(attributes: Attributes): Array<number | string> | undefined {
  const ints = attributes.ints('classlabels_int64s');
  if (ints?.length) return ints;
  const strings = attributes.strings('classlabels_strings');
  if (strings?.length) return strings;
  return undefined;
}

/**
 * Summarises an opset 5 TreeEnsemble node, which keeps interior nodes and leaves in separate
 * arrays. NOTE: written from the operator specification and not yet run on a real export.
 * It gives no score ranges, so raw margins from this operator are not detected.
 */
function summarizeOpset5(attributes: Attributes) {
  const featureIds = attributes.ints('nodes_featureids') ?? [];
  const featuresRead = new Set(featureIds);
  const postTransformCode = attributes.int('post_transform') ?? 0;
  return {
    postTransform: POST_TRANSFORMS[postTransformCode] ?? `post_transform ${postTransformCode}`,
    treeCount: (attributes.ints('tree_roots') ?? []).length,
    nodeCount: featureIds.length,
    leafCount: (attributes.ints('leaf_targetids') ?? []).length,
    maxFeatureIndex: featureIds.length ? featureIds.reduce((a, b) => Math.max(a, b)) : undefined,
    featuresRead: featuresRead.size,
    targetCount: attributes.int('n_targets') ?? 1,
  };
}

interface NodeArrays {
  treeIds: number[];
  nodeIds: number[];
  modes: string[];
}

interface WeightArrays {
  treeIds: number[];
  nodeIds: number[];
  columns: number[];
  values: number[];
}

/**
 * Bounds each score column before the post transform: its base value plus, for every tree,
 * the smallest and largest total weight its leaves give that column. A leaf without a weight
 * for a column gives it 0, as ONNX Runtime sums only the weights listed.
 */
function scoreRanges(
  nodes: NodeArrays,
  weights: WeightArrays,
  baseValues: readonly number[],
  columnCount: number,
): Array<[number, number]> | undefined {
  if (columnCount === 0) return undefined;
  const leaves = new Map<number, Map<number, number[]>>();
  for (let index = 0; index < nodes.modes.length; index++) {
    if (nodes.modes[index] !== 'LEAF') continue;
    leafOf(leaves, nodes.treeIds[index], nodes.nodeIds[index], columnCount);
  }
  for (let index = 0; index < weights.values.length; index++) {
    const column = weights.columns[index];
    if (column < 0 || column >= columnCount) continue;
    leafOf(leaves, weights.treeIds[index], weights.nodeIds[index], columnCount)[column] +=
      weights.values[index];
  }
  const ranges: Array<[number, number]> = [];
  for (let column = 0; column < columnCount; column++) {
    const base = baseValues[column] ?? 0;
    let low = base;
    let high = base;
    for (const treeLeaves of leaves.values()) {
      let treeLow = Number.POSITIVE_INFINITY;
      let treeHigh = Number.NEGATIVE_INFINITY;
      for (const leafWeights of treeLeaves.values()) {
        treeLow = Math.min(treeLow, leafWeights[column]);
        treeHigh = Math.max(treeHigh, leafWeights[column]);
      }
      low += treeLow;
      high += treeHigh;
    }
    ranges.push([low, high]);
  }
  return ranges;
}

function leafOf(
  leaves: Map<number, Map<number, number[]>>,
  treeId: number,
  nodeId: number,
  columnCount: number,
): number[] {
  let tree = leaves.get(treeId);
  if (!tree) {
    tree = new Map();
    leaves.set(treeId, tree);
  }
  let leaf = tree.get(nodeId);
  if (!leaf) {
    leaf = new Array<number>(columnCount).fill(0);
    tree.set(nodeId, leaf);
  }
  return leaf;
}
