import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  DEFAULT_CHUNK_ROWS,
  SampleError,
  listNames,
  requireColumns,
  throwIfAborted,
  type ReadOptions,
  type SampleChunk,
  type SampleColumn,
  type SampleSource,
} from './types';

/** Maximum length of a header line before the file is judged not to be a CSV table. */
const MAX_HEADER_BYTES = 1 << 20;
const DELIMITERS = [',', '\t', ';'] as const;
const NAME_PATTERN = /^[A-Za-z_][\w.:[\]-]*$/;

interface Header {
  names: string[];
  delimiter: string;
  /** Byte offset of the first data line. */
  dataStart: number;
}

/** Opens a CSV sample whose first line names the columns, e.g. `fMass,fPt,…`. */
export async function openCsvSample(path: string): Promise<SampleSource> {
  const { header, size } = await readHeader(path);
  const positions = new Map<string, number>();
  const columns: SampleColumn[] = [];
  header.names.forEach((name, index) => {
    // pandas writes its row index as a first column without a name.
    if (name === '' && index === 0) return;
    if (positions.has(name)) {
      columns.push({ name, type: 'number', usable: false, reason: 'duplicate column name' });
      return;
    }
    positions.set(name, index);
    columns.push({ name, type: 'number', usable: true });
  });
  const warnings: string[] = [];
  const source: SampleSource = {
    path,
    format: 'csv',
    description: `CSV table with ${positions.size} columns`,
    rowCount: undefined,
    columns,
    warnings,
    read: (names, options) => readRows(path, header, positions, size, names, options, warnings),
    close: async () => {},
  };
  return source;
}

async function readHeader(path: string): Promise<{ header: Header; size: number }> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(MAX_HEADER_BYTES, size));
    await handle.read(buffer, 0, buffer.length, 0);
    const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    const newline = buffer.indexOf(0x0a, bom);
    if (newline < 0 && size > buffer.length) {
      throw new SampleError(
        'unsupported',
        path,
        `${path} is not a CSV table: its first line is longer than ${MAX_HEADER_BYTES} bytes. Pass a CSV file whose first line names the columns, a Parquet file or a ROOT file.`,
      );
    }
    const end = newline < 0 ? buffer.length : newline;
    const line = buffer.toString('utf8', bom, end).replace(/\r$/, '');
    const header = parseHeader(path, line, newline < 0 ? size : newline + 1);
    if (header.dataStart >= size) {
      throw new SampleError(
        'empty',
        path,
        `${path} has a header line but no rows. Export the sample again with its rows.`,
      );
    }
    return { header, size };
  } finally {
    await handle.close();
  }
}

function parseHeader(path: string, line: string, dataStart: number): Header {
  const delimiter = DELIMITERS.reduce((best, candidate) =>
    line.split(candidate).length > line.split(best).length ? candidate : best,
  );
  const names = splitFields(line, delimiter).map((name) => name.trim());
  const named = names.filter((name, index) => !(name === '' && index === 0));
  if (named.length > 0 && named.every((name) => Number.isFinite(Number(name)))) {
    throw new SampleError(
      'invalid',
      path,
      `${path} has no header line: its first line holds numbers. Add a first line that names the columns, e.g. fMass,fPt,fCentFT0C,…`,
    );
  }
  const invalid = named.filter((name) => !NAME_PATTERN.test(name));
  if (named.length === 0 || invalid.length > 0) {
    throw new SampleError(
      'unsupported',
      path,
      `${path} is not a CSV table with a header of column names${
        invalid.length > 0
          ? ` (first line has ${listNames(
              invalid.map((name) => JSON.stringify(name.slice(0, 40))),
              5,
            )})`
          : ''
      }. Pass a CSV file whose first line names the columns (fMass,fPt,… or kMass,kPt,…), a Parquet file or a ROOT file.`,
    );
  }
  return { names, delimiter, dataStart };
}

