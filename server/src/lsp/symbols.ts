import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { describeCut } from '../core/describe';
import type { Member } from '../core/model/types';
import { spanToRange } from './convert';

/** Lists selections, centrality blocks, pT blocks (with their bin) and cuts as an outline. */
export function provideDocumentSymbols(
  document: TextDocument,
  analysis: Analysis,
): DocumentSymbol[] {
  const symbol = (
    member: Member,
    kind: SymbolKind,
    detail: string,
    children: DocumentSymbol[] = [],
  ): DocumentSymbol => ({
    name: member.key || '""',
    detail,
    kind,
    range: spanToRange(document, member.span),
    selectionRange: spanToRange(document, member.keySpan),
    children,
  });
  return analysis.model.selections.map((selection, index) => {
    const blocks = selection.centralityBlocks.map((centrality) =>
      symbol(
        centrality.member,
        SymbolKind.Namespace,
        `centrality ${centrality.min?.value ?? '?'}–${centrality.max?.value ?? '?'}`,
        centrality.ptBlocks.map((pt) => {
          const bin = selection.bins.find((candidate) => candidate.pt === pt);
          return symbol(
            pt.member,
            SymbolKind.Class,
            `bin ${bin?.index ?? '?'}: pT ${pt.min?.value ?? '?'}–${pt.max?.value ?? '?'} GeV/c`,
            pt.cuts.map((cut) => {
              const applied = bin?.cuts.find((candidate) => candidate.source === cut);
              return symbol(
                cut.member,
                SymbolKind.Field,
                applied ? describeCut(applied) : 'score cut',
              );
            }),
          );
        }),
      ),
    );
    const detail =
      index === 0
        ? `${selection.type?.value ?? 'selection'}, ${selection.bins.length} bins`
        : 'ignored: not the first selection';
    return symbol(selection.member, SymbolKind.Object, detail, blocks);
  });
}
