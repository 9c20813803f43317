/**
 * Writes ONNX tree-ensemble classifiers shaped like the models hipe4ml_converter exports
 * from XGBoost through onnxmltools. Such a model has one float input `input` of shape
 * [1, N] and one TreeEnsembleClassifier node (domain ai.onnx.ml, opset 1). Its outputs are
 * `label` (int64 [1]) and `probabilities` (float [1, nClasses]), and the metadata properties
 * `feature_0` … `feature_{N-1}` name the features. Options break one property at a time.
 */
import { onnx } from 'onnx-proto';
import { isLeaf, type PostTransform, type Tree, type TreeNode } from './trees';

/** One dimension of a shape: a fixed size, a symbolic name, or unknown (null). */
export type Dim = number | string | null;

/** The input element types the builder can declare. */
export type InputElementType = 'float' | 'double' | 'int64';

export interface ClassifierSpec {
  /** Names written to `feature_i`; their count is the input width unless `inputShape` sets another. */
  features: readonly string[];
  /** Class labels in score-column order, e.g. [0, 1] or [0, 1, 2]. */
  classLabels: readonly number[] | readonly string[];
  trees: readonly Tree[];
  /** Default: LOGISTIC for two classes, SOFTMAX for more. */
  postTransform?: PostTransform;
  baseValues?: readonly number[];
  inputName?: string;
  /** Default float. */
  inputType?: InputElementType;
  /** Default [1, features.length], the fixed batch of 1 that `convert_model_onnx(1)` writes. */
  inputShape?: readonly Dim[];
  /** Metadata properties; default `feature_i` for every feature. An empty array writes none. */
  metadata?: ReadonlyArray<readonly [string, string]>;
  /** Adds a ZipMap node, so the last output is a sequence of maps as scikit-learn converters write it. */
  zipMap?: boolean;
  /** Writes `probabilities` first and `label` last, so the last output is the int64 label. */
  labelLast?: boolean;
  /** More float inputs [1, 1] that no node reads, for models with several inputs. */
  extraInputs?: readonly string[];
  producerName?: string;
  producerVersion?: string;
}

const ML_DOMAIN = 'ai.onnx.ml';
const AttributeType = onnx.AttributeProto.AttributeType;
const DataType = onnx.TensorProto.DataType;

const INPUT_TYPES: Record<InputElementType, onnx.TensorProto.DataType> = {
  float: DataType.FLOAT,
  double: DataType.DOUBLE,
  int64: DataType.INT64,
};

/** Returns the default metadata: `feature_i` = the i-th feature name. */
export function featureMetadata(features: readonly string[]): Array<[string, string]> {
  return features.map((name, index) => [`feature_${index}`, name]);
}

/** Encodes a classifier as ONNX bytes. */
export function buildClassifier(spec: ClassifierSpec): Uint8Array {
  return onnx.ModelProto.encode(classifierProto(spec)).finish();
}

/** Builds the ModelProto of a classifier, for tests that change a field before encoding. */
export function classifierProto(spec: ClassifierSpec): onnx.IModelProto {
  const classCount = spec.classLabels.length;
  const postTransform = spec.postTransform ?? (classCount === 2 ? 'LOGISTIC' : 'SOFTMAX');
  const stringLabels = typeof spec.classLabels[0] === 'string';
  const inputName = spec.inputName ?? 'input';
  const probabilityName = spec.zipMap ? 'probability_tensor' : 'probabilities';

  const nodes: onnx.INodeProto[] = [
    {
      name: 'TreeEnsembleClassifier',
      opType: 'TreeEnsembleClassifier',
      domain: ML_DOMAIN,
      input: [inputName],
      output: ['label', probabilityName],
      attribute: treeAttributes(spec, postTransform, stringLabels),
    },
  ];
  if (spec.zipMap) {
    nodes.push({
      name: 'ZipMap',
      opType: 'ZipMap',
      domain: ML_DOMAIN,
      input: [probabilityName],
      output: ['probabilities'],
      attribute: [labelsAttribute(spec.classLabels, stringLabels)],
    });
  }

  const labelOutput = valueInfo(
    'label',
    tensorType(stringLabels ? DataType.STRING : DataType.INT64, [1]),
  );
  const probabilityOutput = valueInfo(
    'probabilities',
    spec.zipMap
      ? zipMapType(stringLabels ? DataType.STRING : DataType.INT64)
      : tensorType(DataType.FLOAT, [1, classCount]),
  );
  const inputs = [
    valueInfo(
      inputName,
      tensorType(
        INPUT_TYPES[spec.inputType ?? 'float'],
        spec.inputShape ?? [1, spec.features.length],
      ),
    ),
    ...(spec.extraInputs ?? []).map((name) => valueInfo(name, tensorType(DataType.FLOAT, [1, 1]))),
  ];
  const metadata = spec.metadata ?? featureMetadata(spec.features);

  return {
    irVersion: 7,
    opsetImport: [{ domain: ML_DOMAIN, version: 1 }],
    producerName: spec.producerName ?? 'dqml-onnx-builder',
    producerVersion: spec.producerVersion ?? '1',
    graph: {
      name: 'tree_ensemble',
      node: nodes,
      input: inputs,
      output: spec.labelLast ? [probabilityOutput, labelOutput] : [labelOutput, probabilityOutput],
    },
    metadataProps: metadata.map(([key, value]) => ({ key, value })),
  };
}

