import { analyzeConfig, applyRuleSettings, type Analysis } from '../analyze';
import type { Finding } from '../findings';
import { buildModel } from '../model/build';
import { nodeSpan } from '../model/members';
import type { Member } from '../model/types';
import type { AnalysisOptions } from '../options';
import { createRuleContext, type RuleContext } from '../rules/context';
import { parseStrictJson } from '../syntax/parse';
import { checkTaskOptions, type EmbeddedConfigSummary } from './checks';
import {
  bdtTasks,
  isDplDocument,
  readDplBoolean,
  readDplDocument,
  type DplDocument,
  type DplTask,
} from './document';
import { hyperloopString } from './hyperloop';
import { encodeStringLiteral } from './stringLiteral';
import {
  blankOutside,
  decodeLiteralAt,
  decodeNestedLiteral,
  mapFindingToSource,
  objectTextMap,
  type DecodedEmbeddedText,
  type EmbeddedTextMap,
} from './textMap';

/**
 * The encoding of the config in the DPL file. `string` is the correct form,
 * `double-encoded` is a string whose content is another string literal, and `object` is
 * a JSON object in place of the string.
 */
export type EmbeddedEncoding = 'string' | 'double-encoded' | 'object';

/** A BDT config found inside a DPL configuration file, analysed in place. */
export interface EmbeddedConfig {
  task: DplTask;
  /** The `fConfigBdtCutsJSON` member. */
  option: Member;
  encoding: EmbeddedEncoding;
  /**
   * The analysis of the config text as the framework would receive it. Its spans are
   * offsets into `analysis.text`; `map` converts them to offsets into the DPL file. For an
   * object, `analysis.text` is the DPL file with everything outside the object blanked,
   * so both offsets are equal.
   */
  analysis: Analysis;
  map: EmbeddedTextMap;
  /** The findings of the config, moved into the DPL file. */
  findings: Finding[];
  /** True when the task takes the model files from CCDB, so they are not looked for locally. */
  modelsFromCcdb: boolean;
}

/** The result of analysing a DPL configuration file. */
export interface DplAnalysis {
  text: string;
  /** False when the file does not look like a DPL configuration; see `isDplDocument`. */
  isDpl: boolean;
  document: DplDocument;
  configs: EmbeddedConfig[];
  /** Every finding, in DPL-file offsets, after the user's rule settings, ordered by position. */
  findings: Finding[];
}

/**
 * Analyses a DPL configuration file: its JSON syntax, the BDT options of the pairing task
 * and of any task that carries `fConfigBdtCutsJSON`, and every embedded config. Each
 * finding of an embedded config is placed at its exact position inside the file.
 * `options.configPath` is the DPL file's path, and model files are looked for next to it
 * unless the task loads them from CCDB.
 */
export function analyzeDplDocument(text: string, options: AnalysisOptions = {}): DplAnalysis {
  const document = readDplDocument(text);
  const findings: Finding[] = [...document.syntaxFindings];
  const context = createRuleContext(text, buildModel(undefined), options, findings);
  const configs: EmbeddedConfig[] = [];
  for (const task of bdtTasks(document)) {
    const embedded = analyzeEmbeddedConfig(context, task, options);
    if (embedded) {
      configs.push(embedded);
      findings.push(...embedded.findings);
    }
    checkTaskOptions(context, task, embedded && summarize(embedded));
  }
  return {
    text,
    isDpl: isDplDocument(document),
    document,
    configs,
    findings: applyRuleSettings(findings, options),
  };
}

/** Finds the embedded config whose text contains a DPL-file offset, and the offset in it. */
export function embeddedConfigAt(
  analysis: DplAnalysis,
  offset: number,
): { config: EmbeddedConfig; configOffset: number } | undefined {
  for (const config of analysis.configs) {
    const configOffset = config.map.toConfigOffset(offset);
    if (configOffset !== undefined) return { config, configOffset };
  }
  return undefined;
}

function summarize(embedded: EmbeddedConfig): EmbeddedConfigSummary {
  const modelFiles = embedded.analysis.model.active?.modelFiles;
  return {
    isEmpty: embedded.analysis.text.trim() === '',
    modelFiles: modelFiles?.items?.map((item) => item.value),
    modelFilesSpan: modelFiles ? embedded.map.toSourceSpan(modelFiles.valueSpan) : undefined,
  };
}

