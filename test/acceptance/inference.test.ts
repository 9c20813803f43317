import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceReport } from '../../server/src/core/inference';
import { openSample, SampleError, type SampleSource } from '../../server/src/core/samples';
import { ensureCliBuilt, requireAcceptanceDir, runDqml } from '../support/acceptance';
import { temporaryFolder, writeConfigAndModels, type Columns } from '../unit/inference/fixtures';
import { referenceCounts } from '../unit/inference/reference';

const FORMATS = ['csv', 'parquet', 'root'] as const;
const EXAMPLES = [
  ['binary', 'bdtCut.json'],
  ['multiclass', 'bdtCutMulti.json'],
] as const;

function infer(args: string[]): InferenceReport {
  const result = runDqml(['infer', ...args, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as InferenceReport;
}

/** Reads a CSV with a plain split, independent of the sample readers, as float32 values. */
function readCsvColumns(path: string): Columns {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  const columns: Columns = Object.fromEntries(
    names.map((name) => [name, new Float32Array(lines.length)]),
  );
  lines.forEach((line, row) => {
    line.split(',').forEach((text, index) => (columns[names[index]][row] = Number(text)));
  });
  return columns;
}

async function readAll(source: SampleSource, names: readonly string[]) {
  const values = new Map<string, number[]>(names.map((name) => [name, []]));
  for await (const chunk of source.read(names, { chunkRows: 1000 })) {
    for (const name of names) values.get(name)!.push(...chunk.columns.get(name)!);
  }
  return values;
}

const countsOf = (report: InferenceReport) => ({
  total: report.total,
  dropped: report.dropped,
  passed: report.passed,
  bins: report.bins.map((bin) => [bin.index, bin.label, bin.rows, bin.passed]),
  truth: report.truth,
  histograms: report.bins.map((bin) => bin.scores.map((histogram) => histogram.counts)),
});

describe('acceptance: quick inference', function () {
  this.timeout(120000);
  let root: string;

  before(function () {
    root = requireAcceptanceDir(this);
    ensureCliBuilt();
  });

  for (const [folder, file] of EXAMPLES) {
    it(`${folder} example: three formats equal reference`, async () => {
      const config = join(root, 'examples/o2physics', folder, file);
      const reports = FORMATS.map((format) =>
        infer([config, join(root, `samples/dielectrons-sample.${format}`)]),
      );
      assert.deepEqual(
        reports.map((report) => report.sampleFormat),
        ['csv', 'parquet', 'root'],
      );
      for (const report of reports.slice(1)) {
        assert.deepEqual(countsOf(report), countsOf(reports[0]), report.samplePath);
      }
      const columns = readCsvColumns(join(root, 'samples/dielectrons-sample.csv'));
      const reference = await referenceCounts(config, columns);
      assert.equal(reports[0].total, 20000);
      assert.equal(reports[0].dropped, reference.dropped);
      assert.equal(reports[0].passed, reference.passed);
      reports[0].bins.forEach((bin, index) => {
        assert.equal(bin.rows, reference.bins[index].rows, `rows of bin ${index}`);
        assert.equal(bin.passed, reference.bins[index].passed, `passed of bin ${index}`);
        assert.equal(bin.batchMadeDynamic, true);
      });
      assert.equal(reports[0].truthColumn, 'fMcDecision');
      assert.deepEqual(reports[0].centrality, { source: 'column', column: 'fCentFT0C' });
    });
  }

  it('truncated ROOT sample is rejected', () => {
    const whole = readFileSync(join(root, 'samples/dielectrons-sample.root'));
    const { dir: folder, remove } = temporaryFolder();
    const config = join(root, 'examples/o2physics/binary/bdtCut.json');
    try {
      // Cut inside the baskets: jsroot would repeat earlier values for the missing entries.
      const inBaskets = join(folder, 'cut-in-baskets.root');
      writeFileSync(inBaskets, whole.subarray(0, whole.length - 60000));
      const late = runDqml(['infer', config, inBaskets]);
      assert.equal(late.status, 2);
      assert.match(late.stderr, /truncated/);
      assert.equal(late.stdout, '');
      // Cut before the tree header: the tree is listed but cannot be read.
      const inHeader = join(folder, 'cut-in-header.root');
      writeFileSync(inHeader, whole.subarray(0, 30000));
      const early = runDqml(['infer', config, inHeader]);
      assert.equal(early.status, 2);
      assert.match(early.stderr, /header cannot be read, so the file is probably truncated/);
    } finally {
      remove();
    }
  });

  describe('hipe4ml training trees', () => {
    const rootFile = (kind: string) =>
      join(root, `outside-inputs/root/hipe4ml-${kind}-Dpluspp7TeV-pT-1-50.root`);
    const parquetFile = (kind: string) =>
      join(root, `outside-inputs/parquet/hipe4ml-${kind}-Dpluspp7TeV-pT-1-50.parquet.gzip`);
    const binaryConfig = () => join(root, 'examples/o2physics/binary/bdtCut.json');

    it('default tree missing: lists the trees', () => {
      const result = runDqml(['infer', binaryConfig(), rootFile('Bkg')]);
      assert.equal(result.status, 2);
      assert.match(
        result.stderr,
        /has no tree O2rtdielectronall at top level or in a DF_\* folder/,
      );
      assert.match(result.stderr, /Trees in the file: treeMLDplus/);
      assert.match(result.stderr, /--tree NAME/);
    });

    it('missing DielectronsAll columns listed', () => {
      const result = runDqml(['infer', binaryConfig(), rootFile('Bkg'), '--tree', 'treeMLDplus']);
      assert.equal(result.status, 2);
      assert.ok(result.stderr.includes(rootFile('Bkg')), 'names the file');
      assert.match(result.stderr, /kMass \(no column kMass or fMass\)/);
      assert.match(result.stderr, /kTOFNSigmaPr2 \(no column kTOFNSigmaPr2 or fTOFNSigmaPr2\)/);
      assert.match(result.stderr, /kCentFT0C \(no column fCentFT0C or kCentFT0C/);
      assert.match(result.stderr, /16 numeric columns: inv_mass, pt_cand, d_len/);
      assert.match(result.stderr, /--map kX=COLUMN/);
    });

    it('Parquet by magic bytes, same values as ROOT', async () => {
      for (const kind of ['Prompt', 'FD', 'Bkg']) {
        const parquet = await openSample(parquetFile(kind));
        const tree = await openSample(rootFile(kind), { tree: 'treeMLDplus' });
        assert.equal(parquet.format, 'parquet');
        assert.equal(parquet.rowCount, tree.rowCount);
        const names = tree.columns.map((column) => column.name);
        assert.deepEqual(
          parquet.columns.map((column) => column.name),
          names,
        );
        assert.deepEqual(await readAll(parquet, names), await readAll(tree, names), kind);
        await parquet.close();
        await tree.close();
      }
    });

    it('column map runs a model on them', async () => {
      const { dir, remove } = temporaryFolder();
      try {
        const mapped = writeConfigAndModels(dir, { type: 'Binary' });
        const map =
          'kMass=inv_mass,kPt=pt_cand,kTPCNSigmaEl1=nsigComb_Pi_0,kTPCNSigmaEl2=nsigComb_K_0';
        const fromRoot = infer([
          mapped,
          rootFile('Bkg'),
          '--tree',
          'treeMLDplus',
          '--map',
          map,
          '--centrality',
          '10',
        ]);
        const fromParquet = infer([mapped, parquetFile('Bkg'), '--map', map, '--centrality', '10']);
        assert.deepEqual(countsOf(fromParquet), countsOf(fromRoot));
        assert.equal(fromRoot.total, 4635);
        const source = await openSample(parquetFile('Bkg'));
        const names = ['inv_mass', 'pt_cand', 'nsigComb_Pi_0', 'nsigComb_K_0'];
        const values = await readAll(source, names);
        await source.close();
        const [mass, pt, pion, kaon] = names.map((name) => new Float32Array(values.get(name)!));
        const columns: Columns = {
          fMass: mass,
          fPt: pt,
          fTPCNSigmaEl1: pion,
          fTPCNSigmaEl2: kaon,
        };
        const reference = await referenceCounts(mapped, columns, { centrality: 10 });
        assert.equal(fromRoot.dropped, reference.dropped);
        assert.equal(fromRoot.passed, reference.passed);
      } finally {
        remove();
      }
    });
  });

  describe('uproot test files', () => {
    const file = (name: string) => join(root, `outside-inputs/root/scikit-hep-uproot-${name}.root`);

    it('four HZZ compressions give identical values', async () => {
      const values = [];
      for (const suffix of ['', '-zstd', '-lz4', '-lzma']) {
        const source = await openSample(file(`HZZ${suffix}`), { tree: 'events' });
        const usable = source.columns
          .filter((column) => column.usable)
          .map((column) => column.name);
        assert.ok(usable.includes('MET_px'), 'MET_px is usable');
        assert.ok(usable.includes('NJet'), 'NJet is usable');
        values.push(await readAll(source, usable));
        await source.close();
      }
      for (const other of values.slice(1)) assert.deepEqual(other, values[0]);
      assert.equal(values[0].get('MET_px')!.length, 2421);
    });

    it('jagged HZZ branches named, not read', () => {
      const config = join(root, 'examples/o2physics/binary/bdtCut.json');
      const result = runDqml([
        'infer',
        config,
        file('HZZ'),
        '--tree',
        'events',
        '--map',
        'kMass=Jet_Px',
      ]);
      assert.equal(result.status, 2);
      assert.match(
        result.stderr,
        /kMass → Jet_Px \(variable-length array \(counter NJet\), jagged\)/,
      );
    });

    const edgeCases: Array<[string, string, string, RegExp]> = [
      ['small-flat-tree', 'tree', 'SliceInt32', /variable-length array \(counter N\)/],
      ['small-flat-tree', 'tree', 'ArrayFloat64', /fixed-size array of 10 values/],
      ['small-flat-tree', 'tree', 'Str', /text \(char string\)/],
      ['simple', 'tree', 'three', /text \(char string\)/],
      ['leaflist', 'tree', 'leaflist', /leaf list of x, y, z/],
      ['sample-6.20.04-uncompressed', 'sample', 'Ai8', /variable-length array \(counter n\)/],
      ['issue-1043', 'FooBar', 'Foo', /object of class Foo/],
    ];
    for (const [name, tree, branch, reason] of edgeCases) {
      it(`${name}: ${branch} named unusable`, async () => {
        const source = await openSample(file(name), { tree });
        const column = source.columns.find((entry) => entry.name === branch)!;
        assert.equal(column.usable, false);
        assert.match(column.reason!, reason);
        await assert.rejects(readAll(source, [branch]), (error: unknown) => {
          assert.ok(error instanceof SampleError);
          assert.equal(error.kind, 'unusable-column');
          assert.ok(error.message.includes(branch));
          return true;
        });
        const usable = source.columns.filter((entry) => entry.usable).map((entry) => entry.name);
        const values = await readAll(source, usable);
        for (const name of usable) assert.equal(values.get(name)!.length, source.rowCount);
        await source.close();
      });
    }

    it('small-flat-tree integer and float branches read', async () => {
      const source = await openSample(file('small-flat-tree'), { tree: 'tree' });
      const values = await readAll(source, ['Int32', 'Int64', 'UInt32', 'Float32', 'Float64']);
      await source.close();
      assert.deepEqual(values.get('Int32')!.slice(0, 3), [0, 1, 2]);
      assert.deepEqual(values.get('Float64')!.slice(0, 3), [0, 1, 2]);
      assert.equal(values.get('Int64')!.length, 100);
    });
  });
});
