import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import {
  InferenceCancelledError,
  runInference,
  type InferenceReport,
} from '../../../server/src/core/inference';
import { buildFixtures } from '../../support/onnx';
import {
  FIXTURE_FEATURES,
  sampleColumns,
  temporaryFolder,
  writeConfigAndModels,
  writeCsv,
  writeParquet,
  type Columns,
} from './fixtures';
import { referenceCounts, type ReferenceCounts } from './reference';

const ROWS = 3000;

async function dqml(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(args, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    packageRoot: join(__dirname, '..', '..', '..'),
    version: 'test',
  });
  return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

async function inferJson(args: string[]): Promise<InferenceReport> {
  const result = await dqml(['infer', ...args, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as InferenceReport;
}

function assertMatchesReference(report: InferenceReport, reference: ReferenceCounts): void {
  assert.equal(report.complete, true);
  assert.equal(report.total, reference.total, 'total');
  assert.equal(report.dropped, reference.dropped, 'dropped');
  assert.equal(report.passed, reference.passed, 'passed');
  assert.equal(report.bins.length, reference.bins.length, 'bin count');
  report.bins.forEach((bin, index) => {
    assert.equal(bin.index, index);
    assert.equal(bin.rows, reference.bins[index].rows, `rows of bin ${index}`);
    assert.equal(bin.passed, reference.bins[index].passed, `passed of bin ${index}`);
  });
}

function withoutTiming(report: InferenceReport): unknown {
  return {
    ...report,
    seconds: 0,
    samplePath: '',
    sampleFormat: '',
    sampleDescription: '',
    rowsInSample: 0,
    warnings: [],
  };
}

describe('dqml infer', () => {
  let dir: string;
  let remove: () => void;
  let columns: Columns;

  beforeEach(() => {
    ({ dir, remove } = temporaryFolder());
    columns = sampleColumns(ROWS);
  });
  afterEach(() => remove());

  it('binary counts equal per-row reference', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const sample = join(dir, 'sample.csv');
    writeCsv(sample, columns);
    const report = await inferJson([config, sample]);
    const reference = await referenceCounts(config, columns);
    assertMatchesReference(report, reference);
    assert.ok(reference.dropped > 0, 'the sample has rows in no bin');
    assert.ok(reference.passed > 0, 'some rows pass');
    assert.ok(reference.passed < reference.total - reference.dropped, 'some rows fail');
    assert.deepEqual(
      report.bins.map((bin) => bin.label),
      [
        'kCentFT0C_cent0_30_pt0.0_2.0',
        'kCentFT0C_cent0_30_pt2.0_6.0',
        'kCentFT0C_cent20_60_pt1.0_3.0',
        'kCentFT0C_cent20_60_pt4.0_8.0',
      ],
    );
  });

  it('multiclass counts equal per-row reference', async () => {
    const config = writeConfigAndModels(dir, { type: 'MultiClass' });
    const sample = join(dir, 'sample.parquet');
    await writeParquet(sample, columns);
    const report = await inferJson([config, sample]);
    assertMatchesReference(report, await referenceCounts(config, columns));
    assert.equal(report.modelType, 'MultiClass');
    assert.deepEqual(
      report.bins[0].scores.map((histogram) => histogram.score),
      ['kBdtBackground', 'kBdtPrompt', 'kBdtNonprompt'],
    );
  });

  it('CSV and Parquet codecs give identical reports', async () => {
    const config = writeConfigAndModels(dir, { type: 'MultiClass' });
    const csv = join(dir, 'sample.csv');
    writeCsv(csv, columns, { crlf: true });
    const reports = [await inferJson([config, csv])];
    for (const codec of ['SNAPPY', 'GZIP', 'ZSTD', 'UNCOMPRESSED'] as const) {
      const path = join(dir, `sample-${codec}.parquet`);
      await writeParquet(path, columns, { codec, rowGroupSize: 700 });
      reports.push(await inferJson([config, path]));
    }
    for (const report of reports.slice(1)) {
      assert.deepEqual(withoutTiming(report), withoutTiming(reports[0]), report.samplePath);
    }
  });

  it('format told by content, not extension', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const parquetNamedCsv = join(dir, 'sample.csv');
    await writeParquet(parquetNamedCsv, columns, { codec: 'GZIP' });
    const csvNamedParquet = join(dir, 'sample.parquet.gzip');
    writeCsv(csvNamedParquet, columns);
    const fromParquet = await inferJson([config, parquetNamedCsv]);
    const fromCsv = await inferJson([config, csvNamedParquet]);
    assert.equal(fromParquet.sampleFormat, 'parquet');
    assert.equal(fromCsv.sampleFormat, 'csv');
    assert.deepEqual(withoutTiming(fromParquet), withoutTiming(fromCsv));
  });

  it('score equal to cut passes both ways', async () => {
    const base = writeConfigAndModels(dir, { type: 'Binary' });
    const reference = await referenceCounts(base, columns);
    const [row, scores] = [...reference.scores.entries()][10];
    // Every bin gets the row's score as its cut, so the row sits exactly on its bin's cut.
    const cuts = [0, 1, 2, 3].map(() => [scores[0]]);
    for (const exclude of [true, false]) {
      const config = writeConfigAndModels(dir, { type: 'Binary', cuts, exclude: [exclude] });
      const single = pickRows(columns, [row]);
      const report = await inferJson([config, writeSample(dir, single)]);
      assert.equal(report.total, 1);
      assert.equal(report.passed, 1, `exclude ${exclude}: a score equal to the cut passes`);
      assertMatchesReference(report, await referenceCounts(config, single));
    }
  });

  it('counts NaN and infinite inputs', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const report = await inferJson([config, writeSample(dir, columns)]);
    const reference = await referenceCounts(config, columns);
    const nonFinite = [...reference.scores.keys()].filter((row) =>
      FIXTURE_FEATURES.some((feature) => !Number.isFinite(columns[`f${feature.slice(1)}`][row])),
    ).length;
    assert.ok(nonFinite > 0, 'some scored rows have a non-finite feature');
    assert.equal(report.nonFiniteInputRows, nonFinite);
    assert.equal(
      report.bins.reduce((sum, bin) => sum + bin.nonFiniteInputRows, 0),
      nonFinite,
    );
    const droppedNonFinite = Array.from(columns.fPt).filter(
      (pt, row) => !Number.isFinite(pt) || !Number.isFinite(columns.fCentFT0C[row]),
    ).length;
    assert.equal(report.droppedNonFinite, droppedNonFinite);
  });

  it('splits pass rates by fMcDecision', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const report = await inferJson([config, writeSample(dir, columns)]);
    const reference = await referenceCounts(config, columns);
    const expected = { background: [0, 0], prompt: [0, 0], nonprompt: [0, 0] };
    const names = ['background', 'prompt', 'nonprompt'] as const;
    const cuts = readCuts(config);
    for (const [row, scores] of reference.scores) {
      const truth = names[columns.fMcDecision[row]];
      expected[truth][0]++;
      if (scores[0] <= cuts[0]) expected[truth][1]++;
    }
    assert.equal(report.truthColumn, 'fMcDecision');
    for (const name of names) {
      assert.equal(report.truth![name].rows, expected[name][0], `${name} rows`);
      assert.equal(report.truth![name].passed, expected[name][1], `${name} passed`);
    }
    assert.equal(report.truth!.signal.rows, expected.prompt[0] + expected.nonprompt[0]);
  });

  it('compares with framework score columns', async () => {
    const config = writeConfigAndModels(dir, { type: 'MultiClass' });
    const reference = await referenceCounts(config, columns);
    const scored = [...reference.scores.keys()];
    const framework = ['fBdtBackground', 'fBdtPrompt', 'fBdtNonprompt'].map(() =>
      new Float32Array(ROWS).fill(-999),
    );
    for (const [row, scores] of reference.scores) {
      scores.forEach((score, position) => (framework[position][row] = score));
    }
    const absentRow = scored[0];
    const shiftedRow = scored[5];
    framework[1][absentRow] = -999;
    framework[2][shiftedRow] += 0.25;
    const withScores: Columns = {
      ...columns,
      fBdtBackground: framework[0],
      fBdtPrompt: framework[1],
      fBdtNonprompt: framework[2],
    };
    const report = await inferJson([config, writeSample(dir, withScores)]);
    const [background, prompt, nonprompt] = report.frameworkScores!;
    assert.equal(background.column, 'fBdtBackground');
    assert.equal(background.compared, scored.length);
    assert.equal(background.maxAbsDifference, 0);
    assert.equal(prompt.absent, 1);
    assert.equal(prompt.compared, scored.length - 1);
    assert.equal(nonprompt.rowOfMax, shiftedRow);
    assert.ok(Math.abs(nonprompt.maxAbsDifference! - 0.25) < 1e-6);
  });

  it('fixed centrality when the column is absent', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const withoutCentrality = { ...columns };
    delete withoutCentrality.fCentFT0C;
    const sample = writeSample(dir, withoutCentrality);
    const failed = await dqml(['infer', config, sample]);
    assert.equal(failed.status, 2);
    assert.match(failed.stderr, /kCentFT0C \(no column fCentFT0C or kCentFT0C/);
    assert.match(failed.stderr, /--centrality VALUE/);
    const report = await inferJson([config, sample, '--centrality', '25']);
    assert.deepEqual(report.centrality, { source: 'fixed', value: 25 });
    assertMatchesReference(report, await referenceCounts(config, columns, { centrality: 25 }));
  });

  it('fixed centrality replaces the column', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const report = await inferJson([config, writeSample(dir, columns), '--centrality', '45']);
    assert.deepEqual(report.centrality, {
      source: 'fixed',
      value: 45,
      ignoredColumn: 'fCentFT0C',
    });
    assert.ok(report.warnings.some((warning) => warning.includes('fCentFT0C was not read')));
    assertMatchesReference(report, await referenceCounts(config, columns, { centrality: 45 }));
  });

  it('missing columns listed with the file columns', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const renamed: Columns = {
      inv_mass: columns.fMass,
      pt_pair: columns.fPt,
      fTPCNSigmaEl1: columns.fTPCNSigmaEl1,
      nsigma2: columns.fTPCNSigmaEl2,
      centrality: columns.fCentFT0C,
    };
    const sample = writeSample(dir, renamed);
    const failed = await dqml(['infer', config, sample]);
    assert.equal(failed.status, 2);
    assert.ok(failed.stderr.includes(sample), 'names the file');
    for (const missing of [
      'kMass (no column kMass or fMass)',
      'kPt',
      'kTPCNSigmaEl2',
      'kCentFT0C',
    ]) {
      assert.ok(failed.stderr.includes(missing), `lists ${missing}`);
    }
    assert.match(failed.stderr, /inv_mass, pt_pair, fTPCNSigmaEl1, nsigma2, centrality/);
    const report = await inferJson([
      config,
      sample,
      '--map',
      'kMass=inv_mass,kPt=pt_pair',
      '--map',
      'kTPCNSigmaEl2=nsigma2,kCentFT0C=centrality',
    ]);
    assert.deepEqual(
      report.features.map((entry) => entry.column),
      ['inv_mass', 'pt_pair', 'fTPCNSigmaEl1', 'nsigma2'],
    );
    assertMatchesReference(report, await referenceCounts(config, columns));
  });

  it('limit reads the first rows', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const report = await inferJson([config, writeSample(dir, columns), '--limit', '500']);
    assert.equal(report.limit, 500);
    assertMatchesReference(report, await referenceCounts(config, columns, { limit: 500 }));
  });

  it('batch of 1 made dynamic', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const fixtures = buildFixtures(FIXTURE_FEATURES);
    writeFileSync(join(dir, 'model_bin3.onnx'), fixtures['dynamic-width'].bytes);
    const report = await inferJson([config, writeSample(dir, columns)]);
    assert.deepEqual(
      report.bins.map((bin) => bin.batchMadeDynamic),
      [true, true, true, false],
    );
    assertMatchesReference(report, await referenceCounts(config, columns));
  });

  it('readable table', async () => {
    const config = writeConfigAndModels(dir, { type: 'Binary' });
    const result = await dqml(['infer', config, writeSample(dir, columns)]);
    assert.equal(result.status, 0, result.stderr);
    const reference = await referenceCounts(config, columns);
    const lines = result.stdout.split('\n');
    const row = lines.find((line) => line.startsWith('0    kCentFT0C_cent0_30_pt0.0_2.0'));
    assert.ok(row, result.stdout);
    const cells = row.split(/\s{2,}/);
    assert.equal(cells[2], String(reference.bins[0].rows));
    assert.equal(cells[3], String(reference.bins[0].passed));
    assert.ok(
      result.stdout.includes(`${reference.dropped} dropped in no bin`),
      'prints the dropped rows',
    );
  });

  describe('errors exit 2', () => {
    it('ZipMap model', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      writeFileSync(join(dir, 'model_bin1.onnx'), buildFixtures().zipmap.bytes);
      const result = await dqml(['infer', config, writeSample(dir, columns)]);
      assert.equal(result.status, 2);
      assert.ok(result.stderr.includes(join(dir, 'model_bin1.onnx')), result.stderr);
      assert.match(result.stderr, /ZipMap/);
      assert.match(result.stderr, /without ZipMap/);
      assert.equal(result.stdout, '', 'no partial report');
    });

    it('model with two inputs', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      writeFileSync(join(dir, 'model_bin0.onnx'), buildFixtures()['two-inputs'].bytes);
      const result = await dqml(['infer', config, writeSample(dir, columns)]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /has 2 inputs \(input, weight\)/);
    });

    it('model of the wrong width', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      writeFileSync(join(dir, 'model_bin2.onnx'), buildFixtures()['wrong-width'].bytes);
      const result = await dqml(['infer', config, writeSample(dir, columns)]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /expects 5 input features, but "inputFeatures" lists 4/);
    });

    it('truncated model', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      writeFileSync(join(dir, 'model_bin0.onnx'), buildFixtures().truncated.bytes);
      const result = await dqml(['infer', config, writeSample(dir, columns)]);
      assert.equal(result.status, 2);
      assert.ok(result.stderr.includes('model_bin0.onnx'), result.stderr);
    });

    it('missing model file', async () => {
      const config = writeConfigAndModels(dir, {
        type: 'Binary',
        modelFiles: ['a.onnx', 'b.onnx', 'c.onnx', 'd.onnx'],
      });
      const result = await dqml(['infer', config, writeSample(dir, columns)]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /Model file a\.onnx of bin 0 .* not found/);
      assert.match(result.stderr, /model search paths/);
    });

    it('unsupported sample', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      const sample = join(dir, 'sample.csv.gz');
      writeFileSync(sample, new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]));
      const result = await dqml(['infer', config, sample]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /is a gzip archive/);
    });

    it('empty sample', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      const sample = join(dir, 'empty.csv');
      writeFileSync(sample, '');
      const result = await dqml(['infer', config, sample]);
      assert.equal(result.status, 2);
      assert.ok(result.stderr.includes(`${sample} is empty`), result.stderr);
    });

    it('unreadable sample', async () => {
      const config = writeConfigAndModels(dir, { type: 'Binary' });
      const result = await dqml(['infer', config, join(dir, 'nope.parquet')]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /nope\.parquet: file not found/);
    });

    it('config the framework cannot run', async () => {
      const config = join(dir, 'bdtCut.json');
      writeFileSync(config, JSON.stringify({ BDTCut: { type: 'Ternary', inputFeatures: [] } }));
      const result = await dqml(['infer', config, writeSample(dir, columns)]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /"type" must be "Binary" or "MultiClass"/);
    });
  });
});

