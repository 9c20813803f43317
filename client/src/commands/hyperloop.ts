import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  HYPERLOOP_STRING_REQUEST,
  type HyperloopStringParams,
  type HyperloopStringResult,
} from '../../../server/src/protocol';
import { baseName, request, showNotAConfig, targetUri } from './target';

const TITLE = 'Generate Hyperloop string';

type Form = HyperloopStringParams['form'];

const FORMS: Array<vscode.QuickPickItem & { form: Form }> = [
  {
    form: 'compact',
    label: 'Hyperloop string',
    description: 'compact one-line JSON',
    detail: "For the wagon's fConfigBdtCutsJSON field on Hyperloop.",
  },
  {
    form: 'local',
    label: 'Local DPL string literal',
    description: 'the compact JSON escaped as a JSON string',
    detail: 'For fConfigBdtCutsJSON in a local DPL configuration file, quotes included.',
  },
];

const FORM_NAMES: Record<Form, string> = {
  compact: 'Hyperloop string (compact JSON)',
  local: 'local DPL string literal',
};

/** Asks whether to go on with a config that has errors; true means generate anyway. */
async function confirmErrors(uri: vscode.Uri, errors: number): Promise<boolean> {
  const generate = 'Generate anyway';
  const show = 'Show problems';
  const choice = await vscode.window.showWarningMessage(
    `${baseName(uri)} has ${errors} error${errors === 1 ? '' : 's'}. The framework stops the task on a config with errors.`,
    { modal: true, detail: 'Generate the string anyway, or look at the problems first?' },
    generate,
    show,
  );
  if (choice === show) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return choice === generate;
}

/**
 * Runs "Generate Hyperloop string": copies to the clipboard the compact one-line JSON of a
 * config for the Hyperloop wagon, or the escaped string literal for a local DPL
 * configuration. Returns the text, or undefined when nothing was generated.
 */
export async function generateHyperloopString(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  argument?: unknown,
): Promise<string | undefined> {
  const uri = targetUri(argument);
  if (!uri) {
    showNotAConfig(undefined, TITLE);
    return undefined;
  }
  const first = await request<HyperloopStringResult | null>(client, log, HYPERLOOP_STRING_REQUEST, {
    uri: uri.toString(),
    form: 'compact',
  } satisfies HyperloopStringParams);
  if (first === undefined) return undefined;
  if (first === null) {
    showNotAConfig(uri, TITLE);
    return undefined;
  }
  if (first.text === undefined) {
    const show = 'Show problems';
    const choice = await vscode.window.showErrorMessage(
      `DQ ML: ${first.message ?? 'the config has no one-line form.'}`,
      show,
    );
    if (choice === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  if (first.errors > 0 && !(await confirmErrors(uri, first.errors))) return undefined;

  const picked = await vscode.window.showQuickPick(FORMS, {
    title: `${TITLE}: ${baseName(uri)}`,
    placeHolder: 'Which form? The Hyperloop string is for the wagon on Hyperloop.',
  });
  if (!picked) return undefined;
  let text = first.text;
  if (picked.form === 'local') {
    const local = await request<HyperloopStringResult | null>(
      client,
      log,
      HYPERLOOP_STRING_REQUEST,
      {
        uri: uri.toString(),
        form: 'local',
      } satisfies HyperloopStringParams,
    );
    if (!local?.text) return undefined;
    text = local.text;
  }

  await vscode.env.clipboard.writeText(text);
  log.info(
    `Copied the ${FORM_NAMES[picked.form]} of ${uri.toString()} (${text.length} characters).`,
  );
  const showInEditor = 'Show in editor';
  void vscode.window
    .showInformationMessage(
      `DQ ML: copied the ${FORM_NAMES[picked.form]} of ${baseName(uri)} to the clipboard (${text.length} characters).`,
      showInEditor,
    )
    .then(async (choice) => {
      if (choice !== showInEditor) return;
      const document = await vscode.workspace.openTextDocument({
        content: text,
        language: picked.form === 'compact' ? 'json' : 'plaintext',
      });
      await vscode.window.showTextDocument(document, { preview: false });
    });
  return text;
}
