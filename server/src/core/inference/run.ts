import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { analyzeConfig } from '../analyze';
import { readTextFile } from '../textFiles';
import { modelFileCandidates } from '../rules/models';
import { openSample } from '../samples';
import type { NumericArray, SampleChunk, SampleSource } from '../samples/types';
import { BinStats, mergeComparisons, rate, truthCountsFrom } from './accumulate';
import { BinLookup } from './binLookup';
import { resolveColumns, type ColumnPlan } from './columns';
import { InferenceCancelledError, InferenceError } from './errors';
import { loadBinModel, loadOriginalSession, loadRuntime, type BinModel } from './model';
import { planInference, type InferencePlan, type PlannedBin } from './plan';
import type { InferenceOptions, InferenceReport } from './types';

const DEFAULT_CHUNK_ROWS = 65536;
const DEFAULT_HISTOGRAM_BINS = 50;
// One intra-op thread ran the O2Physics example models faster than two (1.6M against 0.6M
// rows/s, batches of 65536 rows, 2 cores). It also leaves a core to the sample reader, which
// decodes the next chunk while the models run.
const DEFAULT_THREADS = 1;

/**
 * Runs every bin's model on a sample file and applies the cuts the way the framework does,
 * returning per-bin counts, score histograms and, when the sample has them, truth-based pass
 * rates and a comparison with the framework's own scores.
 *
 * Throws SampleError or InferenceError when the run cannot start or go on, and
 * InferenceCancelledError, which carries the partial counts, when `signal` aborts it.
 */
export async function runInference(options: InferenceOptions): Promise<InferenceReport> {
  const started = performance.now();
  const configPath = resolve(options.configPath);
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    throw new InferenceError(
      'config',
      options.samplePath,
      `Invalid row limit ${options.limit}: give a whole number of rows above 0, or no limit.`,
    );
  }
  const text = options.configText ?? (await readConfig(configPath));
  const analysis = analyzeConfig(text, { ...options.analysis, configPath });
  const plan = planInference(analysis, configPath);
  const sample = await openSample(options.samplePath, { tree: options.tree });
  const models: BinModel[] = [];
  try {
    const columns = resolveColumns(plan, sample.columns, sample.path, options);
    models.push(...(await loadModels(plan, configPath, options)));
    const run = new Run(plan, columns, sample, models, options, started);
    return await run.execute();
  } finally {
    await sample.close();
    await Promise.all(models.map((model) => model.session.release().catch(() => undefined)));
  }
}

async function readConfig(path: string): Promise<string> {
  try {
    return readTextFile(path).text;
  } catch (error) {
    throw new InferenceError('config', path, (error as Error).message);
  }
}

/** Finds every bin's model file and loads it; on a failure, releases the ones loaded. */
async function loadModels(
  plan: InferencePlan,
  configPath: string,
  options: InferenceOptions,
): Promise<BinModel[]> {
  const threads = options.threads ?? DEFAULT_THREADS;
  const searchPaths = options.analysis?.modelSearchPaths ?? [];
  const loaded: BinModel[] = [];
  try {
    for (const bin of plan.bins) {
      const candidates = modelFileCandidates(bin.modelFile, configPath, searchPaths);
      const path = candidates.find((candidate) => existsSync(candidate));
      if (!path) {
        throw new InferenceError(
          'model-load',
          candidates[0],
          `Model file ${bin.modelFile} of bin ${bin.index} (${bin.label}) not found; looked in ${candidates.join(', ')}. Put it next to the config or add its folder to the model search paths.`,
        );
      }
      const same = loaded.find((model) => model.path === path);
      loaded.push(
        same ??
          (await loadBinModel(path, {
            featureCount: plan.features.length,
            classCount: plan.classCount,
            threads,
          })),
      );
    }
    return loaded;
  } catch (error) {
    await Promise.all(
      [...new Set(loaded)].map((model) => model.session.release().catch(() => undefined)),
    );
    throw error;
  }
}

/** The state of one run over the chunks of a sample. */
class Run {
  private readonly lookup: BinLookup;
  private readonly stats: BinStats[];
  private readonly warnings: string[];
  private readonly fixedCentrality: number;
  private readonly histogramBins: number;
  private readonly perRowFallback = new Map<number, Ort.InferenceSession>();
  private total = 0;
  private dropped = 0;
  private droppedNonFinite = 0;

