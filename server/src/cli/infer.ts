import { parseArgs } from 'node:util';
import {
  InferenceCancelledError,
  InferenceError,
  runInference,
  type BinReport,
  type InferenceReport,
  type PassCount,
} from '../core/inference';
import { SampleError } from '../core/samples';
import type { CliEnvironment } from './environment';
import { UsageError } from './io';
import { collectExtraFeatures } from './options';

export const INFER_HELP = `Usage: dqml infer CONFIG SAMPLE [options]

Runs every bin's model of a BDT config on a sample file and applies the cuts the way
the framework does: each row goes to the first bin whose centrality and pT ranges hold
it (rows in no bin are dropped), the bin's model scores it, and it passes when every
score passes its cut. Prints per bin the rows, the rows passed and the pass rate.

SAMPLE is a CSV file whose first line names the columns, a Parquet file or a ROOT file,
recognised by content. Feature kX is read from column kX or fX.

Options:
  --centrality VALUE   Centrality in percent given to every row. Needed when the sample
                       has no column for the estimator (DielectronsAll has none); when
                       the sample has one, VALUE is used instead.
  --tree NAME          Tree of a ROOT file (default O2rtdielectronall, at top level or in
                       every DF_* folder, read one after the other). NAME may be DIR/TREE.
  --limit N            Read only the first N rows.
  --map kX=COLUMN,...  Read a feature, kPt or the estimator (kCentFT0C) from COLUMN.
                       Repeatable.
  --model-path DIR     Also look for model files in DIR (relative to the config).
                       Repeatable.
  --extra-features A,B Accept these feature names besides the framework's thirty.
  --json               Print the report as JSON.
  -h, --help           Show this help.

Exit status: 0 when the run completed, 2 when the config, the sample or a model cannot
be used, and 130 when interrupted (the partial counts are printed and marked as such).`;

/** Hints for the CLI options that fix each kind of problem. */
const OPTION_HINTS: Record<string, string> = {
  'tree-not-found': 'Name the tree with --tree NAME.',
  columns: 'Map columns with --map kX=COLUMN, or give --centrality VALUE.',
  'missing-column': 'Map columns with --map kX=COLUMN.',
  'unusable-column': 'Map the feature to another column with --map kX=COLUMN.',
};

export async function runInfer(args: string[], env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      centrality: { type: 'string' },
      tree: { type: 'string' },
      limit: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      'model-path': { type: 'string', multiple: true, default: [] },
      'extra-features': { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    env.stdout(INFER_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError('dqml infer needs a CONFIG and a SAMPLE. Run "dqml infer --help".');
  }
  const [configPath, samplePath] = positionals;
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  try {
    const report = await runInference({
      configPath,
      samplePath,
      tree: values.tree,
      centrality: parseCentrality(values.centrality),
      limit: parseLimit(values.limit),
      columnMap: parseColumnMap(values.map),
      analysis: {
        modelSearchPaths: values['model-path'],
        extraFeatures: collectExtraFeatures(values['extra-features'], undefined),
      },
      signal: controller.signal,
    });
    printReport(report, values.json, env);
    return 0;
  } catch (error) {
    if (error instanceof InferenceCancelledError) {
      printReport(error.partial, values.json, env);
      env.stderr(`dqml infer: ${error.message}`);
      return 130;
    }
    if (error instanceof SampleError || error instanceof InferenceError) {
      const hint = OPTION_HINTS[error.kind];
      env.stderr(`dqml infer: ${error.message}${hint ? ` ${hint}` : ''}`);
      return 2;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

function parseCentrality(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`Invalid --centrality "${text}". Give a number in percent, e.g. 25.`);
  }
  return value;
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new UsageError(`Invalid --limit "${text}". Give a positive whole number of rows.`);
  }
  return value;
}

/** Parses `--map kMass=inv_mass,kPt=pt_cand` values into a feature-to-column map. */
export function parseColumnMap(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of values.flatMap((value) => value.split(','))) {
    const text = entry.trim();
    if (text === '') continue;
    const separator = text.indexOf('=');
    const name = text.slice(0, separator).trim();
    const column = text.slice(separator + 1).trim();
    if (separator <= 0 || column === '') {
      throw new UsageError(
        `Invalid --map entry "${text}". Write NAME=COLUMN, e.g. kMass=inv_mass.`,
      );
    }
    map[name] = column;
  }
  return map;
}

