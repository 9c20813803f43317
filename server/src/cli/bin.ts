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

// A reader that stops early, as `dqml rules | head -1` does, closes the pipe; that ends
// the output and is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

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
