/**
 * Starts and stops a code-server for the end-to-end tests: bound to 127.0.0.1 on a free
 * port, without authentication, with its own user data, extensions and config folders
 * under a temporary folder, and the extension gallery switched off.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { E2eTools } from './environment';

/** Returns a port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('No port was assigned.'));
      });
    });
  });
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError instanceof Error ? ` Last error: ${lastError.message}` : '';
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${reason}`);
}

/** User settings that keep the workbench quiet and off the network. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'dqml.trace.server': 'messages',
};

export class CodeServer {
  readonly port: number;
  private readonly dataDir: string;
  private readonly extensionsDir: string;
  private readonly configFile: string;
  private readonly env: NodeJS.ProcessEnv;
  private process: ChildProcess | undefined;

  constructor(
    private readonly tools: E2eTools,
    scratch: string,
    port: number,
    private readonly logFile: string,
  ) {
    this.port = port;
    this.dataDir = join(scratch, 'user-data');
    this.extensionsDir = join(scratch, 'extensions');
    this.configFile = join(scratch, 'config.yaml');
    mkdirSync(join(this.dataDir, 'User'), { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    writeFileSync(join(this.dataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS));
    writeFileSync(this.configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    this.env = {
      ...process.env,
      // An empty gallery switches the extension marketplace off.
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: join(scratch, 'xdg-config'),
      XDG_DATA_HOME: join(scratch, 'xdg-data'),
      XDG_CACHE_HOME: join(scratch, 'xdg-cache'),
    };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The folder where code-server and its extension host write their logs. */
  get logsDir(): string {
    return join(this.dataDir, 'logs');
  }

  private baseArgs(): string[] {
    return [
      this.tools.codeServer,
      '--config',
      this.configFile,
      '--user-data-dir',
      this.dataDir,
      '--extensions-dir',
      this.extensionsDir,
    ];
  }

  /** Installs a .vsix the way a user does, with `code-server --install-extension`. */
  installExtension(vsix: string): string {
    const result = spawnSync(
      this.tools.node,
      [...this.baseArgs(), '--force', '--install-extension', vsix],
      { env: this.env, encoding: 'utf8', timeout: 120000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) {
      throw new Error(`Installing ${vsix} failed (exit ${result.status}): ${output}`);
    }
    return output;
  }

  /** Starts code-server in its own process group and waits until it serves /healthz. */
  async start(workspace: string): Promise<void> {
    const log = createWriteStream(this.logFile);
    const child = spawn(
      this.tools.node,
      [
        ...this.baseArgs(),
        '--bind-addr',
        `127.0.0.1:${this.port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ],
      { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    let exitCode: number | null | undefined;
    child.once('exit', (code) => (exitCode = code));
    await waitFor(
      `code-server on ${this.url}`,
      async () => {
        if (exitCode !== undefined) {
          throw new Error(`code-server exited with ${exitCode}; see ${this.logFile}`);
        }
        const response = await fetch(`${this.url}/healthz`);
        return response.ok;
      },
      60000,
    );
  }

  /** Stops the whole process group of code-server: SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signalGroup(child.pid, 'SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10000));
    if ((await Promise.race([exited, timer])) === 'timeout') {
      signalGroup(child.pid, 'SIGKILL');
      await exited;
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
