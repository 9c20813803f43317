export { runInference, gatherFeatures } from './run';
export { InferenceError, InferenceCancelledError, type InferenceErrorKind } from './errors';
export { passesCut, ABSENT_SCORE } from './accumulate';
export { BinLookup } from './binLookup';
export { planInference, type InferencePlan, type PlannedBin } from './plan';
export { loadBinModel, makeBatchDynamic, type BinModel } from './model';
export * from './types';
