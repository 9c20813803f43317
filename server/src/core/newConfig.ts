import {
  CENTRALITY_ESTIMATORS,
  CLASS_COUNT,
  MODEL_TYPES,
  SCORE_VARS,
  type ModelType,
} from './framework/selection';
import { FRAMEWORK_FEATURES } from './framework/features';

export interface NewConfigRequest {
  type: ModelType;
  estimator: string;
  /** Centrality bin edges in percent, increasing, e.g. [0, 10, 30]. */
  centralityEdges: readonly number[];
  /** pT bin edges in GeV/c, increasing, e.g. [0, 2, 20]. */
  ptEdges: readonly number[];
  features?: readonly string[];
  selectionName?: string;
}

/** Most bins a new config may have; real ones have tens, and each bin needs a model. */
export const MAX_NEW_BINS = 10000;

const CUT_KEYS = ['AddMLCut-background', 'AddMLCut-prompt', 'AddMLCut-nonprompt'];

/**
 * Writes a valid config for the given bins, with the keys and model file names of the
 * DQ training example: `AddCentCut-Cent{min:02d}{max:02d}`, `AddPtCut-pTBin{i}` and
 * `modelBDT_cent{min}_{max}_pt{min}_{max}_onnx.onnx`. Binary cuts keep signal
 * (exclude true on the background score).
 */
export function newConfigText(request: NewConfigRequest): string {
  if (!MODEL_TYPES.includes(request.type)) {
    throw new Error(`Invalid type "${String(request.type)}". Use "Binary" or "MultiClass".`);
  }
  if (!CENTRALITY_ESTIMATORS.some((estimator) => estimator === request.estimator)) {
    throw new Error(
      `Invalid estimator "${String(request.estimator)}". Use ${CENTRALITY_ESTIMATORS.join(', ')}.`,
    );
  }
  validateEdges(request.centralityEdges, 'centrality');
  validateEdges(request.ptEdges, 'pT');
  const binCount = (request.centralityEdges.length - 1) * (request.ptEdges.length - 1);
  if (binCount > MAX_NEW_BINS) {
    throw new Error(
      `${binCount} bins is more than the ${MAX_NEW_BINS} a new config may have. Use fewer edges.`,
    );
  }
  const centralityBins = pairs(request.centralityEdges);
  const ptBins = pairs(request.ptEdges);
  const classCount = CLASS_COUNT[request.type];

  const selection: Record<string, unknown> = {
    type: request.type,
    title: 'MyBDTModel',
    inputFeatures: request.features ?? FRAMEWORK_FEATURES.map((feature) => feature.name),
    modelFiles: centralityBins.flatMap(([centMin, centMax]) =>
      ptBins.map(
        ([ptMin, ptMax]) => `modelBDT_cent${centMin}_${centMax}_pt${ptMin}_${ptMax}_onnx.onnx`,
      ),
    ),
    cent: request.estimator,
  };
  for (const [centMin, centMax] of centralityBins) {
    const block: Record<string, unknown> = { centMin, centMax };
    ptBins.forEach(([pTMin, pTMax], index) => {
      const ptBlock: Record<string, unknown> = { pTMin, pTMax };
      for (let position = 0; position < classCount; position++) {
        ptBlock[CUT_KEYS[position]] = {
          var: SCORE_VARS[position],
          cut: 0.5,
          exclude: position === 0,
        };
      }
      block[`AddPtCut-pTBin${index + 1}`] = ptBlock;
    });
    selection[`AddCentCut-Cent${twoDigits(centMin)}${twoDigits(centMax)}`] = block;
  }
  return `${JSON.stringify({ [request.selectionName ?? 'BDTCut']: selection }, null, 4)}\n`;
}

function validateEdges(edges: readonly number[], quantity: string): void {
  if (!Array.isArray(edges)) throw new Error(`The ${quantity} edges must be a list of numbers.`);
  if (edges.length < 2) throw new Error(`Give at least two ${quantity} edges, e.g. 0, 10.`);
  for (let i = 0; i < edges.length; i++) {
    if (typeof edges[i] !== 'number' || !Number.isFinite(edges[i]))
      throw new Error(`${quantity} edge ${edges[i]} is not a finite number.`);
    if (i > 0 && edges[i] <= edges[i - 1]) {
      throw new Error(
        `${quantity} edges must increase: ${edges[i - 1]} is followed by ${edges[i]}.`,
      );
    }
  }
}

function pairs(edges: readonly number[]): Array<[number, number]> {
  return edges.slice(1).map((edge, index) => [edges[index], edge]);
}

/** Formats like Python's `{:02d}` for integers, whose width counts the sign; others as written. */
function twoDigits(value: number): string {
  if (!Number.isInteger(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(2 - sign.length, '0');
}
