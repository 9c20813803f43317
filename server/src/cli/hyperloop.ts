import { parseArgs } from 'node:util';
import { analyzeConfig } from '../core/analyze';
import {
  compactConfigText,
  isDplConfiguration,
  localString,
  recognizeConfigForm,
} from '../core/dpl';
import { LineIndex } from '../core/text';
import type { CliEnvironment } from './environment';
import { countFindings, formatText } from './formatText';
import { readTextInput, UsageError } from './io';
import { analysisOptionsFor } from './options';

export const HYPERLOOP_HELP = `Usage: dqml hyperloop CONFIG [--local]

Prints the config as one line of compact JSON, the string to paste into the
fConfigBdtCutsJSON field of a Hyperloop wagon. The string is the config's own tokens
without the whitespace between them: numbers, key order, escapes and non-ASCII text stay
as written. CONFIG may be - for standard input, and may already be a compact or local
string.

Options:
  --local      Print the compact string encoded once more as a JSON string literal, the
               value of fConfigBdtCutsJSON in a local DPL configuration file.
  -h, --help   Show this help.

Only the string goes to standard output; problems go to standard error.
Exit status: 0 when the config has no errors; 1 when it has errors, in which case the
string is printed anyway; 2 on syntax errors (nothing is printed) or usage and I/O errors.`;

/** Errors listed on standard error before the count of the rest. */
const MAX_ERRORS_SHOWN = 5;

export async function runHyperloop(args: string[], env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    env.stdout(HYPERLOOP_HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError('dqml hyperloop needs exactly one CONFIG. Run "dqml hyperloop --help".');
  }
  const [file] = positionals;
  const text = readTextInput(file, { requireUtf8: true });
  if (isDplConfiguration(text)) {
    throw new UsageError(
      `${file} is a DPL configuration file, not a BDT config. Name the config itself; "dqml check ${file}" checks the config inside it.`,
    );
  }
  const compact = compactConfigText(text);
  if (!compact.ok) {
    const index = new LineIndex(text);
    for (const error of compact.errors) {
      const start = index.positionAt(error.span.start);
      env.stderr(
        `${file}:${start.line + 1}:${start.character + 1}: error ${error.code}: ${error.message}`,
      );
    }
    env.stderr(
      `dqml hyperloop: ${file} has syntax errors, so no string was printed. The framework's strict JSON parser would reject it too; fix the errors above.`,
    );
    return 2;
  }

  const form = recognizeConfigForm(text);
  const analysed = form.form === 'local' ? form.decoded : text;
  const analysis = analyzeConfig(analysed, analysisOptionsFor(file, {}));
  const errorCount = countFindings([analysis]).errors;
  if (errorCount > 0) {
    const label = form.form === 'local' ? `${file} (decoded)` : file;
    const errors = analysis.findings.filter((finding) => finding.severity === 'error');
    const firstErrors = { ...analysis, findings: errors.slice(0, MAX_ERRORS_SHOWN) };
    for (const line of formatText(label, firstErrors, false)) env.stderr(line);
    if (errors.length > MAX_ERRORS_SHOWN) {
      env.stderr(`… and ${errors.length - MAX_ERRORS_SHOWN} more errors.`);
    }
    env.stderr(
      `dqml hyperloop: ${file} has ${errorCount} error${errorCount === 1 ? '' : 's'} that would stop the task; the string is printed anyway. Run "dqml check ${file}" for all findings.`,
    );
  }
  env.stdout(values.local ? localString(compact.compact) : compact.compact);
  return errorCount > 0 ? 1 : 0;
}