  constructor(
    private readonly plan: InferencePlan,
    private readonly columns: ColumnPlan,
    private readonly sample: SampleSource,
    private readonly models: readonly BinModel[],
    private readonly options: InferenceOptions,
    private readonly started: number,
  ) {
    this.lookup = new BinLookup(plan.bins);
    this.histogramBins = options.histogramBins ?? DEFAULT_HISTOGRAM_BINS;
    this.stats = plan.bins.map(
      (bin) =>
        new BinStats(
          bin,
          plan.classCount,
          this.histogramBins,
          columns.truth !== undefined,
          columns.frameworkScores,
        ),
    );
    this.warnings = [...columns.warnings, ...this.featureOrderWarnings()];
    // DielectronsAll and the event tables store pT and centrality as float, so a value is
    // rounded to float32 before the bin lookup, as it would be in the framework.
    this.fixedCentrality =
      columns.centrality.source === 'fixed' ? Math.fround(columns.centrality.value) : NaN;
  }

  async execute(): Promise<InferenceReport> {
    const signal = this.options.signal;
    const expected =
      this.sample.rowCount === undefined
        ? undefined
        : Math.min(this.sample.rowCount, this.options.limit ?? Infinity);
    const chunks = this.sample.read(this.columnNames(), {
      chunkRows: this.options.chunkRows ?? DEFAULT_CHUNK_ROWS,
      limit: this.options.limit,
      signal,
    });
    // The next chunk is read while the models score the current one.
    let pending = chunks.next();
    try {
      for (;;) {
        const result = await pending;
        if (result.done) break;
        const chunk = result.value;
        if (signal?.aborted) throw signal.reason;
        pending = chunks.next();
        // Keep a rejection of the read-ahead from going unhandled while this chunk runs.
        pending.catch(() => undefined);
        await this.scoreChunk(chunk);
        this.total += chunk.rowCount;
        const fraction = chunk.fraction ?? (expected ? this.total / expected : 0);
        this.options.onProgress?.({ rowsRead: this.total, rowsExpected: expected, fraction });
      }
    } catch (error) {
      if (signal?.aborted) throw new InferenceCancelledError(this.report(false));
      throw error;
    } finally {
      await pending.catch(() => undefined);
      await chunks.return(undefined).catch(() => undefined);
      await Promise.all(
        [...this.perRowFallback.values()].map((session) =>
          session.release().catch(() => undefined),
        ),
      );
    }
    if (signal?.aborted) throw new InferenceCancelledError(this.report(false));
    return this.report(true);
  }

  private columnNames(): string[] {
    const { features, pt, centrality, truth, frameworkScores } = this.columns;
    const names = [...features, pt];
    if (centrality.source === 'column') names.push(centrality.column);
    if (truth) names.push(truth);
    names.push(...frameworkScores.map((entry) => entry.column));
    return [...new Set(names)];
  }

  private featureOrderWarnings(): string[] {
    const warnings: string[] = [];
    this.models.forEach((model, index) => {
      const listed = model.metadataFeatures;
      const configured = this.plan.features;
      if (listed.length === 0) return;
      if (listed.length === configured.length && listed.every((name, i) => name === configured[i]))
        return;
      warnings.push(
        `The model of bin ${this.plan.bins[index].index} lists its features in its metadata as ${listed.join(', ')}, but "inputFeatures" lists ${configured.join(', ')}. The model's i-th input receives the i-th listed feature, so check that the order matches the training.`,
      );
    });
    return warnings;
  }

