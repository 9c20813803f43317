/** Checks a config against the ONNX files it names: the entry point of the CLI and the server. */
import { stat } from 'node:fs/promises';
import { applyRuleSettings, type Analysis } from '../analyze';
import type { Finding, RelatedLocation, Severity } from '../findings';
import type { Selection, StringItem } from '../model/types';
import type { AnalysisOptions } from '../options';
import { createRuleContext, type RuleContext } from '../rules/context';
import { modelFileCandidates } from '../rules/models';
import {
  checkModel,
  shortList,
  type FeatureCheck,
  type ModelEntry,
  type ModelFacts,
} from './checkModel';
import { inspectModel, type InspectOptions } from './inspect';
import type { ModelInspection } from './types';

/** Options of the model checks: where models are, how to read them, and rule settings. */
export interface ModelCheckOptions extends InspectOptions {
  /** Absolute path of the config; without it no model file can be found. */
  configPath?: string;
  modelSearchPaths?: readonly string[];
  rules?: AnalysisOptions['rules'];
  /** False turns the model checks off, as for the config rules. */
  checkModelFiles?: boolean;
}

/** One row of the per-model table: what was found and how the model fits the config. */
export interface ModelCheckRow {
  /** Position in `modelFiles`. */
  index: number;
  /** The file name as the config writes it. */
  name: string;
  /** The label of the bin that uses this model, e.g. `kCentFT0C_cent10_30_pt0.0_2.0`. */
  binLabel?: string;
  /** The resolved path; absent when the file was not found. */
  path?: string;
  found: boolean;
  inspection?: ModelInspection;
  /** The first input in words, e.g. `input float32[1, 30]`. */
  input?: string;
  /** The declared feature width, or `dynamic` when the second dimension is not fixed. */
  width?: number | 'dynamic';
  featureCheck: FeatureCheck;
  /** The outputs in words, e.g. `label int64[1], probabilities float32[1, 2]`. */
  outputs?: string;
  classes?: number;
  /** `ok` or the most severe finding on the entry; `not-found` and `unreadable` when there is no model. */
  verdict: 'ok' | Severity | 'not-found' | 'unreadable';
  /** Findings placed on this `modelFiles` entry. */
  findings: Finding[];
}

export interface ModelCheckReport {
  /** Every model finding, after the rule settings, ordered by position. */
  findings: Finding[];
  models: ModelCheckRow[];
}

/** A `modelFiles` entry with the paths it may resolve to. */
export interface ResolvedModelFile {
  item: StringItem & { value: string };
  /** Paths tried in order: next to the config, then in each search path. */
  candidates: string[];
  /** The first candidate that exists; absent when none does. */
  path?: string;
}

/**
 * Resolves every string entry of `modelFiles` the way the config rules look for them:
 * next to the config, then in each model search path. Useful to watch the files.
 */
export async function resolveModelFiles(
  analysis: Pick<Analysis, 'model'>,
  options: Pick<ModelCheckOptions, 'configPath' | 'modelSearchPaths'>,
): Promise<ResolvedModelFile[]> {
  const items = analysis.model.active?.modelFiles?.items ?? [];
  const configPath = options.configPath;
  if (!configPath) return [];
  const named = items.filter(
    (item): item is StringItem & { value: string } => item.value !== undefined,
  );
  return Promise.all(
    named.map(async (item) => {
      const candidates = modelFileCandidates(item.value, configPath, options.modelSearchPaths);
      for (const candidate of candidates) {
        if (await exists(candidate)) return { item, candidates, path: candidate };
      }
      return { item, candidates };
    }),
  );
}

/** Tells whether anything exists at a path; a directory there is reported by inspectModel. */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads the models a config names and returns the ONNX findings, after the rule settings. */
export async function checkConfigModels(
  analysis: Analysis,
  options: ModelCheckOptions,
): Promise<Finding[]> {
  return (await checkConfigModelsReport(analysis, options)).findings;
}

