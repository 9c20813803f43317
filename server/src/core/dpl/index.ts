// The Hyperloop string, local DPL configurations and configs embedded in them.
export {
  hyperloopString,
  localString,
  jsonTokens,
  sameTokens,
  type CompactResult,
} from './hyperloop';
export {
  recognizeConfigForm,
  compactConfigText,
  expandConfigText,
  type ConfigForm,
} from './recognize';
export {
  decodeStringLiteral,
  encodeStringLiteral,
  escapeStringContent,
  type DecodedLiteral,
} from './stringLiteral';
export type { EmbeddedTextMap } from './textMap';
export {
  BDT_OPTION_NAMES,
  PAIRING_TASK,
  isDplConfiguration,
  isDplDocument,
  readDplDocument,
  type DplDocument,
  type DplTask,
} from './document';
export {
  analyzeDplDocument,
  embeddedConfigAt,
  type DplAnalysis,
  type EmbeddedConfig,
  type EmbeddedEncoding,
} from './analyzeDpl';
export { fixAllDpl, dplAnalysisAsAnalysis } from './fix';
export {
  updateDplConfiguration,
  type DplUpdate,
  type DplUpdateError,
  type DplUpdateOptions,
  type DplUpdateResult,
  type ModelPathsCheck,
} from './update';
