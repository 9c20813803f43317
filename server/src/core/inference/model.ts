import { readFile } from 'node:fs/promises';
import { onnx } from 'onnx-proto';
import type * as Ort from 'onnxruntime-node';
import { InferenceError } from './errors';

/** ONNX TensorProto element types the checks name. */
const ELEMENT_TYPES: Record<number, string> = {
  1: 'float',
  2: 'uint8',
  3: 'int8',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'double',
};
const FLOAT = 1;

/** A bin's model, ready to score batches of rows. */
export interface BinModel {
  path: string;
  session: Ort.InferenceSession;
  inputName: string;
  /** Name of the last output, which contains the scores. */
  outputName: string;
  /** True when the file declares a batch of 1 and the session uses a dynamic batch. */
  batchMadeDynamic: boolean;
  /** Feature names from the `feature_i` metadata of DQ training exports, if present. */
  metadataFeatures: string[];
}

export interface ModelRequirements {
  featureCount: number;
  classCount: number;
  /** Threads ONNX Runtime may use inside one run. */
  threads: number;
}

let runtime: Promise<typeof Ort> | undefined;

/** Loads onnxruntime-node on first use, so commands that run no model never load it. */
export function loadRuntime(): Promise<typeof Ort> {
  // Node's import() of this CommonJS package may put the exports under `default`.
  runtime ??= import('onnxruntime-node').then(
    (module) => ((module as { default?: typeof Ort }).default ?? module) as typeof Ort,
  );
  return runtime;
}

/**
 * Reads a model file and checks it the way the framework's `MlResponse` uses it: one float
 * input of width N (or dynamic), scores in the last output as a float tensor. A model that
 * declares a batch of 1, as hipe4ml_converter exports do, gets a dynamic batch dimension in
 * memory, so batches of rows can run. The file itself is never written.
 */
export async function loadBinModel(
  path: string,
  requirements: ModelRequirements,
): Promise<BinModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InferenceError(
      'model-load',
      path,
      `Cannot read model file ${path}: ${(error as Error).message}.`,
    );
  }
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new InferenceError(
      'model-load',
      path,
      `${path} is not an ONNX model (${(error as Error).message}). Export the model with onnxmltools or hipe4ml_converter and name the .onnx file in "modelFiles".`,
    );
  }
  const graph = model.graph;
  if (!graph) {
    throw new InferenceError('model-load', path, `${path} is an ONNX file without a graph.`);
  }
  const input = checkInput(path, graph, requirements.featureCount);
  const output = checkOutput(path, graph, requirements.classCount);
  const batchMadeDynamic = makeBatchDynamic(graph);
  const sessionBytes = batchMadeDynamic ? onnx.ModelProto.encode(model).finish() : bytes;
  const ort = await loadRuntime();
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(sessionBytes, {
      intraOpNumThreads: requirements.threads,
      interOpNumThreads: 1,
      // Errors reach the caller as exceptions; ONNX Runtime's own log would repeat them.
      logSeverityLevel: 4,
    });
  } catch (error) {
    throw new InferenceError(
      'model-load',
      path,
      `ONNX Runtime cannot load ${path}: ${firstLine(error)}. Check that it was exported with an opset that onnxruntime-node supports.`,
    );
  }
  return {
    path,
    session,
    inputName: input.name ?? session.inputNames[0],
    outputName: output.name ?? session.outputNames[session.outputNames.length - 1],
    batchMadeDynamic,
    metadataFeatures: metadataFeatures(model),
  };
}

/** Creates a session on the file's own bytes, for runs of one row as the framework does. */
export async function loadOriginalSession(
  path: string,
  threads: number,
): Promise<Ort.InferenceSession> {
  const ort = await loadRuntime();
  return ort.InferenceSession.create(await readFile(path), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    logSeverityLevel: 4,
  });
}

function realInputs(graph: onnx.IGraphProto): onnx.IValueInfoProto[] {
  // Before IR version 4, initializers were also listed as graph inputs.
  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  return (graph.input ?? []).filter((input) => !initializers.has(input.name ?? ''));
}

