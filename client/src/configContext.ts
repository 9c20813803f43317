import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPLAIN_REQUEST, type ExplainResult, type StatusParams } from '../../server/src/protocol';

/**
 * Context key that is true while the active editor shows a BDT config itself. It is false
 * for a DPL file that embeds one, which `dqml.activeEditorIsConfig` also covers, because
 * the config commands act on the config file.
 */
export const IS_CONFIG_CONTEXT = 'dqml.isConfig';

/**
 * Sets `dqml.isConfig` for the active editor. The server reports each analysed document in
 * `dqml/status`, and `dqml/explain` returns a result only for configs, not for DPL files.
 */
export class ConfigContext implements vscode.Disposable {
  private readonly configs = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    onStatus: vscode.Event<StatusParams>,
  ) {
    this.subscriptions = [
      onStatus((status) => void this.onStatus(status)),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.configs.delete(document.uri.toString());
        this.render();
      }),
    ];
    this.render();
  }

  private async onStatus(status: StatusParams): Promise<void> {
    const uri = vscode.Uri.parse(status.uri).toString();
    let isConfig = false;
    if (status.isConfig) {
      try {
        const explained = (await this.client.sendRequest(EXPLAIN_REQUEST, {
          uri: status.uri,
        })) as ExplainResult | null;
        isConfig = explained !== null;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.log.warn(`${EXPLAIN_REQUEST} failed for ${status.uri}: ${message}`);
      }
    }
    if (isConfig) this.configs.add(uri);
    else this.configs.delete(uri);
    this.render();
  }

  private render(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const isConfig = active !== undefined && this.configs.has(active);
    void vscode.commands.executeCommand('setContext', IS_CONFIG_CONTEXT, isConfig);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
