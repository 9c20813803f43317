/**
 * Quick inference throughput: the framework's way (one session.run per row), our pipeline
 * end to end (`runInference` on a Parquet file: config, models, reading, scoring, cuts),
 * and raw batched session.run on the same rows already in memory.
 *
 * Cases: the repository's examples on a generated 20k-row and 1M-row Parquet file, and, when
 * DQML_ACCEPTANCE_DIR is set, its O2Physics examples on its 20k-row DielectronsAll sample.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { analyzeConfig } from '../server/src/core/analyze';
import { runInference } from '../server/src/core/inference';
import { BinLookup } from '../server/src/core/inference/binLookup';
import { loadBinModel, type BinModel } from '../server/src/core/inference/model';
import { planInference, type InferencePlan } from '../server/src/core/inference/plan';
import { openSample } from '../server/src/core/samples';
import type { NumericArray } from '../server/src/core/samples/types';
import { summarize, type BenchResult } from './stats';

const ROOT = resolve(__dirname, '..');
const BATCH_ROWS = 65536;
/** Targets of the pipeline, end to end, against the two baselines. */
const TARGET_SPEEDUP_OVER_PER_ROW = 20;
const TARGET_SHARE_OF_RAW = 0.8;

interface Case {
  name: string;
  configPath: string;
  samplePath: string;
  runs: number;
  perRowRuns: number;
}

/** Rows of a sample in memory, as the baselines use them. */
interface LoadedRows {
  count: number;
  features: NumericArray[];
  centrality: NumericArray;
  pt: NumericArray;
}

/** Writes a Parquet file of `rows` pairs with every column the config reads. */
async function writeSample(path: string, configPath: string, rows: number, seed: number) {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const features = JSON.parse(readFileSync(configPath, 'utf8')).BDTCut.inputFeatures as string[];
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const column = (name: string, low: number, high: number) => {
    const data = new Float32Array(rows);
    for (let row = 0; row < rows; row++) data[row] = low + (high - low) * random();
    return { name, data, type: 'FLOAT' as const, nullable: false };
  };
  const columnData = [
    ...features
      .filter((feature) => feature !== 'kPt')
      .map((feature) => column(`f${feature.slice(1)}`, -3, 3)),
    column('fPt', 0, 12),
    column('fCentFT0C', 0, 60),
  ];
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: BATCH_ROWS })));
}

async function loadPlan(configPath: string): Promise<InferencePlan> {
  const text = readFileSync(configPath, 'utf8');
  return planInference(analyzeConfig(text, { configPath }), configPath);
}

async function loadRows(samplePath: string, plan: InferencePlan): Promise<LoadedRows> {
  const source = await openSample(samplePath);
  const names = [...plan.features.map((name) => `f${name.slice(1)}`), 'fPt', 'fCentFT0C'];
  const unique = [...new Set(names)];
  const parts = new Map<string, number[]>(unique.map((name) => [name, []]));
  for await (const chunk of source.read(unique)) {
    for (const name of unique) {
      const values = chunk.columns.get(name)!;
      const target = parts.get(name)!;
      for (let row = 0; row < values.length; row++) target.push(values[row]);
    }
  }
  await source.close();
  const array = (name: string) => Float32Array.from(parts.get(name)!);
  return {
    count: parts.get('fPt')!.length,
    features: plan.features.map((name) => array(`f${name.slice(1)}`)),
    centrality: array('fCentFT0C'),
    pt: array('fPt'),
  };
}

function modelPaths(configPath: string, plan: InferencePlan): string[] {
  return plan.bins.map((bin) => join(dirname(configPath), bin.modelFile));
}

/** Evaluates every row alone with the bin's model as exported, as the framework does; returns the rows passed. */
async function perRow(plan: InferencePlan, paths: string[], rows: LoadedRows): Promise<number> {
  const sessions = await Promise.all(
    paths.map((path) =>
      ort.InferenceSession.create(readFileSync(path), {
        intraOpNumThreads: 1,
        logSeverityLevel: 4,
      }),
    ),
  );
  const lookup = new BinLookup(plan.bins);
  const width = plan.features.length;
  let passed = 0;
  for (let row = 0; row < rows.count; row++) {
    const bin = lookup.find(rows.centrality[row], rows.pt[row]);
    if (bin < 0) continue;
    const input = new Float32Array(width);
    for (let feature = 0; feature < width; feature++) input[feature] = rows.features[feature][row];
    const session = sessions[bin];
    const outputs = await session.run({
      [session.inputNames[0]]: new ort.Tensor('float32', input, [1, width]),
    });
    const scores = outputs[session.outputNames[session.outputNames.length - 1]]
      .data as Float32Array;
    const pass = plan.bins[bin].cuts.every((cut) =>
      cut.exclude ? !(scores[cut.position] > cut.cut) : !(scores[cut.position] < cut.cut),
    );
    if (pass) passed++;
  }
  await Promise.all(sessions.map((session) => session.release()));
  return passed;
}