/** Returns the analysis with the model findings merged into its findings, in position order. */
export async function withModelFindings(
  analysis: Analysis,
  options: ModelCheckOptions,
): Promise<Analysis> {
  const findings = await checkConfigModels(analysis, options);
  if (findings.length === 0) return analysis;
  return {
    ...analysis,
    findings: [...analysis.findings, ...findings].sort(
      (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
    ),
  };
}

/**
 * Reads the models a config names and returns the findings and one table row per
 * `modelFiles` entry. Missing files get no finding here: the config rule
 * `model-file-not-found` reports them.
 */
export async function checkConfigModelsReport(
  analysis: Analysis,
  options: ModelCheckOptions,
): Promise<ModelCheckReport> {
  const selection = analysis.model.active;
  if (!selection?.modelFiles?.items || options.checkModelFiles === false || !options.configPath) {
    return { findings: [], models: [] };
  }
  const resolved = await resolveModelFiles(analysis, options);
  const inspections = new Map<string, Promise<ModelInspection>>();
  for (const { path } of resolved) {
    if (path && !inspections.has(path)) inspections.set(path, inspectModel(path, options));
  }
  const entries: ModelEntry[] = await Promise.all(
    resolved.map(async ({ item, path }) => ({
      item,
      path,
      bin: selection.bins.find((bin) => bin.modelFile === item),
      inspection: path ? await inspections.get(path) : undefined,
    })),
  );

  const raw: Finding[] = [];
  const context = createRuleContext(analysis.text, analysis.model, { rules: options.rules }, raw);
  const facts = entries.map((entry) => checkModel(context, selection, entry));
  checkAcrossModels(context, facts);
  reportMetadataNotes(context, selection, facts);
  reportRuntimeSkipped(context, selection, facts);
  const findings = applyRuleSettings(raw, { rules: options.rules });
  return { findings, models: facts.map((fact) => tableRow(fact, findings)) };
}

/** Reports models that differ from most others of the config in ways not reported yet. */
function checkAcrossModels(context: RuleContext, facts: readonly ModelFacts[]): void {
  const readable = facts.filter((fact) => fact.model);
  if (readable.length < 2) return;
  const properties: Array<{
    label: (value: string) => string;
    value: (fact: ModelFacts) => string | undefined;
    coveredBy: string[];
  }> = [
    {
      label: (value) => `${value} features`,
      value: (fact) => (fact.width === undefined ? undefined : String(fact.width)),
      coveredBy: ['onnx-feature-count-mismatch'],
    },
    {
      label: (value) => `${value} classes`,
      value: (fact) => (fact.classes === undefined ? undefined : String(fact.classes)),
      coveredBy: ['onnx-class-count', 'onnx-output-columns'],
    },
    {
      label: (value) => `feature names ${shortList(value.split(','))}`,
      value: (fact) => fact.featureKey,
      coveredBy: ['onnx-metadata-mismatch', 'onnx-feature-count-mismatch'],
    },
    {
      label: (value) => `producer "${value}"`,
      value: (fact) => fact.producer,
      coveredBy: [],
    },
  ];
  const differences = new Map<
    ModelFacts,
    Array<{ own: string; usual: string; reference: ModelFacts; producerOnly: boolean }>
  >();
  for (const property of properties) {
    const withValue = readable.filter((fact) => property.value(fact) !== undefined);
    if (withValue.length < 2) continue;
    const usual = majority(withValue.map((fact) => property.value(fact)!));
    const reference = withValue.find((fact) => property.value(fact) === usual)!;
    for (const fact of withValue) {
      const own = property.value(fact)!;
      if (own === usual || property.coveredBy.some((code) => fact.reported.has(code))) continue;
      const list = differences.get(fact) ?? [];
      list.push({
        own: property.label(own),
        usual: property.label(usual),
        reference,
        producerOnly: property.coveredBy.length === 0,
      });
      differences.set(fact, list);
    }
  }
  for (const [fact, list] of differences) {
    const name = fact.entry.item.value;
    const reference = list[0].reference;
    const details = list
      .map((difference) => `${difference.own} where the others have ${difference.usual}`)
      .join('; ');
    const related: RelatedLocation[] = [
      {
        span: reference.entry.item.span,
        message: `"${reference.entry.item.value}" is one of the others.`,
      },
    ];
    context.report(
      'onnx-models-disagree',
      fact.entry.item.span,
      `Model "${name}" differs from the other models of this config: ${details}. The models of one config are normally trained and exported together; check that this is the right file.`,
      {
        related,
        severity: list.every((difference) => difference.producerOnly) ? 'info' : undefined,
      },
    );
  }
}

/** Returns the most frequent value; ties go to the value seen first. */
function majority(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0];
  for (const [value, count] of counts) if (count > counts.get(best)!) best = value;
  return best;
}

