import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { ensureCliBuilt, CLI } from '../../support/acceptance';

const VALID = readFileSync(join(__dirname, '../../../examples/binary/bdtCut.json'), 'utf8');

async function check(
  args: string[],
): Promise<{ status: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(['check', ...args], {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    packageRoot: join(__dirname, '../../..'),
    version: 'test',
  });
  return { status, stdout, stderr };
}

describe('dqml check', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'dqml-check-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('goes on after an unreadable file', async () => {
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{"BDTCut": {"type": "Binay"}}');
    const result = await check(['--no-models', broken, join(folder, 'missing.json')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr.join('\n'), /Cannot read .*missing\.json: file not found/);
    assert.ok(result.stdout.some((line) => line.includes('invalid-type')));
  });

  it('rejects standard input twice', async () => {
    const result = await check(['-', '-']);
    assert.equal(result.status, 2);
    assert.match(result.stderr[0], /Standard input \(-\) can be named only once/);
  });

  it('keeps invalid UTF-8 unfixed', async () => {
    const path = join(folder, 'latin1.json');
    const bytes = Buffer.concat([
      Buffer.from(VALID.replace('"type": "Binary"', '"type": "Binary", "title": "caf')),
      Buffer.from([0xe9]),
    ]);
    writeFileSync(path, bytes);
    const result = await check(['--fix', '--no-models', path]);
    assert.equal(result.status, 2);
    assert.match(result.stderr.join('\n'), /is not valid UTF-8 at byte \d+/);
    assert.deepEqual(readFileSync(path), bytes);
  });

  it('ends quietly on a closed pipe', function () {
    this.timeout(30000);
    ensureCliBuilt();
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" rules | head -1`], {
      encoding: 'utf8',
    });
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.split('\n').filter(Boolean).length, 1);
  });
});
