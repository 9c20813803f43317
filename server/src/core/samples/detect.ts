import { describeFsError } from '../fsErrors';
import { open } from 'node:fs/promises';
import { SampleError, type SampleFormat } from './types';

const HEAD_BYTES = 4096;

/** Other containers users may pick by mistake, with the fix to suggest. */
const FOREIGN_MAGICS: ReadonlyArray<{ bytes: number[]; what: string; fix: string }> = [
  {
    bytes: [0x1f, 0x8b],
    what: 'a gzip archive',
    fix: 'Decompress it first (gunzip), then pass the CSV, Parquet or ROOT file inside',
  },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a zip archive',
    fix: 'Unpack it first, then pass the CSV, Parquet or ROOT file inside',
  },
  {
    bytes: [0x89, 0x48, 0x44, 0x46],
    what: 'an HDF5 file',
    fix: 'Write the table as Parquet instead, e.g. with pandas DataFrame.to_parquet',
  },
  {
    bytes: [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31],
    what: 'an Arrow IPC (Feather) file',
    fix: 'Write the table as Parquet instead, e.g. with pyarrow.parquet.write_table',
  },
  {
    bytes: [0x28, 0xb5, 0x2f, 0xfd],
    what: 'a zstd-compressed file',
    fix: 'Decompress it first (zstd -d), then pass the file inside',
  },
];

const SUPPORTED = 'Pass a CSV file with a header line, a Parquet file or a ROOT file.';

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => head[index] === byte);
}

function isAscii(head: Uint8Array, text: string): boolean {
  return [...text].every((char, index) => head[index] === char.charCodeAt(0));
}

/**
 * Tells the container of a sample from its first bytes, whatever the file name:
 * `PAR1` is Parquet, `root` is ROOT, and text without NUL bytes is read as CSV.
 */
export async function detectSampleFormat(path: string): Promise<SampleFormat> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new SampleError('unreadable', path, `Cannot read ${path}: ${describeFsError(error)}.`);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new SampleError(
        'unreadable',
        path,
        `${path} is a folder. Name a sample file inside it. ${SUPPORTED}`,
      );
    }
    if (stats.size === 0) {
      throw new SampleError('empty', path, `${path} is empty. ${SUPPORTED}`);
    }
    const head = new Uint8Array(Math.min(HEAD_BYTES, stats.size));
    await handle.read(head, 0, head.length, 0);
    if (isAscii(head, 'PAR1')) {
      const tail = new Uint8Array(4);
      await handle.read(tail, 0, 4, Math.max(0, stats.size - 4));
      if (stats.size < 12 || !isAscii(tail, 'PAR1')) {
        throw new SampleError(
          'invalid',
          path,
          `${path} starts like a Parquet file but does not end with the Parquet footer, so it is truncated or still being written. Copy the complete file again.`,
        );
      }
      return 'parquet';
    }
    if (isAscii(head, 'root')) return 'root';
    for (const magic of FOREIGN_MAGICS) {
      if (startsWith(head, magic.bytes)) {
        throw new SampleError(
          'unsupported',
          path,
          `${path} is ${magic.what}, which is not a sample format. ${magic.fix}.`,
        );
      }
    }
    if (head.includes(0)) {
      throw new SampleError(
        'unsupported',
        path,
        `${path} is a binary file that is neither Parquet nor ROOT. ${SUPPORTED}`,
      );
    }
    return 'csv';
  } finally {
    await handle.close();
  }
}