/** Flattens the trees into the parallel node and leaf arrays of TreeEnsembleClassifier. */
function treeAttributes(
  spec: ClassifierSpec,
  postTransform: PostTransform,
  stringLabels: boolean,
): onnx.IAttributeProto[] {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
  };
  const leaves = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    classIds: [] as number[],
    weights: [] as number[],
  };

  spec.trees.forEach((tree, treeId) => {
    let nextId = 0;
    // Numbers nodes in preorder, as the onnxmltools exports of XGBoost models do, and
    // returns the id given to `node`.
    const visit = (node: TreeNode): number => {
      const id = nextId++;
      const slot = nodes.treeIds.length;
      nodes.treeIds.push(treeId);
      nodes.nodeIds.push(id);
      if (isLeaf(node)) {
        nodes.featureIds.push(0);
        nodes.modes.push('LEAF');
        nodes.values.push(0);
        nodes.trueIds.push(0);
        nodes.falseIds.push(0);
        leaves.treeIds.push(treeId);
        leaves.nodeIds.push(id);
        leaves.classIds.push(tree.classId);
        leaves.weights.push(node.value);
        return id;
      }
      nodes.featureIds.push(node.feature);
      nodes.modes.push('BRANCH_LT');
      nodes.values.push(node.threshold);
      nodes.trueIds.push(-1);
      nodes.falseIds.push(-1);
      nodes.trueIds[slot] = visit(node.below);
      nodes.falseIds[slot] = visit(node.atOrAbove);
      return id;
    };
    visit(tree.root);
  });

  const attributes: onnx.IAttributeProto[] = [
    ints('class_ids', leaves.classIds),
    ints('class_nodeids', leaves.nodeIds),
    ints('class_treeids', leaves.treeIds),
    floats('class_weights', leaves.weights),
    labelsAttribute(spec.classLabels, stringLabels),
    ints('nodes_falsenodeids', nodes.falseIds),
    ints('nodes_featureids', nodes.featureIds),
    ints(
      'nodes_missing_value_tracks_true',
      nodes.modes.map(() => 0),
    ),
    strings('nodes_modes', nodes.modes),
    ints('nodes_nodeids', nodes.nodeIds),
    ints('nodes_treeids', nodes.treeIds),
    ints('nodes_truenodeids', nodes.trueIds),
    floats('nodes_values', nodes.values),
    { name: 'post_transform', type: AttributeType.STRING, s: utf8(postTransform) },
  ];
  if (spec.baseValues) attributes.push(floats('base_values', spec.baseValues));
  return attributes;
}

function labelsAttribute(
  labels: readonly number[] | readonly string[],
  stringLabels: boolean,
): onnx.IAttributeProto {
  return stringLabels
    ? strings('classlabels_strings', labels as readonly string[])
    : ints('classlabels_int64s', labels as readonly number[]);
}

function ints(name: string, values: readonly number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.INTS, ints: [...values] };
}

function floats(name: string, values: readonly number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.FLOATS, floats: [...values] };
}

function strings(name: string, values: readonly string[]): onnx.IAttributeProto {
  return { name, type: AttributeType.STRINGS, strings: values.map(utf8) };
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function valueInfo(name: string, type: onnx.ITypeProto): onnx.IValueInfoProto {
  return { name, type };
}

function tensorType(elemType: onnx.TensorProto.DataType, shape: readonly Dim[]): onnx.ITypeProto {
  return {
    tensorType: {
      elemType,
      shape: {
        dim: shape.map((dim) =>
          typeof dim === 'number' ? { dimValue: dim } : dim === null ? {} : { dimParam: dim },
        ),
      },
    },
  };
}

/** Returns the type of a ZipMap output: a sequence of maps from class label to float. */
function zipMapType(keyType: onnx.TensorProto.DataType): onnx.ITypeProto {
  return {
    sequenceType: {
      elemType: { mapType: { keyType, valueType: { tensorType: { elemType: DataType.FLOAT } } } },
    },
  };
}