function analyzeEmbeddedConfig(
  context: RuleContext,
  task: DplTask,
  options: AnalysisOptions,
): EmbeddedConfig | undefined {
  const option = task.options.fConfigBdtCutsJSON;
  const value = option?.value;
  if (!option || !value) return undefined;
  const modelsFromCcdb = readDplBoolean(task.options.loadModelsFromCCDB?.value) === true;
  const configOptions: AnalysisOptions = {
    ...options,
    checkModelFiles: options.checkModelFiles !== false && !modelsFromCcdb,
    modelsLoadedLocally: !modelsFromCcdb,
  };
  const base = { task, option, modelsFromCcdb };

  if (value.type === 'object') {
    const span = nodeSpan(value);
    reportObjectConfig(context, task, option, span);
    const map = objectTextMap(span);
    const analysis = analyzeConfig(blankOutside(context.text, span), configOptions);
    return { ...base, encoding: 'object', analysis, map, findings: moveFindings(analysis, map) };
  }
  if (value.type !== 'string') {
    context.report(
      'dpl-config-not-string',
      nodeSpan(value),
      `"fConfigBdtCutsJSON" in "${task.name}" is a JSON ${value.type}. Write the config as one JSON string, e.g. "fConfigBdtCutsJSON": "{\\"BDTCut\\":{…}}"; "dqml dpl update" writes it for you.`,
    );
    return undefined;
  }

  const outer = decodeLiteralAt(context.text, value.offset, value.length);
  if (!outer || outer.text.trim() === '') return undefined;
  const inner = encodedStringInside(outer);
  if (inner) {
    reportDoubleEncoded(context, task, nodeSpan(value), outer.text.trim());
    const analysis = analyzeConfig(inner.text, configOptions);
    return {
      ...base,
      encoding: 'double-encoded',
      analysis,
      map: inner.map,
      findings: moveFindings(analysis, inner.map),
    };
  }
  const analysis = analyzeConfig(outer.text, configOptions);
  return {
    ...base,
    encoding: 'string',
    analysis,
    map: outer.map,
    findings: moveFindings(analysis, outer.map),
  };
}

/** Returns the decoded inner string when the config text is itself one JSON string literal. */
function encodedStringInside(outer: DecodedEmbeddedText): DecodedEmbeddedText | undefined {
  if (!outer.text.trimStart().startsWith('"')) return undefined;
  const parsed = parseStrictJson(outer.text);
  if (parsed.findings.length > 0 || parsed.root?.type !== 'string') return undefined;
  return decodeNestedLiteral(outer);
}

function moveFindings(analysis: Analysis, map: EmbeddedTextMap): Finding[] {
  return analysis.findings.map((finding) => mapFindingToSource(finding, map));
}

function reportObjectConfig(
  context: RuleContext,
  task: DplTask,
  option: Member,
  span: { start: number; end: number },
): void {
  const compact = hyperloopString(context.text.slice(span.start, span.end));
  const fixes = compact.ok
    ? [
        {
          title: 'Write the config as its compact JSON string',
          edits: [{ span, newText: encodeStringLiteral(compact.compact) }],
          preferred: true,
        },
      ]
    : undefined;
  context.report(
    'dpl-config-not-string',
    option.keySpan,
    `"fConfigBdtCutsJSON" in "${task.name}" is written as a JSON object, but the option is a string, so the task does not receive this config. Replace the object by its compact form as one JSON string.`,
    { fixes },
  );
}

function reportDoubleEncoded(
  context: RuleContext,
  task: DplTask,
  span: { start: number; end: number },
  decodedOnce: string,
): void {
  context.report(
    'dpl-config-double-encoded',
    span,
    `"fConfigBdtCutsJSON" in "${task.name}" holds a string that decodes to another JSON string, the local form pasted where the compact form belongs: the task would read a string, not a config. Decode it once.`,
    {
      fixes: [
        {
          title: 'Decode the string once',
          edits: [{ span, newText: decodedOnce }],
          preferred: true,
        },
      ],
    },
  );
}
