import type { NumericArray } from '../samples/types';
import type { PlannedBin } from './plan';
import type {
  BinReport,
  PassCount,
  ScoreComparison,
  ScoreHistogram,
  TruthClass,
  TruthCounts,
} from './types';

/** Marks a class the framework did not score in the DielectronsMls score columns. */
export const ABSENT_SCORE = -999;

const TRUTH_CLASSES: readonly TruthClass[] = ['background', 'prompt', 'nonprompt', 'other'];

/** Maps fMcDecision to a truth class index: 0 background, 1 prompt, 2 non-prompt, 3 other. */
function truthIndex(value: number): number {
  return value === 0 || value === 1 || value === 2 ? value : 3;
}

/** Applies a cut with the framework's comparison: a score equal to the cut passes. */
export function passesCut(score: number, cut: number, exclude: boolean): boolean {
  // The framework rejects score > cut (exclude) or score < cut; a NaN score is rejected by neither.
  return exclude ? !(score > cut) : !(score < cut);
}

class ClassStats {
  readonly counts: Uint32Array;
  readonly byTruth: Uint32Array[] | undefined;
  underflow = 0;
  overflow = 0;
  nan = 0;
  sum = 0;
  finite = 0;
  min = Infinity;
  max = -Infinity;
  passedCut = 0;

  constructor(
    readonly bins: number,
    withTruth: boolean,
  ) {
    this.counts = new Uint32Array(bins);
    this.byTruth = withTruth ? TRUTH_CLASSES.map(() => new Uint32Array(bins)) : undefined;
  }

  add(score: number, truth: number): void {
    if (score !== score) {
      this.nan++;
      return;
    }
    this.finite++;
    this.sum += score;
    if (score < this.min) this.min = score;
    if (score > this.max) this.max = score;
    if (score < 0) {
      this.underflow++;
      return;
    }
    if (score > 1) {
      this.overflow++;
      return;
    }
    const bin = Math.min(this.bins - 1, Math.floor(score * this.bins));
    this.counts[bin]++;
    if (this.byTruth && truth >= 0) this.byTruth[truth][bin]++;
  }
}

/** Running sums of one framework score column against ours. */
class Comparison {
  compared = 0;
  absent = 0;
  sumAbs = 0;
  maxAbs = -1;
  rowOfMax = -1;
  oursAtMax = NaN;
  theirsAtMax = NaN;

  constructor(
    readonly position: number,
    readonly score: string,
    readonly column: string,
  ) {}

  add(row: number, ours: number, theirs: number): void {
    if (theirs === ABSENT_SCORE) {
      this.absent++;
      return;
    }
    const difference = Math.abs(ours - theirs);
    if (difference !== difference) return;
    this.compared++;
    this.sumAbs += difference;
    if (difference > this.maxAbs) {
      this.maxAbs = difference;
      this.rowOfMax = row;
      this.oursAtMax = ours;
      this.theirsAtMax = theirs;
    }
  }

  report(): ScoreComparison {
    const any = this.compared > 0;
    return {
      position: this.position,
      score: this.score,
      column: this.column,
      compared: this.compared,
      absent: this.absent,
      maxAbsDifference: any ? this.maxAbs : null,
      rowOfMax: any ? this.rowOfMax : null,
      oursAtMax: any ? this.oursAtMax : null,
      theirsAtMax: any ? this.theirsAtMax : null,
      meanAbsDifference: any ? this.sumAbs / this.compared : null,
    };
  }
}

/** The scored rows of one bin within one chunk. */
export interface ScoredRows {
  /** Row positions within the chunk. */
  rows: Int32Array;
  /** Index of the chunk's first row in the sample. */
  rowStart: number;
  /** Scores, `width` values per row; the first `classCount` are the framework's scores. */
  scores: Float32Array;
  width: number;
  nonFiniteInputRows: number;
  truth?: NumericArray;
  frameworkScores: Array<NumericArray | undefined>;
}

/** Counts, histograms and comparisons of one bin, added to chunk by chunk. */
export class BinStats {
  rows = 0;
  passed = 0;
  nonFiniteInputRows = 0;
  private readonly classes: ClassStats[];
  private readonly truthRows = new Float64Array(4);
  private readonly truthPassed = new Float64Array(4);
  readonly comparisons: Comparison[];

  constructor(
    readonly bin: PlannedBin,
    readonly classCount: number,
    readonly histogramBins: number,
    readonly withTruth: boolean,
    comparisonColumns: ReadonlyArray<{ position: number; score: string; column: string }>,
  ) {
    this.classes = Array.from(
      { length: classCount },
      () => new ClassStats(histogramBins, withTruth),
    );
    this.comparisons = comparisonColumns.map(
      (entry) => new Comparison(entry.position, entry.score, entry.column),
    );
  }