  private async scoreChunk(chunk: SampleChunk): Promise<void> {
    const count = chunk.rowCount;
    const { centrality, pt: ptName } = this.columns;
    const centColumn =
      centrality.source === 'column' ? chunk.columns.get(centrality.column) : undefined;
    const pt = chunk.columns.get(ptName)!;
    const binOf = new Int32Array(count);
    const binRows = new Int32Array(this.plan.bins.length);
    for (let row = 0; row < count; row++) {
      const cent = centColumn ? Math.fround(centColumn[row]) : this.fixedCentrality;
      const rowPt = Math.fround(pt[row]);
      const bin = this.lookup.find(cent, rowPt);
      binOf[row] = bin;
      if (bin >= 0) {
        binRows[bin]++;
      } else {
        this.dropped++;
        if (!Number.isFinite(cent) || !Number.isFinite(rowPt)) this.droppedNonFinite++;
      }
    }
    const rowsByBin = Array.from(binRows, (rows) => new Int32Array(rows));
    const filled = new Int32Array(this.plan.bins.length);
    for (let row = 0; row < count; row++) {
      const bin = binOf[row];
      if (bin >= 0) rowsByBin[bin][filled[bin]++] = row;
    }
    const featureColumns = this.columns.features.map((name) => chunk.columns.get(name)!);
    const truth = this.columns.truth ? chunk.columns.get(this.columns.truth) : undefined;
    const frameworkScores: Array<NumericArray | undefined> = [];
    for (const entry of this.columns.frameworkScores) {
      frameworkScores[entry.position] = chunk.columns.get(entry.column);
    }
    for (let bin = 0; bin < rowsByBin.length; bin++) {
      const rows = rowsByBin[bin];
      if (rows.length === 0) continue;
      const { input, nonFinite } = gatherFeatures(featureColumns, rows);
      const { scores, width } = await this.score(bin, input, rows.length);
      this.stats[bin].add({
        rows,
        rowStart: chunk.rowStart,
        scores,
        width,
        nonFiniteInputRows: nonFinite,
        truth,
        frameworkScores,
      });
    }
  }

  /** Runs a bin's model on a batch; falls back to one row per run if the batch run fails. */
  private async score(
    bin: number,
    input: Float32Array,
    rows: number,
  ): Promise<{ scores: Float32Array; width: number }> {
    const model = this.models[bin];
    const fallback = this.perRowFallback.get(bin);
    if (fallback) return this.scoreRowByRow(bin, fallback, input, rows);
    try {
      return await runBatch(
        model,
        model.session,
        input,
        rows,
        this.plan.features.length,
        this.plan,
      );
    } catch (error) {
      if (error instanceof InferenceError || !model.batchMadeDynamic || rows === 1) {
        throw runError(error, model, this.plan.bins[bin], rows);
      }
      const session = await loadOriginalSession(
        model.path,
        this.options.threads ?? DEFAULT_THREADS,
      );
      this.perRowFallback.set(bin, session);
      this.warnings.push(
        `The model of bin ${this.plan.bins[bin].index} fails on batches once its batch dimension is made dynamic (${firstLine(error)}), so it runs one row at a time, as in the framework; this is slower.`,
      );
      return this.scoreRowByRow(bin, session, input, rows);
    }
  }

  private async scoreRowByRow(
    bin: number,
    session: Ort.InferenceSession,
    input: Float32Array,
    rows: number,
  ): Promise<{ scores: Float32Array; width: number }> {
    const model = this.models[bin];
    const featureCount = this.plan.features.length;
    let scores: Float32Array | undefined;
    let width = 0;
    for (let row = 0; row < rows; row++) {
      const one = input.subarray(row * featureCount, (row + 1) * featureCount);
      let result;
      try {
        result = await runBatch(model, session, one, 1, featureCount, this.plan);
      } catch (error) {
        throw runError(error, model, this.plan.bins[bin], 1);
      }
      width = result.width;
      scores ??= new Float32Array(rows * width);
      scores.set(result.scores.subarray(0, width), row * width);
    }
    return { scores: scores!, width };
  }

