import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EXPLAIN_REQUEST,
  UPDATE_DPL_REQUEST,
  type ExplainResult,
  type UpdateDplParams,
  type UpdateDplResult,
} from '../../../server/src/protocol';
import { parseFolders } from '../ccdbFolders';
import { baseName, request, showNotAConfig, targetUri } from './target';

const TITLE = 'Update local DPL configuration';

/** CCDB folder states after which the user is offered folders to write. */
const FOLDER_PROBLEMS: Record<string, string> = {
  missing: 'loads its models from CCDB but has no modelPathsCCDB',
  'count-mismatch': 'has a modelPathsCCDB whose count differs from the number of model files',
  'shared-folder': 'has a modelPathsCCDB folder shared by two model files',
  'invalid-shape': 'has a modelPathsCCDB that is not {"values": [...]}',
};

/** Files to search for DPL configurations; more are left to the file dialog. */
const MAX_CANDIDATES = 500;

/** Returns the JSON files of the workspace that look like DPL configurations. */
async function findDplFiles(exclude: vscode.Uri): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.json', '**/node_modules/**', MAX_CANDIDATES);
  const found: vscode.Uri[] = [];
  for (const file of files) {
    if (file.toString() === exclude.toString()) continue;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      if (text.includes('"analysis-same-event-pairing"') || text.includes('"fConfigBdtCutsJSON"')) {
        found.push(file);
      }
    } catch {
      // A file that cannot be read is not offered.
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** Asks for the DPL file: one of the workspace's DPL configurations, or any file. */
async function pickDplFile(config: vscode.Uri): Promise<vscode.Uri | undefined> {
  const candidates = await findDplFiles(config);
  const browse = { label: '$(folder-opened) Choose another file…', uri: undefined };
  const items = [
    ...candidates.map((uri) => ({
      label: vscode.workspace.asRelativePath(uri),
      description: 'DPL configuration',
      uri,
    })),
    browse,
  ];
  const picked =
    candidates.length === 0
      ? browse
      : await vscode.window.showQuickPick(items, {
          title: `${TITLE}: DPL file for ${baseName(config)}`,
          placeHolder: 'The DPL configuration JSON file to put the config in',
        });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    title: `${TITLE}: DPL file for ${baseName(config)}`,
    canSelectMany: false,
    filters: { 'DPL configuration': ['json'] },
    openLabel: 'Update',
  });
  return chosen?.[0];
}

/** Asks for CCDB folders, starting from the server's suggestion. */
async function askFolders(
  problem: string,
  suggestion: string[] | undefined,
  modelFiles: Array<string | null> | undefined,
): Promise<string[] | undefined> {
  const expected = suggestion?.length ?? modelFiles?.length;
  const validate = (value: string) => parseFolders(value, expected, modelFiles);
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: CCDB folders`,
    prompt: `The DPL file ${problem}. Give one CCDB folder per model file, in modelFiles order, separated by commas.`,
    value: suggestion?.join(', ') ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = validate(value);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const parsed = validate(text);
  return 'folders' in parsed ? parsed.folders : undefined;
}

/** Offers to set the CCDB folders when they are missing or do not fit; undefined cancels. */
async function resolveFolders(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  params: UpdateDplParams,
  result: UpdateDplResult,
): Promise<UpdateDplResult | undefined> {
  const problem = result.modelPathsStatus ? FOLDER_PROBLEMS[result.modelPathsStatus] : undefined;
  if (!problem) return result;
  const setFolders = 'Set the CCDB folders…';
  const keep = 'Update without them';
  const choice = await vscode.window.showWarningMessage(
    `DQ ML: ${baseName(vscode.Uri.parse(params.dplUri))} ${problem}, so the task would stop.`,
    { modal: true, detail: 'Set one CCDB folder per model file now, or update the config only?' },
    setFolders,
    keep,
  );
  if (choice === keep) return result;
  if (choice !== setFolders) return undefined;
  const explained = await request<ExplainResult | null>(client, log, EXPLAIN_REQUEST, {
    uri: params.configUri,
  });
  // Bin i uses modelFiles[i], so the bins list the model files in order.
  const modelFiles = explained?.bins.map((bin) => bin.modelFile);
  const folders = await askFolders(problem, result.suggestedModelPaths, modelFiles);
  if (!folders) return undefined;
  return request<UpdateDplResult>(client, log, UPDATE_DPL_REQUEST, {
    ...params,
    modelPathsCCDB: folders,
  } satisfies UpdateDplParams);
}

/**
 * Runs "Update local DPL configuration…": puts the config into a DPL file's
 * `analysis-same-event-pairing` task as one undoable edit, which changes only the BDT
 * options and keeps every other byte. Returns the updated DPL file's URI.
 */
export async function updateDplConfiguration(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  argument?: unknown,
  dplArgument?: unknown,
): Promise<vscode.Uri | undefined> {
  const config = targetUri(argument);
  if (!config) {
    showNotAConfig(undefined, TITLE);
    return undefined;
  }
  const explained = await request<ExplainResult | null>(client, log, EXPLAIN_REQUEST, {
    uri: config.toString(),
  });
  if (explained === null) {
    showNotAConfig(config, TITLE);
    return undefined;
  }
  const dpl = dplArgument instanceof vscode.Uri ? dplArgument : await pickDplFile(config);
  if (!dpl) return undefined;

  const params: UpdateDplParams = { configUri: config.toString(), dplUri: dpl.toString() };
  const first = await request<UpdateDplResult>(client, log, UPDATE_DPL_REQUEST, params);
  if (!first) return undefined;
  if (!first.edits) {
    log.warn(`Updating ${dpl.toString()} with ${config.toString()}: ${first.message}`);
    void vscode.window.showErrorMessage(
      `DQ ML: ${baseName(dpl)} was not updated: ${first.message}`,
    );
    return undefined;
  }
  const result = await resolveFolders(client, log, params, first);
  if (!result?.edits) return undefined;

  const edit = new vscode.WorkspaceEdit();
  for (const change of result.edits) {
    const range = new vscode.Range(
      change.range.start.line,
      change.range.start.character,
      change.range.end.line,
      change.range.end.character,
    );
    edit.replace(dpl, range, change.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    log.error(`VS Code did not apply the edit of ${dpl.toString()}.`);
    void vscode.window.showErrorMessage(
      `DQ ML: VS Code did not apply the edit of ${baseName(dpl)}. Is the file read-only?`,
    );
    return undefined;
  }
  log.info(`Updated ${dpl.toString()} with ${config.toString()}: ${result.message}`);
  await vscode.window.showTextDocument(dpl, { preview: false });
  const folders =
    result.modelPathsStatus && FOLDER_PROBLEMS[result.modelPathsStatus]
      ? ` The file still ${FOLDER_PROBLEMS[result.modelPathsStatus]}.`
      : '';
  void vscode.window.showInformationMessage(
    `DQ ML: updated ${baseName(dpl)}. ${result.message}${folders} Save the file to keep the changes, or undo them with Undo.`,
  );
  return dpl;
}
