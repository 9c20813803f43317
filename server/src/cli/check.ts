import { parseArgs } from 'node:util';
import { analyzeConfig, type Analysis } from '../core/analyze';
import { withModelFindings } from '../core/onnx';
import { LineIndex } from '../core/text';
import {
  analyzeDplDocument,
  dplAnalysisAsAnalysis,
  fixAllDpl,
  isDplConfiguration,
} from '../core/dpl';
import { fixAll } from '../core/fixAll';
import { countFindings, formatText, formatTotals } from './formatText';
import { formatSarif } from './formatSarif';
import { readTextInput, UsageError, writeTextOutput } from './io';
import { analysisOptionsFor, collectExtraFeatures, parseRuleSettings } from './options';
import type { CliEnvironment } from './environment';

export const CHECK_HELP = `Usage: dqml check FILE... [options]

Checks BDT selection configs the way the O2Physics DQ framework reads them.
A DPL configuration file is checked too: its BDT options and the config inside
fConfigBdtCutsJSON, with positions inside that string.
FILE may be - for standard input.

Options:
  --format text|json|sarif   Output format (default: text).
  --rule CODE=SETTING        Set a rule to off, info, warning or error. Repeatable.
  --extra-features A,B       Accept these feature names besides the framework's thirty.
  --features-from PATH       Read extra feature names from DQMlResponse.h, or from the
                             O2Physics checkout that contains PWGDQ/Core/DQMlResponse.h.
  --model-path DIR           Also look for model files in DIR (relative to the config).
                             Repeatable.
  --no-models                Do not look for the model files or read them.
  --fix                      Apply the preferred fix of every finding to the file.
  --verbose                  Also print the framework behaviour, related places and fixes.
  -h, --help                 Show this help.

Exit status: 0 when no errors were found, 1 when some were, 2 on usage or I/O errors.`;

export async function runCheck(args: string[], env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      rule: { type: 'string', multiple: true, default: [] },
      'extra-features': { type: 'string', multiple: true, default: [] },
      'features-from': { type: 'string' },
      'model-path': { type: 'string', multiple: true, default: [] },
      'no-models': { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    env.stdout(CHECK_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('dqml check needs at least one FILE. Run "dqml check --help".');
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`Invalid --format "${format}". Use text, json or sarif.`);
  }
  if (values.fix && positionals.includes('-'))
    throw new UsageError('--fix cannot write to standard input; name a file.');
  const common = {
    rules: parseRuleSettings(values.rule),
    extraFeatures: collectExtraFeatures(values['extra-features'], values['features-from']),
    modelSearchPaths: values['model-path'],
    checkModelFiles: !values['no-models'],
  };

  if (positionals.filter((file) => file === '-').length > 1) {
    throw new UsageError('Standard input (-) can be named only once.');
  }
  const results: Array<{ file: string; analysis: Analysis }> = [];
  // A file that cannot be read is reported and skipped, so one bad path in a CI glob does
  // not hide the findings of the others. The exit status is then 2.
  let unreadable = 0;
  for (const file of positionals) {
    const options = analysisOptionsFor(file, common);
    let text: string;
    try {
      text = readTextInput(file, { requireUtf8: values.fix });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      env.stderr(`dqml check: ${error.message}`);
      unreadable++;
      continue;
    }
    if (values.fix) {
      const fixed = isDplConfiguration(text) ? fixAllDpl(text, options) : fixAll(text, options);
      if (fixed.applied > 0) {
        try {
          writeTextOutput(file, fixed.text);
          env.stderr(`${file}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}.`);
          text = fixed.text;
        } catch (error) {
          // The findings of the unchanged file are still reported below.
          if (!(error instanceof UsageError)) throw error;
          env.stderr(`dqml check: ${error.message}`);
          unreadable++;
        }
      }
    }
    const analysis = isDplConfiguration(text)
      ? dplAnalysisAsAnalysis(analyzeDplDocument(text, options))
      : await withModelFindings(analyzeConfig(text, options), options);
    results.push({ file, analysis });
  }

  const totals = countFindings(results.map((result) => result.analysis));
  if (format === 'text') {
    for (const { file, analysis } of results) {
      for (const line of formatText(file, analysis, values.verbose)) env.stdout(line);
    }
    if (results.length > 0) env.stdout(formatTotals(totals, results.length));
  } else if (format === 'json') {
    env.stdout(
      JSON.stringify(
        results.map(({ file, analysis }) => jsonResult(file, analysis)),
        null,
        2,
      ),
    );
  } else {
    env.stdout(JSON.stringify(formatSarif(results, env.packageRoot, env.version), null, 2));
  }
  if (unreadable > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
}

function jsonResult(file: string, analysis: Analysis) {
  const index = new LineIndex(analysis.text);
  return {
    file,
    bins: analysis.model.active?.bins.map((bin) => ({
      index: bin.index,
      label: bin.label,
      modelFile: bin.modelFile?.value,
    })),
    findings: analysis.findings.map((finding) => ({
      ...finding,
      range: {
        start: index.positionAt(finding.span.start),
        end: index.positionAt(finding.span.end),
      },
    })),
  };
}