  private report(complete: boolean): InferenceReport {
    const bins = this.stats.map((stats, index) =>
      stats.report(this.models[index]?.path ?? '', this.models[index]?.batchMadeDynamic ?? false),
    );
    const passed = bins.reduce((sum, bin) => sum + bin.passed, 0);
    const scored = bins.reduce((sum, bin) => sum + bin.rows, 0);
    const report: InferenceReport = {
      complete,
      configPath: resolve(this.options.configPath),
      samplePath: this.sample.path,
      sampleFormat: this.sample.format,
      sampleDescription: this.sample.description,
      selection: this.plan.selection,
      modelType: this.plan.modelType,
      estimator: this.plan.estimator,
      centrality: this.columns.centrality,
      features: this.plan.features.map((feature, index) => ({
        feature,
        column: this.columns.features[index],
      })),
      ptColumn: this.columns.pt,
      ...(this.columns.truth ? { truthColumn: this.columns.truth } : {}),
      ...(this.sample.rowCount !== undefined ? { rowsInSample: this.sample.rowCount } : {}),
      ...(this.options.limit !== undefined ? { limit: this.options.limit } : {}),
      total: this.total,
      dropped: this.dropped,
      droppedNonFinite: this.droppedNonFinite,
      passed,
      passRate: rate(passed, this.total),
      nonFiniteInputRows: bins.reduce((sum, bin) => sum + bin.nonFiniteInputRows, 0),
      bins,
      histogramBins: this.histogramBins,
      configErrors: this.plan.configErrors,
      warnings: [...this.warnings, ...this.sample.warnings],
      seconds: (performance.now() - this.started) / 1000,
    };
    if (this.columns.truth) {
      const rows = new Float64Array(4);
      const passedByTruth = new Float64Array(4);
      for (const stats of this.stats) stats.addTruthTo(rows, passedByTruth);
      report.truth = truthCountsFrom(rows, passedByTruth);
    }
    if (this.columns.frameworkScores.length > 0) {
      report.frameworkScores = mergeComparisons(this.stats);
    }
    if (scored + this.dropped !== this.total) {
      report.warnings.push(
        `Internal count mismatch: ${scored} scored and ${this.dropped} dropped rows, but ${this.total} read.`,
      );
    }
    return report;
  }
}

/** Copies the features of the given rows into one float32 batch, row after row. */
export function gatherFeatures(
  columns: readonly NumericArray[],
  rows: Int32Array,
): { input: Float32Array; nonFinite: number } {
  const width = columns.length;
  const input = new Float32Array(rows.length * width);
  let nonFinite = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const offset = k * width;
    let finite = true;
    for (let feature = 0; feature < width; feature++) {
      const value = columns[feature][row];
      input[offset + feature] = value;
      if (value - value !== 0) finite = false;
    }
    if (!finite) nonFinite++;
  }
  return { input, nonFinite };
}

async function runBatch(
  model: BinModel,
  session: Ort.InferenceSession,
  input: Float32Array,
  rows: number,
  featureCount: number,
  plan: InferencePlan,
): Promise<{ scores: Float32Array; width: number }> {
  const ort = await loadRuntime();
  const tensor = new ort.Tensor('float32', input, [rows, featureCount]);
  const outputs = await session.run({ [model.inputName]: tensor }, [model.outputName]);
  const output = outputs[model.outputName];
  const dims = output.dims;
  const width = dims.length >= 2 ? dims[dims.length - 1] : 1;
  if (!(output.data instanceof Float32Array) || output.data.length !== rows * width) {
    throw new InferenceError(
      'model-run',
      model.path,
      `The last output "${model.outputName}" of ${model.path} gave ${output.type} of shape [${dims.join(', ')}] for ${rows} row${rows === 1 ? '' : 's'}; the framework reads ${plan.classCount} float scores per row from it.`,
    );
  }
  if (width < plan.classCount) {
    throw new InferenceError(
      'model-unsupported',
      model.path,
      `The last output "${model.outputName}" of ${model.path} gives ${width} value${width === 1 ? '' : 's'} per row, but the config's type ${plan.modelType} needs ${plan.classCount}. Use a model with ${plan.classCount} classes or change "type".`,
    );
  }
  return { scores: output.data, width };
}

function runError(error: unknown, model: BinModel, bin: PlannedBin, rows: number): Error {
  if (error instanceof InferenceError) return error;
  return new InferenceError(
    'model-run',
    model.path,
    `The model ${model.path} of bin ${bin.index} (${bin.label}) failed on ${rows} row${rows === 1 ? '' : 's'}: ${firstLine(error)}. Check that it is the model trained for these ${bin.cuts.length === 1 ? 'features' : 'features and classes'}.`,
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim();
}
