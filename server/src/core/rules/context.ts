import type { Finding, Fix, RelatedLocation, Severity } from '../findings';
import type { ConfigModel } from '../model/types';
import { ruleInfo } from '../registry';
import type { Span } from '../text';
import type { AnalysisOptions } from '../options';

/** Extra parts of a finding beyond its code, place and message. */
export interface ReportDetails {
  related?: RelatedLocation[];
  fixes?: Fix[];
  unnecessary?: boolean;
  /** Overrides the registry's default severity for this one finding. */
  severity?: Severity;
  /** Overrides the registry's rationale when the reason is more specific. */
  rationale?: string;
}

/** The input of every rule: the text, the model, the options and a way to report. */
export interface RuleContext {
  readonly text: string;
  readonly model: ConfigModel;
  readonly options: AnalysisOptions;
  report(code: string, span: Span, message: string, details?: ReportDetails): void;
}

export type Rule = (context: RuleContext) => void;

/** Creates a context whose findings take their severity and rationale from the registry. */
export function createRuleContext(
  text: string,
  model: ConfigModel,
  options: AnalysisOptions,
  findings: Finding[],
): RuleContext {
  return {
    text,
    model,
    options,
    report(code, span, message, details = {}) {
      const info = ruleInfo(code);
      if (!info) throw new Error(`Finding with unregistered code '${code}'.`);
      findings.push({
        code,
        severity: details.severity ?? info.defaultSeverity,
        span,
        message,
        rationale: details.rationale ?? info.rationale,
        related: details.related,
        fixes: details.fixes,
        unnecessary: details.unnecessary,
      });
    },
  };
}
