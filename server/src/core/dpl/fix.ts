import type { Analysis } from '../analyze';
import type { Finding } from '../findings';
import { buildModel } from '../model/build';
import type { AnalysisOptions } from '../options';
import { applyEdits, type TextEdit } from '../text';
import { analyzeDplDocument, type DplAnalysis } from './analyzeDpl';

/**
 * Applies the preferred fix of every finding of a DPL configuration file, its embedded
 * configs included, repeating until nothing more changes. A fix whose edits touch an
 * edit already chosen in a round waits for the next round.
 */
export function fixAllDpl(
  text: string,
  options: AnalysisOptions,
  maxRounds = 10,
): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const chosen = choosePreferredEdits(analyzeDplDocument(current, options).findings);
    if (chosen.length === 0) break;
    current = applyEdits(current, chosen.flat());
    applied += chosen.length;
  }
  return { text: current, applied };
}

function choosePreferredEdits(findings: readonly Finding[]): TextEdit[][] {
  const chosen: TextEdit[][] = [];
  const chosenEdits: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.preferred);
    if (!fix) continue;
    const touches = fix.edits.some((edit) =>
      chosenEdits.some(
        (other) => edit.span.start <= other.span.end && other.span.start <= edit.span.end,
      ),
    );
    if (touches) continue;
    chosenEdits.push(...fix.edits);
    chosen.push(fix.edits);
  }
  return chosen;
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
