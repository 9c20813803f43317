import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { appendToArrayEdit, removeElementEdit } from '../edits';
import type { Bin, Selection, StringItem } from '../model/types';
import type { Fix } from '../findings';
import type { Rule, RuleContext } from './context';

/** Checks that bins and model files pair one to one, and that the names are sound. */
export const checkModelFiles: Rule = (context) => {
  const selection = context.model.active;
  const items = selection?.modelFiles?.items;
  if (!selection || !items) return;
  checkCount(context, selection, items);
  const seen = new Map<string, StringItem>();
  for (const item of items) {
    if (item.value === undefined) continue;
    const first = seen.get(item.value);
    if (first) {
      context.report(
        'duplicate-model-file',
        item.span,
        `"${item.value}" is the model of bin ${first.index} and again of bin ${item.index}. Give each bin its own model file.`,
        {
          related: [
            { span: first.span, message: `Bin ${first.index} uses "${item.value}" first.` },
          ],
        },
      );
    } else {
      seen.set(item.value, item);
    }
    if (!item.value.toLowerCase().endsWith('.onnx')) {
      context.report(
        'model-file-extension',
        item.span,
        `Model file "${item.value}" does not end in ".onnx"; the framework loads every model with ONNX Runtime. Export the model to ONNX and name the file here.`,
      );
    }
  }
  checkNamesAgainstBins(context, selection.bins);
  if (context.options.checkModelFiles !== false && context.options.configPath) {
    checkFilesExist(context, items);
  }
};

function checkCount(context: RuleContext, selection: Selection, items: StringItem[]): void {
  const bins = selection.bins;
  if (bins.length === 0 || bins.length === items.length) return;
  const list = selection.modelFiles!;
  const pairing = bins
    .slice(0, Math.max(bins.length, items.length))
    .map((bin) => `bin ${bin.index} (${bin.label}) → ${bin.modelFile?.value ?? 'no model'}`);
  const surplus = items.slice(bins.length).map((item) => `${item.value ?? '?'} → no bin`);
  const related = [
    ...bins.map((bin) => ({
      span: bin.pt.member.keySpan,
      message: `Bin ${bin.index} → ${bin.modelFile?.value ?? 'no model file'}`,
    })),
    ...items
      .slice(bins.length)
      .map((item) => ({ span: item.span, message: `modelFiles[${item.index}] has no bin.` })),
  ];
  const fixes: Fix[] = [];
  if (bins.length > items.length) {
    const names = bins.slice(items.length).map((bin) => conventionalModelName(bin, items));
    fixes.push({
      title: `Add ${names.length} model file name${names.length > 1 ? 's' : ''} named after the bins`,
      edits: [
        appendToArrayEdit(
          context.text,
          list.member.value!,
          names.map((name) => JSON.stringify(name)),
        ),
      ],
      preferred: true,
    });
  } else {
    const nodes = items.map((item) => item.node);
    const edits = [];
    for (let index = items.length - 1; index >= bins.length; index--) {
      edits.push(removeElementEdit(nodes.slice(0, index + 1), index));
    }
    fixes.push({
      title: 'Remove the model files that have no bin',
      edits: mergeTrailingRemovals(edits),
    });
  }
  context.report(
    'model-count-mismatch',
    list.member.keySpan,
    `${bins.length} bin${bins.length === 1 ? '' : 's'} but ${items.length} model file${items.length === 1 ? '' : 's'}: bin i uses modelFiles[i]. Pairing: ${shortenList([...pairing, ...surplus]).join('; ')}. Make the two counts equal.`,
    { related, fixes },
  );
}

const PAIRING_HEAD = 3;
const PAIRING_TAIL = 4;

/**
 * Keeps the first and last entries of a long pairing, since a count mismatch shows at the
 * end, and names how many were left out. The related locations still list every bin.
 */
function shortenList(entries: string[]): string[] {
  if (entries.length <= PAIRING_HEAD + PAIRING_TAIL + 1) return entries;
  const omitted = entries.length - PAIRING_HEAD - PAIRING_TAIL;
  return [
    ...entries.slice(0, PAIRING_HEAD),
    `… ${omitted} more …`,
    ...entries.slice(-PAIRING_TAIL),
  ];
}

/** Removing trailing items one by one yields nested spans; one span from the first suffices. */
function mergeTrailingRemovals(edits: { span: { start: number; end: number }; newText: string }[]) {
  if (edits.length <= 1) return edits;
  const start = Math.min(...edits.map((edit) => edit.span.start));
  const end = Math.max(...edits.map((edit) => edit.span.end));
  return [{ span: { start, end }, newText: '' }];
}

