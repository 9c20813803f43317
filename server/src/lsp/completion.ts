import { getLocation } from 'jsonc-parser';
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { FRAMEWORK_FEATURES, frameworkFeature } from '../core/framework/features';
import {
  CENT_BLOCK_MARK,
  CENTRALITY_ESTIMATORS,
  CLASS_COUNT,
  CUT_BLOCK_MARK,
  MODEL_TYPES,
  PT_BLOCK_MARK,
  SCORE_VARS,
} from '../core/framework/selection';
import { KEY_DOCS } from '../core/keyDocs';
import { membersOf } from '../core/model/members';
import type { Member } from '../core/model/types';
import { conventionalModelName } from '../core/rules/models';

type Level = 'top' | 'selection' | 'centrality' | 'pt' | 'cut' | 'other';

const SCORE_KEYS = ['AddMLCut-background', 'AddMLCut-prompt', 'AddMLCut-nonprompt'];

/** Returns the keys and values that are valid at the cursor, with snippets for new blocks. */
export function provideCompletion(
  document: TextDocument,
  analysis: Analysis,
  params: CompletionParams,
  extraFeatures: readonly string[],
): CompletionItem[] {
  const text = document.getText();
  const offset = document.offsetAt(params.position);
  const location = getLocation(text, offset);
  const path = location.path;
  const node = location.previousNode;
  const replaceRange: Range | undefined =
    node && node.type === 'string' && offset >= node.offset && offset <= node.offset + node.length
      ? {
          start: document.positionAt(node.offset),
          end: document.positionAt(node.offset + node.length),
        }
      : undefined;

  if (location.isAtPropertyKey) {
    const level = levelOf(path.slice(0, -1));
    const hasColon = node ? /^\s*:/.test(text.slice(node.offset + node.length)) : false;
    return keyItems(level, analysis, path.slice(0, -1), hasColon, replaceRange);
  }
  const key = path[path.length - 1];
  if (typeof key === 'number') {
    const list = path[path.length - 2];
    if (path.length === 3 && list === 'inputFeatures')
      return featureItems(analysis, extraFeatures, replaceRange);
    if (path.length === 3 && list === 'modelFiles')
      return modelFileItems(analysis, key, replaceRange);
    return [];
  }
  return valueItems(levelOf(path.slice(0, -1)), key, analysis, path, replaceRange);
}

function levelOf(path: Array<string | number>): Level {
  if (path.length === 0) return 'top';
  const marks = [CENT_BLOCK_MARK, PT_BLOCK_MARK, CUT_BLOCK_MARK];
  if (path.length === 1) return 'selection';
  for (let depth = 1; depth < path.length; depth++) {
    const segment = path[depth];
    if (typeof segment !== 'string' || !segment.includes(marks[depth - 1] ?? '\u0000'))
      return 'other';
  }
  return (['selection', 'centrality', 'pt', 'cut'] as const)[path.length - 1] ?? 'other';
}

function classCount(analysis: Analysis): number {
  const type = analysis.model.active?.modelType;
  return type ? CLASS_COUNT[type] : 1;
}

function cutSnippets(count: number, indent: string, firstTabStop: number): string {
  const lines: string[] = [];
  for (let position = 0; position < count; position++) {
    const stop = firstTabStop + position;
    lines.push(
      `${indent}"${SCORE_KEYS[position]}": { "var": "${SCORE_VARS[position]}", "cut": \${${stop}:0.5}, "exclude": ${position === 0} }`,
    );
  }
  return lines.join(',\n');
}

function ptBlockSnippet(count: number, index: number): string {
  return [
    `"AddPtCut-pTBin${index}": {`,
    '\t"pTMin": ${1:0},',
    '\t"pTMax": ${2:2},',
    cutSnippets(count, '\t', 3),
    '}',
  ].join('\n');
}

function centralityBlockSnippet(count: number): string {
  return [
    '"AddCentCut-Cent${1:00}${2:10}": {',
    '\t"centMin": ${1:0},',
    '\t"centMax": ${2:10},',
    '\t"AddPtCut-pTBin1": {',
    '\t\t"pTMin": ${3:0},',
    '\t\t"pTMax": ${4:2},',
    cutSnippets(count, '\t\t', 5),
    '\t}',
    '}',
  ].join('\n');
}

