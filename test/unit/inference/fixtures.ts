/**
 * Writes what an inference test needs into a temporary folder: fixture models from the
 * ONNX builder, a config around them, and samples as CSV and Parquet with known rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  binarySpec,
  buildClassifier,
  FIXTURE_FEATURES,
  multiClassSpec,
  randomBytes,
} from '../../support/onnx';

export { FIXTURE_FEATURES };

export type Columns = Record<string, Float32Array | Int32Array>;

/** Makes a temporary folder and returns it with a function that removes it. */
export function temporaryFolder(prefix = 'dqml-inference-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Returns a reproducible generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  const bytes = randomBytes(4 * 1024, seed);
  let index = 0;
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345 + bytes[index++ % bytes.length]) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Returns DielectronsAll-like columns for the fixture features, with fCentFT0C and
 * fMcDecision, and a few rows that hit the cases the framework treats specially:
 * NaN and infinite features, a NaN pT and centrality, and values on bin edges.
 */
export function sampleColumns(count: number, seed = 1): Columns {
  const random = seededRandom(seed);
  const uniform = (low: number, high: number) => () => low + (high - low) * random();
  const generators: Record<string, () => number> = {
    fMass: uniform(0, 5),
    fPt: uniform(0, 9),
    fTPCNSigmaEl1: uniform(-3, 3),
    fTPCNSigmaEl2: uniform(-3, 3),
    fCentFT0C: uniform(-5, 70),
  };
  const columns: Columns = {};
  for (const [name, next] of Object.entries(generators)) {
    const values = new Float32Array(count);
    for (let row = 0; row < count; row++) values[row] = next();
    columns[name] = values;
  }
  const truth = new Int32Array(count);
  for (let row = 0; row < count; row++) truth[row] = Math.floor(random() * 3);
  columns.fMcDecision = truth;
  const special: Array<[number, string, number]> = [
    [3, 'fMass', NaN],
    [5, 'fPt', NaN],
    [7, 'fTPCNSigmaEl1', Infinity],
    [9, 'fTPCNSigmaEl2', -Infinity],
    [11, 'fCentFT0C', NaN],
    [13, 'fPt', 2],
    [17, 'fCentFT0C', 30],
    [19, 'fCentFT0C', 20],
    [23, 'fPt', 0],
  ];
  for (const [row, name, value] of special) {
    if (row < count) columns[name][row] = value;
  }
  return columns;
}

/** Writes the columns as CSV; NaN and infinities are spelled the way pandas writes them. */
export function writeCsv(path: string, columns: Columns, options: { crlf?: boolean } = {}): void {
  const names = Object.keys(columns);
  const count = columns[names[0]].length;
  const newline = options.crlf ? '\r\n' : '\n';
  const lines = [names.join(',')];
  for (let row = 0; row < count; row++) {
    lines.push(names.map((name) => formatValue(columns[name][row])).join(','));
  }
  writeFileSync(path, lines.join(newline) + newline);
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

export type ParquetCodec = 'SNAPPY' | 'GZIP' | 'ZSTD' | 'UNCOMPRESSED';

/** Writes the columns as Parquet with hyparquet-writer: FLOAT and INT32 columns. */
export async function writeParquet(
  path: string,
  columns: Columns,
  options: { codec?: ParquetCodec; rowGroupSize?: number; nullable?: boolean } = {},
): Promise<void> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const compressors: Record<string, (input: Uint8Array) => Uint8Array> = {
    GZIP: (input) => new Uint8Array(gzipSync(input)),
  };
  if (options.codec === 'ZSTD') {
    const { ZstdInit } = await import('@oneidentity/zstd-js');
    const { ZstdStream } = await ZstdInit();
    compressors.ZSTD = (input) => ZstdStream.compress(input);
  }
  const buffer = parquetWriteBuffer({
    columnData: Object.entries(columns).map(([name, data]) => ({
      name,
      data,
      type: data instanceof Int32Array ? 'INT32' : 'FLOAT',
      nullable: options.nullable ?? false,
    })),
    codec: options.codec ?? 'SNAPPY',
    compressors,
    rowGroupSize: options.rowGroupSize ?? 1000,
  });
  writeFileSync(path, new Uint8Array(buffer));
}

export interface BinSpec {
  centMin: number;
  centMax: number;
  pts: Array<[number, number]>;
}

/**
 * Two centrality blocks with overlapping ranges (20–30) and a pT gap (3–4) in the second,
 * so rows are dropped and overlaps go to the first block.
 */
export const TEST_BINS: BinSpec[] = [
  {
    centMin: 0,
    centMax: 30,
    pts: [
      [0, 2],
      [2, 6],
    ],
  },
  {
    centMin: 20,
    centMax: 60,
    pts: [
      [1, 3],
      [4, 8],
    ],
  },
];

export interface ConfigOptions {
  type: 'Binary' | 'MultiClass';
  bins?: BinSpec[];
  features?: readonly string[];
  /** Cut values per bin, one per class. */
  cuts?: number[][];
  /** exclude per class in the first pT block; later blocks write the opposite. */
  exclude?: boolean[];
  modelFiles?: string[];
}

/** Writes one model per bin (distinct seeds) and a config naming them; returns the config path. */
export function writeConfigAndModels(dir: string, options: ConfigOptions): string {
  const bins = options.bins ?? TEST_BINS;
  const features = options.features ?? FIXTURE_FEATURES;
  const classCount = options.type === 'Binary' ? 1 : 3;
  const flat = bins.flatMap((block) => block.pts.map((pt) => ({ block, pt })));
  const modelFiles =
    options.modelFiles ??
    flat.map((_, index) => {
      const name = `model_bin${index}.onnx`;
      const spec =
        options.type === 'Binary' ? binarySpec(features, index) : multiClassSpec(features, index);
      writeFileSync(join(dir, name), buildClassifier(spec));
      return name;
    });
  const exclude = options.exclude ?? (options.type === 'Binary' ? [true] : [true, false, true]);
  const defaultCuts = options.type === 'Binary' ? [0.45] : [0.4, 0.2, 0.35];
  const scoreNames = ['background', 'prompt', 'nonprompt'];
  const vars = ['kBdtBackground', 'kBdtPrompt', 'kBdtNonprompt'];
  const selection: Record<string, unknown> = {
    type: options.type,
    inputFeatures: features,
    modelFiles,
    cent: 'kCentFT0C',
  };
  let binIndex = 0;
  bins.forEach((block, blockIndex) => {
    const centrality: Record<string, unknown> = { centMin: block.centMin, centMax: block.centMax };
    block.pts.forEach(([ptMin, ptMax], ptIndex) => {
      const pt: Record<string, unknown> = { pTMin: ptMin, pTMax: ptMax };
      const first = binIndex === 0;
      for (let position = 0; position < classCount; position++) {
        pt[`AddMLCut-${scoreNames[position]}`] = {
          var: vars[position],
          cut: options.cuts?.[binIndex]?.[position] ?? defaultCuts[position],
          exclude: first ? exclude[position] : !exclude[position],
        };
      }
      centrality[`AddPtCut-pTBin${ptIndex + 1}`] = pt;
      binIndex++;
    });
    selection[`AddCentCut-Block${blockIndex}`] = centrality;
  });
  const path = join(dir, 'bdtCut.json');
  writeFileSync(path, `${JSON.stringify({ BDTCut: selection }, null, 2)}\n`);
  return path;
}
