import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openSample,
  parseCsvNumber,
  SampleError,
  type SampleSource,
} from '../../../server/src/core/samples';
import { temporaryFolder } from '../inference/fixtures';

async function readAll(
  source: SampleSource,
  names: string[],
  options: { chunkRows?: number; limit?: number } = {},
): Promise<{ values: Record<string, number[]>; chunks: number }> {
  const values: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  let chunks = 0;
  for await (const chunk of source.read(names, options)) {
    chunks++;
    for (const name of names) values[name].push(...chunk.columns.get(name)!);
  }
  return { values, chunks };
}

async function rejectsWith(promise: Promise<unknown>, kind: string, pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SampleError, String(error));
    assert.equal(error.kind, kind);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('CSV samples', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = temporaryFolder('dqml-csv-')));
  afterEach(() => remove());

  function file(name: string, text: string | Uint8Array): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('reads columns by header name', async () => {
    const path = file('a.txt', 'fMass,fPt,fCentFT0C\n3.1,1.5,20\n2.9,4.25,35.5\n');
    const source = await openSample(path);
    assert.equal(source.format, 'csv');
    assert.equal(source.rowCount, undefined);
    assert.deepEqual(
      source.columns.map((column) => column.name),
      ['fMass', 'fPt', 'fCentFT0C'],
    );
    const { values } = await readAll(source, ['fPt', 'fMass']);
    assert.deepEqual(values, { fPt: [1.5, 4.25], fMass: [3.1, 2.9] });
    await source.close();
  });

  it('spells missing and infinite values', async () => {
    const path = file(
      'b.csv',
      'kMass,kPt\n,1\nnan,2\nNaN,3\ninf,4\n-inf,5\nInfinity,6\nabc,7\nTrue,8\n',
    );
    const source = await openSample(path);
    const { values } = await readAll(source, ['kMass']);
    assert.deepEqual(values.kMass, [NaN, NaN, NaN, Infinity, -Infinity, Infinity, NaN, 1]);
    assert.equal(source.warnings.length, 1);
    assert.match(
      source.warnings[0],
      /kMass has 1 value that is not a number \(first "abc" on line 8\)/,
    );
  });

  it('parses numbers as pandas writes them', () => {
    assert.equal(parseCsvNumber('1e-3'), 0.001);
    assert.equal(parseCsvNumber(' 2.5 '), 2.5);
    assert.ok(Number.isNaN(parseCsvNumber(' ')));
    assert.equal(parseCsvNumber('0'), 0);
    assert.equal(parseCsvNumber('-0.0'), -0);
  });

  it('skips the unnamed pandas index', async () => {
    const path = file('c.csv', ',fMass,fPt\n0,1.5,2\n1,2.5,3\n');
    const source = await openSample(path);
    assert.deepEqual(
      source.columns.map((column) => column.name),
      ['fMass', 'fPt'],
    );
    assert.deepEqual((await readAll(source, ['fPt'])).values.fPt, [2, 3]);
  });

  it('handles quotes, CRLF, tabs and a byte order mark', async () => {
    const quoted = await openSample(file('d.csv', '"fMass","fPt"\r\n"1.5","2"\r\n3,4'));
    assert.deepEqual((await readAll(quoted, ['fMass', 'fPt'])).values, {
      fMass: [1.5, 3],
      fPt: [2, 4],
    });
    const tabs = await openSample(file('e.tsv', '\ufefffMass\tfPt\n1\t2\n'));
    assert.deepEqual(
      tabs.columns.map((column) => column.name),
      ['fMass', 'fPt'],
    );
    assert.deepEqual((await readAll(tabs, ['fPt'])).values.fPt, [2]);
  });

  it('chunks and limits rows', async () => {
    const lines = ['fMass,fPt', ...Array.from({ length: 1000 }, (_, row) => `${row},${row * 2}`)];
    const path = file('f.csv', `${lines.join('\n')}\n`);
    const source = await openSample(path);
    const all = await readAll(source, ['fPt'], { chunkRows: 64 });
    assert.equal(all.chunks, Math.ceil(1000 / 64));
    assert.deepEqual(
      all.values.fPt,
      Array.from({ length: 1000 }, (_, row) => row * 2),
    );
    const limited = await readAll(source, ['fMass'], { chunkRows: 64, limit: 100 });
    assert.equal(limited.values.fMass.length, 100);
    assert.equal(limited.values.fMass[99], 99);
  });

  it('rejects a short line with its number', async () => {
    const source = await openSample(file('g.csv', 'fMass,fPt,fEta\n1,2,3\n4,5\n'));
    await rejectsWith(
      readAll(source, ['fEta']),
      'invalid',
      /line 3 has 2 fields, but the header names 3/,
    );
  });

  it('rejects a file without header', async () => {
    await rejectsWith(openSample(file('h.csv', '1,2,3\n4,5,6\n')), 'invalid', /has no header line/);
  });

  it('rejects a header without rows', async () => {
    await rejectsWith(openSample(file('i.csv', 'fMass,fPt\n')), 'empty', /header line but no rows/);
  });

  it('rejects text that is not a table', async () => {
    await rejectsWith(
      openSample(file('j.json', '{"BDTCut": {"type": "Binary"}}\n')),
      'unsupported',
      /not a CSV table with a header of column names/,
    );
  });

  it('names the columns it lacks', async () => {
    const source = await openSample(file('k.csv', 'fMass,fPt\n1,2\n'));
    await rejectsWith(
      readAll(source, ['fEta', 'fPt']),
      'missing-column',
      /no column fEta\. Its columns are fMass, fPt/,
    );
  });
});

describe('sample detection', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = temporaryFolder('dqml-detect-')));
  afterEach(() => remove());

  const cases: Array<[string, number[], string, RegExp]> = [
    ['gzip', [0x1f, 0x8b, 8, 0], 'unsupported', /gzip archive.*gunzip/],
    ['zip', [0x50, 0x4b, 3, 4, 0], 'unsupported', /zip archive/],
    ['hdf5', [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a], 'unsupported', /HDF5.*Parquet/],
    ['binary', [0, 1, 2, 3, 0xff], 'unsupported', /neither Parquet nor ROOT/],
    [
      'parquet head only',
      [0x50, 0x41, 0x52, 0x31, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      'invalid',
      /truncated/,
    ],
    [
      'root head only',
      [0x72, 0x6f, 0x6f, 0x74, 0, 0, 0, 0],
      'invalid',
      /ROOT signature but cannot be opened/,
    ],
  ];
  for (const [name, bytes, kind, pattern] of cases) {
    it(`rejects ${name}`, async () => {
      const path = join(dir, 'sample.csv');
      writeFileSync(path, new Uint8Array(bytes));
      await rejectsWith(openSample(path), kind, pattern);
    });
  }

  it('rejects an empty file', async () => {
    const path = join(dir, 'empty.parquet');
    writeFileSync(path, '');
    await rejectsWith(openSample(path), 'empty', /is empty/);
  });

  it('rejects a folder', async () => {
    await rejectsWith(openSample(dir), 'unreadable', /is a folder/);
  });

  it('rejects a missing file', async () => {
    await rejectsWith(openSample(join(dir, 'none.csv')), 'unreadable', /file not found/);
  });
});