function printReport(report: InferenceReport, json: boolean, env: CliEnvironment): void {
  if (json) {
    env.stdout(JSON.stringify(report, null, 2));
    return;
  }
  for (const line of formatReport(report)) env.stdout(line);
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)} %`;
}

function passText(count: PassCount | undefined): string {
  if (!count || count.rows === 0) return '–';
  return `${percent(count.passRate)} of ${count.rows}`;
}

/** Formats the report as a table with totals, truth pass rates, score comparison and warnings. */
export function formatReport(report: InferenceReport): string[] {
  const lines: string[] = [];
  if (!report.complete) {
    lines.push(
      `INCOMPLETE: the run was stopped after ${report.total} rows; these counts cover only those rows.`,
    );
  }
  const centrality =
    report.centrality.source === 'column'
      ? `centrality from column ${report.centrality.column}`
      : `fixed centrality ${report.centrality.value} for every row`;
  lines.push(
    `Selection "${report.selection}" (${report.modelType}, ${report.estimator}) on ${report.samplePath}`,
    `Read ${report.total} rows from the ${report.sampleDescription}${report.limit !== undefined ? ` (limit ${report.limit})` : ''}; ${centrality}; pT from column ${report.ptColumn}.`,
    '',
  );
  const withTruth = report.truth !== undefined;
  const header = ['bin', 'label', 'rows', 'passed', 'pass rate'];
  if (withTruth) header.push('signal passed', 'background passed');
  header.push('cuts');
  const rows = report.bins.map((bin) => binRow(bin, withTruth));
  const scored = report.total - report.dropped;
  const totalRow = [
    '',
    'all bins',
    String(scored),
    String(report.passed),
    percent(scored > 0 ? report.passed / scored : null),
  ];
  if (withTruth) totalRow.push(passText(report.truth?.signal), passText(report.truth?.background));
  totalRow.push('');
  lines.push(...table(header, [...rows, totalRow]));
  lines.push('');
  lines.push(
    `Total ${report.total} rows: ${report.passed} passed (${percent(report.passRate)}), ${report.dropped} dropped in no bin (${percent(report.total > 0 ? report.dropped / report.total : null)})${report.droppedNonFinite > 0 ? `, ${report.droppedNonFinite} of them for a NaN or infinite centrality or pT` : ''}.`,
  );
  if (report.nonFiniteInputRows > 0) {
    lines.push(
      `${report.nonFiniteInputRows} scored rows have a NaN or infinite feature; they were scored as they are, as in the framework.`,
    );
  }
  if (report.truth) {
    const truth = report.truth;
    lines.push(
      `By ${report.truthColumn}: signal ${passText(truth.signal)} passed (prompt ${passText(truth.prompt)}, non-prompt ${passText(truth.nonprompt)}), background ${passText(truth.background)} passed${truth.other.rows > 0 ? `, other values ${passText(truth.other)}` : ''}.`,
    );
  }
  for (const comparison of report.frameworkScores ?? []) {
    lines.push(
      comparison.maxAbsDifference === null
        ? `${comparison.score} vs ${comparison.column}: no row to compare (${comparison.absent} rows are -999).`
        : `${comparison.score} vs ${comparison.column}: ${comparison.compared} rows compared, largest difference ${comparison.maxAbsDifference.toPrecision(3)} at row ${comparison.rowOfMax} (ours ${comparison.oursAtMax}, framework ${comparison.theirsAtMax}), mean ${comparison.meanAbsDifference!.toPrecision(3)}${comparison.absent > 0 ? `; ${comparison.absent} rows are -999` : ''}.`,
    );
  }
  const dynamic = report.bins.filter((bin) => bin.batchMadeDynamic).map((bin) => bin.index);
  if (dynamic.length > 0) {
    lines.push(
      `The models of bin${dynamic.length === 1 ? '' : 's'} ${dynamic.join(', ')} declare a batch of 1; they ran on batches with the batch dimension made dynamic in memory.`,
    );
  }
  if (report.configErrors.length > 0) {
    lines.push('', 'The framework would stop the task on these config errors:');
    lines.push(...report.configErrors.map((error) => `  ${error}`));
  }
  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:', ...report.warnings.map((warning) => `  ${warning}`));
  }
  return lines;
}

function binRow(bin: BinReport, withTruth: boolean): string[] {
  const row = [
    String(bin.index),
    bin.label,
    String(bin.rows),
    String(bin.passed),
    percent(bin.passRate),
  ];
  if (withTruth) row.push(passText(bin.truth?.signal), passText(bin.truth?.background));
  row.push(bin.cuts.map((cut) => cut.text.replace(/^keeps /, '')).join('; '));
  return row;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const numeric = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        if (column === cells.length - 1) return cell;
        return numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
