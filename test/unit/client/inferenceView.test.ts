import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatCount,
  formatRate,
  histogramEdges,
  inferenceView,
} from '../../../client/src/webviews/inferenceView';
import { runInference, type InferenceReport } from '../../../server/src/core/inference';
import {
  sampleColumns,
  temporaryFolder,
  writeConfigAndModels,
  writeCsv,
  type Columns,
} from '../inference/fixtures';

const ROWS = 3000;

describe('inferenceView', () => {
  let folder: { dir: string; remove: () => void };
  let binary: InferenceReport;
  let multiClass: InferenceReport;

  before(async () => {
    folder = temporaryFolder('dqml-inference-view-');
    const columns: Columns = sampleColumns(ROWS, 5);
    const withoutTruth: Columns = { ...columns };
    delete withoutTruth.fMcDecision;
    const sample = join(folder.dir, 'sample.csv');
    writeCsv(sample, columns);
    const noTruthSample = join(folder.dir, 'no-truth.csv');
    writeCsv(noTruthSample, withoutTruth);

    const binaryDir = join(folder.dir, 'binary');
    const multiDir = join(folder.dir, 'multi');
    mkdirSync(binaryDir);
    mkdirSync(multiDir);
    const binaryConfig = writeConfigAndModels(binaryDir, { type: 'Binary' });
    const multiConfig = writeConfigAndModels(multiDir, { type: 'MultiClass' });
    binary = await runInference({ configPath: binaryConfig, samplePath: sample });
    multiClass = await runInference({ configPath: multiConfig, samplePath: noTruthSample });
  });

  after(() => folder.remove());

  it('formats totals of a complete run', () => {
    const view = inferenceView(binary);
    assert.equal(view.complete, true);
    assert.equal(view.status, `Complete: ${formatCount(ROWS)} rows read.`);
    assert.equal(view.totals.rows, formatCount(binary.total));
    assert.equal(view.totals.passed, formatCount(binary.passed));
    assert.equal(view.totals.passRate, formatRate(binary.passRate));
    assert.ok(view.totals.dropped.startsWith(formatCount(binary.dropped)), view.totals.dropped);
    assert.match(view.title, /^Quick inference: bdtCut\.json on sample\.csv$/);
  });

  it('keeps one view per bin', () => {
    const view = inferenceView(binary);
    assert.deepEqual(
      view.bins.map((bin) => bin.label),
      binary.bins.map((bin) => bin.label),
    );
    for (const [index, bin] of view.bins.entries()) {
      assert.equal(bin.rows, formatCount(binary.bins[index].rows));
      assert.equal(bin.passRateValue, binary.bins[index].passRate);
      assert.equal(bin.histograms.length, 1);
    }
    assert.equal(view.bins[0].ranges, 'centrality 0–30 %, pT 0–2 GeV/c');
  });

  it('splits histograms by truth', () => {
    const view = inferenceView(binary);
    assert.ok(view.truth, 'the sample has fMcDecision');
    for (const [index, bin] of view.bins.entries()) {
      const histogram = bin.histograms[0];
      const source = binary.bins[index].scores[0];
      assert.deepEqual(
        histogram.series.map((series) => series.name),
        ['signal', 'background'],
      );
      const stacked = histogram.series[0].counts.map(
        (count, position) => count + histogram.series[1].counts[position],
      );
      assert.deepEqual(stacked, source.counts, `bin ${index}: signal + background = all`);
      assert.equal(histogram.edges.length, source.counts.length + 1);
      assert.equal(histogram.cut, source.cut);
      assert.equal(histogram.keep, 'below');
      assert.match(histogram.title, /^kBdtBackground: keeps score ≤ 0\.45$/);
    }
  });

  it('shows one series without truth', () => {
    const view = inferenceView(multiClass);
    assert.equal(view.truth, undefined);
    const histograms = view.bins[0].histograms;
    assert.deepEqual(
      histograms.map((histogram) => histogram.score),
      ['kBdtBackground', 'kBdtPrompt', 'kBdtNonprompt'],
    );
    assert.deepEqual(
      histograms.map((histogram) => histogram.series.map((series) => series.name)),
      [['all pairs'], ['all pairs'], ['all pairs']],
    );
    assert.match(histograms[1].title, /keeps score ≥ 0\.2$/);
  });

  it('marks a cancelled run incomplete', () => {
    const view = inferenceView({ ...binary, complete: false, total: 1234 });
    assert.equal(view.complete, false);
    assert.match(view.status, /^INCOMPLETE: .* after 1,234 rows/);
  });

  it('names scores outside the plot', () => {
    const scores = [{ ...binary.bins[0].scores[0], underflow: 0, overflow: 2, nan: 3 }];
    const bins = [{ ...binary.bins[0], scores }];
    const view = inferenceView({ ...binary, bins });
    assert.equal(view.bins[0].histograms[0].outside, 'Outside the plot: 2 above 1, 3 NaN.');
  });

  it('describes a fixed centrality', () => {
    const view = inferenceView({
      ...binary,
      centrality: { source: 'fixed', value: 25, ignoredColumn: 'fCentFT0C' },
    });
    const centrality = view.facts.find(([label]) => label === 'Centrality');
    assert.deepEqual(centrality, ['Centrality', '25 % for every row, replacing column fCentFT0C']);
  });

  it('lists framework score comparisons', () => {
    const view = inferenceView({
      ...binary,
      frameworkScores: [
        {
          position: 0,
          score: 'kBdtBackground',
          column: 'fBdtBackground',
          compared: 1500,
          absent: 2,
          maxAbsDifference: 2.5e-7,
          rowOfMax: 17,
          oursAtMax: 0.3125,
          theirsAtMax: 0.31250025,
          meanAbsDifference: 1e-8,
        },
      ],
    });
    assert.deepEqual(view.comparison, [
      {
        score: 'kBdtBackground',
        column: 'fBdtBackground',
        compared: '1,500',
        absent: '2',
        maxDifference: '2.50e-7',
        meanDifference: '1.00e-8',
        where: 'row 17: ours 0.312500, framework 0.312500',
      },
    ]);
  });
});

describe('formatRate', () => {
  const cases: Array<[number | null, string]> = [
    [null, '–'],
    [0, '0.0 %'],
    [0.0001, '< 0.1 %'],
    [0.25, '25.0 %'],
    [1, '100.0 %'],
  ];
  for (const [rate, expected] of cases) {
    it(`formats ${rate}`, () => assert.equal(formatRate(rate), expected));
  }
});

describe('histogramEdges', () => {
  it('spans [0, 1] in equal bins', () => {
    assert.deepEqual(histogramEdges(4), [0, 0.25, 0.5, 0.75, 1]);
  });
});