describe('runInference', () => {
  let dir: string;
  let remove: () => void;
  let columns: Columns;

  beforeEach(() => {
    ({ dir, remove } = temporaryFolder());
    columns = sampleColumns(ROWS);
  });
  afterEach(() => remove());

  it('reports progress up to 1', async () => {
    const configPath = writeConfigAndModels(dir, { type: 'Binary' });
    const samplePath = join(dir, 'sample.parquet');
    await writeParquet(samplePath, columns, { rowGroupSize: 500 });
    const fractions: number[] = [];
    const report = await runInference({
      configPath,
      samplePath,
      chunkRows: 500,
      onProgress: (progress) => fractions.push(progress.fraction),
    });
    assert.equal(report.total, ROWS);
    assert.ok(fractions.length >= 6, `progress ${fractions.length} times`);
    assert.ok(
      fractions.every((fraction, index) => index === 0 || fraction > fractions[index - 1]),
      'increases',
    );
    assert.equal(fractions.at(-1), 1);
  });

  it('cancel gives an incomplete report', async () => {
    const configPath = writeConfigAndModels(dir, { type: 'Binary' });
    const samplePath = join(dir, 'sample.csv');
    writeCsv(samplePath, columns);
    const controller = new AbortController();
    await assert.rejects(
      runInference({
        configPath,
        samplePath,
        chunkRows: 400,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
      (error: unknown) => {
        assert.ok(error instanceof InferenceCancelledError);
        assert.equal(error.partial.complete, false);
        assert.equal(error.partial.total, 400);
        assert.match(error.message, /not complete/);
        return true;
      },
    );
  });

  it('accepts unsaved config text', async () => {
    const configPath = writeConfigAndModels(dir, { type: 'Binary' });
    const samplePath = writeSample(dir, columns);
    const saved = await runInference({ configPath, samplePath });
    const text = readFileSync(configPath, 'utf8').replace(/"cut": 0\.45/g, '"cut": 0.9');
    const edited = await runInference({ configPath, samplePath, configText: text });
    assert.equal(edited.total, saved.total);
    assert.notEqual(edited.passed, saved.passed);
  });
});

function writeSample(dir: string, columns: Columns): string {
  const path = join(dir, `sample-${Object.keys(columns).length}-${columns.fMass?.length ?? 0}.csv`);
  writeCsv(path, columns);
  return path;
}

function pickRows(columns: Columns, rows: number[]): Columns {
  const picked: Columns = {};
  for (const [name, values] of Object.entries(columns)) {
    const Type = values instanceof Int32Array ? Int32Array : Float32Array;
    picked[name] = new Type(rows.map((row) => values[row]));
  }
  return picked;
}

function readCuts(configPath: string): number[] {
  const text = readFileSync(configPath, 'utf8');
  const match = /"cut": ([0-9.]+)/.exec(text);
  return [Number(match![1])];
}
