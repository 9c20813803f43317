import { strict as assert } from 'node:assert';
import { onnx } from 'onnx-proto';
import { ModelReadError, readModel } from '../../../server/src/core/onnx';
import {
  binarySpec,
  buildClassifier,
  buildFixtures,
  classifierProto,
  FIXTURE_FEATURES,
  randomBytes,
} from '../../support/onnx';

describe('readModel', () => {
  const fixtures = buildFixtures();

  it('summarises the binary fixture', () => {
    const model = readModel(fixtures.binary.bytes);
    assert.equal(model.irVersion, 7);
    assert.deepEqual(model.opsetImports, [{ domain: 'ai.onnx.ml', version: 1 }]);
    assert.equal(model.producerName, 'dqml-onnx-builder');
    assert.deepEqual(
      model.inputs.map((input) => [input.name, input.type]),
      [['input', 'float32[1, 4]']],
    );
    assert.deepEqual(
      model.outputs.map((output) => [output.name, output.type]),
      [
        ['label', 'int64[1]'],
        ['probabilities', 'float32[1, 2]'],
      ],
    );
    assert.deepEqual(model.featureNames, FIXTURE_FEATURES);
    assert.equal(model.missingFeatureIndices, undefined);
    assert.deepEqual(model.operators, { 'ai.onnx.ml:TreeEnsembleClassifier': 1 });
  });

  it('summarises the tree ensemble', () => {
    const trees = readModel(fixtures.binary.bytes).treeEnsemble!;
    assert.equal(trees.opType, 'TreeEnsembleClassifier');
    assert.deepEqual(trees.classLabels, [0, 1]);
    assert.equal(trees.postTransform, 'LOGISTIC');
    assert.equal(trees.treeCount, 3);
    assert.equal(trees.nodeCount, 11);
    assert.equal(trees.leafCount, 7);
    assert.equal(trees.maxFeatureIndex, 3);
    assert.equal(trees.featuresRead, 3);
    // One weight column (the class-1 margin): leaves -1.5..0.8, -0.3..0.6, -0.45..0.25.
    assert.equal(trees.rawScoreRanges!.length, 1);
    assert.ok(Math.abs(trees.rawScoreRanges![0][0] - -2.25) < 1e-6);
    assert.ok(Math.abs(trees.rawScoreRanges![0][1] - 1.65) < 1e-6);
  });

  it('reads the scores of valid models as probabilities', () => {
    for (const name of ['binary', 'multiclass'] as const) {
      const scores = readModel(fixtures[name].bytes).scores;
      assert.equal(scores.outputName, 'probabilities', name);
      assert.equal(scores.readable, true, name);
      assert.equal(scores.kind, 'probabilities', name);
      assert.equal(scores.producer, 'TreeEnsembleClassifier', name);
    }
    assert.equal(readModel(fixtures.multiclass.bytes).scores.columns, 3);
    assert.deepEqual(readModel(fixtures.multiclass.bytes).scores.columnLabels, [0, 1, 2]);
  });

  it('describes a ZipMap output', () => {
    const model = readModel(fixtures.zipmap.bytes);
    const last = model.outputs[model.outputs.length - 1];
    assert.equal(last.kind, 'sequence');
    assert.equal(last.type, 'sequence<map<int64, float32>>');
    assert.equal(model.scores.readable, false);
  });

  it('keeps symbolic dimensions', () => {
    const model = readModel(fixtures['dynamic-width'].bytes);
    assert.deepEqual(model.inputs[0].shape, ['batch', 'width']);
    assert.equal(model.inputs[0].type, 'float32[batch, width]');
  });

  it('writes unknown dimensions as null', () => {
    const bytes = buildClassifier({ ...binarySpec(), inputShape: [null, null] });
    const input = readModel(bytes).inputs[0];
    assert.deepEqual(input.shape, [null, null]);
    assert.equal(input.type, 'float32[?, ?]');
  });

  it('classifies raw margins', () => {
    const scores = readModel(fixtures['raw-scores'].bytes).scores;
    assert.equal(scores.kind, 'raw-scores');
    assert.match(scores.reason, /post_transform NONE/);
    assert.match(scores.reason, /\[-2\.25, 1\.65\]/);
  });

  it('accepts NONE sums inside [0, 1]', () => {
    const bytes = buildClassifier({
      features: FIXTURE_FEATURES,
      classLabels: [0, 1, 2],
      postTransform: 'NONE',
      trees: [
        {
          classId: 0,
          root: { feature: 0, threshold: 1, below: { value: 0.5 }, atOrAbove: { value: 0 } },
        },
        {
          classId: 1,
          root: { feature: 1, threshold: 1, below: { value: 0.25 }, atOrAbove: { value: 0.5 } },
        },
        { classId: 2, root: { value: 0.25 } },
      ],
    });
    assert.equal(readModel(bytes).scores.kind, 'probabilities');
  });

  it('summarises an opset 5 TreeEnsemble', () => {
    const proto = classifierProto(binarySpec());
    const AttributeType = onnx.AttributeProto.AttributeType;
    proto.opsetImport = [{ domain: 'ai.onnx.ml', version: 5 }];
    proto.graph!.node = [
      {
        name: 'ensemble',
        opType: 'TreeEnsemble',
        domain: 'ai.onnx.ml',
        input: ['input'],
        output: ['probabilities'],
        attribute: [
          { name: 'tree_roots', type: AttributeType.INTS, ints: [0, 1] },
          { name: 'nodes_featureids', type: AttributeType.INTS, ints: [3, 1] },
          { name: 'leaf_targetids', type: AttributeType.INTS, ints: [0, 0, 0, 0] },
          { name: 'n_targets', type: AttributeType.INT, i: 2 },
          { name: 'post_transform', type: AttributeType.INT, i: 1 },
        ],
      },
    ];
    proto.graph!.output = [proto.graph!.output![1]];
    const model = readModel(onnx.ModelProto.encode(proto).finish());
    const trees = model.treeEnsemble!;
    assert.equal(trees.opType, 'TreeEnsemble');
    assert.equal(trees.treeCount, 2);
    assert.equal(trees.maxFeatureIndex, 3);
    assert.equal(trees.leafCount, 4);
    assert.equal(trees.postTransform, 'SOFTMAX');
    assert.equal(model.scores.kind, 'probabilities');
  });

  it('classifies an int64 last output as the label', () => {
    const scores = readModel(fixtures['label-last'].bytes).scores;
    assert.equal(scores.outputName, 'label');
    assert.equal(scores.readable, false);
    assert.equal(scores.kind, 'label');
  });

  it('reads f-names and holes in the metadata', () => {
    const proto = classifierProto({
      ...binarySpec(),
      metadata: [
        ['feature_0', 'fMass'],
        ['feature_2', 'fTPCNSigmaEl1'],
        ['other', 'x'],
      ],
    });
    const model = readModel(onnx.ModelProto.encode(proto).finish());
    assert.deepEqual(model.featureNames, ['fMass', '', 'fTPCNSigmaEl1']);
    assert.deepEqual(model.missingFeatureIndices, [1]);
    assert.equal(model.metadata.length, 3);
  });

  it('reads 200000 metadata entries', () => {
    const proto = classifierProto(binarySpec());
    proto.metadataProps = Array.from({ length: 200_000 }, (_, index) => ({
      key: `feature_${index}`,
      value: `k${index}`,
    }));
    const model = readModel(onnx.ModelProto.encode(proto).finish());
    assert.equal(model.featureNames?.length, 200_000);
    assert.equal(model.featureNames?.[199_999], 'k199999');
  });

  it('leaves out initializers listed as inputs', () => {
    const proto = classifierProto(binarySpec());
    proto.graph!.initializer = [{ name: 'weights', dataType: 1, dims: [1], floatData: [1] }];
    proto.graph!.input = [
      ...proto.graph!.input!,
      { name: 'weights', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }] } } } },
    ];
    const model = readModel(onnx.ModelProto.encode(proto).finish());
    assert.deepEqual(
      model.inputs.map((input) => input.name),
      ['input'],
    );
  });

  const broken: Array<[string, Uint8Array, RegExp]> = [
    ['an empty file', new Uint8Array(), /empty/],
    ['a truncated model', fixtures.truncated.bytes, /truncated/],
    ['random bytes', fixtures['random-bytes'].bytes, /not an ONNX model/],
    ['JSON text', new TextEncoder().encode('{"BDTCut": {}}'), /not an ONNX model/],
  ];
  for (const [label, bytes, reason] of broken) {
    it(`rejects ${label}`, () => {
      assert.throws(
        () => readModel(bytes),
        (error: unknown) => error instanceof ModelReadError && reason.test(error.message),
      );
    });
  }

  it('survives every prefix and many random inputs', () => {
    const valid = fixtures.multiclass.bytes;
    const inputs: Uint8Array[] = [];
    for (let length = 0; length < valid.length; length += 7) inputs.push(valid.slice(0, length));
    for (let seed = 0; seed < 300; seed++) inputs.push(randomBytes(1 + ((seed * 37) % 2048), seed));
    // Flipping single bytes of a valid model exercises decoding paths that random data misses.
    for (let offset = 0; offset < valid.length; offset += 13) {
      const flipped = valid.slice();
      flipped[offset] ^= 0xff;
      inputs.push(flipped);
    }
    for (const bytes of inputs) {
      try {
        readModel(bytes);
      } catch (error) {
        assert.ok(error instanceof ModelReadError, `unexpected ${String(error)}`);
      }
    }
  });
});
