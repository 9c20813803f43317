import { strict as assert } from 'node:assert';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { localString } from '../../../server/src/core/dpl';

const FIXTURES = resolve(__dirname, '../../fixtures/dpl');

const CONFIG = `{
  "BDTCut": {
    "type": "Binary",
    "inputFeatures": ["kMass", "kPt"],
    "modelFiles": ["bin0.onnx", "bin1.onnx"],
    "cent": "kCentFT0C",
    "AddCentCut-Cent0100": {
      "centMin": -1, "centMax": 100,
      "AddPtCut-pTBin0": { "pTMin": 0, "pTMax": 2,
        "AddMLCut-background": { "var": "kBdtBackground", "cut": 0.50, "exclude": true } },
      "AddPtCut-pTBin1": { "pTMin": 2, "pTMax": 20,
        "AddMLCut-background": { "var": "kBdtBackground", "cut": 1e-3, "exclude": true } }
    }
  }
}
`;
const COMPACT =
  '{"BDTCut":{"type":"Binary","inputFeatures":["kMass","kPt"],"modelFiles":["bin0.onnx","bin1.onnx"],"cent":"kCentFT0C","AddCentCut-Cent0100":{"centMin":-1,"centMax":100,"AddPtCut-pTBin0":{"pTMin":0,"pTMax":2,"AddMLCut-background":{"var":"kBdtBackground","cut":0.50,"exclude":true}},"AddPtCut-pTBin1":{"pTMin":2,"pTMax":20,"AddMLCut-background":{"var":"kBdtBackground","cut":1e-3,"exclude":true}}}}}';

interface Run {
  status: number;
  stdout: string[];
  stderr: string[];
}

async function dqml(...args: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(args, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    packageRoot: resolve(__dirname, '../../..'),
    version: 'test',
  });
  return { status, stdout, stderr };
}

