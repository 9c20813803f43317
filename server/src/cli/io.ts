import { readFileSync, statSync } from 'node:fs';
import { describeFsError } from '../core/fsErrors';

/** An error the CLI reports as one line and exit code 2: bad usage or unreadable input. */
export class UsageError extends Error {}

/** Reads a text file, or standard input for `-`, with a clear error for what cannot be read. */
export function readTextInput(path: string): string {
  if (path === '-') return readFileSync(0, 'utf8');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${describeFsError(error)}.`);
  }
  if (isDirectory) {
    throw new UsageError(`${path} is a directory. Name a config file, e.g. ${path}/bdtCut.json.`);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${describeFsError(error)}.`);
  }
}
