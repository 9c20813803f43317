import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';
import { ACTIVE_CONFIG_CONTEXT } from './commandIds';
import { describeStatus } from './statusText';

/** Command that the status bar item runs: it opens the Problems panel. */
const PROBLEMS_COMMAND = 'workbench.actions.view.problems';

/**
 * The status bar item of the active editor's config, fed by the server's `dqml/status`
 * notifications. It also sets the context key that shows the editor title actions.
 */
export class ConfigStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, StatusParams>();
  private readonly listeners: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem(
      'dqml.status',
      vscode.StatusBarAlignment.Left,
      10,
    );
    this.item.name = 'DQ ML config status';
    this.item.command = PROBLEMS_COMMAND;
    this.listeners.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.statuses.delete(document.uri.toString());
        this.render();
      }),
    );
    this.render();
  }

  /** Stores the status the server sent for a document and redraws the item. */
  update(status: StatusParams): void {
    if (status.isConfig) {
      this.statuses.set(normalizeUri(status.uri), status);
    } else {
      this.statuses.delete(normalizeUri(status.uri));
    }
    this.render();
  }

  /** Forgets every status, e.g. when the server stops. */
  clear(): void {
    this.statuses.clear();
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.statuses.get(uri) : undefined;
    void vscode.commands.executeCommand('setContext', ACTIVE_CONFIG_CONTEXT, status !== undefined);
    if (!status) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = describeStatus(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      status.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.item.dispose();
  }
}

/** The server and VS Code may encode the same URI differently (e.g. `%3A`); compare parsed forms. */
function normalizeUri(uri: string): string {
  return vscode.Uri.parse(uri).toString();
}
