import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../../scripts/generated';

const root = join(__dirname, '..', '..');

describe('generated files', () => {
  it('match their sources', async function () {
    this.timeout(60000);
    const files = await generatedFiles(root);
    assert.ok(files.length >= 2, 'the schema and the grammar are generated');
    for (const file of files) {
      const committed = readFileSync(join(root, file.path), 'utf8');
      assert.equal(committed, file.text, `${file.path} is out of date: run \`npm run generate\``);
    }
  });
});
