import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { readSettings, SETTINGS_SECTION } from './settings';
import { TraceChannel } from './traceChannel';

/** The bundle that scripts/build.mjs writes from server/src/lsp/server.ts. */
export const SERVER_MODULE = 'server/out/server.js';

/** Options the server receives in `initializationOptions`. */
export interface InitializationOptions {
  settings: ReturnType<typeof readSettings>;
  /** False in Restricted Mode: the server then loads no ONNX model and runs no inference. */
  workspaceTrusted: boolean;
}

/**
 * Creates the client of the dqml language server, which runs as a Node.js child process
 * speaking LSP over Node IPC. Every JSON document is sent to the server, because the
 * server decides which ones are configs, by the `dqml.files` globs and by content.
 * The server pulls the `dqml` settings (`workspace/configuration`) and registers for their
 * changes itself, so the client does not push them.
 */
export function createServerClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  traceChannel: TraceChannel,
): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      // The inspector listens on 127.0.0.1 unless a host is given.
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'json' },
    ],
    initializationOptions: (): InitializationOptions => ({
      settings: readSettings(),
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
    outputChannel,
    traceOutputChannel: traceChannel,
    // The server checks the configs again when a model they name is rewritten or retrained.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.onnx') },
  };
  return new LanguageClient(
    SETTINGS_SECTION,
    'DQ ML language server',
    serverOptions,
    clientOptions,
  );
}
