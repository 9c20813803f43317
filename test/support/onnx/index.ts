/**
 * Fixture ONNX models for tests and examples. `buildClassifier(spec)` encodes a model,
 * `buildFixtures(features)` returns the valid and broken variants, and the evaluator in
 * `trees` predicts what ONNX Runtime returns for a spec.
 */
export { buildClassifier, classifierProto, featureMetadata } from './builder';
export type { ClassifierSpec, Dim, InputElementType } from './builder';
export {
  binarySpec,
  binaryTrees,
  boostedTrees,
  buildFixtures,
  FIXTURE_FEATURES,
  multiClassSpec,
  multiClassTrees,
  randomBytes,
  seededRandom,
} from './fixtures';
export type { BoostedTreesOptions, Fixture, FixtureName } from './fixtures';
export {
  evaluateTree,
  expectedLabel,
  expectedProbabilities,
  rawScores,
  sigmoid,
  softmax,
} from './trees';
export type { Leaf, PostTransform, Split, Tree, TreeNode } from './trees';
export { configText, stringSpan } from './config';
export type { ConfigSpec } from './config';
