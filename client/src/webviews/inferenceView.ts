/**
 * Turns a quick inference report into what the report webview shows: formatted counts and
 * rates, and per bin and class the histogram series with the cut. Free of the VS Code API
 * so unit tests run it in Node.
 */
import type {
  BinReport,
  CentralitySource,
  InferenceReport,
  PassCount,
  ScoreComparison,
  ScoreHistogram,
  TruthCounts,
} from '../../../server/src/core/inference/types';

export interface HistogramSeries {
  /** `all pairs`, or a truth class: `signal`, `background`, `other`. */
  name: string;
  counts: number[];
}

export interface HistogramView {
  score: string;
  /** E.g. `kBdtBackground: keeps score ≤ 0.25`. */
  title: string;
  /** Bin edges over [0, 1], one more than the counts of each series. */
  edges: number[];
  /** Stacked in this order: signal, background and other when the sample has truth. */
  series: HistogramSeries[];
  cut: number | null;
  keep: 'below' | 'above';
  /** E.g. `1,234 of 2,000 pass this cut alone`. */
  passedCut: string;
  /** Scores outside the histogram, e.g. `3 NaN`; empty when there are none. */
  outside: string;
}

export interface TruthRates {
  signal: string;
  background: string;
}

export interface BinView {
  index: number;
  label: string;
  /** E.g. `centrality 0–10 %, pT 0–3 GeV/c`. */
  ranges: string;
  modelFile: string;
  cuts: string[];
  rows: string;
  passed: string;
  passRate: string;
  passRateValue: number | null;
  truth?: TruthRates;
  notes: string[];
  histograms: HistogramView[];
}

export interface ComparisonRow {
  score: string;
  column: string;
  compared: string;
  absent: string;
  maxDifference: string;
  meanDifference: string;
  /** Row of the largest difference with both scores, e.g. `row 17: ours 0.31, framework 0.30`. */
  where: string;
}

export interface InferenceView {
  title: string;
  complete: boolean;
  /** One sentence on whether the counts cover the whole sample. */
  status: string;
  /** Label and value pairs about the run: config, sample, columns, time. */
  facts: Array<[string, string]>;
  totals: {
    rows: string;
    dropped: string;
    passed: string;
    passRate: string;
  };
  truth?: TruthRates;
  bins: BinView[];
  comparison: ComparisonRow[];
  configErrors: string[];
  warnings: string[];
}

/** Formats a count with thousands separators, e.g. `20,000`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** Formats a share as a percentage with one decimal; null (no rows) is `–`. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  if (rate > 0 && rate < 0.0005) return '< 0.1 %';
  return `${(rate * 100).toFixed(1)} %`;
}

function formatPassCount(count: PassCount): string {
  return `${formatRate(count.passRate)} (${formatCount(count.passed)} of ${formatCount(count.rows)})`;
}

function truthRates(truth: TruthCounts | undefined): TruthRates | undefined {
  if (!truth) return undefined;
  return { signal: formatPassCount(truth.signal), background: formatPassCount(truth.background) };
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function describeCentrality(source: CentralitySource, estimator: string): string {
  if (source.source === 'column') return `column ${source.column} (${estimator})`;
  const ignored = source.ignoredColumn ? `, replacing column ${source.ignoredColumn}` : '';
  return `${source.value} % for every row${ignored}`;
}

function describeStatus(report: InferenceReport): string {
  if (report.complete) {
    const limit = report.limit !== undefined ? ` (limit ${formatCount(report.limit)})` : '';
    return `Complete: ${formatCount(report.total)} rows read${limit}.`;
  }
  return `INCOMPLETE: the run was cancelled after ${formatCount(report.total)} rows, so every count covers only those rows.`;
}

/** Builds the view of a whole report. */
export function inferenceView(report: InferenceReport): InferenceView {
  const facts: Array<[string, string]> = [
    ['Config', report.configPath],
    ['Sample', `${report.samplePath} (${report.sampleFormat}: ${report.sampleDescription})`],
    ['Selection', `${report.selection}, ${report.modelType}`],
    ['Centrality', describeCentrality(report.centrality, report.estimator)],
    ['pT', `column ${report.ptColumn}`],
    ['Features', report.features.map(({ feature, column }) => `${feature} ← ${column}`).join(', ')],
  ];
  if (report.truthColumn) facts.push(['Truth', `column ${report.truthColumn}`]);
  if (report.rowsInSample !== undefined) {
    facts.push(['Rows in sample', formatCount(report.rowsInSample)]);
  }
  facts.push(['Time', `${report.seconds.toFixed(2)} s`]);

  const dropped =
    report.droppedNonFinite > 0
      ? `${formatCount(report.dropped)} (${formatCount(report.droppedNonFinite)} with NaN or infinite centrality or pT)`
      : formatCount(report.dropped);
  return {
    title: `Quick inference: ${fileName(report.configPath)} on ${fileName(report.samplePath)}`,
    complete: report.complete,
    status: describeStatus(report),
    facts,
    totals: {
      rows: formatCount(report.total),
      dropped,
      passed: formatCount(report.passed),
      passRate: formatRate(report.passRate),
    },
    truth: truthRates(report.truth),
    bins: report.bins.map((bin) => binView(bin, report.histogramBins)),
    comparison: (report.frameworkScores ?? []).map(comparisonRow),
    configErrors: report.configErrors,
    warnings: report.warnings,
  };
}

