import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeUtf8,
  readTextFile,
  TextFileError,
  writeTextFileAtomically,
} from '../../server/src/core/textFiles';

describe('text files', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'dqml-text-files-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps a byte order mark', () => {
    const path = join(folder, 'bom.json');
    writeFileSync(path, '\ufeff{}');
    assert.equal(readTextFile(path).text, '\ufeff{}');
  });

  it('locates the first invalid byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"title":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const file = decodeUtf8(bytes);
    assert.equal(file.invalidUtf8At, 13);
    assert.ok(file.text.includes('\ufffd'));
  });

  it('locates invalid bytes after valid characters', () => {
    const cases: Array<[number[], number]> = [
      [[0x41, 0xff, 0x41], 1],
      [[0x41, 0xc3], 1],
      [[0xe2, 0x82, 0xac, 0x80], 3],
      [[0x41, 0xe2, 0x82, 0x41], 1],
      [[0xf0, 0x9f, 0x99, 0x82, 0xc3, 0x28], 4],
    ];
    for (const [bytes, offset] of cases) {
      assert.equal(decodeUtf8(Buffer.from(bytes)).invalidUtf8At, offset, bytes.join(' '));
    }
  });

  it('accepts valid multi-byte text', () => {
    assert.equal(decodeUtf8(Buffer.from('ψ 🙂 é')).invalidUtf8At, undefined);
  });

  it('rejects a FIFO without opening it', () => {
    const fifo = join(folder, 'pipe.json');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return;
    assert.throws(
      () => readTextFile(fifo),
      (error: Error) => error instanceof TextFileError && /not a regular file/.test(error.message),
    );
  });

  it('rejects a folder', () => {
    assert.throws(() => readTextFile(folder), /is a folder/);
  });

  it('rejects a file above the limit', () => {
    const path = join(folder, 'big.json');
    writeFileSync(path, 'x'.repeat(100));
    assert.throws(() => readTextFile(path, 50), /has 100 bytes, more than the 50/);
  });

  it('writes through a symbolic link', () => {
    const real = join(folder, 'real.json');
    const link = join(folder, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    writeTextFileAtomically(link, 'new');
    assert.equal(lstatSync(link).isSymbolicLink(), true);
    assert.equal(readFileSync(real, 'utf8'), 'new');
  });

  it('keeps the file mode', () => {
    const path = join(folder, 'private.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    writeTextFileAtomically(path, 'new');
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.equal(readFileSync(path, 'utf8'), 'new');
  });

  it('leaves a read-only file alone', () => {
    const path = join(folder, 'locked.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o444);
    assert.throws(
      () => writeTextFileAtomically(path, 'new'),
      /is read-only, so it was not changed/,
    );
    assert.equal(readFileSync(path, 'utf8'), 'old');
  });

  it('leaves no temporary file behind', () => {
    const path = join(folder, 'config.json');
    writeFileSync(path, 'old');
    writeTextFileAtomically(path, 'new');
    assert.deepEqual(readdirSync(folder), ['config.json']);
  });
});
