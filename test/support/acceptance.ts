import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPOSITORY_ROOT } from './lspClient';

/** Folder of the outside inputs (example configs, models, samples) for acceptance tests. */
export const ACCEPTANCE_DIR = process.env.DQML_ACCEPTANCE_DIR
  ? resolve(process.env.DQML_ACCEPTANCE_DIR)
  : undefined;

export const SKIP_MESSAGE = 'set DQML_ACCEPTANCE_DIR to the folder of outside inputs';

/**
 * Skips the calling suite with a visible reason when no acceptance folder is configured.
 * Call it in a `before` hook: `before(function () { requireAcceptanceDir(this); })`.
 */
export function requireAcceptanceDir(context: Mocha.Context): string {
  if (!ACCEPTANCE_DIR) {
    console.warn(`  Skipped: ${SKIP_MESSAGE}.`);
    context.skip();
  }
  if (!existsSync(ACCEPTANCE_DIR!))
    throw new Error(`DQML_ACCEPTANCE_DIR=${ACCEPTANCE_DIR} does not exist.`);
  return ACCEPTANCE_DIR!;
}

export const CLI = resolve(REPOSITORY_ROOT, 'bin/dqml.js');

/** Runs the built CLI and returns its exit status and output. */
export function runDqml(
  args: string[],
  input?: string,
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 64 << 20,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Builds the CLI bundle once if it is missing, so acceptance tests run after a plain clone. */
export function ensureCliBuilt(): void {
  if (!existsSync(CLI))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPOSITORY_ROOT });
}
