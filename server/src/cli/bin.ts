import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from './main';

// The bundle lives in bin/, one level below the package root.
const packageRoot = resolve(__dirname, '..');

function packageVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'unknown';
  }
}

runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  packageRoot,
  version: packageVersion(),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `dqml: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
