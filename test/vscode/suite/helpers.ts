/** Waits used by the extension tests: each listens for an event and gives up at a deadline. */
import * as vscode from 'vscode';
import type { DqmlApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'dqml.dqml';

/** Returns the workspace folder the runner opened, which contains the test configs. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The extension tests need a workspace folder.');
  return folder.uri;
}

/** Polls `check` until it returns a value other than undefined, or fails at the deadline. */
export async function poll<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
}

/** Resolves with the diagnostics of `uri` once `accept` returns true for them. */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const timer = setTimeout(() => {
      finish();
      const current = vscode.languages.getDiagnostics(uri).map((item) => item.message);
      reject(new Error(`Timed out waiting for the diagnostics of ${uri}: ${current.join(' | ')}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    function finish(): void {
      clearTimeout(timer);
      listener.dispose();
    }
    check();
  });
}

/** Returns the code of a diagnostic as a string, whether VS Code stores it bare or with a link. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Codes of the diagnostics that the dqml server reported. */
export function dqmlCodes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.source === 'dqml')
    .map((diagnostic) => codeOf(diagnostic) ?? '');
}

/** Opens a workspace file in an editor and waits until the extension is active. */
export async function openConfig(relativePath: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), relativePath);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  await activeApi();
  return document;
}

/** Returns the API of the extension once VS Code has activated it. */
export async function activeApi(): Promise<DqmlApi> {
  const extension = await poll('the dqml extension to be installed', () =>
    vscode.extensions.getExtension<DqmlApi>(EXTENSION_ID),
  );
  return poll('the dqml extension to activate', () =>
    extension.isActive ? extension.exports : undefined,
  );
}
