import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSample, SampleError, type SampleSource } from '../../../server/src/core/samples';
import { sampleColumns, temporaryFolder, writeParquet } from '../inference/fixtures';

async function readColumn(source: SampleSource, name: string, chunkRows?: number) {
  const values: number[] = [];
  for await (const chunk of source.read([name], { chunkRows })) {
    values.push(...chunk.columns.get(name)!);
  }
  return values;
}

describe('Parquet samples', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = temporaryFolder('dqml-parquet-')));
  afterEach(() => remove());

  it('codecs give identical values', async () => {
    const columns = sampleColumns(2500, 7);
    const expected = Array.from(columns.fMass);
    for (const codec of ['SNAPPY', 'GZIP', 'ZSTD', 'UNCOMPRESSED'] as const) {
      const path = join(dir, `sample-${codec}.bin`);
      await writeParquet(path, columns, { codec, rowGroupSize: 1000 });
      const source = await openSample(path);
      assert.equal(source.format, 'parquet');
      assert.equal(source.rowCount, 2500);
      assert.deepEqual(await readColumn(source, 'fMass'), expected, codec);
      assert.deepEqual(
        await readColumn(source, 'fMcDecision', 300),
        Array.from(columns.fMcDecision),
        `${codec} in chunks of 300`,
      );
      await source.close();
    }
  });

  it('reads large row groups in slices', async () => {
    const columns = sampleColumns(5000, 3);
    const path = join(dir, 'one-group.parquet');
    await writeParquet(path, columns, { rowGroupSize: 5000 });
    const source = await openSample(path);
    const chunks: number[] = [];
    for await (const chunk of source.read(['fPt'], { chunkRows: 1000 })) {
      chunks.push(chunk.rowCount);
    }
    assert.deepEqual(chunks, [1000, 1000, 1000, 1000, 1000]);
    assert.deepEqual(await readColumn(source, 'fPt', 1000), Array.from(columns.fPt));
    await source.close();
  });

  it('reads nulls as NaN and types as numbers', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'fMass', data: [1.5, null, 3.5], type: 'DOUBLE' },
        { name: 'fSign', data: [1n, -2n, 0n], type: 'INT64' },
        { name: 'fFlag', data: [true, false, true], type: 'BOOLEAN' },
        { name: 'fName', data: ['a', 'b', 'c'], type: 'STRING' },
      ],
    });
    const path = join(dir, 'types.parquet');
    writeFileSync(path, new Uint8Array(buffer));
    const source = await openSample(path);
    assert.deepEqual(await readColumn(source, 'fMass'), [1.5, NaN, 3.5]);
    assert.deepEqual(await readColumn(source, 'fSign'), [1, -2, 0]);
    assert.deepEqual(await readColumn(source, 'fFlag'), [1, 0, 1]);
    const name = source.columns.find((column) => column.name === 'fName')!;
    assert.equal(name.usable, false);
    assert.match(name.reason!, /text or binary values/);
    await assert.rejects(readColumn(source, 'fName'), (error: unknown) => {
      assert.ok(error instanceof SampleError);
      assert.equal(error.kind, 'unusable-column');
      assert.match(error.message, /fName: text or binary values, not a number/);
      return true;
    });
    await source.close();
  });

  it('rejects a truncated file', async () => {
    const path = join(dir, 'whole.parquet');
    await writeParquet(path, sampleColumns(100));
    const bytes = readFileSync(path);
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, Buffer.concat([bytes.subarray(0, 200), Buffer.from('PAR1')]));
    await assert.rejects(openSample(cut), (error: unknown) => {
      assert.ok(error instanceof SampleError);
      assert.equal(error.kind, 'invalid');
      assert.ok(error.message.includes(cut));
      return true;
    });
  });

  it('names missing columns', async () => {
    const path = join(dir, 'sample.parquet');
    await writeParquet(path, sampleColumns(10));
    const source = await openSample(path);
    await assert.rejects(
      readColumn(source, 'fEta'),
      /has no column fEta\. Its columns are fMass, fPt/,
    );
    await source.close();
  });
});
