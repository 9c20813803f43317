import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { ruleDocsPath } from '../../../server/src/core/docs';
import { allRules, ruleInfo, type RuleInfo } from '../../../server/src/core/registry';

/** URI scheme of the rule pages generated from the registry when a rule has no docs page. */
export const RULE_SCHEME = 'dqml-rule';

/** Returns a Markdown page of a rule made from its registry entry. */
export function ruleMarkdown(rule: RuleInfo): string {
  return [
    `# ${rule.code}`,
    '',
    rule.summary,
    '',
    `**Why it matters:** ${rule.rationale}`,
    '',
    `Category: ${rule.category}. Default severity: ${rule.defaultSeverity}. ` +
      `Change it with the \`dqml.rules\` setting, e.g. \`"dqml.rules": { "${rule.code}": "off" }\`.`,
    '',
  ].join('\n');
}

/** Serves `dqml-rule:/<code>.md` documents from the registry. */
export class RuleDocumentProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const rule = ruleInfo(code);
    return rule ? ruleMarkdown(rule) : `# ${code}\n\nNo rule has this code.\n`;
  }
}

/** Codes of the dqml diagnostics at the cursor of the active editor, to offer them first. */
function codesAtCursor(): Set<string> {
  const editor = vscode.window.activeTextEditor;
  const codes = new Set<string>();
  if (!editor) return codes;
  for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
    if (diagnostic.source !== 'dqml' || !diagnostic.range.contains(editor.selection.active)) {
      continue;
    }
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    if (code !== undefined) codes.add(String(code));
  }
  return codes;
}

async function pickRule(): Promise<string | undefined> {
  const atCursor = codesAtCursor();
  const rules = [...allRules()].sort(
    (a, b) => Number(atCursor.has(b.code)) - Number(atCursor.has(a.code)),
  );
  const picked = await vscode.window.showQuickPick(
    rules.map((rule) => ({
      label: rule.code,
      description: atCursor.has(rule.code)
        ? `${rule.defaultSeverity} · at the cursor`
        : rule.defaultSeverity,
      detail: rule.summary,
    })),
    { title: 'DQ ML: rule documentation', placeHolder: 'Rule code', matchOnDetail: true },
  );
  return picked?.label;
}

/**
 * Shows the documentation of a rule: its page under docs/rules/ when the extension ships
 * one, else a page made from the registry. Without a code argument it prompts for one.
 */
export async function showRuleDocumentation(
  context: vscode.ExtensionContext,
  code?: unknown,
): Promise<void> {
  const chosen = typeof code === 'string' ? code : await pickRule();
  if (!chosen) return;
  if (!ruleInfo(chosen)) {
    void vscode.window.showErrorMessage(`DQ ML: no rule has the code "${chosen}".`);
    return;
  }
  const page = context.asAbsolutePath(ruleDocsPath(chosen));
  const uri = existsSync(page)
    ? vscode.Uri.file(page)
    : vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${chosen}.md` });
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