/** Per-bin float32 batches of the rows, built before timing the raw runs. */
function batchesByBin(plan: InferencePlan, rows: LoadedRows): Float32Array[][] {
  const lookup = new BinLookup(plan.bins);
  const width = plan.features.length;
  const rowsByBin: number[][] = plan.bins.map(() => []);
  for (let row = 0; row < rows.count; row++) {
    const bin = lookup.find(rows.centrality[row], rows.pt[row]);
    if (bin >= 0) rowsByBin[bin].push(row);
  }
  return rowsByBin.map((binRows) => {
    const batches: Float32Array[] = [];
    for (let start = 0; start < binRows.length; start += BATCH_ROWS) {
      const slice = binRows.slice(start, start + BATCH_ROWS);
      const input = new Float32Array(slice.length * width);
      slice.forEach((row, k) => {
        for (let feature = 0; feature < width; feature++) {
          input[k * width + feature] = rows.features[feature][row];
        }
      });
      batches.push(input);
    }
    return batches;
  });
}

async function rawRuns(models: BinModel[], batches: Float32Array[][], width: number) {
  for (let bin = 0; bin < models.length; bin++) {
    const model = models[bin];
    for (const input of batches[bin]) {
      const tensor = new ort.Tensor('float32', input, [input.length / width, width]);
      await model.session.run({ [model.inputName]: tensor }, [model.outputName]);
    }
  }
}

async function time(task: () => Promise<unknown>, runs: number): Promise<number[]> {
  await task();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times;
}

const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} rows/s`;

async function benchCase(entry: Case): Promise<BenchResult[]> {
  const plan = await loadPlan(entry.configPath);
  const rows = await loadRows(entry.samplePath, plan);
  const paths = modelPaths(entry.configPath, plan);

  let perRowPassed = 0;
  const perRowTimes: number[] = [];
  for (let run = 0; run < entry.perRowRuns; run++) {
    const start = performance.now();
    perRowPassed = await perRow(plan, paths, rows);
    perRowTimes.push(performance.now() - start);
  }
  const pipelineTimes = await time(
    () => runInference({ configPath: entry.configPath, samplePath: entry.samplePath }),
    entry.runs,
  );
  const report = await runInference({ configPath: entry.configPath, samplePath: entry.samplePath });
  if (report.passed !== perRowPassed) {
    throw new Error(
      `${entry.name}: the pipeline passed ${report.passed} rows, the per-row evaluation ${perRowPassed}.`,
    );
  }
  const models = await Promise.all(
    paths.map((path) =>
      loadBinModel(path, {
        featureCount: plan.features.length,
        classCount: plan.classCount,
        threads: 1,
      }),
    ),
  );
  const batches = batchesByBin(plan, rows);
  const rawTimes = await time(() => rawRuns(models, batches, plan.features.length), entry.runs);
  await Promise.all(models.map((model) => model.session.release()));

  const perRowResult = summarize(`${entry.name}: per-row session.run (framework)`, perRowTimes);
  const pipeline = summarize(`${entry.name}: dqml pipeline end to end`, pipelineTimes);
  const raw = summarize(`${entry.name}: raw batched session.run in memory`, rawTimes);
  const pipelineRate = rate(rows.count, pipeline.medianMs);
  const speedup = pipelineRate / rate(rows.count, perRowResult.medianMs);
  const share = pipelineRate / rate(rows.count, raw.medianMs);
  perRowResult.note = `${perSecond(rate(rows.count, perRowResult.medianMs))}`;
  raw.note = `${perSecond(rate(rows.count, raw.medianMs))}`;
  pipeline.note = [
    perSecond(pipelineRate),
    `${speedup.toFixed(1)}× per-row (target ≥ ${TARGET_SPEEDUP_OVER_PER_ROW}×: ${speedup >= TARGET_SPEEDUP_OVER_PER_ROW ? 'met' : 'missed'})`,
    `${(share * 100).toFixed(0)} % of raw (target ≥ ${TARGET_SHARE_OF_RAW * 100} %: ${share >= TARGET_SHARE_OF_RAW ? 'met' : 'missed'})`,
  ].join('; ');
  return [perRowResult, pipeline, raw];
}

/** Runs every case and returns per-row, pipeline and raw timings with rates and targets. */
export async function benchInference(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dqml-bench-'));
  try {
    const cases: Case[] = [];
    for (const [folder, file] of [
      ['binary', 'bdtCut.json'],
      ['multiclass', 'bdtCutMulti.json'],
    ]) {
      const configPath = resolve(ROOT, 'examples', folder, file);
      for (const [label, rows, runs, perRowRuns] of [
        ['20k', 20000, 10, 3],
        ['1M', 1000000, 3, 1],
      ] as const) {
        const samplePath = join(dir, `${folder}-${label}.parquet`);
        await writeSample(samplePath, configPath, rows, rows);
        cases.push({
          name: `${folder} example, generated ${label} rows`,
          configPath,
          samplePath,
          runs,
          perRowRuns,
        });
      }
    }
    const outside = process.env.DQML_ACCEPTANCE_DIR;
    if (outside) {
      for (const [folder, file] of [
        ['binary', 'bdtCut.json'],
        ['multiclass', 'bdtCutMulti.json'],
      ]) {
        cases.push({
          name: `O2Physics ${folder} example, 20k DielectronsAll sample`,
          configPath: resolve(outside, 'examples/o2physics', folder, file),
          samplePath: resolve(outside, 'samples/dielectrons-sample.parquet'),
          runs: 10,
          perRowRuns: 3,
        });
      }
    }
    const results: BenchResult[] = [];
    for (const entry of cases) {
      process.stderr.write(`  ${entry.name}…\n`);
      results.push(...(await benchCase(entry)));
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
