import { analyzeConfig } from './analyze';
import type { Finding } from './findings';
import type { AnalysisOptions } from './options';
import { applyEdits, type TextEdit } from './text';

/** The outcome of applying fixes: the new text and how many fixes went into it. */
export interface FixAllResult {
  text: string;
  applied: number;
}

/**
 * Applies the preferred fix of every finding that `findingsOf` reports, repeating until
 * nothing more changes. A fix whose edits touch an edit already chosen in a round waits
 * for the next round, so the result is the same as applying the fixes one at a time.
 */
export function applyPreferredFixes(
  text: string,
  findingsOf: (text: string) => readonly Finding[],
  maxRounds = 10,
): FixAllResult {
  let current = text;
  let applied = 0;
  for (let round = 0; round < maxRounds; round++) {
    const chosen = choosePreferredEdits(findingsOf(current));
    if (chosen.length === 0) break;
    current = applyEdits(current, chosen.flat());
    applied += chosen.length;
  }
  return { text: current, applied };
}

/** Applies the preferred fix of every finding of a config, as `dqml check --fix` does. */
export function fixAll(text: string, options: AnalysisOptions, maxRounds = 10): FixAllResult {
  return applyPreferredFixes(
    text,
    (current) => analyzeConfig(current, options).findings,
    maxRounds,
  );
}

function choosePreferredEdits(findings: readonly Finding[]): TextEdit[][] {
  const chosen: TextEdit[][] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.preferred);
    if (!fix) continue;
    const touches = fix.edits.some((edit) =>
      taken.some((other) => edit.span.start <= other.span.end && other.span.start <= edit.span.end),
    );
    if (touches) continue;
    taken.push(...fix.edits);
    chosen.push(fix.edits);
  }
  return chosen;
}
