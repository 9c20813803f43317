import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CENTRALITY_ESTIMATORS, MODEL_TYPES } from '../../../server/src/core/framework/selection';
import { NEW_CONFIG_REQUEST, type NewConfigParams } from '../../../server/src/protocol';
import {
  CENTRALITY_LIMITS,
  freeConfigName,
  parseEdges,
  PT_LIMITS,
  type EdgeLimits,
} from '../edges';

const TITLE = 'New BDT config';

const TYPE_DETAILS: Record<NewConfigParams['type'], string> = {
  Binary: 'One score (background probability) and one score cut per pT bin',
  MultiClass: 'Three scores (background, prompt, non-prompt) and three score cuts per pT bin',
};

async function pickType(): Promise<NewConfigParams['type'] | undefined> {
  const picked = await vscode.window.showQuickPick(
    MODEL_TYPES.map((type) => ({ label: type, detail: TYPE_DETAILS[type] })),
    { title: `${TITLE} (1/4): model type`, placeHolder: 'Model type', ignoreFocusOut: true },
  );
  return picked?.label;
}

async function pickEstimator(): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    CENTRALITY_ESTIMATORS.map((estimator) => ({ label: estimator })),
    {
      title: `${TITLE} (2/4): centrality estimator`,
      placeHolder: 'Centrality estimator',
      ignoreFocusOut: true,
    },
  );
  return picked?.label;
}

async function askEdges(
  step: string,
  limits: EdgeLimits,
  defaultValue: string,
): Promise<number[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${TITLE} (${step}): ${limits.label} bin edges`,
    prompt: `Increasing ${limits.label} edges separated by commas; n edges make n - 1 bins.`,
    value: defaultValue,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const result = parseEdges(value, limits);
      return 'error' in result ? result.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const result = parseEdges(text, limits);
  return 'edges' in result ? result.edges : undefined;
}

/** Prompts for the four values in turn and returns undefined when the user cancels one. */
async function askParams(): Promise<NewConfigParams | undefined> {
  const type = await pickType();
  if (!type) return undefined;
  const estimator = await pickEstimator();
  if (!estimator) return undefined;
  const centralityEdges = await askEdges('3/4', CENTRALITY_LIMITS, '0, 10, 30');
  if (!centralityEdges) return undefined;
  const ptEdges = await askEdges('4/4', PT_LIMITS, '0, 2, 20');
  if (!ptEdges) return undefined;
  return { type, estimator, centralityEdges, ptEdges };
}

function isNewConfigParams(value: unknown): value is NewConfigParams {
  if (typeof value !== 'object' || value === null) return false;
  const params = value as Partial<NewConfigParams>;
  return (
    typeof params.type === 'string' &&
    typeof params.estimator === 'string' &&
    Array.isArray(params.centralityEdges) &&
    Array.isArray(params.ptEdges)
  );
}

/** Returns the folder to create the config in: the one given, or that of the active editor. */
function targetFolder(folder: vscode.Uri | undefined): vscode.Uri | undefined {
  if (folder) return folder;
  const active = vscode.window.activeTextEditor?.document.uri;
  const workspaceFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  return (workspaceFolder ?? vscode.workspace.workspaceFolders?.[0])?.uri;
}

async function existingNames(folder: vscode.Uri): Promise<Set<string>> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(folder);
    return new Set(entries.map(([name]) => name));
  } catch {
    return new Set();
  }
}

/**
 * Opens the text as an unsaved document. Inside a folder it gets the path of a free
 * bdtCut*.json there, so saving writes it without a dialog and the `dqml.files` globs
 * match it at once.
 */
async function openConfig(
  text: string,
  folder: vscode.Uri | undefined,
): Promise<vscode.TextDocument> {
  if (!folder || folder.scheme !== 'file') {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(document);
    return document;
  }
  const name = freeConfigName(await existingNames(folder));
  const uri = vscode.Uri.file(path.join(folder.fsPath, name)).with({ scheme: 'untitled' });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * The "New BDT config…" command. Asks for the model type, the estimator and the bin
 * edges, has the server write the config (`dqml/newConfig`) and opens it. Called with a
 * folder (from the Explorer) it creates the file there. Called with a NewConfigParams
 * object, as tests do, it shows no prompt.
 */
export async function newConfigCommand(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  argument?: unknown,
): Promise<vscode.TextDocument | undefined> {
  const folder = argument instanceof vscode.Uri ? argument : undefined;
  const params = isNewConfigParams(argument) ? argument : await askParams();
  if (!params) return undefined;
  let text: unknown;
  try {
    text = await client.sendRequest(NEW_CONFIG_REQUEST, params);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`${NEW_CONFIG_REQUEST} failed for ${JSON.stringify(params)}: ${message}`);
    void vscode.window.showErrorMessage(`DQ ML: the server could not write the config: ${message}`);
    return undefined;
  }
  if (typeof text !== 'string') {
    log.error(`${NEW_CONFIG_REQUEST} returned ${JSON.stringify(text)} instead of the config text.`);
    void vscode.window.showErrorMessage('DQ ML: the server returned no config text.');
    return undefined;
  }
  return openConfig(text, targetFolder(folder));
}
