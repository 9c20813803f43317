import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DocumentLink, Location, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { modelFileCandidates } from '../core/rules/models';
import { spanToRange } from './convert';
import { filePathOf } from './documentState';

/** Resolves a model file name the way the checks do: next to the config, then the search paths. */
function resolveModelFile(
  name: string,
  configPath: string,
  searchPaths: readonly string[],
): string | undefined {
  return modelFileCandidates(name, configPath, searchPaths).find((candidate) =>
    existsSync(candidate),
  );
}

/** Links every model file entry that exists on disk to its file. */
export function provideDocumentLinks(
  document: TextDocument,
  analysis: Analysis,
  searchPaths: readonly string[],
): DocumentLink[] {
  const configPath = filePathOf(document.uri);
  if (!configPath) return [];
  const links: DocumentLink[] = [];
  for (const item of analysis.model.active?.modelFiles?.items ?? []) {
    if (item.value === undefined) continue;
    const target = resolveModelFile(item.value, configPath, searchPaths);
    if (!target) continue;
    const range = spanToRange(document, { start: item.span.start + 1, end: item.span.end - 1 });
    links.push({ range, target: pathToFileURL(target).href, tooltip: `Open ${target}` });
  }
  return links;
}

/** Goes from a model file entry to the file. */
export function provideDefinition(
  document: TextDocument,
  analysis: Analysis,
  position: Position,
  searchPaths: readonly string[],
): Location | null {
  const configPath = filePathOf(document.uri);
  if (!configPath) return null;
  const offset = document.offsetAt(position);
  const item = analysis.model.active?.modelFiles?.items?.find(
    (candidate) => offset >= candidate.span.start && offset <= candidate.span.end,
  );
  if (!item?.value) return null;
  const target = resolveModelFile(item.value, configPath, searchPaths);
  if (!target) return null;
  return {
    uri: pathToFileURL(target).href,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
