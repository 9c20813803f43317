import { open, type FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, ColumnData, FileMetaData, SchemaElement } from 'hyparquet' with {
  'resolution-mode': 'import',
};
import {
  DEFAULT_CHUNK_ROWS,
  SampleError,
  requireColumns,
  throwIfAborted,
  type NumericArray,
  type ReadOptions,
  type SampleChunk,
  type SampleColumn,
  type SampleSource,
} from './types';

/** Physical types whose values are one number per row. */
const NUMERIC_TYPES = new Set(['FLOAT', 'DOUBLE', 'INT32', 'INT64', 'BOOLEAN']);
/** Converted types that keep an integer a plain number. */
const INTEGER_CONVERSIONS = new Set([
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
]);

/**
 * Row groups up to this many times the chunk size are decoded whole. Larger ones are read
 * in slices, which re-decodes at most one page per column at each slice boundary when the
 * file has an offset index, and the whole column chunk up to the slice when it has none.
 */
const WHOLE_GROUP_FACTOR = 4;

/** Opens a Parquet sample and reads its schema; the column data is read later, chunk by chunk. */
export async function openParquetSample(path: string): Promise<SampleSource> {
  const hyparquet = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const handle = await open(path, 'r');
  try {
    const file = fileBuffer(handle, (await handle.stat()).size);
    let metadata: FileMetaData;
    try {
      metadata = await hyparquet.parquetMetadataAsync(file);
    } catch (error) {
      throw new SampleError(
        'invalid',
        path,
        `${path} has the Parquet signature but its footer cannot be read (${errorText(error)}). Write the file again, e.g. with pandas DataFrame.to_parquet.`,
      );
    }
    const columns = schemaColumns(metadata.schema);
    const rowCount = Number(metadata.num_rows);
    if (rowCount === 0) {
      throw new SampleError('empty', path, `${path} is a Parquet file without rows.`);
    }
    const usable = new Set(columns.filter((column) => column.usable).map((column) => column.name));
    const warnings: string[] = [];
    const groups = metadata.row_groups.length;
    return {
      path,
      format: 'parquet',
      description: `Parquet table with ${columns.length} columns in ${groups} row group${groups === 1 ? '' : 's'}`,
      rowCount,
      columns,
      warnings,
      read: (names, options = {}) =>
        readChunks(path, file, metadata, usable, columns, names, options, (readOptions) =>
          hyparquet.parquetRead({ ...readOptions, compressors }),
        ),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function fileBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const bytes = new Uint8Array(Math.max(0, end - start));
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesRead } = await handle.read(
          bytes,
          offset,
          bytes.length - offset,
          start + offset,
        );
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/** Lists the top-level columns; nested, repeated and non-numeric ones are marked unusable. */
function schemaColumns(schema: readonly SchemaElement[]): SampleColumn[] {
  const columns: SampleColumn[] = [];
  const rootChildren = schema[0]?.num_children ?? 0;
  let index = 1;
  for (let child = 0; child < rootChildren && index < schema.length; child++) {
    const element = schema[index];
    const descendants = countDescendants(schema, index);
    index += 1 + descendants;
    if (element.num_children) {
      columns.push({
        name: element.name,
        type: element.logical_type?.type ?? element.converted_type ?? 'group',
        usable: false,
        reason: 'nested column (list, map or struct)',
      });
      continue;
    }
    columns.push(leafColumn(element));
  }
  return columns;
}

function countDescendants(schema: readonly SchemaElement[], index: number): number {
  let pending = schema[index].num_children ?? 0;
  let count = 0;
  while (pending > 0 && index + count + 1 < schema.length) {
    count++;
    pending += (schema[index + count].num_children ?? 0) - 1;
  }
  return count;
}

function leafColumn(element: SchemaElement): SampleColumn {
  const physical = element.type ?? 'unknown';
  const conversion = element.logical_type?.type ?? element.converted_type;
  const type = conversion ? `${physical} (${conversion})` : physical;
  const name = element.name;
  if (element.repetition_type === 'REPEATED') {
    return { name, type, usable: false, reason: 'repeated values (several per row)' };
  }
  if (!NUMERIC_TYPES.has(physical)) {
    const what = physical === 'INT96' ? 'a timestamp' : 'text or binary values';
    return { name, type, usable: false, reason: `${what}, not a number` };
  }
  const integerLike = conversion === 'INTEGER' || INTEGER_CONVERSIONS.has(conversion ?? '');
  if (conversion && !integerLike) {
    return { name, type, usable: false, reason: `${conversion} values, not plain numbers` };
  }
  return { name, type, usable: true };
}

type ParquetRead = (options: {
  file: AsyncBuffer;
  metadata: FileMetaData;
  columns: string[];
  rowStart: number;
  rowEnd: number;
  useOffsetIndex: boolean;
  onChunk: (chunk: ColumnData) => void;
}) => Promise<void>;

async function* readChunks(
  path: string,
  file: AsyncBuffer,
  metadata: FileMetaData,
  usable: ReadonlySet<string>,
  columns: readonly SampleColumn[],
  names: readonly string[],
  options: ReadOptions,
  parquetRead: ParquetRead,
): AsyncGenerator<SampleChunk> {
  checkColumns(path, columns, usable, names);
  const chunkRows = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const total = Math.min(Number(metadata.num_rows), options.limit ?? Infinity);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = Math.min(groupStart + Number(group.num_rows), total);
    const pieceRows =
      groupEnd - groupStart <= chunkRows * WHOLE_GROUP_FACTOR ? groupEnd - groupStart : chunkRows;
    for (let start = groupStart; start < groupEnd; start += pieceRows) {
      throwIfAborted(options.signal);
      const end = Math.min(groupEnd, start + pieceRows);
      const arrays = new Map<string, NumericArray>();
      try {
        await parquetRead({
          file,
          metadata,
          columns: [...names],
          rowStart: start,
          rowEnd: end,
          useOffsetIndex: true,
          onChunk: (chunk) => copyOverlap(chunk, start, end, arrays),
        });
      } catch (error) {
        throw new SampleError(
          'invalid',
          path,
          `Cannot decode rows ${start}–${end - 1} of ${path}: ${errorText(error)}. Write the file again with a codec pandas or pyarrow use by default (snappy, gzip or zstd).`,
        );
      }
      for (const name of names) {
        if (!arrays.has(name)) arrays.set(name, new Float64Array(end - start).fill(NaN));
      }
      yield { rowStart: start, rowCount: end - start, columns: arrays, fraction: end / total };
    }
    groupStart = groupEnd;
    if (groupStart >= total) break;
  }
}

function checkColumns(
  path: string,
  columns: readonly SampleColumn[],
  usable: ReadonlySet<string>,
  names: readonly string[],
): void {
  requireColumns(
    path,
    columns.map((column) => column.name),
    names,
  );
  const known = new Map(columns.map((column) => [column.name, column]));
  const unusable = names.filter((name) => !usable.has(name));
  if (unusable.length > 0) {
    const reasons = unusable.map((name) => `${name}: ${known.get(name)!.reason}`);
    throw new SampleError(
      'unusable-column',
      path,
      `Columns of ${path} cannot be read as one number per row: ${reasons.join('; ')}.`,
    );
  }
}

/** Copies the rows [start, end) of a decoded column chunk, which may cover more rows. */
function copyOverlap(
  chunk: ColumnData,
  start: number,
  end: number,
  arrays: Map<string, NumericArray>,
): void {
  const from = Math.max(start, chunk.rowStart);
  const to = Math.min(end, chunk.rowEnd);
  if (to <= from) return;
  const data = chunk.columnData;
  const offset = from - chunk.rowStart;
  if (data instanceof Float32Array && from === start && to === end) {
    arrays.set(chunk.columnName, data.subarray(offset, offset + (to - from)));
    return;
  }
  let target = arrays.get(chunk.columnName);
  if (!(target instanceof Float64Array)) {
    const previous = target;
    target = new Float64Array(end - start).fill(NaN);
    if (previous) target.set(previous);
    arrays.set(chunk.columnName, target);
  }
  for (let row = from; row < to; row++) {
    target[row - start] = toNumber(data[row - chunk.rowStart]);
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
