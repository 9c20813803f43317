import type { Analysis } from '../analyze';
import { buildModel } from '../model/build';
import type { AnalysisOptions } from '../options';
import { applyPreferredFixes, type FixAllResult } from '../fixAll';
import { analyzeDplDocument, type DplAnalysis } from './analyzeDpl';

/** Applies the preferred fix of every finding of a DPL file, its embedded configs included. */
export function fixAllDpl(text: string, options: AnalysisOptions, maxRounds = 10): FixAllResult {
  return applyPreferredFixes(
    text,
    (current) => analyzeDplDocument(current, options).findings,
    maxRounds,
  );
}

/**
 * Presents a DPL analysis in the shape of a config analysis, for output formats written
 * for configs: the DPL file's text and findings, and the model of the first embedded
 * config. NOTE: that model's spans are offsets into the embedded config's text, not the file.
 */
export function dplAnalysisAsAnalysis(analysis: DplAnalysis): Analysis {
  return {
    text: analysis.text,
    model: analysis.configs[0]?.analysis.model ?? buildModel(undefined),
    findings: analysis.findings,
  };
}
