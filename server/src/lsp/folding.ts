import type { FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node as JsonNode } from 'jsonc-parser';

/** Folds every object and array that spans more than one line. */
export function provideFoldingRanges(
  document: TextDocument,
  root: JsonNode | undefined,
): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const visit = (node: JsonNode) => {
    if (node.type === 'object' || node.type === 'array') {
      const startLine = document.positionAt(node.offset).line;
      const endLine = document.positionAt(node.offset + node.length).line;
      if (endLine > startLine) ranges.push({ startLine, endLine: endLine - 1 });
    }
    for (const child of node.children ?? []) visit(child);
  };
  if (root) visit(root);
  return ranges;
}
