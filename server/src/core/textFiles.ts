import {
  chownSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './fsErrors';

/** Largest config or DPL file read as text; real ones are a few kilobytes. */
export const MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024;

/** A file that cannot be read or written as text, with a message naming it and the fix. */
export class TextFileError extends Error {}

/** A text file's content, with the offset of its first byte that is not UTF-8, if any. */
export interface TextFile {
  text: string;
  /** Byte offset of the first invalid UTF-8 sequence; such bytes read as U+FFFD. */
  invalidUtf8At?: number;
}

/**
 * Reads a regular file as UTF-8. Devices, FIFOs, folders and files above `maxBytes` are
 * rejected before they are opened, so reading a FIFO or a device cannot block or run
 * without end. A byte order mark is kept in the text, so offsets stay true and a rewrite keeps it.
 */
export function readTextFile(path: string, maxBytes = MAX_TEXT_FILE_BYTES): TextFile {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new TextFileError(`${path} is a folder. Name a file in it.`);
    if (!stats.isFile()) {
      throw new TextFileError(
        `${path} is not a regular file (a device, FIFO or socket). Name a file.`,
      );
    }
    size = stats.size;
  } catch (error) {
    if (error instanceof TextFileError) throw error;
    throw new TextFileError(`Cannot read ${path}: ${describeFsError(error)}.`);
  }
  if (size > maxBytes) {
    throw new TextFileError(
      `${path} has ${size} bytes, more than the ${maxBytes} a config or DPL file may have. Check that it is the right file.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new TextFileError(`Cannot read ${path}: ${describeFsError(error)}.`);
  }
  return decodeUtf8(bytes);
}

/** Decodes UTF-8, keeping a byte order mark and noting the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): TextFile {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes),
      invalidUtf8At: firstInvalidUtf8(bytes),
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Streaming decodes accept a character cut at the end, so valid prefixes are monotone and
  // a binary search finds the longest one.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (isValidPrefix(bytes.subarray(0, middle))) low = middle;
    else high = middle - 1;
  }
  // The prefix may end inside the sequence that turns invalid: then it starts at its lead byte.
  let lead = low - 1;
  while (lead >= 0 && low - lead <= 3 && (bytes[lead] & 0xc0) === 0x80) lead--;
  if (lead < 0 || bytes[lead] < 0xc0) return low;
  let expected = 2;
  if (bytes[lead] >= 0xe0) expected = 3;
  if (bytes[lead] >= 0xf0) expected = 4;
  return low - lead < expected ? lead : low;
}

function isValidPrefix(prefix: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces a file's content through a temporary file and a rename, so a crash never
 * leaves half a file. A symbolic link is followed and the file it names is replaced; the
 * mode, and the owner where the process may set it, are kept. A file without write
 * permission is not changed.
 */
export function writeTextFileAtomically(path: string, text: string): void {
  let target: string;
  let mode: number;
  let uid: number;
  let gid: number;
  try {
    target = realpathSync(path);
    const stats = statSync(target);
    if (!stats.isFile())
      throw new TextFileError(`${path} is not a regular file, so it was not written.`);
    ({ mode, uid, gid } = stats);
  } catch (error) {
    if (error instanceof TextFileError) throw error;
    throw new TextFileError(`Cannot write ${path}: ${describeFsError(error)}.`);
  }
  if ((mode & 0o222) === 0) {
    throw new TextFileError(
      `${path} is read-only, so it was not changed. Make it writable first (chmod u+w).`,
    );
  }
  const temporary = join(dirname(target), `.${basename(target)}.dqml-${process.pid}.tmp`);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporary, 'wx', 0o600);
    // The creation mode passes through the umask; fchmod sets the original mode exactly.
    fchmodSync(descriptor, mode & 0o7777);
    writeSync(descriptor, text);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    try {
      chownSync(temporary, uid, gid);
    } catch {
      // Only the owner's own processes or root may keep another owner; the mode is kept.
    }
    renameSync(temporary, target);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw new TextFileError(
      `Cannot write ${path}: ${describeFsError(error)}. The file was not changed.`,
    );
  }
}
