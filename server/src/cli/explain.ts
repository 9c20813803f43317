import { parseArgs } from 'node:util';
import { analyzeConfig } from '../core/analyze';
import { centralityRange, describeCut, ptRange } from '../core/describe';
import type { Bin } from '../core/model/types';
import type { CliEnvironment } from './environment';
import { formatText, countFindings, formatTotals } from './formatText';
import { readTextInput, UsageError } from './io';
import { analysisOptionsFor } from './options';

export const EXPLAIN_HELP = `Usage: dqml explain FILE [--json]

Prints the bins of a BDT selection config as the framework numbers them: index, label,
centrality range, pT range (GeV/c), model file and each score cut in words, followed by
the findings of "dqml check".

Options:
  --json       Print the bin table and the findings as JSON.
  -h, --help   Show this help.`;

export async function runExplain(args: string[], env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    env.stdout(EXPLAIN_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('dqml explain needs exactly one FILE. Run "dqml explain --help".');
  const [file] = positionals;
  const analysis = analyzeConfig(readTextInput(file), analysisOptionsFor(file, {}));
  const selection = analysis.model.active;
  const bins = selection?.bins ?? [];
  if (values.json) {
    env.stdout(
      JSON.stringify(
        {
          selection: selection?.member.key,
          type: selection?.type?.value,
          estimator: selection?.cent?.value,
          bins: bins.map(binJson),
          findings: analysis.findings.map(({ code, severity, message, span }) => ({
            code,
            severity,
            message,
            span,
          })),
        },
        null,
        2,
      ),
    );
  } else {
    const header = selection
      ? `Selection "${selection.member.key}": ${selection.type?.value ?? 'no type'}, centrality from ${selection.cent?.value ?? 'no estimator'}, ${bins.length} bin${bins.length === 1 ? '' : 's'}.`
      : 'No selection found.';
    env.stdout(header);
    if (bins.length > 0) {
      for (const line of formatTable(bins)) env.stdout(line);
    }
    env.stdout('');
    for (const line of formatText(file, analysis, false)) env.stdout(line);
    env.stdout(formatTotals(countFindings([analysis]), 1));
  }
  return countFindings([analysis]).errors > 0 ? 1 : 0;
}

function binJson(bin: Bin) {
  return {
    index: bin.index,
    label: bin.label,
    centrality: [bin.centrality.min?.value ?? null, bin.centrality.max?.value ?? null],
    pt: [bin.pt.min?.value ?? null, bin.pt.max?.value ?? null],
    modelFile: bin.modelFile?.value ?? null,
    cuts: bin.cuts.map((cut) => ({
      position: cut.position,
      cut: cut.cut ?? null,
      exclude: cut.exclude,
      text: describeCut(cut),
    })),
  };
}

function formatTable(bins: readonly Bin[]): string[] {
  const rows = bins.map((bin) => [
    String(bin.index),
    bin.label,
    centralityRange(bin),
    ptRange(bin),
    bin.modelFile?.value ?? '(no model file)',
    bin.cuts.map(describeCut).join('; ') || '(no cut)',
  ]);
  const header = ['bin', 'label', 'centrality', 'pT (GeV/c)', 'model file', 'score cuts'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
