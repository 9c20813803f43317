/** Containers the sample readers recognise by their first bytes. */
export type SampleFormat = 'csv' | 'parquet' | 'root';

/** A typed array of numbers, as the readers hand out column values. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** A column of a sample and whether its values can be read as one number per row. */
export interface SampleColumn {
  name: string;
  /** The type as the container names it, e.g. `FLOAT`, `TLeafF` or `number`. */
  type: string;
  usable: boolean;
  /** Reason an unusable column cannot be read, e.g. `variable-length array (counter NJet)`. */
  reason?: string;
}

/** Consecutive rows of the requested columns. */
export interface SampleChunk {
  /** Index of the first row in the whole sample. */
  rowStart: number;
  rowCount: number;
  /** One array of `rowCount` values per requested column; a missing value is NaN. */
  columns: ReadonlyMap<string, NumericArray>;
  /** Share of the sample read so far, from 0 to 1, when the reader can tell. */
  fraction?: number;
}

export interface ReadOptions {
  /** Rows per chunk the reader aims at; a reader may return fewer. */
  chunkRows?: number;
  /** Stop after this many rows. */
  limit?: number;
  signal?: AbortSignal;
}

/** An opened sample file. Call `close` when done, also after an error. */
export interface SampleSource {
  readonly path: string;
  readonly format: SampleFormat;
  /** Description of what is read from the file, e.g. `tree O2rtdielectronall in 3 DF_* folders`. */
  readonly description: string;
  /** Number of rows, or undefined when only reading the whole file gives it (CSV). */
  readonly rowCount: number | undefined;
  readonly columns: readonly SampleColumn[];
  /** Problems met while reading that did not stop it, such as text where a number belongs. */
  readonly warnings: string[];
  /**
   * Reads the named columns chunk by chunk. Only one chunk per column is held at a time,
   * so memory stays bounded by the chunk size, whatever the file size.
   */
  read(columns: readonly string[], options?: ReadOptions): AsyncGenerator<SampleChunk>;
  close(): Promise<void>;
}

export type SampleErrorKind =
  | 'unreadable'
  | 'unsupported'
  | 'empty'
  | 'invalid'
  | 'tree-not-found'
  | 'unusable-column'
  | 'missing-column';

/** A sample that cannot be read; the message names the file and what to do. */
export class SampleError extends Error {
  constructor(
    readonly kind: SampleErrorKind,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SampleError';
  }
}

/** Default number of rows per chunk: large enough for batched inference, small in memory. */
export const DEFAULT_CHUNK_ROWS = 65536;

/** Throws the signal's reason when it is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/** Lists column names for a message, shortening long lists. */
export function listNames(names: readonly string[], max = 40): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * Throws the missing-column error when a requested name is not among `available`. `noun`
 * names the columns as the format calls them: "column", or "branch" for ROOT trees.
 */
export function requireColumns(
  path: string,
  available: readonly string[],
  names: readonly string[],
  noun: 'column' | 'branch' = 'column',
): void {
  const known = new Set(available);
  const missing = names.filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const plural = noun === 'branch' ? 'branches' : 'columns';
  throw new SampleError(
    'missing-column',
    path,
    `${path} has no ${noun} ${listNames(missing)}. Its ${plural} are ${listNames(available)}.`,
  );
}
