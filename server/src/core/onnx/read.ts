/** Decodes ONNX bytes with protobufjs and summarises what the framework depends on. */
import { onnx } from 'onnx-proto';
import { describeType, toNumber, type DescribedType } from './proto';
import { scoreSummary } from './scores';
import { isTreeEnsemble, summarizeTreeEnsemble } from './treeEnsemble';
import type { ModelSummary, ValueSummary } from './types';

/** Raised when bytes are not a complete ONNX model. Its message gives the reason in plain words. */
export class ModelReadError extends Error {}

const FEATURE_KEY = /^feature_(\d+)$/;

/** Decodes and summarises a model; raises ModelReadError when the bytes are not one. */
export function readModel(bytes: Uint8Array): ModelSummary {
  return summarizeModel(decodeModel(bytes));
}

/** Decodes ModelProto bytes, turning protobuf errors into a reason a user can act on. */
export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  if (bytes.length === 0) throw new ModelReadError('the file is empty');
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelReadError(explainDecodeError(error));
  }
  // Random bytes sometimes decode as a protobuf message; a model always has both fields.
  if (!model.graph)
    throw new ModelReadError('the file has no ONNX graph, so it is not an ONNX model');
  if (!toNumber(model.irVersion)) {
    throw new ModelReadError('the file has no IR version, so it is not an ONNX model');
  }
  return model;
}

function explainDecodeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return 'the protobuf data nests too deeply to decode, so it is not an ONNX model';
  }
  if (/index out of range/.test(message)) {
    return `the file ends inside a protobuf field (${message}), so it is truncated or not an ONNX model`;
  }
  if (/invalid wire type|illegal tag|invalid/i.test(message)) {
    return `the bytes are not a protobuf message (${message}), so the file is not an ONNX model`;
  }
  return `protobuf decoding failed: ${message}`;
}

/** Builds the plain summary of a decoded model. */
export function summarizeModel(model: onnx.ModelProto): ModelSummary {
  const graph = model.graph!;
  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const inputs = (graph.input ?? [])
    .filter((value) => !initializers.has(value.name ?? ''))
    .map(valueSummary);
  const outputs = (graph.output ?? []).map(valueSummary);
  const metadata = (model.metadataProps ?? []).map((entry) => ({
    key: entry.key ?? '',
    value: entry.value ?? '',
  }));
  const nodes = graph.node ?? [];
  const operators: Record<string, number> = {};
  for (const node of nodes) {
    const name =
      node.domain && node.domain !== 'ai.onnx' ? `${node.domain}:${node.opType}` : `${node.opType}`;
    operators[name] = (operators[name] ?? 0) + 1;
  }
  const treeNode = nodes.find(isTreeEnsemble);
  const treeEnsemble = treeNode ? summarizeTreeEnsemble(treeNode) : undefined;

  return {
    irVersion: toNumber(model.irVersion),
    opsetImports: (model.opsetImport ?? []).map((opset) => ({
      domain: opset.domain || 'ai.onnx',
      version: toNumber(opset.version) ?? 0,
    })),
    producerName: model.producerName || undefined,
    producerVersion: model.producerVersion || undefined,
    domain: model.domain || undefined,
    modelVersion: toNumber(model.modelVersion) || undefined,
    docString: model.docString || undefined,
    graphName: graph.name || undefined,
    inputs,
    outputs,
    metadata,
    ...featureNames(metadata),
    nodeCount: nodes.length,
    operators,
    treeEnsemble,
    scores: scoreSummary(nodes, outputs, treeEnsemble),
  };
}

function valueSummary(value: onnx.IValueInfoProto): ValueSummary {
  const described: DescribedType = describeType(value.type);
  return {
    name: value.name ?? '',
    kind: described.kind,
    elementType: described.elementType,
    shape: described.shape,
    type: described.text,
  };
}

/** Reads `feature_0`, `feature_1`, … into an array indexed by their number. */
function featureNames(metadata: ReadonlyArray<{ key: string; value: string }>): {
  featureNames?: string[];
  missingFeatureIndices?: number[];
} {
  const byIndex = new Map<number, string>();
  for (const { key, value } of metadata) {
    const match = FEATURE_KEY.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    // An index far beyond the metadata size would allocate a huge array below.
    if (index > metadata.length * 4 + 1024 || byIndex.has(index)) continue;
    byIndex.set(index, value);
  }
  if (byIndex.size === 0) return {};
  // A loop, because spreading a very long key list into Math.max overflows the stack.
  let largest = 0;
  for (const index of byIndex.keys()) largest = Math.max(largest, index);
  const names: string[] = [];
  const missing: number[] = [];
  for (let index = 0; index <= largest; index++) {
    const name = byIndex.get(index);
    if (name === undefined) missing.push(index);
    names.push(name ?? '');
  }
  return missing.length
    ? { featureNames: names, missingFeatureIndices: missing }
    : { featureNames: names };
}
