import type { Analysis } from '../core/analyze';
import { LineIndex } from '../core/text';

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
}

/** Formats findings like a compiler: `file:line:col: severity code: message`. */
export function formatText(file: string, analysis: Analysis, verbose: boolean): string[] {
  const index = new LineIndex(analysis.text);
  const lines: string[] = [];
  for (const finding of analysis.findings) {
    const start = index.positionAt(finding.span.start);
    lines.push(
      `${file}:${start.line + 1}:${start.character + 1}: ${finding.severity} ${finding.code}: ${finding.message}`,
    );
    if (!verbose) continue;
    if (finding.rationale) lines.push(`  why: ${finding.rationale}`);
    for (const related of finding.related ?? []) {
      const position = index.positionAt(related.span.start);
      lines.push(
        `  ${related.file ?? file}:${position.line + 1}:${position.character + 1}: note: ${related.message}`,
      );
    }
    for (const fix of finding.fixes ?? []) lines.push(`  fix: ${fix.title}`);
  }
  return lines;
}

export function countFindings(analyses: readonly Analysis[]): Totals {
  const totals: Totals = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of analyses.flatMap((analysis) => analysis.findings)) {
    if (finding.severity === 'error') totals.errors++;
    else if (finding.severity === 'warning') totals.warnings++;
    else totals.infos++;
  }
  return totals;
}

export function formatTotals(totals: Totals, fileCount: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')} in ${plural(fileCount, 'file')}.`;
}
