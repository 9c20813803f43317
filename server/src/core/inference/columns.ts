import { columnForFeature } from '../framework/features';
import { estimatorColumn, SCORE_VARS } from '../framework/selection';
import { listNames, type SampleColumn } from '../samples/types';
import { InferenceError } from './errors';
import type { InferencePlan } from './plan';
import type { CentralitySource } from './types';

/** The Monte Carlo truth column of DielectronsAll: 0 background, 1 prompt, 2 non-prompt. */
export const TRUTH_COLUMNS = ['fMcDecision', 'kMcDecision'];

/** The framework's score columns of DielectronsMls, in score order; -999 marks an absent class. */
export const FRAMEWORK_SCORE_COLUMNS = ['fBdtBackground', 'fBdtPrompt', 'fBdtNonprompt'];

/** The sample columns a run reads. */
export interface ColumnPlan {
  /** Column of each input feature, in config order. */
  features: string[];
  pt: string;
  centrality: CentralitySource;
  truth?: string;
  /** Framework score column per score position, where the sample has one. */
  frameworkScores: Array<{ position: number; score: string; column: string }>;
  warnings: string[];
}

/**
 * Picks the column for every value a run needs: a mapped column first, then the config's
 * k-name, then the DielectronsAll f-name. Throws one error that lists every missing column
 * together with the columns the sample has.
 */
export function resolveColumns(
  plan: InferencePlan,
  columns: readonly SampleColumn[],
  samplePath: string,
  options: { columnMap?: Readonly<Record<string, string>>; centrality?: number },
): ColumnPlan {
  const usable = new Map(columns.filter((column) => column.usable).map((c) => [c.name, c]));
  const all = new Map(columns.map((column) => [column.name, column]));
  const map = options.columnMap ?? {};
  const missing: string[] = [];
  const warnings: string[] = [];

  const pick = (name: string): string | undefined => {
    const mapped = map[name] ?? map[columnForFeature(name)];
    if (mapped !== undefined) {
      if (usable.has(mapped)) return mapped;
      const column = all.get(mapped);
      missing.push(
        column ? `${name} → ${mapped} (${column.reason})` : `${name} → ${mapped} (no such column)`,
      );
      return undefined;
    }
    for (const candidate of [name, columnForFeature(name)]) {
      if (usable.has(candidate)) return candidate;
    }
    const unusable = [name, columnForFeature(name)].find((candidate) => all.has(candidate));
    missing.push(
      unusable
        ? `${name} (column ${unusable}: ${all.get(unusable)!.reason})`
        : `${name} (no column ${name === columnForFeature(name) ? name : `${name} or ${columnForFeature(name)}`})`,
    );
    return undefined;
  };

  const features = plan.features.map(pick);
  const pt = plan.features.includes('kPt') ? features[plan.features.indexOf('kPt')] : pick('kPt');
  const centrality = pickCentrality(plan.estimator, usable, map, options.centrality, warnings);
  if (!centrality) {
    const column = estimatorColumn(plan.estimator);
    missing.push(
      `${plan.estimator} (no column ${column} or ${plan.estimator}; DielectronsAll has no centrality column, so give a fixed centrality or map a column)`,
    );
  }
  for (const [key, value] of Object.entries(map)) {
    if (!all.has(value) && !missing.some((entry) => entry.startsWith(`${key} →`))) {
      warnings.push(`The column map names ${value} for ${key}, but the sample has no such column.`);
    }
  }
  if (missing.length > 0) {
    throw new InferenceError(
      'columns',
      samplePath,
      `${samplePath} lacks columns the selection needs: ${missing.join('; ')}. The file has ${describeColumns(columns)}. Map each missing name to a column of the file (e.g. kMass=inv_mass).`,
    );
  }
  const truth = TRUTH_COLUMNS.find((name) => usable.has(name));
  const frameworkScores = FRAMEWORK_SCORE_COLUMNS.slice(0, plan.classCount)
    .map((column, position) => ({ position, score: SCORE_VARS[position], column }))
    .map((entry) => ({
      ...entry,
      column: [entry.column, entry.score].find((name) => usable.has(name)) ?? '',
    }))
    .filter((entry) => entry.column !== '');
  return {
    features: features as string[],
    pt: pt!,
    centrality: centrality!,
    truth,
    frameworkScores,
    warnings,
  };
}

function pickCentrality(
  estimator: string,
  usable: ReadonlyMap<string, SampleColumn>,
  map: Readonly<Record<string, string>>,
  fixed: number | undefined,
  warnings: string[],
): CentralitySource | undefined {
  const fColumn = estimatorColumn(estimator);
  const mapped = map[estimator] ?? map[fColumn];
  const candidates = mapped !== undefined ? [mapped] : [estimator, fColumn];
  const column = candidates.find((name) => usable.has(name));
  if (fixed !== undefined) {
    if (column) {
      warnings.push(
        `Every row gets the fixed centrality ${fixed}; the sample's column ${column} was not read.`,
      );
    }
    return { source: 'fixed', value: fixed, ...(column ? { ignoredColumn: column } : {}) };
  }
  return column ? { source: 'column', column } : undefined;
}

function describeColumns(columns: readonly SampleColumn[]): string {
  const usable = columns.filter((column) => column.usable).map((column) => column.name);
  const unusable = columns
    .filter((column) => !column.usable)
    .map((column) => `${column.name} (${column.reason})`);
  const parts = [`${usable.length} numeric columns: ${listNames(usable)}`];
  if (unusable.length > 0) parts.push(`and cannot read ${listNames(unusable, 10)}`);
  return parts.join(' ');
}
