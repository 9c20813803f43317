import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { artifactUri } from '../../../server/src/cli/formatSarif';
import { runCli } from '../../../server/src/cli/main';

const ROOT = join(__dirname, '../../..');

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(args, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    packageRoot: ROOT,
    version: 'test',
  });
  return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('CLI outputs', () => {
  it('encodes SARIF artifact URIs', () => {
    assert.equal(
      artifactUri("dir with space/bdt 'ü'.json"),
      "dir%20with%20space/bdt%20'%C3%BC'.json",
    );
    assert.equal(artifactUri('/tmp/a b.json'), 'file:///tmp/a%20b.json');
    assert.equal(artifactUri('-'), 'stdin');
  });

  it('rejects a DPL file as hyperloop input', async () => {
    const result = await run(['hyperloop', join(ROOT, 'test/fixtures/dpl/escaped-config.json')]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /is a DPL configuration file, not a BDT config/);
  });

  it('lists findings in explain --json', async () => {
    const result = await run([
      'explain',
      '--json',
      join(ROOT, 'test/fixtures/dpl/escaped-config.json'),
    ]);
    const report = JSON.parse(result.stdout) as { findings: Array<{ code: string }> };
    assert.ok(report.findings.length > 0);
    assert.equal(result.status, 1);
  });
});
