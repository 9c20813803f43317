import { parseArgs } from 'node:util';
import { isDplConfiguration, updateDplConfiguration, type DplUpdate } from '../core/dpl';
import { LineIndex } from '../core/text';
import type { CliEnvironment } from './environment';
import { readTextInput, UsageError, writeTextOutput } from './io';
import { analysisOptionsFor } from './options';

export const DPL_HELP = `Usage: dqml dpl update DPLFILE CONFIG [options]

Puts a BDT config into a local DPL configuration file. In the task
analysis-same-event-pairing (added when the file has none), fConfigBdtCutsJSON is set to
the config's compact string, escaped as one JSON string, and applyBDT to "true"; missing
options are added after the task's last option. Every other byte of the file is kept.
CONFIG may be - for standard input, and may be a document, a compact or a local string.

Options:
  --model-path-ccdb PATH   CCDB folder of a model file, once per model file in the order
                           of modelFiles. Sets loadModelsFromCCDB to "true" and writes
                           modelPathsCCDB as {"values": [...]}. Repeatable.
  --local-models           Set loadModelsFromCCDB to "false": load the model files from
                           the working directory.
  --task NAME              Update the task NAME instead of analysis-same-event-pairing.
  --dry-run                Print the updated file to standard output and write nothing.
  -h, --help               Show this help.

When loadModelsFromCCDB is "true", modelPathsCCDB must list one folder per model file and
no folder twice; otherwise nothing is written.
Exit status: 0 when the file was updated; 1 when it was updated but the config has
errors, or when it was not written because of the CCDB folders; 2 on syntax errors in
either file, or usage and I/O errors.`;

export async function runDpl(args: string[], env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'model-path-ccdb': { type: 'string', multiple: true },
      'local-models': { type: 'boolean', default: false },
      task: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    env.stdout(DPL_HELP);
    return 0;
  }
  const [subcommand, dplFile, configFile, ...rest] = positionals;
  if (subcommand !== 'update') {
    throw new UsageError(
      `Unknown subcommand "${subcommand ?? ''}". Use "dqml dpl update DPLFILE CONFIG"; run "dqml dpl --help".`,
    );
  }
  if (!dplFile || !configFile || rest.length > 0) {
    throw new UsageError('dqml dpl update needs a DPLFILE and a CONFIG. Run "dqml dpl --help".');
  }
  if (dplFile === '-') throw new UsageError('DPLFILE cannot be standard input; name a file.');
  const folders = values['model-path-ccdb'];
  if (folders && values['local-models']) {
    throw new UsageError('--model-path-ccdb and --local-models contradict each other; give one.');
  }

  const dplText = readTextInput(dplFile, { requireUtf8: true });
  const configText = readTextInput(configFile, { requireUtf8: true });
  if (isDplConfiguration(configText)) {
    throw new UsageError(
      `${configFile} is a DPL configuration file, not a BDT config. Give the DPL file first and the config second: dqml dpl update ${configFile} CONFIG.`,
    );
  }
  const result = updateDplConfiguration(dplText, configText, {
    modelPathsCCDB: folders,
    loadModelsFromCCDB: values['local-models'] ? false : undefined,
    taskName: values.task,
    analysis: analysisOptionsFor(configFile, {}),
  });
  if (!result.ok) {
    const { error } = result;
    const file = error.reason === 'config-syntax' ? configFile : dplFile;
    const index = new LineIndex(error.reason === 'config-syntax' ? configText : dplText);
    for (const finding of error.findings) {
      const start = index.positionAt(finding.span.start);
      env.stderr(
        `${file}:${start.line + 1}:${start.character + 1}: error ${finding.code}: ${finding.message}`,
      );
    }
    env.stderr(`dqml dpl update: ${error.message} ${dplFile} was not changed.`);
    return error.reason === 'model-paths' ? 1 : 2;
  }

  const { update } = result;
  const { modelPaths } = update;
  if (modelPaths.status !== 'ok' && modelPaths.status !== 'not-used') {
    env.stderr(`dqml dpl update: ${modelPaths.message} ${dplFile} was not changed.`);
    env.stderr(suggestionLine(dplFile, configFile, update));
    return 1;
  }
  const configErrors = update.configFindings.filter(
    (finding) => finding.severity === 'error',
  ).length;
  const report = (line: string) => (values['dry-run'] ? env.stderr(line) : env.stdout(line));
  if (values['dry-run']) {
    env.stdout(update.text.endsWith('\n') ? update.text.slice(0, -1) : update.text);
  } else if (update.edits.length > 0) {
    writeTextOutput(dplFile, update.text);
  }
  if (update.changes.length === 0) {
    report(`${dplFile} already holds this config in "${update.taskName}"; nothing to change.`);
  } else {
    report(
      `${values['dry-run'] ? 'Would update' : 'Updated'} ${dplFile}, task "${update.taskName}":`,
    );
    for (const change of update.changes) report(`  ${change}`);
  }
  if (configErrors > 0) {
    env.stderr(
      `dqml dpl update: ${configFile} has ${configErrors} error${configErrors === 1 ? '' : 's'} that would stop the task. Run "dqml check ${configFile}" for details.`,
    );
    return 1;
  }
  return 0;
}

function suggestionLine(dplFile: string, configFile: string, update: DplUpdate): string {
  const { suggestion, modelFiles } = update.modelPaths;
  if (!suggestion) {
    return `Give one folder per model file (${modelFiles.join(', ')}) with --model-path-ccdb, in that order, or use --local-models.`;
  }
  const flags = suggestion.map((folder) => `--model-path-ccdb ${quoteForShell(folder)}`).join(' ');
  return `For example: dqml dpl update ${quoteForShell(dplFile)} ${quoteForShell(configFile)} ${flags}`;
}

function quoteForShell(word: string): string {
  return /^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
