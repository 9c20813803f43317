import { analyzeConfig } from './analyze';
import type { Finding } from './findings';
import type { AnalysisOptions } from './options';
import { applyEdits, type TextEdit } from './text';

/**
 * Applies the preferred fix of every finding that has one, repeating until nothing more
 * changes, and returns the new text. Fixes whose edits overlap an earlier fix wait for
 * the next round, so the result is the same as applying them one at a time.
 */
export function fixAll(
  text: string,
  options: AnalysisOptions,
  maxRounds = 10,
): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const findings = analyzeConfig(current, options).findings;
    const edits = chooseEdits(findings);
    if (edits.length === 0) break;
    current = applyEdits(
      current,
      edits.flatMap((entry) => entry.edits),
    );
    applied += edits.length;
  }
  return { text: current, applied };
}

function chooseEdits(findings: readonly Finding[]): Array<{ edits: TextEdit[] }> {
  const chosen: Array<{ edits: TextEdit[] }> = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.preferred);
    if (!fix) continue;
    const clashes = fix.edits.some((edit) =>
      taken.some((other) => edit.span.start <= other.span.end && other.span.start <= edit.span.end),
    );
    if (clashes) continue;
    taken.push(...fix.edits);
    chosen.push({ edits: fix.edits });
  }
  return chosen;
}
