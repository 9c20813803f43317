import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleFiles } from '../../../scripts/generate-examples';
import { analyzeConfig } from '../../../server/src/core/analyze';
import { checkConfigModelsReport, ModelCache } from '../../../server/src/core/onnx';

const root = join(__dirname, '..', '..', '..');

describe('bundled examples', () => {
  it('match the generator', async function () {
    this.timeout(60000);
    const files = await exampleFiles(root);
    assert.equal(files.length, 10, 'two configs and eight models');
    for (const file of files) {
      const committed = new Uint8Array(readFileSync(join(root, file.path)));
      assert.ok(
        Buffer.from(committed).equals(Buffer.from(file.bytes)),
        `${file.path} is out of date: run \`node --import tsx scripts/generate-examples.ts\``,
      );
    }
  });

  for (const path of ['examples/binary/bdtCut.json', 'examples/multiclass/bdtCutMulti.json']) {
    it(`${path} has no findings`, async () => {
      const configPath = join(root, path);
      const analysis = analyzeConfig(readFileSync(configPath, 'utf8'), { configPath });
      assert.deepEqual(analysis.findings, []);
      const report = await checkConfigModelsReport(analysis, {
        configPath,
        cache: new ModelCache(),
      });
      assert.deepEqual(report.findings, []);
      assert.equal(report.models.length, 4);
      for (const row of report.models) {
        assert.equal(row.verdict, 'ok', row.name);
        assert.equal(row.featureCheck, 'match', row.name);
        assert.equal(row.inspection?.runtime.status, 'loaded', row.name);
      }
    });
  }
});
