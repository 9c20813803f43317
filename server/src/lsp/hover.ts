import type { Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { embeddedConfigAt } from '../core/dpl';
import { hoverMarkdown } from '../core/hoverText';
import { locate } from '../core/locate';
import type { Span } from '../core/text';
import type { DocumentAnalysis } from './documentState';
import { spanToRange } from './convert';

/** Builds the hover of a config, or of a config embedded in a DPL file. */
export function provideHover(
  document: TextDocument,
  entry: DocumentAnalysis,
  params: HoverParams,
  extraFeatures: readonly string[],
): Hover | null {
  const offset = document.offsetAt(params.position);
  if (entry.kind === 'dpl' && entry.dpl) {
    const embedded = embeddedConfigAt(entry.dpl, offset);
    if (!embedded) return null;
    const { config, configOffset } = embedded;
    return hoverAt(document, config.analysis, configOffset, extraFeatures, (span) =>
      config.map.toSourceSpan(span),
    );
  }
  if (!entry.analysis) return null;
  return hoverAt(document, entry.analysis, offset, extraFeatures, (span) => span);
}

function hoverAt(
  document: TextDocument,
  analysis: Analysis,
  offset: number,
  extraFeatures: readonly string[],
  toDocumentSpan: (span: Span) => Span,
): Hover | null {
  const location = locate(analysis.model, offset);
  const markdown = hoverMarkdown(location, extraFeatures);
  if (!markdown) return null;
  const span =
    location.feature?.span ??
    location.modelFile?.span ??
    (location.member && location.part === 'key' ? location.member.keySpan : undefined);
  return {
    contents: { kind: 'markdown', value: markdown },
    range: span ? spanToRange(document, toDocumentSpan(span)) : undefined,
  };
}
