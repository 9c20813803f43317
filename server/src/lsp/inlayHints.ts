import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';

/**
 * Shows the pairing of bins and model files: "bin i → file" after each pT block key, and
 * "bin i: cent a–b, pT c–d" after each model file entry.
 */
export function provideInlayHints(
  document: TextDocument,
  analysis: Analysis,
  range: Range,
): InlayHint[] {
  const selection = analysis.model.active;
  if (!selection) return [];
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const inRange = (offset: number) => offset >= start && offset <= end;
  const hints: InlayHint[] = [];
  for (const bin of selection.bins) {
    const keyEnd = bin.pt.member.keySpan.end;
    if (inRange(keyEnd)) {
      hints.push({
        position: document.positionAt(keyEnd),
        label: `bin ${bin.index} → ${bin.modelFile?.value ?? 'no model file'}`,
        kind: InlayHintKind.Type,
        paddingLeft: true,
      });
    }
  }
  for (const item of selection.modelFiles?.items ?? []) {
    if (!inRange(item.span.end)) continue;
    const bin = selection.bins[item.index];
    const label = bin
      ? `bin ${bin.index}: cent ${bin.centrality.min?.value ?? '?'}–${bin.centrality.max?.value ?? '?'}, pT ${bin.pt.min?.value ?? '?'}–${bin.pt.max?.value ?? '?'}`
      : 'no bin';
    hints.push({
      position: document.positionAt(item.span.end),
      label,
      kind: InlayHintKind.Type,
      paddingLeft: true,
    });
  }
  return hints;
}
