import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixAllResult } from '../core/fixAll';
import type { DiagnosticData } from './convert';

/** The kind of the fix-all action, so `editor.codeActionsOnSave` can name it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dqml`;

/** Client command that copies the Hyperloop string of a config; see the VS Code client. */
export const GENERATE_HYPERLOOP_COMMAND = 'dqml.generateHyperloopString';

/**
 * Builds the quick fixes of the diagnostics in the request, the fix-all action and, for a
 * config, the action that generates its Hyperloop string.
 */
export function provideCodeActions(
  document: TextDocument,
  params: CodeActionParams,
  fixAllOf: (text: string) => FixAllResult,
  isConfig: boolean,
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
    const action = fixAllAction(document, fixAllOf);
    if (action) actions.push(action);
  }
  if (isConfig && wants(CodeActionKind.Source)) {
    actions.push({
      title: 'Generate Hyperloop string',
      kind: `${CodeActionKind.Source}.dqml.hyperloopString`,
      command: {
        title: 'Generate Hyperloop string',
        command: GENERATE_HYPERLOOP_COMMAND,
        arguments: [document.uri],
      },
    });
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

function fixAllAction(
  document: TextDocument,
  fixAllOf: (text: string) => FixAllResult,
): CodeAction | undefined {
  const text = document.getText();
  const fixed = fixAllOf(text);
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