function keyItems(
  level: Level,
  analysis: Analysis,
  objectPath: Array<string | number>,
  hasColon: boolean,
  range: Range | undefined,
): CompletionItem[] {
  const selection = analysis.model.active;
  const count = classCount(analysis);
  const simple = (key: string, valueSnippet: string): CompletionItem => ({
    label: key,
    kind: CompletionItemKind.Property,
    documentation: KEY_DOCS[key] ? { kind: 'markdown', value: KEY_DOCS[key] } : undefined,
    insertTextFormat: InsertTextFormat.Snippet,
    ...insert(hasColon ? `"${key}"` : `"${key}": ${valueSnippet}`, range),
  });
  const block = (label: string, snippet: string, documentation: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Module,
    documentation: { kind: 'markdown', value: documentation },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
    ...insert(snippet, range),
  });
  switch (level) {
    case 'selection': {
      const present = new Set(
        [
          selection?.type,
          selection?.inputFeatures,
          selection?.modelFiles,
          selection?.cent,
          selection?.title,
        ]
          .filter((field) => field !== undefined)
          .map((field) => field!.member.key),
      );
      const items = [
        simple('type', `"\${1|${MODEL_TYPES.join(',')}|}"`),
        simple('title', '"${1:MyBDTModel}"'),
        simple('inputFeatures', '[${1}]'),
        simple('modelFiles', '[${1}]'),
        simple('cent', `"\${1|${CENTRALITY_ESTIMATORS.join(',')}|}"`),
      ].filter((item) => !present.has(item.label));
      items.push(
        block(
          'AddCentCut block',
          centralityBlockSnippet(count),
          'A new centrality block with one pT block and the score cuts the type needs.',
        ),
      );
      return items;
    }
    case 'centrality': {
      const centrality = selection?.centralityBlocks.find(
        (block) => block.member.key === objectPath[1],
      );
      const ptCount = (centrality?.ptBlocks.length ?? 0) + 1;
      const fields = [simple('centMin', '${1:0}'), simple('centMax', '${1:10}')].filter(
        (item) => !hasKey(centrality?.member, item.label),
      );
      return [
        ...fields,
        block(
          'AddPtCut block',
          ptBlockSnippet(count, ptCount),
          'A new pT block (a new bin) with the score cuts the type needs.',
        ),
      ];
    }
    case 'pt': {
      const block = selection?.centralityBlocks
        .find((candidate) => candidate.member.key === objectPath[1])
        ?.ptBlocks.find((candidate) => candidate.member.key === objectPath[2]);
      const position = block?.cuts.length ?? 0;
      const items = [simple('pTMin', '${1:0}'), simple('pTMax', '${1:2}')].filter(
        (item) => !hasKey(block?.member, item.label),
      );
      // A block that has all the cuts its type needs gets no suggestion of another one.
      if (position < count) {
        items.push({
          label: `AddMLCut for ${SCORE_VARS[position]}`,
          kind: CompletionItemKind.Module,
          documentation: {
            kind: 'markdown',
            value: `Score cut ${position}: the framework applies it to ${SCORE_VARS[position]}.`,
          },
          insertTextFormat: InsertTextFormat.Snippet,
          ...insert(
            `"${SCORE_KEYS[position]}": { "var": "${SCORE_VARS[position]}", "cut": \${1:0.5}, "exclude": \${2|${position === 0 ? 'true,false' : 'false,true'}|} }`,
            range,
          ),
        });
      }
      return items;
    }
    case 'cut': {
      const cut = selection?.centralityBlocks
        .find((candidate) => candidate.member.key === objectPath[1])
        ?.ptBlocks.find((candidate) => candidate.member.key === objectPath[2])
        ?.cuts.find((candidate) => candidate.member.key === objectPath[3]);
      return [
        simple('var', `"\${1|${SCORE_VARS.join(',')}|}"`),
        simple('cut', '${1:0.5}'),
        simple('exclude', '${1|true,false|}'),
      ].filter((item) => !hasKey(cut?.member, item.label));
    }
    default:
      return [];
  }
}

/** Tells whether an object member already has a member with this key. */
function hasKey(member: Member | undefined, key: string): boolean {
  return membersOf(member?.value).some((child) => child.key === key);
}

function insert(
  newText: string,
  range: Range | undefined,
): Pick<CompletionItem, 'insertText' | 'textEdit'> {
  return range ? { textEdit: { range, newText } } : { insertText: newText };
}

function enumItems(
  values: readonly string[],
  range: Range | undefined,
  quoted = true,
): CompletionItem[] {
  return values.map((value, index) => ({
    label: quoted ? `"${value}"` : value,
    kind: CompletionItemKind.EnumMember,
    sortText: String(index).padStart(2, '0'),
    ...insert(quoted ? `"${value}"` : value, range),
  }));
}

function valueItems(
  level: Level,
  key: string,
  analysis: Analysis,
  path: Array<string | number>,
  range: Range | undefined,
): CompletionItem[] {
  if (level === 'selection' && key === 'type') return enumItems(MODEL_TYPES, range);
  if (level === 'selection' && key === 'cent') return enumItems(CENTRALITY_ESTIMATORS, range);
  if (level === 'cut' && key === 'exclude') return enumItems(['true', 'false'], range, false);
  if (level === 'cut' && key === 'var') {
    const block = analysis.model.active?.centralityBlocks
      .find((candidate) => candidate.member.key === path[1])
      ?.ptBlocks.find((candidate) => candidate.member.key === path[2]);
    const position = block?.cuts.findIndex((cut) => cut.member.key === path[3]) ?? -1;
    const ordered =
      position >= 0 && position < SCORE_VARS.length
        ? [SCORE_VARS[position], ...SCORE_VARS.filter((_, index) => index !== position)]
        : [...SCORE_VARS];
    return enumItems(ordered, range);
  }
  return [];
}

function featureItems(
  analysis: Analysis,
  extraFeatures: readonly string[],
  range: Range | undefined,
): CompletionItem[] {
  const listed = new Set(analysis.model.active?.inputFeatures?.items?.map((item) => item.value));
  const names = [...FRAMEWORK_FEATURES.map((feature) => feature.name), ...extraFeatures].filter(
    (name) => !listed.has(name),
  );
  return names.map((name, index) => {
    const feature = frameworkFeature(name);
    return {
      label: `"${name}"`,
      kind: CompletionItemKind.Field,
      detail: feature ? `${feature.column}: ${feature.description}` : 'extra feature',
      sortText: String(index).padStart(3, '0'),
      ...insert(`"${name}"`, range),
    };
  });
}

function modelFileItems(
  analysis: Analysis,
  index: number,
  range: Range | undefined,
): CompletionItem[] {
  const selection = analysis.model.active;
  const bin = selection?.bins[index];
  if (!bin) return [];
  const name = conventionalModelName(bin, selection?.modelFiles?.items ?? []);
  return [
    {
      label: `"${name}"`,
      kind: CompletionItemKind.File,
      detail: `model of bin ${bin.index}, ${bin.label}`,
      ...insert(`"${name}"`, range),
    },
  ];
}
