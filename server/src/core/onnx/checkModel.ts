/** Checks of one model file against the config that names it. */
import { replaceStringEdit } from '../edits';
import type { Fix, RelatedLocation } from '../findings';
import { CLASS_COUNT, SCORE_VARS } from '../framework/selection';
import type { Bin, Selection, StringItem } from '../model/types';
import type { ReportDetails, RuleContext } from '../rules/context';
import { compareFeatures, toFrameworkName, type FeatureComparison } from './featureOrder';
import { formatShape } from './proto';
import type { ModelInspection, ModelSummary, ValueSummary } from './types';

/** A `modelFiles` entry, the file it resolved to and what reading that file gave. */
export interface ModelEntry {
  item: StringItem & { value: string };
  bin?: Bin;
  /** The path the entry resolved to; absent when no candidate exists. */
  path?: string;
  inspection?: ModelInspection;
}

/** Result of comparing a model's feature metadata with `inputFeatures`. */
export type FeatureCheck = 'match' | 'f-names' | 'mismatch' | 'no-metadata' | 'not-checked';

/** Facts from the per-model checks, used by the checks across models and by the report table. */
export interface ModelFacts {
  entry: ModelEntry;
  model?: ModelSummary;
  /** The fixed second input dimension, when the model declares one. */
  width?: number;
  /** Score columns the classifier produces (its class labels), when known. */
  classes?: number;
  producer?: string;
  /** Metadata feature names as k-names, joined by commas, when the model has them. */
  featureKey?: string;
  featureCheck: FeatureCheck;
  /** Codes already reported on this entry, so the check across models does not repeat them. */
  reported: Set<string>;
}

/** Runs every check of one model and returns its facts. */
export function checkModel(
  context: RuleContext,
  selection: Selection,
  entry: ModelEntry,
): ModelFacts {
  const facts: ModelFacts = { entry, featureCheck: 'not-checked', reported: new Set() };
  const name = entry.item.value;
  const report = (code: string, message: string, details?: ReportDetails) => {
    context.report(code, entry.item.span, message, details);
    facts.reported.add(code);
  };
  const inspection = entry.inspection;
  if (!inspection) return facts;

  if (inspection.status === 'too-large') {
    report(
      'onnx-too-large',
      `Model "${name}" was not checked: ${inspection.error}. Raise the model size limit if the model is really that large, or check that the file is the exported model.`,
    );
    return facts;
  }
  if (inspection.status !== 'ok' || !inspection.model) {
    report(
      'onnx-unreadable',
      `Model "${name}" is not a readable ONNX model: ${inspection.error ?? 'unknown error'}. Export the model again and copy the whole file.`,
    );
    return facts;
  }

  const model = inspection.model;
  facts.model = model;
  facts.producer =
    [model.producerName, model.producerVersion].filter(Boolean).join(' ') || undefined;
  if (inspection.runtime.status === 'failed') {
    const version = inspection.runtime.runtimeVersion;
    report(
      'onnx-runtime-load-failed',
      `ONNX Runtime${version ? ` ${version}` : ''} cannot load model "${name}": ${inspection.runtime.message}. The framework creates its session the same way and would stop; export the model again with an opset the runtime supports.`,
    );
  }

  checkInputs(selection, facts, report);
  checkFeatureNames(selection, facts, report);
  checkOutputs(selection, facts, report);
  return facts;
}

type Report = (code: string, message: string, details?: ReportDetails) => void;

