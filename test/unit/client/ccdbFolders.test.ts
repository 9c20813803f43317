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

  it('rejects a folder of two models', () => {
    const result = parseFolders('a/, b/, a/', 3, ['m0.onnx', 'm1.onnx', 'm2.onnx']);
    assert.ok('error' in result);
    assert.match(result.error, /a\/ is given to both m0\.onnx and m2\.onnx/);
  });

  it('accepts a folder of one model twice', () => {
    const result = parseFolders('a/, b/, a/', 3, ['m0.onnx', 'm1.onnx', 'm0.onnx']);
    assert.deepEqual(result, { folders: ['a/', 'b/', 'a/'] });
  });

  it('accepts any count without an expectation', () => {
    assert.deepEqual(parseFolders('a/', undefined), { folders: ['a/'] });
  });
});
