import type { Analysis } from '../core/analyze';
import type { Finding } from '../core/findings';
import {
  checkConfigModelsReport,
  type ModelCheckOptions,
  type ModelCheckReport,
} from '../core/onnx';
import type { AnalysisOptions } from '../core/options';
import type { CheckModelsResult } from '../protocol';

/** Whether models may be loaded into ONNX Runtime, which runs native code on their content. */
export interface TrustState {
  trusted: boolean;
}

/** Builds the options of the ONNX checks from the analysis options and the workspace trust. */
export function modelCheckOptions(options: AnalysisOptions, trust: TrustState): ModelCheckOptions {
  return {
    configPath: options.configPath,
    modelSearchPaths: options.modelSearchPaths,
    rules: options.rules,
    checkModelFiles: options.checkModelFiles,
    loadIntoRuntime: trust.trusted,
    runtimeSkipReason: trust.trusted
      ? undefined
      : 'the workspace is not trusted, so no model is loaded into ONNX Runtime (grant trust to check that the models load)',
  };
}

/** Reads the models of a config and returns the report; an unreadable model is a finding, never a throw. */
export async function checkModels(
  analysis: Analysis,
  options: AnalysisOptions,
  trust: TrustState,
): Promise<ModelCheckReport> {
  if (!options.configPath || !analysis.model.active?.modelFiles?.items?.length) {
    return { findings: [], models: [] };
  }
  return checkConfigModelsReport(analysis, modelCheckOptions(options, trust));
}

/** Merges config and model findings in position order. */
export function mergeFindings(first: readonly Finding[], second: readonly Finding[]): Finding[] {
  return [...first, ...second].sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
  );
}

/** Turns the report into the rows of the "Check ONNX inputs" table. */
export function modelTable(report: ModelCheckReport, trust: TrustState): CheckModelsResult {
  return {
    runtimeLoaded: trust.trusted,
    rows: report.models.map((row) => ({
      index: row.index,
      name: row.name,
      binLabel: row.binLabel ?? null,
      path: row.path ?? null,
      found: row.found,
      input: row.input ?? null,
      width: row.width ?? null,
      metadata: row.featureCheck,
      outputs: row.outputs ?? null,
      classes: row.classes ?? null,
      verdict: row.verdict,
      messages: row.findings.map((finding) => finding.message),
    })),
  };
}
