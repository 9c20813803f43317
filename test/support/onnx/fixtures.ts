/**
 * Ready-made fixture models: a valid binary and a valid 3-class model, and one broken
 * variant per problem the ONNX checks look for. Every variant starts from the valid spec
 * and changes one thing, so a test that fails points at that one thing.
 */
import { buildClassifier, featureMetadata, type ClassifierSpec } from './builder';
import type { Tree, TreeNode } from './trees';

/** Four framework features, in the order the fixtures' metadata lists them. */
export const FIXTURE_FEATURES: readonly string[] = [
  'kMass',
  'kPt',
  'kTPCNSigmaEl1',
  'kTPCNSigmaEl2',
];

/**
 * Returns XGBoost-like binary trees (all scoring class 0, whose sum is the class-1 margin)
 * over `width` features. The last tree splits on feature `width - 1`, so the largest
 * feature index the ensemble reads is always `width - 1`.
 */
export function binaryTrees(width: number, seed = 0): Tree[] {
  const column = (index: number) => index % width;
  const shift = seed * 0.1;
  return [
    {
      classId: 0,
      root: {
        feature: column(1),
        threshold: 2 + shift,
        below: {
          feature: column(2),
          threshold: -1,
          below: { value: -1.5 },
          atOrAbove: { value: 0.8 + shift },
        },
        atOrAbove: { value: 0.4 },
      },
    },
    {
      classId: 0,
      root: { feature: column(3), threshold: 0, below: { value: -0.3 }, atOrAbove: { value: 0.6 } },
    },
    {
      classId: 0,
      root: {
        feature: width - 1,
        threshold: 1.5 - shift,
        below: { value: 0.25 },
        atOrAbove: { value: -0.45 },
      },
    },
  ];
}

/**
 * Returns XGBoost-like 3-class trees: two boosting rounds, tree t scoring class t mod 3.
 * The largest feature index read is `width - 1`.
 */
export function multiClassTrees(width: number, seed = 0): Tree[] {
  const column = (index: number) => index % width;
  const shift = seed * 0.05;
  const trees: Tree[] = [];
  for (let round = 0; round < 2; round++) {
    for (let classId = 0; classId < 3; classId++) {
      const sign = classId === 0 ? 1 : -1;
      trees.push({
        classId,
        root: {
          feature: round === 1 && classId === 2 ? width - 1 : column(classId + round),
          threshold: 1 + classId * 0.5 - shift,
          below: { value: sign * (0.6 - 0.1 * round) },
          atOrAbove: {
            feature: column(1),
            threshold: 3,
            below: { value: -sign * 0.2 + classId * 0.1 },
            atOrAbove: { value: -sign * 0.5 + shift },
          },
        },
      });
    }
  }
  return trees;
}

/** Returns the spec of a valid binary model: labels [0, 1], LOGISTIC, input [1, N]. */
export function binarySpec(
  features: readonly string[] = FIXTURE_FEATURES,
  seed = 0,
): ClassifierSpec {
  return {
    features,
    classLabels: [0, 1],
    trees: binaryTrees(features.length, seed),
    postTransform: 'LOGISTIC',
  };
}

/** Returns the spec of a valid 3-class model: labels [0, 1, 2] (background, prompt, non-prompt), SOFTMAX. */
export function multiClassSpec(
  features: readonly string[] = FIXTURE_FEATURES,
  seed = 0,
): ClassifierSpec {
  return {
    features,
    classLabels: [0, 1, 2],
    trees: multiClassTrees(features.length, seed),
    postTransform: 'SOFTMAX',
    baseValues: [0.5, 0.5, 0.5],
  };
}

/** Names of the ready-made fixtures. */
export type FixtureName =
  | 'binary'
  | 'multiclass'
  | 'wrong-width'
  | 'metadata-swapped'
  | 'metadata-f-names'
  | 'no-metadata'
  | 'int-input'
  | 'zipmap'
  | 'two-inputs'
  | 'label-last'
  | 'raw-scores'
  | 'four-classes'
  | 'dynamic-width'
  | 'truncated'
  | 'random-bytes';

export interface Fixture {
  name: FixtureName;
  /** What is special about the model, in one sentence. */
  description: string;
  bytes: Uint8Array;
  /** The spec behind the bytes; absent for bytes that are not a model. */
  spec?: ClassifierSpec;
}

/**
 * Builds every fixture for a config whose `inputFeatures` are `features` (at least 2).
 * 'binary' and 'multiclass' are valid; each other entry breaks one property.
 */
