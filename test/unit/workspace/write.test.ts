import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileForFixSync } from '../../../shared/workspace/files';
import { realFolders, writeFileAtomic, WriteFs } from '../../../shared/workspace/write';

const ORIGINAL = 'kind: Pod\n# caf\u00e9\n';
const FIXED = Buffer.from('kind: Pod\n');

function failure(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('atomic file writer', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ktl-write-')));
    file = path.join(dir, 'pod.yaml');
    fs.writeFileSync(file, ORIGINAL);
    fs.chmodSync(file, 0o640);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const snapshot = (name = file) => readFileForFixSync(name).snapshot!;
  const write = (writeFs?: WriteFs, name: string | Buffer = file, expected = snapshot()) => writeFileAtomic(name, FIXED, { expected, allowedFolders: [dir], fs: writeFs });
  const entries = () => fs.readdirSync(dir).sort();

  it('replaces the file through a temporary file, keeping its mode, and leaves nothing else', () => {
    const before = fs.statSync(file);
    assert.deepEqual(write(), { kind: 'written', target: file });
    assert.deepEqual(fs.readFileSync(file), FIXED);
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.notEqual(fs.statSync(file).ino, before.ino, 'a new inode: renamed over, not written in place');
    assert.deepEqual(entries(), ['pod.yaml']);
  });

  it('keeps the owner when run as root', function () {
    if (process.getuid?.() !== 0) this.skip();
    fs.chownSync(file, 1234, 5678);
    assert.equal(write().kind, 'written');
    const stat = fs.statSync(file);
    assert.deepEqual([stat.uid, stat.gid, stat.mode & 0o7777], [1234, 5678, 0o640]);
  });

  it('writes the temporary file in the same folder, flushes it before the rename, then flushes the folder', () => {
    const calls: string[] = [];
    const traced: WriteFs = {
      ...fs,
      openSync: ((p: fs.PathLike, flags: number, mode?: number) => {
        calls.push(`open ${path.relative(dir, String(p)) || '.'}`);
        return fs.openSync(p, flags, mode);
      }) as typeof fs.openSync,
      fsyncSync: (fd) => {
        calls.push('fsync');
        fs.fsyncSync(fd);
      },
      renameSync: (from, to) => {
        calls.push(`rename to ${path.relative(dir, String(to))}`);
        fs.renameSync(from, to);
      },
    };
    assert.equal(write(traced).kind, 'written');
    assert.match(calls[0], /^open \.pod\.yaml\.[0-9a-f]{12}\.kube-tls-lint\.tmp$/);
    assert.deepEqual(calls.slice(1), ['fsync', 'open pod.yaml', 'rename to pod.yaml', 'open .', 'fsync']);
  });

  for (const [call, code] of [['writeSync', 'ENOSPC'], ['fsyncSync', 'ENOSPC'], ['fsyncSync', 'EIO'], ['renameSync', 'EACCES'], ['openSync', 'EROFS'], ['fchmodSync', 'EPERM']] as const) {
    it(`${code} from ${call}: the original is intact and the temporary file removed`, () => {
      const failing: WriteFs = {
        ...fs,
        [call]: () => {
          throw failure(code);
        },
      };
      const outcome = write(failing);
      assert.equal(outcome.kind, 'failed');
      assert.equal((outcome as { error: NodeJS.ErrnoException }).error.code, code);
      assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
      assert.deepEqual(entries(), ['pod.yaml']);
    });
  }

  it('a short write on a full disk keeps writing the rest, and a failing second write removes the partial file', () => {
    let calls = 0;
    const partial: WriteFs = {
      ...fs,
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
        if (++calls > 1) throw failure('ENOSPC');
        return fs.writeSync(fd, buffer, offset, Math.min(length, 3), null);
      }) as typeof fs.writeSync,
    };
    const outcome = write(partial);
    assert.equal(outcome.kind, 'failed');
    assert.equal(calls, 2);
    assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
    assert.deepEqual(entries(), ['pod.yaml']);
  });

  it('a change saved between the read and the rename is kept: the file is skipped', () => {
    const expected = snapshot();
    const racing: WriteFs = {
      ...fs,
      fsyncSync: (fd) => {
        fs.fsyncSync(fd);
        fs.appendFileSync(file, 'metadata: {}\n');
      },
    };
    assert.deepEqual(write(racing, file, expected), { kind: 'skipped', reason: 'changed while being fixed' });
    assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL + 'metadata: {}\n');
    assert.deepEqual(entries(), ['pod.yaml']);
  });

  it('a change of the same size with the modification time put back is still seen (content hash)', () => {
    const expected = snapshot();
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, ORIGINAL.replace('Pod', 'Job'));
    fs.utimesSync(file, atime, mtime);
    assert.deepEqual(write(undefined, file, expected), { kind: 'skipped', reason: 'changed while being fixed' });
    assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL.replace('Pod', 'Job'));
  });

  it('a file deleted before or while it is fixed is not recreated', () => {
    const expected = snapshot();
    fs.unlinkSync(file);
    assert.deepEqual(write(undefined, file, expected), { kind: 'skipped', reason: 'deleted while being fixed' });
    assert.deepEqual(entries(), []);

    fs.writeFileSync(file, ORIGINAL);
    const racing: WriteFs = {
      ...fs,
      fsyncSync: (fd) => {
        fs.fsyncSync(fd);
        fs.unlinkSync(file);
      },
    };
    assert.deepEqual(write(racing, file, snapshot()), { kind: 'skipped', reason: 'deleted while being fixed' });
    assert.deepEqual(entries(), []);
  });

  it('a symbolic link inside the folders stays a link and its target is replaced', () => {
    fs.mkdirSync(path.join(dir, 'base'));
    const target = path.join(dir, 'base', 'pod.yaml');
    fs.renameSync(file, target);
    fs.symlinkSync(path.join('base', 'pod.yaml'), file);
    assert.deepEqual(write(), { kind: 'written', target });
    assert.ok(fs.lstatSync(file).isSymbolicLink());
    assert.deepEqual(fs.readFileSync(target), FIXED);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'base')), ['pod.yaml']);
  });

  it('a symbolic link to a file outside the folders being scanned is not written through', () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ktl-outside-')));
    try {
      const target = path.join(outside, 'pod.yaml');
      fs.renameSync(file, target);
      fs.symlinkSync(target, file);
      assert.deepEqual(write(), { kind: 'skipped', reason: `a symbolic link to ${target}, outside the folders being scanned` });
      assert.equal(fs.readFileSync(target, 'utf8'), ORIGINAL);
      assert.deepEqual(fs.readdirSync(outside), ['pod.yaml']);
      // A folder whose name only starts like the allowed one is outside too.
      assert.equal(writeFileAtomic(file, FIXED, { expected: snapshot(), allowedFolders: [outside.slice(0, -2)] }).kind, 'skipped');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('the folders being scanned are the real paths of root folders and of the folders of root files', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked'));
    assert.deepEqual(realFolders([path.join(dir, 'linked'), file, path.join(dir, 'missing')]), [path.join(dir, 'real'), dir]);
  });
});
