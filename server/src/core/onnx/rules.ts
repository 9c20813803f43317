import type { RuleInfo } from '../registry';

/** Codes of the checks that read the ONNX files a config names. */
export const ONNX_RULES: RuleInfo[] = [];
