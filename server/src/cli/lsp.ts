import { startServer } from '../lsp/server';
import type { CliEnvironment } from './environment';

export const LSP_HELP = `Usage: dqml lsp --stdio

Starts the dqml language server, for editors other than VS Code (Neovim, Emacs, Helix…).
It speaks the Language Server Protocol on standard input and output (--stdio), on a Node
IPC channel (--node-ipc) or on a socket (--socket=PORT).`;

export async function runLsp(args: string[], env: CliEnvironment): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    env.stdout(LSP_HELP);
    return 0;
  }
  if (
    !args.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket'))
  ) {
    env.stderr('dqml lsp: name the transport, e.g. "dqml lsp --stdio".');
    return 2;
  }
  const connection = startServer(env.packageRoot);
  // The server runs until the client sends exit; the process ends there.
  return new Promise<number>((resolve) => connection.onExit(() => resolve(0)));
}