const NAME_PATTERN =
  /cent_?(-?\d+(?:\.\d+)?)_(-?\d+(?:\.\d+)?)_?pt_?(\d+(?:\.\d+)?)_(\d+(?:\.\d+)?)/i;

/**
 * Returns a model file name for a bin, following the pattern of the names already listed
 * (`cent_10_30_pt0_2_onnx.onnx`) or else the DQ training example's
 * `modelBDT_cent{min}_{max}_pt{min}_{max}_onnx.onnx`.
 */
export function conventionalModelName(bin: Bin, existing: readonly StringItem[]): string {
  const numbers = [bin.centrality.min, bin.centrality.max, bin.pt.min, bin.pt.max].map((field) =>
    field?.value === undefined ? 'x' : String(field.value),
  );
  const [centMin, centMax, ptMin, ptMax] = numbers;
  const template = existing.find((item) => item.value && NAME_PATTERN.test(item.value))?.value;
  if (template) {
    return template.replace(NAME_PATTERN, (whole) => {
      const ptSeparator = /pt_/i.test(whole) ? 'pt_' : 'pt';
      const centSeparator = /cent_/i.test(whole) ? 'cent_' : 'cent';
      return `${centSeparator}${centMin}_${centMax}_${ptSeparator}${ptMin}_${ptMax}`;
    });
  }
  return `modelBDT_cent${centMin}_${centMax}_pt${ptMin}_${ptMax}_onnx.onnx`;
}

function checkNamesAgainstBins(context: RuleContext, bins: readonly Bin[]): void {
  const binsByRanges = new Map<string, Bin>();
  for (const bin of [...bins].reverse()) {
    const ranges = [bin.centrality.min, bin.centrality.max, bin.pt.min, bin.pt.max];
    binsByRanges.set(ranges.map((field) => field?.value).join(' '), bin);
  }
  for (const bin of bins) {
    const name = bin.modelFile?.value;
    const match = name ? NAME_PATTERN.exec(name) : null;
    if (!bin.modelFile || !match) continue;
    const [, centMin, centMax, ptMin, ptMax] = match.map(Number);
    const actual = [
      bin.centrality.min?.value,
      bin.centrality.max?.value,
      bin.pt.min?.value,
      bin.pt.max?.value,
    ];
    if (actual.some((value) => value === undefined)) continue;
    if ([centMin, centMax, ptMin, ptMax].every((value, index) => value === actual[index])) continue;
    const owner = binsByRanges.get([centMin, centMax, ptMin, ptMax].join(' '));
    context.report(
      'model-file-name-mismatch',
      bin.modelFile.span,
      `"${name}" is named for centrality ${centMin}–${centMax}, pT ${ptMin}–${ptMax}, but it is the model of bin ${bin.index} (${bin.label}).${owner ? ` Its name fits bin ${owner.index}; check the order of "modelFiles".` : ' Check that this is the right model.'}`,
      { related: [{ span: bin.pt.member.keySpan, message: `Bin ${bin.index}: ${bin.label}` }] },
    );
  }
}

/** Returns the paths where a model file is looked for, in order. */
export function modelFileCandidates(
  name: string,
  configPath: string,
  searchPaths: readonly string[] = [],
): string[] {
  if (isAbsolute(name)) return [name];
  const configDir = dirname(configPath);
  return [configDir, ...searchPaths.map((path) => resolve(configDir, path))].map((dir) =>
    resolve(dir, name),
  );
}

function checkFilesExist(context: RuleContext, items: readonly StringItem[]): void {
  const exists = context.options.fileExists ?? existsSync;
  const configPath = context.options.configPath!;
  const named = items.filter(
    (item): item is StringItem & { value: string } => item.value !== undefined,
  );
  const missing = named.filter(
    (item) =>
      !modelFileCandidates(item.value, configPath, context.options.modelSearchPaths).some(exists),
  );
  if (missing.length === 0) return;
  const where = `next to the config${context.options.modelSearchPaths?.length ? ' or in the model search paths' : ''}`;
  if (missing.length === named.length && named.length > 1 && !context.options.modelsLoadedLocally) {
    context.report(
      'model-file-not-found',
      context.model.active!.modelFiles!.member.keySpan,
      `None of the ${named.length} model files is ${where}, so they were not checked. Put them there, add their folder to the model search paths, or ignore this if the task loads them from CCDB.`,
      {
        severity: 'info',
        related: missing.map((item) => ({ span: item.span, message: `${item.value} not found.` })),
      },
    );
    return;
  }
  for (const item of missing) {
    context.report(
      'model-file-not-found',
      item.span,
      `Model file "${item.value}" not found ${where}. Check the name, or add its folder to the model search paths.`,
    );
  }
}
