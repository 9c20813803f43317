import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../core/fixAll';
import type { AnalysisOptions } from '../core/options';
import type { DiagnosticData } from './convert';

/** The kind of the fix-all action, so `editor.codeActionsOnSave` can name it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dqml`;

/** Builds the quick fixes of the diagnostics in the request, and the fix-all action. */
export function provideCodeActions(
  document: TextDocument,
  params: CodeActionParams,
  options: AnalysisOptions,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) =>
    !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'dqml') continue;
      actions.push(...quickFixes(document, diagnostic));
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const action = fixAllAction(document, options);
    if (action) actions.push(action);
  }
  return actions;
}

function quickFixes(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  return (data?.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: { changes: { [document.uri]: fix.edits } },
  }));
}

function fixAllAction(document: TextDocument, options: AnalysisOptions): CodeAction | undefined {
  const text = document.getText();
  const fixed = fixAll(text, options);
  if (fixed.applied === 0 || fixed.text === text) return undefined;
  return {
    title: `Fix all auto-fixable DQ ML problems (${fixed.applied})`,
    kind: FIX_ALL_KIND,
    edit: {
      changes: {
        [document.uri]: [
          {
            range: { start: document.positionAt(0), end: document.positionAt(text.length) },
            newText: fixed.text,
          },
        ],
      },
    },
  };
}