  add(scored: ScoredRows): void {
    const { rows, scores, width, truth } = scored;
    const cuts = this.bin.cuts;
    this.rows += rows.length;
    this.nonFiniteInputRows += scored.nonFiniteInputRows;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const truthClass = truth ? truthIndex(truth[row]) : -1;
      let pass = true;
      for (let position = 0; position < this.classCount; position++) {
        const score = scores[k * width + position];
        const stats = this.classes[position];
        stats.add(score, truthClass);
        const cut = cuts[position];
        const passed = passesCut(score, cut.cut, cut.exclude);
        if (passed) stats.passedCut++;
        else pass = false;
      }
      if (pass) this.passed++;
      if (truthClass >= 0) {
        this.truthRows[truthClass]++;
        if (pass) this.truthPassed[truthClass]++;
      }
      for (const comparison of this.comparisons) {
        const theirs = scored.frameworkScores[comparison.position];
        if (theirs) {
          comparison.add(
            scored.rowStart + row,
            scores[k * width + comparison.position],
            theirs[row],
          );
        }
      }
    }
  }

  truthCounts(): TruthCounts | undefined {
    if (!this.withTruth) return undefined;
    return truthCountsFrom(this.truthRows, this.truthPassed);
  }

  /** Adds this bin's truth counts into running totals. */
  addTruthTo(rows: Float64Array, passed: Float64Array): void {
    for (let index = 0; index < 4; index++) {
      rows[index] += this.truthRows[index];
      passed[index] += this.truthPassed[index];
    }
  }

  report(modelPath: string, batchMadeDynamic: boolean): BinReport {
    const bin = this.bin;
    return {
      index: bin.index,
      label: bin.label,
      centrality: [bin.centMin, bin.centMax],
      pt: [bin.ptMin, bin.ptMax],
      modelFile: bin.modelFile,
      modelPath,
      batchMadeDynamic,
      cuts: bin.cuts,
      rows: this.rows,
      passed: this.passed,
      passRate: rate(this.passed, this.rows),
      nonFiniteInputRows: this.nonFiniteInputRows,
      scores: this.classes.map((stats, position) => histogramReport(stats, position, bin)),
      ...(this.withTruth ? { truth: this.truthCounts() } : {}),
    };
  }
}

function histogramReport(stats: ClassStats, position: number, bin: PlannedBin): ScoreHistogram {
  const cut = bin.cuts[position];
  const histogram: ScoreHistogram = {
    position,
    score: cut.score,
    counts: Array.from(stats.counts),
    underflow: stats.underflow,
    overflow: stats.overflow,
    nan: stats.nan,
    min: stats.finite > 0 ? stats.min : null,
    max: stats.finite > 0 ? stats.max : null,
    mean: stats.finite > 0 ? stats.sum / stats.finite : null,
    cut: cut.cut,
    keep: cut.exclude ? 'below' : 'above',
    passedCut: stats.passedCut,
  };
  if (stats.byTruth) {
    const [background, prompt, nonprompt, other] = stats.byTruth.map((counts) =>
      Array.from(counts),
    );
    histogram.byTruth = { background, prompt, nonprompt, other };
  }
  return histogram;
}

export function rate(passed: number, rows: number): number | null {
  return rows > 0 ? passed / rows : null;
}

function passCount(rows: number, passed: number): PassCount {
  return { rows, passed, passRate: rate(passed, rows) };
}

export function truthCountsFrom(rows: Float64Array, passed: Float64Array): TruthCounts {
  return {
    background: passCount(rows[0], passed[0]),
    prompt: passCount(rows[1], passed[1]),
    nonprompt: passCount(rows[2], passed[2]),
    signal: passCount(rows[1] + rows[2], passed[1] + passed[2]),
    other: passCount(rows[3], passed[3]),
  };
}

/** Merges the comparisons of all bins into one per score. */
export function mergeComparisons(stats: readonly BinStats[]): ScoreComparison[] {
  const first = stats[0]?.comparisons ?? [];
  return first.map((template, index) => {
    const merged = new Comparison(template.position, template.score, template.column);
    for (const bin of stats) {
      const part = bin.comparisons[index];
      merged.compared += part.compared;
      merged.absent += part.absent;
      merged.sumAbs += part.sumAbs;
      if (part.maxAbs > merged.maxAbs) {
        merged.maxAbs = part.maxAbs;
        merged.rowOfMax = part.rowOfMax;
        merged.oursAtMax = part.oursAtMax;
        merged.theirsAtMax = part.theirsAtMax;
      }
    }
    return merged.report();
  });
}