/** Reports once per config which models have no feature names and which use f-names. */
function reportMetadataNotes(
  context: RuleContext,
  selection: Selection,
  facts: readonly ModelFacts[],
): void {
  const modelFiles = selection.modelFiles!;
  const withoutNames = facts.filter((fact) => fact.featureCheck === 'no-metadata');
  if (withoutNames.length > 0) {
    const names = withoutNames.map((fact) => `"${fact.entry.item.value}"`);
    const readableCount = facts.filter((fact) => fact.model).length;
    let subject: string;
    if (names.length === 1) subject = `Model ${names[0]} has no`;
    else if (names.length === readableCount) subject = `None of the ${names.length} models has`;
    else subject = `Models ${shortList(names)} have no`;
    context.report(
      'onnx-no-feature-metadata',
      modelFiles.member.keySpan,
      `${subject} feature_i metadata, so the order of inputFeatures cannot be checked against ${names.length === 1 ? 'it' : 'them'}. Write the feature names into the models as feature_0, feature_1, … when exporting, as the DQ training example does.`,
      {
        related: withoutNames.map((fact) => ({
          span: fact.entry.item.span,
          message: `"${fact.entry.item.value}" has no feature_i metadata.`,
        })),
      },
    );
  }
  const fNames = facts.filter((fact) => fact.featureCheck === 'f-names');
  const features = selection.inputFeatures;
  if (fNames.length > 0 && features) {
    const names = fNames.map((fact) => `"${fact.entry.item.value}"`);
    context.report(
      'onnx-metadata-f-names',
      features.member.keySpan,
      `The metadata of ${shortList(names)} names the features by their DielectronsAll columns (fMass, …); they were matched to inputFeatures as k-names (kMass, …) and agree. Nothing to change, unless you want the metadata to use the framework's names.`,
      {
        related: fNames.map((fact) => ({
          span: fact.entry.item.span,
          message: `"${fact.entry.item.value}" uses f-names in its metadata.`,
        })),
      },
    );
  }
}

/** Reports once per config that the models were not loaded into ONNX Runtime, and why. */
function reportRuntimeSkipped(
  context: RuleContext,
  selection: Selection,
  facts: readonly ModelFacts[],
): void {
  const skipped = facts.filter(
    (fact) => fact.model && fact.entry.inspection?.runtime.status === 'skipped',
  );
  if (skipped.length === 0) return;
  const reason = skipped[0].entry.inspection!.runtime.message ?? 'loading was turned off';
  const count = skipped.length;
  context.report(
    'onnx-runtime-skipped',
    selection.modelFiles!.member.keySpan,
    `${count === 1 ? 'One model was' : `${count} models were`} read but not loaded into ONNX Runtime: ${reason}. Their structure was checked; allow loading models (trust the workspace) to confirm that the runtime accepts them.`,
    {
      related: skipped.map((fact) => ({
        span: fact.entry.item.span,
        message: `"${fact.entry.item.value}" was not loaded into ONNX Runtime.`,
      })),
    },
  );
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function tableRow(fact: ModelFacts, findings: readonly Finding[]): ModelCheckRow {
  const { entry, model } = fact;
  const span = entry.item.span;
  const own = findings.filter(
    (finding) => finding.span.start === span.start && finding.span.end === span.end,
  );
  const input = model?.inputs[0];
  let width: ModelCheckRow['width'];
  if (fact.width !== undefined) width = fact.width;
  else if (input?.kind === 'tensor') width = 'dynamic';
  let verdict: ModelCheckRow['verdict'] = 'ok';
  if (!entry.path) verdict = 'not-found';
  else if (!model) verdict = 'unreadable';
  else {
    for (const finding of own) {
      if (
        verdict === 'ok' ||
        SEVERITY_ORDER[finding.severity] > SEVERITY_ORDER[verdict as Severity]
      ) {
        verdict = finding.severity;
      }
    }
  }
  return {
    index: entry.item.index,
    name: entry.item.value,
    binLabel: entry.bin?.label,
    path: entry.path,
    found: entry.path !== undefined,
    inspection: entry.inspection,
    input: input ? `${input.name} ${input.type}` : undefined,
    width,
    featureCheck: fact.featureCheck,
    outputs: model?.outputs.map((output) => `${output.name} ${output.type}`).join(', '),
    classes: fact.classes,
    verdict,
    findings: own,
  };
}
