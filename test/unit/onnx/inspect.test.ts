import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectModel, ModelCache } from '../../../server/src/core/onnx';
import { binarySpec, buildClassifier, buildFixtures } from '../../support/onnx';

const fixtures = buildFixtures();

/** Copies a value without the object properties whose value is undefined, as JSON drops them. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) copy[key] = withoutUndefined(entry);
  }
  return copy;
}

describe('inspectModel', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'dqml-inspect-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function write(name: string, bytes: Uint8Array): string {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    return path;
  }

  it('returns a summary, runtime result and notes', async () => {
    const path = write('m.onnx', fixtures.binary.bytes);
    const inspection = await inspectModel(path, { cache: new ModelCache() });
    assert.equal(inspection.status, 'ok');
    assert.equal(inspection.sizeBytes, fixtures.binary.bytes.length);
    assert.equal(inspection.runtime.status, 'loaded');
    assert.match(inspection.runtime.runtimeVersion ?? '', /^\d+\.\d+\.\d+/);
    assert.equal(inspection.model?.inputs[0].type, 'float32[1, 4]');
    assert.match(inspection.notes[0], /fixed batch of 1 \(\[1, 4\]\)/);
    assert.match(inspection.notes[1], /0 = class 0, 1 = class 1/);
  });

  it('serialises to JSON and back', async () => {
    const path = write('m.onnx', fixtures.multiclass.bytes);
    const inspection = await inspectModel(path, { cache: new ModelCache() });
    // Only plain values survive a round trip: no Long, typed array, Map or BigInt.
    assert.deepEqual(JSON.parse(JSON.stringify(inspection)), withoutUndefined(inspection));
  });

  it('notes the lower bound of a dynamic width', async () => {
    const path = write('m.onnx', fixtures['dynamic-width'].bytes);
    const inspection = await inspectModel(path, { cache: new ModelCache() });
    assert.ok(inspection.notes.some((note) => /needs at least 4 features/.test(note)));
  });

  it('notes trees that read past the width', async () => {
    const spec = binarySpec();
    const bytes = buildClassifier({ ...spec, inputShape: [1, 2] });
    const inspection = await inspectModel(write('m.onnx', bytes), { cache: new ModelCache() });
    assert.ok(
      inspection.notes.some((note) => /read column 3, but the input declares only 2/.test(note)),
    );
  });

  it('reuses the cached summary', async () => {
    const cache = new ModelCache();
    const path = write('m.onnx', fixtures.binary.bytes);
    const first = await inspectModel(path, { cache });
    const second = await inspectModel(path, { cache });
    assert.equal(second.model, first.model);
    assert.equal(cache.size, 1);
  });

  it('shares one read between concurrent calls', async () => {
    const cache = new ModelCache();
    const path = write('m.onnx', fixtures.binary.bytes);
    const [first, second] = await Promise.all([
      inspectModel(path, { cache }),
      inspectModel(path, { cache }),
    ]);
    assert.equal(second.model, first.model);
  });

  it('rereads a file whose size changed', async () => {
    const cache = new ModelCache();
    const path = write('m.onnx', fixtures.binary.bytes);
    const first = await inspectModel(path, { cache });
    write('m.onnx', fixtures.multiclass.bytes);
    const second = await inspectModel(path, { cache });
    assert.notEqual(second.model, first.model);
    assert.deepEqual(second.model?.treeEnsemble?.classLabels, [0, 1, 2]);
  });

  it('rereads a file whose mtime changed', async () => {
    const cache = new ModelCache();
    const path = write('m.onnx', fixtures.binary.bytes);
    const first = await inspectModel(path, { cache });
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    const second = await inspectModel(path, { cache });
    assert.notEqual(second.model, first.model);
  });

  it('loads into the runtime on a later request', async () => {
    const cache = new ModelCache();
    const path = write('m.onnx', fixtures.binary.bytes);
    const skipped = await inspectModel(path, {
      cache,
      loadIntoRuntime: false,
      runtimeSkipReason: 'the workspace is not trusted',
    });
    assert.equal(skipped.runtime.status, 'skipped');
    assert.equal(skipped.runtime.message, 'the workspace is not trusted');
    const loaded = await inspectModel(path, { cache });
    assert.equal(loaded.runtime.status, 'loaded');
    assert.equal(loaded.model, skipped.model);
  });

  it('evicts the least recently used entry', async () => {
    const cache = new ModelCache(2);
    const paths = ['a', 'b', 'c'].map((name) => write(`${name}.onnx`, fixtures.binary.bytes));
    for (const path of paths) await inspectModel(path, { cache, loadIntoRuntime: false });
    assert.equal(cache.size, 2);
  });

  it('reports a missing file', async () => {
    const inspection = await inspectModel(join(folder, 'none.onnx'));
    assert.equal(inspection.status, 'not-found');
    assert.equal(inspection.error, 'file not found');
    assert.equal(inspection.runtime.status, 'skipped');
  });

  it('reports a directory', async () => {
    mkdirSync(join(folder, 'd.onnx'));
    const inspection = await inspectModel(join(folder, 'd.onnx'));
    assert.equal(inspection.status, 'unreadable');
    assert.equal(inspection.error, 'it is a directory');
  });

  it('does not read a huge file', async () => {
    const path = join(folder, 'huge.onnx');
    writeFileSync(path, '');
    truncateSync(path, 200 * 1024 * 1024);
    const inspection = await inspectModel(path, { cache: new ModelCache() });
    assert.equal(inspection.status, 'too-large');
    assert.equal(inspection.error, 'the file is 200.0 MiB, above the limit of 64.0 MiB');
  });

  it('reports bytes that are not ONNX', async () => {
    const path = write('noise.onnx', fixtures['random-bytes'].bytes);
    const inspection = await inspectModel(path, { cache: new ModelCache() });
    assert.equal(inspection.status, 'unreadable');
    assert.match(inspection.error ?? '', /not an ONNX model/);
    assert.equal(inspection.model, undefined);
  });
});
