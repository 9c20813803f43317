import { strict as assert } from 'node:assert';
import { parseFolders } from '../../../client/src/ccdbFolders';

describe('parseFolders', () => {
  it('splits and trims folders', () => {
    assert.deepEqual(parseFolders(' Users/a/bin0/ ,Users/a/bin1/', 2), {
      folders: ['Users/a/bin0/', 'Users/a/bin1/'],
    });
  });

  it('skips empty entries', () => {
    assert.deepEqual(parseFolders('a/, , b/,', undefined), { folders: ['a/', 'b/'] });
  });

  it('rejects an empty list', () => {
    const result = parseFolders(' , ', 2);
    assert.ok('error' in result);
    assert.match(result.error, /one CCDB folder per model file/);
  });

  it('rejects a wrong count', () => {
    const result = parseFolders('a/, b/, c/', 2);
    assert.ok('error' in result);
    assert.match(result.error, /Give 2 folders.*3 given/);
  });

  it('rejects a shared folder', () => {
    const result = parseFolders('a/, b/, a/', 3);
    assert.ok('error' in result);
    assert.match(result.error, /a\/ is given twice/);
  });

  it('accepts any count without an expectation', () => {
    assert.deepEqual(parseFolders('a/', undefined), { folders: ['a/'] });
  });
});
