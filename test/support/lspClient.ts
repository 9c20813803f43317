import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

/** A language server process spoken to over stdio, as an editor would. */
export class LspSession {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  private readonly waiters: Array<() => void> = [];
  readonly stderr: string[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** Starts a bundled server (`server/out/server.js` by default) and initializes it. */
  static async start(
    command: string[] = [resolve(REPOSITORY_ROOT, 'server/out/server.js'), '--stdio'],
    initializationOptions: unknown = undefined,
  ): Promise<LspSession> {
    const child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const session = new LspSession(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => session.stderr.push(chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      session.diagnostics.set(params.uri, params);
      session.notify();
    });
    for (const method of ['dqml/status', 'window/logMessage']) {
      connection.onNotification(method, (params: unknown) => {
        session.notifications.push({ method, params });
        session.notify();
      });
    }
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          publishDiagnostics: {
            relatedInformation: true,
            codeDescriptionSupport: true,
            dataSupport: true,
          },
          codeAction: { dataSupport: true },
        },
        workspace: { configuration: false },
      },
      initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return session;
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `predicate` holds, re-checking on every message, or fails after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${what}. Server stderr: ${this.stderr.join('')}`,
        );
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(resolveWait, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolveWait();
        });
      });
    }
  }

  /** Waits for diagnostics of `uri` published for document `version` or later. */
  waitForDiagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const params = this.diagnostics.get(uri);
      return params && (params.version ?? version) >= version ? params.diagnostics : undefined;
    }, `diagnostics of ${uri} version ${version}`);
  }

  open(uri: string, text: string, version = 1, languageId = 'json'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone; it is killed below either way.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