/** Splits one line, honouring double quotes around fields. */
// NOTE: a quoted field that contains a line break is split at that break, since lines are
// found before quotes; numeric sample tables do not have such fields.
function splitFields(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** Reads a number as pandas and numpy write them: empty is missing, `nan` and `inf` spelled out. */
export function parseCsvNumber(text: string): number {
  // JavaScript reads 0x10, 0b1 and 0o7 as numbers; pandas and numpy read them as text.
  if (/^\s*[+-]?0[xXbBoO]/.test(text)) return NaN;
  const value = +text;
  if (value === value) {
    // `+''` and `+' '` are 0, but an empty field is a missing value.
    if (value === 0 && text.trim() === '') return NaN;
    return value;
  }
  switch (text.trim().toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'true':
      return 1;
    case 'false':
      return 0;
    default:
      return NaN;
  }
}

function isNaNSpelling(text: string): boolean {
  const word = text.trim().toLowerCase();
  return word === '' || word === 'nan' || word === '-nan' || word === '+nan' || word === 'null';
}

async function* readRows(
  path: string,
  header: Header,
  positions: ReadonlyMap<string, number>,
  size: number,
  names: readonly string[],
  options: ReadOptions = {},
  warnings: string[],
): AsyncGenerator<SampleChunk> {
  requireColumns(path, [...positions.keys()], names);
  const chunkRows = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const limit = options.limit ?? Infinity;
  // For each field position, the index of the requested column it fills, or -1.
  const lastField = Math.max(-1, ...names.map((name) => positions.get(name)!));
  const target = new Int32Array(lastField + 1).fill(-1);
  names.forEach((name, index) => (target[positions.get(name)!] = index));
  const badValues = new Map<string, { count: number; example: string; line: number }>();

  let arrays = names.map(() => new Float64Array(chunkRows));
  let filled = 0;
  let rowStart = 0;
  let lineNumber = 1;
  let bytesRead = header.dataStart;
  const take = (): SampleChunk => {
    const columns = new Map(names.map((name, index) => [name, arrays[index].subarray(0, filled)]));
    const chunk: SampleChunk = {
      rowStart,
      rowCount: filled,
      columns,
      fraction: Math.min(1, bytesRead / size),
    };
    rowStart += filled;
    filled = 0;
    arrays = names.map(() => new Float64Array(chunkRows));
    return chunk;
  };

  const parseLine = (line: string): void => {
    const quoted = line.includes('"');
    const fields = quoted ? splitFields(line, header.delimiter) : undefined;
    let position = 0;
    for (let field = 0; field <= lastField; field++) {
      let text: string;
      if (fields) {
        if (field >= fields.length) throw fieldCountError(field);
        text = fields[field];
      } else {
        if (position > line.length) throw fieldCountError(field);
        let end = line.indexOf(header.delimiter, position);
        if (end < 0) end = line.length;
        text = line.slice(position, end);
        position = end + 1;
      }
      const column = target[field];
      if (column < 0) continue;
      const value = parseCsvNumber(text);
      if (value !== value && !isNaNSpelling(text)) noteBadValue(names[column], text);
      arrays[column][filled] = value;
    }
    filled++;
  };
  const fieldCountError = (fields: number) =>
    new SampleError(
      'invalid',
      path,
      `${path} line ${lineNumber} has ${fields} fields, but the header names ${header.names.length}. Fix or remove that line.`,
    );
  const noteBadValue = (name: string, text: string) => {
    const entry = badValues.get(name);
    if (entry) entry.count++;
    else badValues.set(name, { count: 1, example: text.slice(0, 40), line: lineNumber });
  };

  const stream = createReadStream(path, { start: header.dataStart, highWaterMark: 1 << 20 });
  let rest = '';
  let rows = 0;
  try {
    for await (const buffer of stream as AsyncIterable<Buffer>) {
      throwIfAborted(options.signal);
      bytesRead += buffer.length;
      const text = rest + buffer.toString('latin1');
      let start = 0;
      let newline = text.indexOf('\n', start);
      while (newline >= 0 && rows < limit) {
        lineNumber++;
        const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        if (end > start) {
          parseLine(text.slice(start, end));
          rows++;
          if (filled === chunkRows) yield take();
        }
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      rest = text.slice(start);
      if (rows >= limit) break;
    }
    const last = rest.replace(/\r$/, '');
    if (rows < limit && last.length > 0) {
      lineNumber++;
      parseLine(last);
      rows++;
    }
    bytesRead = size;
    if (filled > 0) yield take();
  } finally {
    stream.destroy();
    for (const [name, entry] of badValues) {
      warnings.push(
        `Column ${name} has ${entry.count} value${entry.count === 1 ? '' : 's'} that ${entry.count === 1 ? 'is' : 'are'} not a number (first "${entry.example}" on line ${entry.line}); they were read as NaN.`,
      );
    }
  }
  if (rows === 0) {
    throw new SampleError('empty', path, `${path} has a header line but no rows.`);
  }
}
