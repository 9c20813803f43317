/**
 * Runs the extension tests of test/vscode/suite inside VS Code with @vscode/test-electron.
 *
 *   VSCODE_EXECUTABLE=/path/to/code npm run test:vscode
 *   DQML_VSCODE_DOWNLOAD=stable npm run test:vscode     (or a version, or "minimum")
 *
 * VS Code comes from VSCODE_EXECUTABLE, or @vscode/test-electron downloads the version that
 * DQML_VSCODE_DOWNLOAD names ("minimum" is the engines.vscode version). Without
 * either, or when the download fails, the suite is skipped with a message and exit code 0,
 * because a machine without VS Code cannot run it.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { createWorkspace } from '../e2e/workspace';

const ROOT = join(__dirname, '..', '..');
const SUITE_OUT = join(ROOT, 'test-output', 'vscode', 'suite');

function skip(reason: string): never {
  console.log(`test:vscode skipped: ${reason}`);
  console.log(
    'Set VSCODE_EXECUTABLE to a VS Code executable, or DQML_VSCODE_DOWNLOAD=stable ' +
      '(or a version, or "minimum") to let @vscode/test-electron download one.',
  );
  process.exit(0);
}

function minimumVersion(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
  };
  return manifest.engines.vscode.replace(/^[^\d]*/, '');
}

/** Returns the VS Code executable to test with, or skips the suite when there is none. */
async function vscodeExecutable(): Promise<string> {
  const given = process.env.VSCODE_EXECUTABLE;
  if (given) {
    if (!existsSync(given)) {
      console.error(`test:vscode: VSCODE_EXECUTABLE is ${given}, which does not exist.`);
      process.exit(1);
    }
    return given;
  }
  const download = process.env.DQML_VSCODE_DOWNLOAD;
  if (!download) skip('no VS Code on this machine and no download requested.');
  const version = download === 'minimum' ? minimumVersion() : download;
  try {
    return await downloadAndUnzipVSCode(version);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    skip(
      `downloading VS Code ${version} failed (${message}); this machine may have no route to the VS Code update server.`,
    );
  }
}

/** Bundles the suite's entry point and each test file, keeping vscode and mocha external. */
async function bundleSuite(): Promise<string> {
  rmSync(SUITE_OUT, { recursive: true, force: true });
  const suite = join(__dirname, 'suite');
  await esbuild.build({
    entryPoints: [join(suite, 'index.ts'), join(suite, 'extension.test.ts')],
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return join(SUITE_OUT, 'index.js');
}

/** Lays out the workspace the suite opens: the e2e configs and an unrelated JSON file. */
function prepareWorkspace(scratch: string): string {
  const workspace = join(scratch, 'workspace');
  createWorkspace(workspace);
  mkdirSync(join(workspace, 'other'), { recursive: true });
  writeFileSync(join(workspace, 'other', 'settings.json'), '{ "editor.fontSize": 12 }\n');
  return workspace;
}

async function main(): Promise<void> {
  const executable = await vscodeExecutable();
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed.');
  const extensionTestsPath = await bundleSuite();
  const scratch = mkdtempSync(join(tmpdir(), 'dqml-vscode-'));
  try {
    const workspace = prepareWorkspace(scratch);
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--user-data-dir',
        join(scratch, 'user-data'),
        '--extensions-dir',
        join(scratch, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    const logs = join(scratch, 'user-data', 'logs');
    if (existsSync(logs))
      cpSync(logs, join(ROOT, 'test-output', 'vscode', 'logs'), { recursive: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
