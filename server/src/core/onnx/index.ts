/**
 * The ONNX part of the core: reading model files into plain summaries and checking a
 * config against the models it names.
 */
export {
  checkConfigModels,
  checkConfigModelsReport,
  resolveModelFiles,
  withModelFindings,
} from './checkConfig';
export type {
  ModelCheckOptions,
  ModelCheckReport,
  ModelCheckRow,
  ResolvedModelFile,
} from './checkConfig';
export type { FeatureCheck } from './checkModel';
export {
  DEFAULT_MAX_MODEL_BYTES,
  defaultModelCache,
  formatBytes,
  inspectModel,
  ModelCache,
} from './inspect';
export type { InspectOptions } from './inspect';
export { formatShape } from './proto';
export { decodeModel, ModelReadError, readModel } from './read';
export { checkRuntimeLoad } from './runtime';
export { ONNX_RULES } from './rules';
export type * from './types';
