import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  type LanguageClient,
} from 'vscode-languageclient/node';

/** Restarts the language server, e.g. after replacing model files or the server bundle. */
export async function restartServer(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
): Promise<void> {
  log.info('Restarting the language server on request.');
  try {
    await client.restart();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Restarting the language server failed: ${message}`);
    void vscode.window.showErrorMessage(`DQ ML: restarting the server failed: ${message}`);
  }
}

/**
 * Has the server check every open config again. The server handles a configuration change
 * by pulling the settings anew and revalidating all open documents, which also picks up
 * model files added or removed on disk since the last check.
 */
export async function revalidate(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (!client.isRunning()) {
    log.warn('Revalidate: the language server is not running; starting it.');
    await client.start();
    return;
  }
  log.info('Revalidating the open configs on request.');
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}
