import type { Finding } from './findings';
import { buildModel } from './model/build';
import type { ConfigModel } from './model/types';
import type { AnalysisOptions } from './options';
import { runConfigRules } from './rules';
import { createRuleContext } from './rules/context';
import { parseStrictJson } from './syntax/parse';

/** The result of analysing one config text. */
export interface Analysis {
  text: string;
  model: ConfigModel;
  /** Findings after the user's severity settings, ordered by position. */
  findings: Finding[];
}

/** Parses a config the way the framework does and runs every rule on it. */
export function analyzeConfig(text: string, options: AnalysisOptions = {}): Analysis {
  const parsed = parseStrictJson(text);
  const model = buildModel(parsed.root);
  const findings: Finding[] = [...parsed.findings];
  const context = createRuleContext(text, model, options, findings);
  runConfigRules(context);
  return { text, model, findings: applyRuleSettings(findings, options) };
}

/** Drops findings of rules turned off and applies severity overrides. */
export function applyRuleSettings(
  findings: readonly Finding[],
  options: AnalysisOptions,
): Finding[] {
  const settings = options.rules ?? {};
  const result: Finding[] = [];
  for (const finding of findings) {
    const setting = settings[finding.code];
    if (setting === 'off') continue;
    result.push(setting ? { ...finding, severity: setting } : finding);
  }
  return result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
