import type { RuleInfo } from '../registry';

/** Codes of the checks on DPL configuration files that embed a config. */
export const DPL_RULES: RuleInfo[] = [];