export function buildFixtures(
  features: readonly string[] = FIXTURE_FEATURES,
): Record<FixtureName, Fixture> {
  if (features.length < 2) throw new Error('The fixtures need at least two features.');

  const binary = binarySpec(features);
  const swapped = [...features];
  [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
  const wider = [...features, 'kEta'];
  const specs: Array<[FixtureName, string, ClassifierSpec]> = [
    ['binary', 'Valid binary model: labels [0, 1], LOGISTIC, input float [1, N].', binary],
    ['multiclass', 'Valid 3-class model: labels [0, 1, 2], SOFTMAX.', multiClassSpec(features)],
    [
      'wrong-width',
      'Input width N + 1, with N + 1 metadata names.',
      { ...binary, features: wider, trees: binaryTrees(wider.length) },
    ],
    [
      'metadata-swapped',
      'Metadata lists the first two features the other way round.',
      { ...binary, metadata: featureMetadata(swapped) },
    ],
    [
      'metadata-f-names',
      'Metadata lists the DielectronsAll column names (fMass) instead of k-names.',
      { ...binary, metadata: featureMetadata(features.map((name) => name.replace(/^k/, 'f'))) },
    ],
    ['no-metadata', 'No metadata properties at all.', { ...binary, metadata: [] }],
    ['int-input', 'The input is int64 instead of float.', { ...binary, inputType: 'int64' }],
    ['zipmap', 'The last output is a ZipMap sequence of maps.', { ...binary, zipMap: true }],
    ['two-inputs', 'A second float input besides `input`.', { ...binary, extraInputs: ['weight'] }],
    ['label-last', 'The int64 label is the last output.', { ...binary, labelLast: true }],
    [
      'raw-scores',
      'Binary model with post_transform NONE: the scores are raw margins.',
      { ...binary, postTransform: 'NONE' },
    ],
    [
      'four-classes',
      'Four classes with SOFTMAX.',
      {
        ...multiClassSpec(features),
        classLabels: [0, 1, 2, 3],
        trees: [...multiClassTrees(features.length), { classId: 3, root: { value: 0.1 } }],
        baseValues: [0.5, 0.5, 0.5, 0.5],
      },
    ],
    [
      'dynamic-width',
      'Input shape [batch, width] with symbolic dimensions.',
      { ...binary, inputShape: ['batch', 'width'] },
    ],
  ];

  const fixtures = {} as Record<FixtureName, Fixture>;
  for (const [name, description, spec] of specs) {
    fixtures[name] = { name, description, spec, bytes: buildClassifier(spec) };
  }

  const valid = fixtures.binary.bytes;
  fixtures.truncated = {
    name: 'truncated',
    description: 'The valid binary model cut after 60 % of its bytes.',
    bytes: valid.slice(0, Math.floor(valid.length * 0.6)),
  };
  fixtures['random-bytes'] = {
    name: 'random-bytes',
    description: '4 KiB of seeded pseudo-random bytes.',
    bytes: randomBytes(4096, 42),
  };
  return fixtures;
}

/** Returns a reproducible generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns reproducible pseudo-random bytes. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

export interface BoostedTreesOptions {
  /** Input width; splits read columns 0 … width - 1, and the first tree reads width - 1. */
  width: number;
  /** Boosting rounds; each round adds one tree per score column. */
  rounds: number;
  /** 1 for a binary margin (all trees score class 0), else the class count. */
  scoreColumns: number;
  /** Depth of every tree: 2^depth leaves. */
  depth: number;
  seed: number;
}

/**
 * Returns full binary trees with seeded random splits (thresholds in [-3, 3]) and small
 * leaf values (|value| < 0.2), sized like the hundreds of trees of a real XGBoost export.
 */
export function boostedTrees(options: BoostedTreesOptions): Tree[] {
  const random = seededRandom(options.seed);
  const grow = (depth: number, forcedFeature?: number): TreeNode => {
    if (depth === 0) return { value: Math.round((random() - 0.5) * 0.4 * 1e4) / 1e4 };
    return {
      feature: forcedFeature ?? Math.floor(random() * options.width),
      threshold: Math.round((random() - 0.5) * 6 * 100) / 100,
      below: grow(depth - 1),
      atOrAbove: grow(depth - 1),
    };
  };
  const trees: Tree[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let classId = 0; classId < options.scoreColumns; classId++) {
      const first = trees.length === 0 ? options.width - 1 : undefined;
      trees.push({ classId, root: grow(options.depth, first) });
    }
  }
  return trees;
}
