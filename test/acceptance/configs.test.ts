import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ensureCliBuilt, requireAcceptanceDir, runDqml } from '../support/acceptance';

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
  fixes?: Array<{ title: string }>;
}

function check(file: string, ...extra: string[]): { status: number; findings: JsonFinding[] } {
  const result = runDqml(['check', '--format', 'json', ...extra, file]);
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as Array<{ findings: JsonFinding[] }>;
  return { status: result.status, findings: report.findings };
}

const codes = (findings: JsonFinding[]) => findings.map((finding) => finding.code);
const where = (finding: JsonFinding) =>
  `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;

describe('acceptance: configs', function () {
  let root: string;

  before(function () {
    root = requireAcceptanceDir(this);
    ensureCliBuilt();
  });

  it('binary example: one exclude warning', () => {
    const { status, findings } = check(join(root, 'examples/o2physics/binary/bdtCut.json'));
    assert.equal(status, 0);
    assert.deepEqual(codes(findings), ['binary-keeps-background']);
    assert.equal(where(findings[0]), '53:32');
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /background probability is above 0\.5/);
  });

  it('multiclass example: no findings', () => {
    const { status, findings } = check(
      join(root, 'examples/o2physics/multiclass/bdtCutMulti.json'),
    );
    assert.equal(status, 0);
    assert.deepEqual(codes(findings), []);
  });

  for (const name of ['legacy-layout-f-names.json', 'legacy-layout-no-centrality.json']) {
    it(`${name}: early layout explained`, () => {
      const { status, findings } = check(join(root, 'outside-inputs/configs', name));
      assert.equal(status, 1);
      const missing = findings.filter((finding) => finding.code === 'missing-required-key');
      assert.equal(missing.length, 1);
      assert.match(missing[0].message, /has no "cent"/);
      assert.ok(codes(findings).includes('no-centrality-block'));
      const fPrefixed = findings.filter((finding) => finding.code === 'f-prefixed-feature');
      assert.equal(fPrefixed.length, 26);
      for (const finding of fPrefixed) {
        assert.match(finding.fixes?.[0]?.title ?? '', /^Change to "k/);
      }
      const misplaced = findings.filter((finding) => finding.code === 'misplaced-block');
      assert.equal(misplaced.length, 2);
      for (const finding of misplaced) assert.match(finding.message, /is not a pT bin/);
      assert.equal(codes(findings).includes('json-syntax'), false, 'tabs are legal whitespace');
    });
  }

  it('legacy-binary-three-cuts.json: class count', () => {
    const { findings } = check(join(root, 'outside-inputs/configs/legacy-binary-three-cuts.json'));
    const counts = findings.filter((finding) => finding.code === 'cut-count-mismatch');
    assert.equal(counts.length, 2);
    for (const finding of counts) {
      assert.match(finding.message, /has 3 score cuts/);
      assert.match(finding.message, /MultiClass/);
      assert.equal(finding.fixes?.[0]?.title, 'Change type to "MultiClass"');
    }
  });

  it('training-export-binary.json: every finding', () => {
    const { status, findings } = check(
      join(root, 'outside-inputs/configs/training-export-binary.json'),
    );
    assert.equal(status, 1);
    const unsupported = findings.filter((finding) => finding.code === 'unsupported-feature');
    assert.deepEqual(
      unsupported.map((finding) => /"(\w+)"/.exec(finding.message)?.[1]),
      ['kChi2pca', 'kCosPointingAngle'],
    );
    const notFound = findings.filter((finding) => finding.code === 'model-file-not-found');
    assert.equal(notFound.length, 1);
    assert.match(notFound[0].message, /None of the 2 model files/);
    const pp = findings.filter((finding) => finding.code === 'centrality-excludes-pp');
    assert.equal(pp.length, 1);
    assert.match(pp[0].message, /centrality is -1/);
    const exclude = findings.filter((finding) => finding.code === 'binary-keeps-background');
    assert.equal(exclude.length, 1);
  });
});
