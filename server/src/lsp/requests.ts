import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/analyze';
import { describeCut } from '../core/describe';
import type { BinSummary, ExplainResult } from '../protocol';
import { spanToRange } from './convert';

/** Builds the `dqml/explain` result: the bins and finding counts of a config. */
export function explain(document: TextDocument, analysis: Analysis | undefined): ExplainResult {
  const selection = analysis?.model.active;
  const findings = analysis?.findings ?? [];
  const bins: BinSummary[] = (selection?.bins ?? []).map((bin) => ({
    index: bin.index,
    label: bin.label,
    centrality: [bin.centrality.min?.value ?? null, bin.centrality.max?.value ?? null],
    pt: [bin.pt.min?.value ?? null, bin.pt.max?.value ?? null],
    modelFile: bin.modelFile?.value ?? null,
    cuts: bin.cuts.map(describeCut),
    keyRange: spanToRange(document, bin.pt.member.keySpan),
  }));
  return {
    selection: selection?.member.key ?? null,
    type: selection?.type?.value ?? null,
    estimator: selection?.cent?.value ?? null,
    bins,
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
  };
}
