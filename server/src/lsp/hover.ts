import type { Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverMarkdown } from '../core/hoverText';
import { locate } from '../core/locate';
import type { DocumentAnalysis } from './documentState';
import { spanToRange } from './convert';

export function provideHover(
  document: TextDocument,
  entry: DocumentAnalysis,
  params: HoverParams,
  extraFeatures: readonly string[],
): Hover | null {
  if (!entry.analysis) return null;
  const offset = document.offsetAt(params.position);
  const location = locate(entry.analysis.model, offset);
  const markdown = hoverMarkdown(location, extraFeatures);
  if (!markdown) return null;
  const span =
    location.feature?.span ??
    location.modelFile?.span ??
    (location.member && location.part === 'key' ? location.member.keySpan : undefined);
  return {
    contents: { kind: 'markdown', value: markdown },
    range: span ? spanToRange(document, span) : undefined,
  };
}