function checkInputs(selection: Selection, facts: ModelFacts, report: Report): void {
  const model = facts.model!;
  const name = facts.entry.item.value;
  const inputs = model.inputs;
  if (inputs.length !== 1) {
    const listed = inputs
      .slice(0, 6)
      .map((input) => `"${input.name}" ${input.type}`)
      .join(', ');
    report(
      'onnx-input-count',
      inputs.length === 0
        ? `Model "${name}" has no input, but the framework feeds one float32 tensor of all features. Export the model with one input of shape [1, N].`
        : `Model "${name}" has ${inputs.length} inputs (${listed}${inputs.length > 6 ? ', …' : ''}), but the framework feeds one float32 tensor of all features, so running it fails. Export the model with a single input of shape [1, N] that takes every feature.`,
    );
    if (inputs.length === 0) return;
  }

  const input = inputs[0];
  if (input.kind !== 'tensor' || input.elementType !== 'float32') {
    report(
      'onnx-input-type',
      `Input "${input.name}" of model "${name}" is ${describeValue(input)}, but the framework feeds a float32 tensor. Convert the model with a float input (FloatTensorType([1, N]) in onnxmltools).`,
    );
  }
  const shape = input.shape;
  if (input.kind !== 'tensor' || !shape) return;
  if (shape.length !== 2) {
    report(
      'onnx-input-shape',
      `Input "${input.name}" of model "${name}" has shape ${formatShape(shape)} (rank ${shape.length}), but the framework feeds a matrix of shape [1, N]. Export the model with input shape [1, N] or [None, N].`,
    );
    return;
  }
  const [batch, width] = shape;
  if (typeof batch === 'number' && batch > 1) {
    report(
      'onnx-input-shape',
      `Input "${input.name}" of model "${name}" has a fixed batch of ${batch} (${formatShape(shape)}), but the framework feeds one pair at a time. Export the model with batch 1 or a dynamic batch.`,
    );
  }
  if (typeof width === 'number') facts.width = width;

  const features = selection.inputFeatures;
  const featureCount = features?.items?.length;
  if (!features || featureCount === undefined) return;
  const related: RelatedLocation[] = [
    {
      span: features.member.keySpan,
      message: `inputFeatures lists ${featureCount} feature${featureCount === 1 ? '' : 's'}.`,
    },
  ];
  const trained = model.featureNames?.length
    ? ` Its metadata names: ${shortList(model.featureNames)}.`
    : '';
  if (typeof width === 'number' && width !== featureCount) {
    report(
      'onnx-feature-count-mismatch',
      `Model "${name}" takes ${width} feature${width === 1 ? '' : 's'} (input "${input.name}" is ${input.type}), but inputFeatures lists ${featureCount}, so the task stops. List the ${width} feature${width === 1 ? '' : 's'} the model was trained with, or name the model trained for these ${featureCount}.${trained}`,
      { related },
    );
    return;
  }
  const maxIndex = model.treeEnsemble?.maxFeatureIndex;
  if (typeof width !== 'number' && maxIndex !== undefined && featureCount < maxIndex + 1) {
    report(
      'onnx-feature-count-mismatch',
      `Model "${name}" declares no fixed width (input "${input.name}" is ${input.type}), but its trees read column ${maxIndex}, so it needs at least ${maxIndex + 1} features; inputFeatures lists ${featureCount}. List every feature the model was trained with.${trained}`,
      { related },
    );
  }
}

function checkFeatureNames(selection: Selection, facts: ModelFacts, report: Report): void {
  const model = facts.model!;
  const name = facts.entry.item.value;
  const metadataNames = model.featureNames;
  if (!metadataNames?.length) {
    facts.featureCheck = 'no-metadata';
    return;
  }
  const comparison = compareFeatures([], metadataNames);
  facts.featureKey = comparison.modelNames.join(',');
  const items = selection.inputFeatures?.items;
  if (!items || facts.reported.has('onnx-feature-count-mismatch')) return;
  // An f-prefixed config name (fMass) has its own finding. It is compared here as its
  // k-name, so it does not also count as a mismatch with the model.
  const configNames = items.map((item) =>
    item.value === undefined ? undefined : toFrameworkName(item.value),
  );
  const result = compareFeatures(configNames, metadataNames);
  if (result.matches && !model.missingFeatureIndices?.length) {
    facts.featureCheck = result.usedFNames ? 'f-names' : 'match';
    return;
  }
  facts.featureCheck = 'mismatch';
  report('onnx-metadata-mismatch', metadataMessage(name, configNames, result, model), {
    related: relatedFeatures(items, result),
    fixes: reorderFix(name, items, result, model),
  });
}

