import { readFileSync } from 'node:fs';
import {
  decodeUtf8,
  readTextFile,
  TextFileError,
  writeTextFileAtomically,
  type TextFile,
} from '../core/textFiles';

/** An error the CLI reports as one line and exit code 2: bad usage or unreadable input. */
export class UsageError extends Error {}

export interface ReadOptions {
  /**
   * Rejects bytes that are not UTF-8, for text that is written back or printed, because
   * decoding replaces them with U+FFFD.
   */
  requireUtf8?: boolean;
}

/** Reads a text file, or standard input for `-`, with a clear error for what cannot be read. */
export function readTextInput(path: string, options: ReadOptions = {}): string {
  let file: TextFile;
  try {
    file = path === '-' ? decodeUtf8(readFileSync(0)) : readTextFile(path);
  } catch (error) {
    if (error instanceof TextFileError) throw new UsageError(error.message);
    throw error;
  }
  if (options.requireUtf8 && file.invalidUtf8At !== undefined) {
    const name = path === '-' ? 'Standard input' : path;
    throw new UsageError(
      `${name} is not valid UTF-8 at byte ${file.invalidUtf8At}; dqml would replace those bytes. Save the file as UTF-8 first.`,
    );
  }
  return file.text;
}

/** Writes a file atomically, keeping its mode; failures become one-line usage errors. */
export function writeTextOutput(path: string, text: string): void {
  try {
    writeTextFileAtomically(path, text);
  } catch (error) {
    if (error instanceof TextFileError) throw new UsageError(error.message);
    throw error;
  }
}
