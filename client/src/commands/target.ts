import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * Returns the document a command acts on: the URI it was given (a `vscode.Uri` from a menu,
 * or a string from a server code action), else the document of the active editor.
 */
export function targetUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string' && argument.length > 0) return vscode.Uri.parse(argument);
  return vscode.window.activeTextEditor?.document.uri;
}

/** Returns the last path segment of a URI, for messages and titles. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

/**
 * Sends a request to the server and returns its result, or undefined after logging the
 * failure and showing it to the user.
 */
export async function request<Result>(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  method: string,
  params: object,
  token?: vscode.CancellationToken,
): Promise<Result | undefined> {
  try {
    return (await client.sendRequest(method, params, token)) as Result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`${method} failed for ${JSON.stringify(params)}: ${message}`);
    void vscode.window.showErrorMessage(
      `DQ ML: the language server failed on ${method}: ${message}`,
    );
    return undefined;
  }
}

/** Tells the user that a command needs a BDT config and did not get one. */
export function showNotAConfig(uri: vscode.Uri | undefined, commandTitle: string): void {
  const subject = uri ? `${baseName(uri)} is not a BDT config` : 'No editor is open';
  void vscode.window.showErrorMessage(
    `DQ ML: ${subject}. Open a BDT config such as bdtCut.json and run "${commandTitle}" again.`,
  );
}