function metadataMessage(
  name: string,
  configNames: ReadonlyArray<string | undefined>,
  result: FeatureComparison,
  model: ModelSummary,
): string {
  const trained = result.modelNames;
  const holes = model.missingFeatureIndices;
  if (holes?.length) {
    return `The metadata of model "${name}" has no ${holes.map((index) => `feature_${index}`).join(', ')}, so its feature order is incomplete and cannot confirm inputFeatures. Export the model with every feature_i set.`;
  }
  if (configNames.length !== trained.length) {
    return `The metadata of model "${name}" names ${trained.length} features but inputFeatures lists ${configNames.length}, so the model was trained on other features. List the features the model was trained with, in its order: ${shortList(trained)}.`;
  }
  if (result.swap) {
    const [first, second] = result.swap;
    return `inputFeatures[${first}] "${configNames[first]}" and inputFeatures[${second}] "${configNames[second]}" are swapped compared with model "${name}" (feature_${first} = "${trained[first]}", feature_${second} = "${trained[second]}"), so the model reads each in the other's column. Swap the two entries.`;
  }
  const first = result.differences[0];
  const count = result.differences.length;
  const unknown = configNames.filter(
    (feature) => feature !== undefined && !trained.includes(feature),
  );
  const sentences = [
    `inputFeatures[${first}] is "${configNames[first]}", but model "${name}" was trained with "${trained[first]}" there (metadata feature_${first}); ${count} position${count === 1 ? ' differs' : 's differ'}.`,
  ];
  if (result.samePermutation) sentences.push('The names are the same, in another order.');
  else if (unknown.length) {
    sentences.push(
      `The model was trained without ${unknown.map((feature) => `"${feature}"`).join(', ')}.`,
    );
  }
  sentences.push(`Write inputFeatures in the model's order: ${shortList(trained)}.`);
  return sentences.join(' ');
}

function relatedFeatures(
  items: readonly StringItem[],
  result: FeatureComparison,
): RelatedLocation[] {
  return result.differences.slice(0, 10).map((index) => ({
    span: items[index].span,
    message: `inputFeatures[${index}] is "${items[index].value}"; the model's feature_${index} is "${result.modelNames[index]}".`,
  }));
}

/** Offers to rewrite inputFeatures in the model's order when both lists have the same length. */
function reorderFix(
  name: string,
  items: readonly StringItem[],
  result: FeatureComparison,
  model: ModelSummary,
): Fix[] | undefined {
  if (model.missingFeatureIndices?.length || items.length !== result.modelNames.length)
    return undefined;
  return [
    {
      title: `Write inputFeatures in the order of the metadata of "${name}"`,
      edits: result.differences.map((index) =>
        replaceStringEdit(items[index].span, result.modelNames[index]),
      ),
    },
  ];
}

function checkOutputs(selection: Selection, facts: ModelFacts, report: Report): void {
  const model = facts.model!;
  const name = facts.entry.item.value;
  const scores = model.scores;
  const last = model.outputs[model.outputs.length - 1];
  if (!last) {
    report(
      'onnx-output-type',
      `Model "${name}" has no output, so the framework has no score to read. Export the model with its class probabilities as the last output.`,
    );
    return;
  }
  const labels = scores.columnLabels;
  if (labels) facts.classes = labels.length;

  if (!scores.readable) {
    report('onnx-output-type', outputTypeMessage(name, last, model));
    return;
  }
  const modelType = selection.modelType;
  const typeSpan = selection.type?.valueSpan;
  const typeRelated: RelatedLocation[] = [];
  if (typeSpan && modelType) {
    const count = CLASS_COUNT[modelType];
    typeRelated.push({
      span: typeSpan,
      message: `Type "${modelType}" reads ${count} score${count === 1 ? '' : 's'} from the last output.`,
    });
  }

  if (scores.kind === 'regression') {
    report(
      'onnx-not-classifier',
      `Model "${name}" is a regression model (${scores.producer}): its last output "${last.name}" is a predicted value, which the framework cuts on as the ${SCORE_VARS[0]} probability. Train and export a classifier whose last output holds the class probabilities.`,
    );
  }
  if (modelType) {
    const needed = CLASS_COUNT[modelType];
    if (labels && labels.length >= 2) {
      checkClassCount(name, labels, modelType, typeRelated, report);
    } else if (scores.columns !== undefined && scores.columns < needed) {
      report(
        'onnx-output-columns',
        `The last output "${last.name}" of model "${name}" has ${scores.columns} value${scores.columns === 1 ? '' : 's'} per row (${last.type}), but type "${modelType}" reads ${needed} scores from it, past its end. Use a model with ${needed} class probabilities or change type.`,
        { related: typeRelated },
      );
    }
  }
  if (scores.kind === 'raw-scores') {
    report(
      'onnx-raw-scores',
      `The scores of model "${name}" are raw margins, not probabilities: ${scores.reason}. Cuts in [0, 1] then do not select what they say. Export the model with a probability transform (XGBoost objective binary:logistic or multi:softprob, which converters write as post_transform LOGISTIC or SOFTMAX).`,
    );
  }
}

