/**
 * Decision trees for fixture models, and a plain evaluator that predicts what ONNX Runtime
 * returns for them, so tests know every output before they run a model.
 */

/** An inner node: `x[feature] < threshold` goes to `below`, anything else to `atOrAbove`. */
export interface Split {
  feature: number;
  threshold: number;
  below: TreeNode;
  atOrAbove: TreeNode;
}

/** A leaf: the value it adds to the score of its tree's class. */
export interface Leaf {
  value: number;
}

export type TreeNode = Split | Leaf;

/** One tree of the ensemble and the class whose score it adds to. */
export interface Tree {
  classId: number;
  root: TreeNode;
}

/** The `post_transform` attribute of TreeEnsembleClassifier that the builder supports. */
export type PostTransform = 'NONE' | 'LOGISTIC' | 'SOFTMAX';

export function isLeaf(node: TreeNode): node is Leaf {
  return (node as Leaf).value !== undefined;
}

/**
 * Returns the leaf value a tree gives for one row of features. Inputs and thresholds are
 * rounded to float32 first, as the model stores them and ONNX Runtime compares them.
 */
export function evaluateTree(root: TreeNode, row: readonly number[]): number {
  let node = root;
  while (!isLeaf(node)) {
    const below = Math.fround(row[node.feature]) < Math.fround(node.threshold);
    node = below ? node.below : node.atOrAbove;
  }
  return node.value;
}

/** Sums the leaf values per class and adds the base values, before any post transform. */
export function rawScores(
  trees: readonly Tree[],
  classCount: number,
  row: readonly number[],
  baseValues: readonly number[] = [],
): number[] {
  const scores = Array.from({ length: classCount }, (_, index) => baseValues[index] ?? 0);
  for (const tree of trees) scores[tree.classId] += evaluateTree(tree.root, row);
  return scores;
}

/**
 * Predicts the `probabilities` output of a TreeEnsembleClassifier for one row.
 *
 * onnxmltools exports XGBoost binary models with two class labels and every tree on class 0,
 * and ONNX Runtime then treats the single sum s as the margin of class 1. LOGISTIC gives
 * [1 - sigmoid(s), sigmoid(s)], and NONE gives [-s, s] when some leaf is negative. In every
 * other case each column is the transformed score of one class.
 */
export function expectedProbabilities(
  trees: readonly Tree[],
  classCount: number,
  postTransform: PostTransform,
  row: readonly number[],
  baseValues: readonly number[] = [],
): number[] {
  const binaryMargin = classCount === 2 && trees.every((tree) => tree.classId === 0);
  if (binaryMargin) {
    const margin = rawScores(trees, 1, row, baseValues)[0];
    if (postTransform === 'LOGISTIC') {
      const signal = sigmoid(margin);
      return [1 - signal, signal];
    }
    if (postTransform === 'NONE') return [-margin, margin];
    throw new Error(`The evaluator has no binary rule for post_transform ${postTransform}.`);
  }
  const scores = rawScores(trees, classCount, row, baseValues);
  if (postTransform === 'SOFTMAX') return softmax(scores);
  if (postTransform === 'LOGISTIC') return scores.map(sigmoid);
  return scores;
}

/** Predicts the `label` output: the class label with the highest probability. */
export function expectedLabel<T extends number | string>(
  probabilities: readonly number[],
  classLabels: readonly T[],
): T {
  let best = 0;
  for (let index = 1; index < probabilities.length; index++) {
    if (probabilities[index] > probabilities[best]) best = index;
  }
  return classLabels[best];
}

export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

export function softmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const exponentials = values.map((value) => Math.exp(value - max));
  const sum = exponentials.reduce((total, value) => total + value, 0);
  return exponentials.map((value) => value / sum);
}
