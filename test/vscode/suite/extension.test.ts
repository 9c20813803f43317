/**
 * The extension inside VS Code: activation, its commands and the diagnostics that reach
 * the editor. The runner opens a workspace holding the config with known mistakes
 * (broken/bdtCutBroken.json), the binary example (binary/bdtCut.json) and an unrelated
 * JSON file (other/settings.json).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXPLAIN_REQUEST, type ExplainResult } from '../../../server/src/protocol';
import { activeApi, codeOf, diagnosticsWhere, dqmlCodes, openConfig, poll } from './helpers';

const BROKEN = 'broken/bdtCutBroken.json';
const EXAMPLE = 'binary/bdtCut.json';
const OTHER = 'other/settings.json';

async function explain(document: vscode.TextDocument): Promise<ExplainResult | null> {
  const api = await activeApi();
  return api.client.sendRequest<ExplainResult | null>(EXPLAIN_REQUEST, {
    uri: document.uri.toString(),
  });
}

describe('dqml extension', () => {
  it('activates on a BDT config', async () => {
    await openConfig(BROKEN);
    const extension = vscode.extensions.getExtension('dqml.dqml');
    assert.ok(extension?.isActive, 'the extension is active');
    const api = await activeApi();
    assert.ok(api.client.isRunning(), 'the language server runs');
  });

  it('registers every contributed command', async () => {
    await activeApi();
    const extension = vscode.extensions.getExtension('dqml.dqml');
    const contributed = (
      extension?.packageJSON.contributes.commands as Array<{ command: string; category: string }>
    ).map((entry) => entry.command);
    assert.ok(contributed.length >= 5, `${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) {
      assert.ok(registered.has(command), `${command} is registered`);
    }
  });

  it('reports the mistakes of the broken config', async () => {
    const document = await openConfig(BROKEN);
    const diagnostics = await diagnosticsWhere(document.uri, (current) => {
      const codes = dqmlCodes(current);
      return codes.includes('wrong-value-type') && codes.includes('f-prefixed-feature');
    });
    const stringCut = diagnostics.find((item) => codeOf(item) === 'wrong-value-type');
    assert.ok(stringCut);
    assert.equal(stringCut.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(stringCut.range), '"0.58"');
  });

  it('leaves other JSON files alone', async () => {
    const document = await openConfig(OTHER);
    assert.equal(await explain(document), null, 'the server does not treat it as a config');
    assert.deepEqual(dqmlCodes(vscode.languages.getDiagnostics(document.uri)), []);
  });

  it('explains the bins of the example', async () => {
    const document = await openConfig(EXAMPLE);
    const result = await poll('the example to be analysed', () =>
      explain(document).then((value) => value ?? undefined),
    );
    const pTBlocks = document.getText().match(/"[^"]*AddPtCut[^"]*"\s*:/g) ?? [];
    assert.equal(result.bins.length, pTBlocks.length);
    assert.equal(result.type, 'Binary');
  });

  it('applies the quick fix for a string cut', async () => {
    const document = await openConfig(BROKEN);
    const diagnostics = await diagnosticsWhere(document.uri, (current) =>
      dqmlCodes(current).includes('wrong-value-type'),
    );
    const stringCut = diagnostics.find((item) => codeOf(item) === 'wrong-value-type');
    assert.ok(stringCut);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      stringCut.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.edit && /0\.58/.test(action.title));
    assert.ok(fix?.edit, `a fix for the cut among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /"cut": 0\.58,/);
    await diagnosticsWhere(
      document.uri,
      (current) => !dqmlCodes(current).includes('wrong-value-type'),
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('creates a MultiClass config without prompts', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(
      'dqml.newConfig',
      { type: 'MultiClass', estimator: 'kCentFT0M', centralityEdges: [0, 10], ptEdges: [0, 2, 20] },
    );
    assert.ok(document, 'the command returns the new document');
    assert.equal(document.uri.scheme, 'untitled');
    assert.match(document.uri.path, /\/bdtCut(-\d+)?\.json$/);
    const selection = Object.values(JSON.parse(document.getText()))[0] as Record<string, unknown>;
    assert.equal(selection.type, 'MultiClass');
    assert.equal(selection.cent, 'kCentFT0M');
    assert.equal((selection.modelFiles as string[]).length, 2);
    const result = await poll('the new config to be analysed', () =>
      explain(document).then((value) => value ?? undefined),
    );
    assert.equal(result.bins.length, 2);
    assert.equal(result.errors, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('revalidates and restarts the server', async () => {
    const document = await openConfig(BROKEN);
    await vscode.commands.executeCommand('dqml.revalidate');
    await vscode.commands.executeCommand('dqml.restartServer');
    const api = await activeApi();
    await poll('the restarted server to run', () => (api.client.isRunning() ? true : undefined));
    const result = await poll('the restarted server to analyse the config', () =>
      explain(document).then((value) => value ?? undefined),
    );
    assert.equal(result.bins.length, 2);
  });

  it('shows the documentation of a rule', async () => {
    await vscode.commands.executeCommand('dqml.showRuleDocumentation', 'wrong-value-type');
    await poll('a tab showing the rule page', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.label.includes('wrong-value-type')),
    );
  });
});
