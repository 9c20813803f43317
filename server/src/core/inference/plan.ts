import type { Analysis } from '../analyze';
import { describeCut } from '../describe';
import { CLASS_COUNT, SCORE_VARS, type ModelType } from '../framework/selection';
import type { Bin } from '../model/types';
import { InferenceError } from './errors';
import type { CutReport } from './types';

/** One bin with every value the run needs, checked to be present. */
export interface PlannedBin {
  index: number;
  label: string;
  centMin: number;
  centMax: number;
  ptMin: number;
  ptMax: number;
  modelFile: string;
  cuts: CutReport[];
}

/** The active selection reduced to what a run needs. */
export interface InferencePlan {
  selection: string;
  modelType: ModelType;
  classCount: number;
  estimator: string;
  features: string[];
  bins: PlannedBin[];
  /** Error findings of the analysis, as `line: message`; the framework would stop on them. */
  configErrors: string[];
}

/**
 * Reduces an analysed config to a run plan, or throws an InferenceError that lists every
 * value a run cannot do without (type, estimator, features, ranges, model files, cuts).
 */
export function planInference(analysis: Analysis, configPath: string): InferencePlan {
  const selection = analysis.model.active;
  const problems: string[] = [];
  if (!selection) {
    throw new InferenceError(
      'config',
      configPath,
      `${configPath} has no selection object, so there is nothing to run. Run "dqml check" on it and fix the errors.`,
    );
  }
  const modelType = selection.modelType;
  if (!modelType) problems.push('"type" must be "Binary" or "MultiClass"');
  const estimator = selection.cent?.value;
  if (!estimator) problems.push('"cent" must name the centrality estimator, e.g. "kCentFT0C"');
  const featureItems = selection.inputFeatures?.items;
  const features = (featureItems ?? []).map((item) => item.value);
  if (!featureItems || features.length === 0 || features.some((name) => name === undefined)) {
    problems.push('"inputFeatures" must be a non-empty array of feature names');
  }
  if (selection.bins.length === 0) problems.push('the selection has no AddCentCut/AddPtCut bin');
  const modelFiles = selection.modelFiles?.items ?? [];
  if (modelFiles.length !== selection.bins.length && selection.bins.length > 0) {
    problems.push(
      `${selection.bins.length} bins but ${modelFiles.length} model files; the framework stops with "Number of expected models different from the one set"`,
    );
  }
  const classCount = modelType ? CLASS_COUNT[modelType] : 0;
  const bins: PlannedBin[] = [];
  for (const bin of selection.bins) {
    const planned = planBin(bin, classCount, problems);
    if (planned) bins.push(planned);
  }
  if (problems.length > 0) {
    throw new InferenceError(
      'config',
      configPath,
      `Cannot run the selection "${selection.member.key}" of ${configPath}: ${problems.join('; ')}. Run "dqml check" on it and fix these first.`,
    );
  }
  const configErrors = analysis.findings
    .filter((finding) => finding.severity === 'error')
    .map((finding) => `line ${lineOf(analysis.text, finding.span.start)}: ${finding.message}`);
  return {
    selection: selection.member.key,
    modelType: modelType!,
    classCount,
    estimator: estimator!,
    features: features as string[],
    bins,
    configErrors,
  };
}

function planBin(bin: Bin, classCount: number, problems: string[]): PlannedBin | undefined {
  const name = `bin ${bin.index} (${bin.label})`;
  const centMin = bin.centrality.min?.value;
  const centMax = bin.centrality.max?.value;
  const ptMin = bin.pt.min?.value;
  const ptMax = bin.pt.max?.value;
  const modelFile = bin.modelFile?.value;
  const before = problems.length;
  if (centMin === undefined || centMax === undefined) {
    problems.push(`${name} needs numeric centMin and centMax`);
  }
  if (ptMin === undefined || ptMax === undefined) {
    problems.push(`${name} needs numeric pTMin and pTMax`);
  }
  if (!modelFile) problems.push(`${name} has no model file`);
  if (bin.cuts.length !== classCount && classCount > 0) {
    problems.push(
      `${name} has ${bin.cuts.length} AddMLCut but the model type needs ${classCount}, one per score`,
    );
  }
  const cuts: CutReport[] = [];
  for (const cut of bin.cuts) {
    if (cut.cut === undefined) {
      problems.push(`${name}: AddMLCut number ${cut.position + 1} needs a numeric "cut"`);
      continue;
    }
    cuts.push({
      position: cut.position,
      score: SCORE_VARS[cut.position] ?? `score ${cut.position}`,
      cut: cut.cut,
      exclude: cut.exclude,
      text: describeCut(cut),
    });
  }
  if (problems.length > before) return undefined;
  return {
    index: bin.index,
    label: bin.label,
    centMin: centMin!,
    centMax: centMax!,
    ptMin: ptMin!,
    ptMax: ptMax!,
    modelFile: modelFile!,
    cuts,
  };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}