function checkInput(
  path: string,
  graph: onnx.IGraphProto,
  featureCount: number,
): onnx.IValueInfoProto {
  const inputs = realInputs(graph);
  if (inputs.length !== 1) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `${path} has ${inputs.length} inputs (${inputs.map((input) => input.name).join(', ')}), but the framework feeds one float tensor of all features. Export the model with a single input of shape [N, ${featureCount}].`,
    );
  }
  const input = inputs[0];
  const tensor = input.type?.tensorType;
  if (!tensor || tensor.elemType !== FLOAT) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `The input "${input.name}" of ${path} is ${describeType(input.type)}, but the framework feeds float32. Export the model with a float input.`,
    );
  }
  const dims = tensor.shape?.dim ?? [];
  if (tensor.shape && dims.length !== 2) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `The input "${input.name}" of ${path} has ${dims.length} dimensions, but the framework feeds a [1, N] tensor. Export the model with input shape [N, ${featureCount}].`,
    );
  }
  const width = fixedSize(dims[1]);
  if (width !== undefined && width !== featureCount) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `${path} expects ${width} input features, but "inputFeatures" lists ${featureCount}; the framework stops with "Number of input nodes in the model … is different from the number of input features". Use the model trained on these features.`,
    );
  }
  const batch = fixedSize(dims[0]);
  if (batch !== undefined && batch !== 1) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `${path} declares a fixed batch of ${batch} rows, but the framework feeds one row at a time. Export the model with a batch of 1 or a dynamic batch.`,
    );
  }
  return input;
}

function checkOutput(
  path: string,
  graph: onnx.IGraphProto,
  classCount: number,
): onnx.IValueInfoProto {
  const outputs = graph.output ?? [];
  const last = outputs[outputs.length - 1];
  if (!last) {
    throw new InferenceError('model-unsupported', path, `${path} has no output.`);
  }
  const tensor = last.type?.tensorType;
  if (!tensor) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `The last output "${last.name}" of ${path} is ${describeType(last.type)}, such as the ZipMap output of scikit-learn converters. The framework reads the scores from the last output as a float tensor, so it cannot use this model. Export it again without ZipMap (skl2onnx: options={'zipmap': False}).`,
    );
  }
  if (tensor.elemType !== FLOAT) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `The last output "${last.name}" of ${path} is a ${describeType(last.type)}, but the framework reads the scores from it as float32. Export the model with its probabilities as the last output.`,
    );
  }
  const dims = tensor.shape?.dim ?? [];
  const width = dims.length >= 2 ? fixedSize(dims[dims.length - 1]) : undefined;
  if (width !== undefined && width < classCount) {
    throw new InferenceError(
      'model-unsupported',
      path,
      `The last output "${last.name}" of ${path} gives ${width} value${width === 1 ? '' : 's'} per row, but the config's type needs ${classCount} scores. Use a model with ${classCount} classes or change "type".`,
    );
  }
  return last;
}

/** Replaces a fixed batch of 1 with a named dimension on inputs, outputs and value infos. */
export function makeBatchDynamic(graph: onnx.IGraphProto): boolean {
  const input = realInputs(graph)[0];
  const firstDim = input?.type?.tensorType?.shape?.dim?.[0];
  if (!firstDim || fixedSize(firstDim) !== 1) return false;
  const infos = [...realInputs(graph), ...(graph.output ?? []), ...(graph.valueInfo ?? [])];
  for (const info of infos) {
    const dims = info.type?.tensorType?.shape?.dim;
    if (dims && dims.length > 0 && fixedSize(dims[0]) === 1) {
      dims[0] = onnx.TensorShapeProto.Dimension.create({ dimParam: 'batch' });
    }
  }
  return true;
}

function fixedSize(dim: onnx.TensorShapeProto.IDimension | undefined): number | undefined {
  if (!dim || dim.dimValue === undefined || dim.dimValue === null) return undefined;
  const value = Number(dim.dimValue);
  return value > 0 ? value : undefined;
}

function describeType(type: onnx.ITypeProto | null | undefined): string {
  if (!type) return 'of unknown type';
  if (type.tensorType) {
    return `${ELEMENT_TYPES[type.tensorType.elemType ?? 0] ?? `type ${type.tensorType.elemType}`} tensor`;
  }
  if (type.sequenceType) return 'a sequence (not a tensor)';
  if (type.mapType) return 'a map (not a tensor)';
  return 'not a tensor';
}

function metadataFeatures(model: onnx.IModelProto): string[] {
  const entries = (model.metadataProps ?? [])
    .map((entry) => ({ match: /^feature_(\d+)$/.exec(entry.key ?? ''), value: entry.value ?? '' }))
    .filter((entry) => entry.match !== null)
    .map((entry) => ({ index: Number(entry.match![1]), value: entry.value }));
  entries.sort((a, b) => a.index - b.index);
  return entries.every((entry, position) => entry.index === position)
    ? entries.map((entry) => entry.value)
    : [];
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim();
}