describe('dqml hyperloop and dqml dpl', () => {
  let folder: string;
  let config: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'dqml-dpl-'));
    config = join(folder, 'bdtCut.json');
    writeFileSync(config, CONFIG);
    // The model files exist, so the config has no findings.
    writeFileSync(join(folder, 'bin0.onnx'), '');
    writeFileSync(join(folder, 'bin1.onnx'), '');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  describe('hyperloop', () => {
    it('prints only the compact string', async () => {
      const run = await dqml('hyperloop', config);
      assert.equal(run.status, 0);
      assert.deepEqual(run.stdout, [COMPACT]);
      assert.deepEqual(run.stderr, []);
    });

    it('prints the local string with --local', async () => {
      const run = await dqml('hyperloop', config, '--local');
      assert.equal(run.status, 0);
      assert.deepEqual(run.stdout, [localString(COMPACT)]);
    });

    it('unwraps a local string given as input', async () => {
      writeFileSync(config, `${localString(COMPACT)}\n`);
      const run = await dqml('hyperloop', config);
      assert.deepEqual(run.stdout, [COMPACT]);
    });

    it('prints nothing and exits 2 on syntax errors', async () => {
      writeFileSync(config, CONFIG.replace('"cut": 0.50', '"cut": NaN'));
      const run = await dqml('hyperloop', config);
      assert.equal(run.status, 2);
      assert.deepEqual(run.stdout, []);
      assert.match(run.stderr[0], /bdtCut\.json:10:66: error json-non-finite-number: NaN/);
      assert.match(run.stderr[1], /has syntax errors, so no string was printed/);
    });

    it('prints the string and warns on config errors', async () => {
      writeFileSync(config, CONFIG.replace('"kPt"', '"fPt"'));
      const run = await dqml('hyperloop', config);
      assert.equal(run.status, 1);
      assert.deepEqual(run.stdout, [COMPACT.replace('"kPt"', '"fPt"')]);
      assert.match(run.stderr[0], /bdtCut\.json:4:32: error f-prefixed-feature/);
      assert.match(
        run.stderr[1],
        /has 1 error that would stop the task; the string is printed anyway/,
      );
    });

    it('needs exactly one config', async () => {
      const run = await dqml('hyperloop');
      assert.equal(run.status, 2);
      assert.match(run.stderr[0], /needs exactly one CONFIG/);
    });
  });

  describe('dpl update', () => {
    it('writes the config into the file', async () => {
      const dpl = join(folder, 'dpl.json');
      copyFileSync(join(FIXTURES, 'dumped-by-dpl.json'), dpl);
      const run = await dqml('dpl', 'update', dpl, config);
      assert.equal(run.status, 0, run.stderr.join('\n'));
      const task = (
        JSON.parse(readFileSync(dpl, 'utf8')) as Record<string, Record<string, string>>
      )['analysis-same-event-pairing'];
      assert.equal(task.fConfigBdtCutsJSON, COMPACT);
      assert.equal(task.applyBDT, 'true');
      assert.match(run.stdout[0], /^Updated .*dpl\.json, task "analysis-same-event-pairing":$/);
      assert.deepEqual(readdirSync(folder).sort(), [
        'bdtCut.json',
        'bin0.onnx',
        'bin1.onnx',
        'dpl.json',
      ]);
    });

    it('prints instead of writing with --dry-run', async () => {
      const dpl = join(folder, 'dpl.json');
      copyFileSync(join(FIXTURES, 'dumped-by-dpl.json'), dpl);
      const before = readFileSync(dpl, 'utf8');
      const run = await dqml('dpl', 'update', dpl, config, '--dry-run');
      assert.equal(run.status, 0);
      assert.equal(readFileSync(dpl, 'utf8'), before);
      const printed = `${run.stdout.join('\n')}\n`;
      assert.ok(printed.includes(JSON.stringify(COMPACT)));
      assert.match(run.stderr[0], /^Would update /);
    });

    it('rejects folders that do not fit', async () => {
      const dpl = join(folder, 'dpl.json');
      copyFileSync(join(FIXTURES, 'dumped-by-dpl.json'), dpl);
      const before = readFileSync(dpl, 'utf8');
      const run = await dqml('dpl', 'update', dpl, config, '--model-path-ccdb', 'a/');
      assert.equal(run.status, 1);
      assert.equal(readFileSync(dpl, 'utf8'), before);
      assert.match(run.stderr[0], /2 model files but 1 CCDB folder was given.*was not changed/);
    });

    it('suggests folders for existing ones that do not fit', async () => {
      const dpl = join(folder, 'dpl.json');
      const text = readFileSync(join(FIXTURES, 'dumped-by-dpl.json'), 'utf8').replace(
        '"loadModelsFromCCDB": "false"',
        '"loadModelsFromCCDB": "true"',
      );
      writeFileSync(dpl, text);
      const run = await dqml('dpl', 'update', dpl, config);
      assert.equal(run.status, 1);
      assert.equal(readFileSync(dpl, 'utf8'), text);
      assert.match(run.stderr[0], /2 model files but 1 CCDB folder is listed in modelPathsCCDB/);
      assert.match(
        run.stderr[1],
        /--model-path-ccdb Users\/d\/duser\/ML\/bin0\/ --model-path-ccdb Users\/d\/duser\/ML\/bin1\/$/,
      );
    });

    it('exits 2 on a DPL file with syntax errors', async () => {
      const dpl = join(folder, 'dpl.json');
      writeFileSync(dpl, '{\n  "a": {},\n}\n');
      const run = await dqml('dpl', 'update', dpl, config);
      assert.equal(run.status, 2);
      assert.match(run.stderr[0], /dpl\.json:2:10: error json-trailing-comma/);
      assert.match(run.stderr[1], /dpl\.json was not changed\.$/);
    });

    it('needs the update subcommand', async () => {
      const run = await dqml('dpl', 'set', 'a', 'b');
      assert.equal(run.status, 2);
      assert.match(run.stderr[0], /Unknown subcommand "set"/);
    });
  });

  describe('check on a DPL file', () => {
    it('reports findings inside the embedded string', async () => {
      const dpl = join(folder, 'dpl.json');
      copyFileSync(join(FIXTURES, 'escaped-config.json'), dpl);
      const run = await dqml('check', '--no-models', dpl);
      assert.equal(run.status, 1);
      assert.ok(run.stdout.some((line) => /dpl\.json:6:143: error f-prefixed-feature/.test(line)));
    });

    it('applies the fixes inside the file with --fix', async () => {
      const dpl = join(folder, 'dpl.json');
      copyFileSync(join(FIXTURES, 'object-config.json'), dpl);
      const run = await dqml('check', '--no-models', '--fix', dpl);
      assert.equal(run.status, 0, run.stdout.join('\n'));
      const task = (
        JSON.parse(readFileSync(dpl, 'utf8')) as Record<string, Record<string, unknown>>
      )['analysis-same-event-pairing'];
      assert.equal(typeof task.fConfigBdtCutsJSON, 'string');
      assert.ok((task.fConfigBdtCutsJSON as string).includes('"inputFeatures":["kMass","kPt"]'));
    });
  });
});
