/**
 * An independent per-row evaluation of a config on in-memory rows, as the framework runs it.
 * The config is read with JSON.parse and each row's bin found by first match. The bin's model
 * file runs as it is on a [1, N] tensor, and the first nClasses values of the last output are
 * compared with the cuts in the first pT block's directions.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Columns } from './fixtures';

export interface ReferenceCounts {
  total: number;
  dropped: number;
  passed: number;
  bins: Array<{ rows: number; passed: number }>;
  /** The scores of every scored row, keyed by row index. */
  scores: Map<number, number[]>;
}

interface ReferenceBin {
  centMin: number;
  centMax: number;
  ptMin: number;
  ptMax: number;
  cuts: number[];
}

export async function referenceCounts(
  configPath: string,
  columns: Columns,
  options: { centrality?: number; limit?: number; columnFor?: (feature: string) => string } = {},
): Promise<ReferenceCounts> {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  const selection = Object.values(config)[0];
  const features = selection.inputFeatures as string[];
  const modelFiles = selection.modelFiles as string[];
  const classCount = selection.type === 'Binary' ? 1 : 3;
  const bins: ReferenceBin[] = [];
  let directions: boolean[] | undefined;
  for (const [centKey, centValue] of Object.entries(selection)) {
    if (!centKey.includes('AddCentCut')) continue;
    const block = centValue as Record<string, unknown>;
    for (const [ptKey, ptValue] of Object.entries(block)) {
      if (!ptKey.includes('AddPtCut')) continue;
      const pt = ptValue as Record<string, unknown>;
      const cuts = Object.entries(pt)
        .filter(([key]) => key.includes('AddMLCut'))
        .map(([, value]) => value as { cut: number; exclude?: boolean });
      directions ??= cuts.map((cut) => cut.exclude ?? false);
      bins.push({
        centMin: block.centMin as number,
        centMax: block.centMax as number,
        ptMin: pt.pTMin as number,
        ptMax: pt.pTMax as number,
        cuts: cuts.map((cut) => cut.cut),
      });
    }
  }
  const sessions = await Promise.all(
    modelFiles.map((file) =>
      ort.InferenceSession.create(readFileSync(join(dirname(configPath), file)), {
        logSeverityLevel: 4,
      }),
    ),
  );
  const column = options.columnFor ?? ((feature: string) => `f${feature.slice(1)}`);
  const count = Math.min(columns.fPt.length, options.limit ?? Infinity);
  const result: ReferenceCounts = {
    total: count,
    dropped: 0,
    passed: 0,
    bins: bins.map(() => ({ rows: 0, passed: 0 })),
    scores: new Map(),
  };
  const centralityColumn = columns[column('kCentFT0C')];
  const ptColumn = columns[column('kPt')];
  for (let row = 0; row < count; row++) {
    const centrality = Math.fround(options.centrality ?? centralityColumn[row]);
    const pt = Math.fround(ptColumn[row]);
    const bin = bins.findIndex(
      (candidate) =>
        centrality >= candidate.centMin &&
        centrality < candidate.centMax &&
        pt >= candidate.ptMin &&
        pt < candidate.ptMax,
    );
    if (bin < 0) {
      result.dropped++;
      continue;
    }
    const input = new Float32Array(features.map((feature) => columns[column(feature)][row]));
    const session = sessions[bin];
    const outputs = await session.run({
      [session.inputNames[0]]: new ort.Tensor('float32', input, [1, features.length]),
    });
    const last = outputs[session.outputNames[session.outputNames.length - 1]];
    const scores = Array.from(last.data as Float32Array).slice(0, classCount);
    result.scores.set(row, scores);
    const pass = scores.every((score, position) =>
      directions![position]
        ? !(score > bins[bin].cuts[position])
        : !(score < bins[bin].cuts[position]),
    );
    result.bins[bin].rows++;
    if (pass) {
      result.bins[bin].passed++;
      result.passed++;
    }
  }
  await Promise.all(sessions.map((session) => session.release()));
  return result;
}