function checkClassCount(
  name: string,
  labels: ReadonlyArray<number | string>,
  modelType: keyof typeof CLASS_COUNT,
  related: RelatedLocation[],
  report: Report,
): void {
  const count = labels.length;
  const listed = labels.map((label) => JSON.stringify(label)).join(', ');
  if (modelType === 'MultiClass' && count < 3) {
    report(
      'onnx-class-count',
      `Model "${name}" has ${count} classes (labels ${listed}), but type "MultiClass" reads 3 scores (${SCORE_VARS.join(', ')}), the last of them past the end of its output. Use a 3-class model (background 0, prompt 1, non-prompt 2), or set type to "Binary" with one cut per pT block.`,
      { related },
    );
  } else if (modelType === 'MultiClass' && count > 3) {
    report(
      'onnx-class-count',
      `Model "${name}" has ${count} classes (labels ${listed}), but type "MultiClass" reads only the first 3 probabilities, so the classes from label ${JSON.stringify(labels[3])} on are never cut on. Train the model with exactly 3 classes: background, prompt, non-prompt.`,
      { related },
    );
  } else if (modelType === 'Binary' && count > 2) {
    report(
      'onnx-class-count',
      `Model "${name}" has ${count} classes (labels ${listed}), but type "Binary" reads only column 0, the probability of class ${JSON.stringify(labels[0])}, and ignores the rest. Set type to "MultiClass" with three cuts per pT block, or use a binary model.`,
      { related, severity: 'warning' },
    );
  }
}

function outputTypeMessage(name: string, last: ValueSummary, model: ModelSummary): string {
  const zipMap = model.operators['ai.onnx.ml:ZipMap'] !== undefined;
  if (last.kind === 'sequence' || last.kind === 'map') {
    return `The last output "${last.name}" of model "${name}" is ${describeValue(last)}${zipMap ? ' (written by a ZipMap node)' : ''}, not a float32 tensor, so the framework cannot read scores from it and the task crashes at the first pair. Export the model without ZipMap (skl2onnx: options={id(model): {'zipmap': False}}) so the probabilities are a float tensor.`;
  }
  if (model.scores.kind === 'label') {
    return `The last output "${last.name}" of model "${name}" is the predicted label (${last.type}), but the framework reads the scores as float32 from the last output. Make the class probabilities the last output, as hipe4ml_converter does (outputs label, then probabilities).`;
  }
  return `The last output "${last.name}" of model "${name}" is ${describeValue(last)}, but the framework reads it as float32, which gives garbage. Export the model with float32 probabilities as its last output.`;
}

function describeValue(value: ValueSummary): string {
  const text =
    value.kind === 'tensor' && value.shape
      ? `${value.elementType} tensor ${formatShape(value.shape)}`
      : value.kind === 'tensor'
        ? `${value.elementType} tensor`
        : value.type;
  return `${/^[aeiou]/i.test(text) ? 'an' : 'a'} ${text}`;
}

/** Lists up to eight names, then the count of the rest. */
export function shortList(names: readonly string[]): string {
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} in all)` : shown;
}