function binView(bin: BinReport, histogramBins: number): BinView {
  const notes: string[] = [];
  if (bin.batchMadeDynamic) {
    notes.push('The model declares a batch of 1; it ran with a dynamic batch made in memory.');
  }
  if (bin.nonFiniteInputRows > 0) {
    notes.push(
      `${formatCount(bin.nonFiniteInputRows)} rows have a NaN or infinite feature value and were scored as they are.`,
    );
  }
  return {
    index: bin.index,
    label: bin.label,
    ranges: `centrality ${bin.centrality[0]}–${bin.centrality[1]} %, pT ${bin.pt[0]}–${bin.pt[1]} GeV/c`,
    modelFile: bin.modelFile,
    cuts: bin.cuts.map((cut) => `${cut.score}: ${cut.text}`),
    rows: formatCount(bin.rows),
    passed: formatCount(bin.passed),
    passRate: formatRate(bin.passRate),
    passRateValue: bin.passRate,
    truth: truthRates(bin.truth),
    notes,
    histograms: bin.scores.map((histogram) => histogramView(histogram, bin.rows, histogramBins)),
  };
}

/** Edges of `count` equal bins over [0, 1]. */
export function histogramEdges(count: number): number[] {
  return Array.from({ length: count + 1 }, (_, index) => index / count);
}

function histogramView(histogram: ScoreHistogram, rows: number, bins: number): HistogramView {
  const series: HistogramSeries[] = [];
  if (histogram.byTruth) {
    const { background, prompt, nonprompt, other } = histogram.byTruth;
    series.push({ name: 'signal', counts: prompt.map((count, index) => count + nonprompt[index]) });
    series.push({ name: 'background', counts: [...background] });
    if (other.some((count) => count > 0)) series.push({ name: 'other', counts: [...other] });
  } else {
    series.push({ name: 'all pairs', counts: [...histogram.counts] });
  }
  const outside = [
    histogram.underflow > 0 ? `${formatCount(histogram.underflow)} below 0` : '',
    histogram.overflow > 0 ? `${formatCount(histogram.overflow)} above 1` : '',
    histogram.nan > 0 ? `${formatCount(histogram.nan)} NaN` : '',
  ].filter(Boolean);
  const keepText = histogram.keep === 'below' ? '≤' : '≥';
  const title =
    histogram.cut === null
      ? `${histogram.score}: no cut`
      : `${histogram.score}: keeps score ${keepText} ${histogram.cut}`;
  return {
    score: histogram.score,
    title,
    edges: histogramEdges(bins),
    series,
    cut: histogram.cut,
    keep: histogram.keep,
    passedCut: `${formatCount(histogram.passedCut)} of ${formatCount(rows)} pass this cut alone`,
    outside: outside.length > 0 ? `Outside the plot: ${outside.join(', ')}.` : '',
  };
}

function formatScore(value: number | null): string {
  return value === null ? '–' : value.toPrecision(6);
}

function comparisonRow(comparison: ScoreComparison): ComparisonRow {
  const where =
    comparison.rowOfMax === null
      ? '–'
      : `row ${comparison.rowOfMax}: ours ${formatScore(comparison.oursAtMax)}, framework ${formatScore(comparison.theirsAtMax)}`;
  const difference = (value: number | null) => (value === null ? '–' : value.toExponential(2));
  return {
    score: comparison.score,
    column: comparison.column,
    compared: formatCount(comparison.compared),
    absent: formatCount(comparison.absent),
    maxDifference: difference(comparison.maxAbsDifference),
    meanDifference: difference(comparison.meanAbsDifference),
    where,
  };
}
