import { parseArgs } from 'node:util';
import { formatBytes, formatShape, inspectModel } from '../core/onnx';
import type { ModelInspection, ModelSummary, ValueSummary } from '../core/onnx';
import type { CliEnvironment } from './environment';
import { UsageError } from './io';

export const INSPECT_HELP = `Usage: dqml inspect MODEL.onnx... [options]

Prints what the O2Physics DQ framework depends on in ONNX models: inputs, outputs
(the last one holds the scores), feature_i metadata, opsets, producer and the
tree ensemble (classes, post transform, trees, largest feature index read), and
whether ONNX Runtime loads the model.

Options:
  --json            Print JSON: one object for one model, an array for several.
  --no-runtime      Read the file only; do not load it into ONNX Runtime.
  --max-size MIB    Do not read files above this size in MiB (default 64).
  -h, --help        Show this help.

Exit status: 0 when every model was read and loaded, 1 when one is not a readable
ONNX model or ONNX Runtime rejects it, 2 on usage errors or missing files.`;

export async function runInspect(args: string[], env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'no-runtime': { type: 'boolean', default: false },
      'max-size': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    env.stdout(INSPECT_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError('dqml inspect needs at least one MODEL.onnx. Run "dqml inspect --help".');
  }
  const maxModelBytes = parseMaxSize(values['max-size']);
  const inspections: ModelInspection[] = [];
  for (const path of positionals) {
    inspections.push(
      await inspectModel(path, {
        loadIntoRuntime: !values['no-runtime'],
        runtimeSkipReason: '--no-runtime was given',
        maxModelBytes,
      }),
    );
  }

  const missing = inspections.filter((inspection) => inspection.status === 'not-found');
  const shown = inspections.filter((inspection) => inspection.status !== 'not-found');
  for (const inspection of missing) env.stderr(`dqml inspect: ${inspection.path}: file not found.`);
  if (values.json) {
    if (shown.length > 0) {
      env.stdout(JSON.stringify(positionals.length === 1 ? shown[0] : shown, null, 2));
    }
  } else {
    shown.forEach((inspection, index) => {
      if (index > 0) env.stdout('');
      for (const line of formatInspection(inspection)) env.stdout(line);
    });
  }
  if (missing.length > 0) return 2;
  const failed = inspections.some(
    (inspection) => inspection.status !== 'ok' || inspection.runtime.status === 'failed',
  );
  return failed ? 1 : 0;
}

function parseMaxSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mebibytes = Number(value);
  if (!Number.isFinite(mebibytes) || mebibytes <= 0) {
    throw new UsageError(`Invalid --max-size "${value}". Give a size in MiB, e.g. --max-size 256.`);
  }
  return Math.round(mebibytes * 1024 * 1024);
}

/** Formats one inspection as indented text, one fact per line. */
export function formatInspection(inspection: ModelInspection): string[] {
  const size = inspection.sizeBytes === undefined ? '' : ` (${formatBytes(inspection.sizeBytes)})`;
  const lines = [`${inspection.path}${size}`];
  if (inspection.status !== 'ok' || !inspection.model) {
    lines.push(`  not a readable ONNX model: ${inspection.error ?? inspection.status}`);
    return lines;
  }

  const model = inspection.model;
  lines.push(`  ${describeVersions(model)}`);
  lines.push(`  ONNX Runtime: ${describeRuntime(inspection)}`);
  lines.push('  Inputs:', ...formatValues(model.inputs));
  lines.push('  Outputs (the framework reads the last):', ...formatValues(model.outputs));
  lines.push(`  Scores: ${describeScores(model)}`);

  if (model.metadata.length === 0) {
    lines.push('  Metadata: none');
  } else {
    lines.push(`  Metadata (${model.metadata.length}):`);
    for (const { key, value } of model.metadata) lines.push(`    ${key} = ${value}`);
  }

  const trees = model.treeEnsemble;
  if (trees) {
    const labels = trees.classLabels
      ? `, class labels ${trees.classLabels.map((label) => JSON.stringify(label)).join(', ')}`
      : '';
    const reads =
      trees.maxFeatureIndex === undefined
        ? 'no branch reads an input column'
        : `branches read ${trees.featuresRead} input column${trees.featuresRead === 1 ? '' : 's'}, the largest index ${trees.maxFeatureIndex}`;
    lines.push(
      `  Tree ensemble: ${trees.opType}, ${trees.treeCount} trees, ${trees.nodeCount} nodes (${trees.leafCount} leaves), post_transform ${trees.postTransform}${labels}`,
      `    ${reads}`,
    );
  }

  const operators = Object.entries(model.operators)
    .map(([name, count]) => `${name} × ${count}`)
    .join(', ');
  lines.push(`  Operators: ${operators || 'none'}`);

  if (inspection.notes.length > 0) {
    lines.push('  Notes:');
    for (const note of inspection.notes) lines.push(`    - ${note}`);
  }
  return lines;
}

function describeVersions(model: ModelSummary): string {
  const opsets = model.opsetImports.map((opset) => `${opset.domain} ${opset.version}`).join(', ');
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  return `IR version ${model.irVersion ?? '?'}; opsets ${opsets || 'none'}; producer ${producer || 'not set'}`;
}

function describeRuntime(inspection: ModelInspection): string {
  const runtime = inspection.runtime;
  const version = runtime.runtimeVersion ? ` (onnxruntime-node ${runtime.runtimeVersion})` : '';
  if (runtime.status === 'loaded') return `loaded${version}`;
  if (runtime.status === 'failed') return `failed to load${version}: ${runtime.message}`;
  return `not loaded: ${runtime.message}`;
}

function formatValues(values: readonly ValueSummary[]): string[] {
  if (values.length === 0) return ['    none'];
  const width = values.reduce((widest, value) => Math.max(widest, value.name.length), 0);
  return values.map((value) => `    ${value.name.padEnd(width)}  ${value.type}`);
}

function describeScores(model: ModelSummary): string {
  const scores = model.scores;
  if (!scores.outputName) return 'no output';
  const readable = scores.readable ? 'a float32 tensor' : 'not a float32 tensor';
  const columns = scores.columns === undefined ? '' : `, ${scores.columns} per row`;
  const shape = model.outputs[model.outputs.length - 1]?.shape;
  const declared = shape ? ` ${formatShape(shape)}` : '';
  return `"${scores.outputName}"${declared} is ${readable}${columns}; ${scores.kind} (${scores.reason})`;
}
