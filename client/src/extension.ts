import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { COMMANDS } from './commandIds';
import { newConfigCommand } from './commands/newConfig';
import { RULE_SCHEME, RuleDocumentProvider, showRuleDocumentation } from './commands/ruleDocs';
import { restartServer, revalidate } from './commands/serverCommands';
import { registerFeatureCommands } from './features';
import { createServerClient } from './serverClient';
import { ConfigStatusBar } from './statusBar';
import { TraceChannel } from './traceChannel';

let client: LanguageClient | undefined;

/** The API `activate` returns, for the extension tests. */
export interface DqmlApi {
  client: LanguageClient;
}

/**
 * Starts the language server and registers the "DQ ML" commands and the status bar item.
 * VS Code activates the extension when a JSON document opens or a DQ ML command runs.
 */
export async function activate(context: vscode.ExtensionContext): Promise<DqmlApi> {
  const log = vscode.window.createOutputChannel('DQ ML', { log: true });
  const traceChannel = new TraceChannel('DQ ML (LSP trace)');
  const statusBar = new ConfigStatusBar();
  const languageClient = createServerClient(context, log, traceChannel);
  client = languageClient;
  const statusEvents = new vscode.EventEmitter<StatusParams>();
  context.subscriptions.push(log, traceChannel, statusBar, statusEvents);
  registerFeatureCommands(context, languageClient, log, statusEvents.event);

  context.subscriptions.push(
    // The client keeps one handler per notification, so the webviews get the status here.
    languageClient.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      statusBar.update(params);
      statusEvents.fire(params);
    }),
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Stopped) statusBar.clear();
    }),
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocumentProvider()),
    vscode.commands.registerCommand(COMMANDS.newConfig, (argument?: unknown) =>
      newConfigCommand(languageClient, log, argument),
    ),
    vscode.commands.registerCommand(COMMANDS.restartServer, () =>
      restartServer(languageClient, log),
    ),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => log.show(true)),
    vscode.commands.registerCommand(COMMANDS.revalidate, () => revalidate(languageClient, log)),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (code?: unknown) =>
      showRuleDocumentation(context, code),
    ),
    // The server loads ONNX models only in a trusted workspace, and learns about trust at
    // start-up, so a restart applies a newly granted trust.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restartServer(languageClient, log)),
  );

  log.info(`Starting the language server (${context.extension.packageJSON.version as string}).`);
  try {
    await languageClient.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`The language server failed to start: ${message}`);
    void vscode.window
      .showErrorMessage(`DQ ML: the language server failed to start: ${message}`, 'Show output')
      .then((choice) => {
        if (choice) log.show();
      });
  }
  return { client: languageClient };
}

export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
  client = undefined;
}
