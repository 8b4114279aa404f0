import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';

/** The system calls the writer makes: tests pass a copy with some of them failing or changing the file. */
export type WriteFs = Pick<
  typeof nodeFs,
  'openSync' | 'closeSync' | 'fstatSync' | 'readSync' | 'writeSync' | 'fsyncSync' | 'fchmodSync' | 'fchownSync' | 'renameSync' | 'unlinkSync' | 'realpathSync' | 'lstatSync'
>;

/** What a file was when it was read: it is only replaced if it still is. */
export interface FileSnapshot {
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
  dev: bigint;
  /** SHA-256 of the content, hex. */
  hash: string;
}

export function snapshotOf(bytes: Buffer, stat: nodeFs.BigIntStats): FileSnapshot {
  return { size: stat.size, mtimeNs: stat.mtimeNs, ino: stat.ino, dev: stat.dev, hash: hashOf(bytes) };
}

export type WriteOutcome =
  /** Replaced; `target` is the file written when `file` is a symbolic link. */
  | { kind: 'written'; target: string }
  /** Left as it is, on purpose: the reason says why. */
  | { kind: 'skipped'; reason: string }
  /** A system call failed: the original is intact and no temporary file is left. */
  | { kind: 'failed'; error: NodeJS.ErrnoException };

export interface AtomicWriteOptions {
  /** The file as it was read; it is written only if it is still the same. */
  expected: FileSnapshot;
  /** Real paths (see `realFolders`) of the folders being scanned: no write lands outside them. */
  allowedFolders: readonly string[];
  fs?: WriteFs;
}

const SEP = Buffer.from(path.sep);

/**
 * Replaces a file's content atomically: a temporary file in the same folder, written and
 * flushed, then renamed over the original (which keeps its mode, and its owner when running as
 * root). The original is only replaced if it is unchanged since it was read (size, modification
 * time, inode, content); a deleted file is never recreated; a symbolic link stays a link and its
 * target is written, if the target is inside the folders being scanned. Paths may be Buffers
 * (file names that are not UTF-8).
 */
export function writeFileAtomic(file: string | Buffer, bytes: Buffer, options: AtomicWriteOptions): WriteOutcome {
  const fs = options.fs ?? nodeFs;
  let target: Buffer;
  try {
    // The native call: the JavaScript one decodes a Buffer path as UTF-8 and loses names that are not.
    target = fs.realpathSync.native(file, { encoding: 'buffer' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { kind: 'skipped', reason: 'deleted while being fixed' };
    return { kind: 'failed', error: e };
  }
  if (!options.allowedFolders.some((folder) => isInside(target, Buffer.from(folder)))) {
    let link = false;
    try {
      link = fs.lstatSync(file).isSymbolicLink();
    } catch {
      // Gone meanwhile: it is outside either way.
    }
    const shown = target.toString('utf8');
    return { kind: 'skipped', reason: link ? `a symbolic link to ${shown}, outside the folders being scanned` : `it resolves to ${shown}, outside the folders being scanned` };
  }

  const cut = target.lastIndexOf(SEP);
  const dir = cut <= 0 ? target.subarray(0, cut + 1) : target.subarray(0, cut);
  const temp = Buffer.concat([target.subarray(0, cut + 1), Buffer.from(`.${target.subarray(cut + 1).toString('latin1').slice(0, 64).replace(/[^\w.-]/g, '_')}.${randomBytes(6).toString('hex')}.kube-tls-lint.tmp`)]);
  let fd: number | undefined;
  let created = false;
  try {
    const before = fs.lstatSync(target, { bigint: true });
    fd = fs.openSync(temp, nodeFs.constants.O_WRONLY | nodeFs.constants.O_CREAT | nodeFs.constants.O_EXCL, 0o600);
    created = true;
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written, null);
    fs.fchmodSync(fd, Number(before.mode) & 0o7777);
    if (process.getuid?.() === 0) fs.fchownSync(fd, Number(before.uid), Number(before.gid));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // Checked last, just before the rename: an edit saved meanwhile must not be lost.
    if (!sameSnapshot(snapshotAt(fs, target), options.expected)) {
      removeTemp(fs, temp);
      created = false;
      return { kind: 'skipped', reason: 'changed while being fixed' };
    }
    fs.renameSync(temp, target);
    created = false;
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closing is best effort once something failed.
      }
    }
    if (created) removeTemp(fs, temp);
    const e = err as NodeJS.ErrnoException;
    // Only the target can be missing here (the temporary file's folder is the target's).
    if (e.code === 'ENOENT') return { kind: 'skipped', reason: 'deleted while being fixed' };
    return { kind: 'failed', error: e };
  }
  syncFolder(fs, dir);
  return { kind: 'written', target: target.toString('utf8') };
}

/** The real paths of the folders being scanned: a root folder itself, or the folder of a root file. */
export function realFolders(roots: readonly string[], fs: Pick<typeof nodeFs, 'statSync' | 'realpathSync'> = nodeFs): string[] {
  const out: string[] = [];
  for (const root of roots) {
    try {
      const folder = fs.statSync(root).isDirectory() ? root : path.dirname(root);
      out.push(fs.realpathSync(folder));
    } catch {
      // An unreadable root has nothing to write.
    }
  }
  return out;
}

function isInside(file: Buffer, folder: Buffer): boolean {
  if (file.length <= folder.length || !file.subarray(0, folder.length).equals(folder)) return false;
  // `/a/bc` is not inside `/a/b`; the root folder ends with the separator already.
  return folder.subarray(-SEP.length).equals(SEP) || file.subarray(folder.length, folder.length + SEP.length).equals(SEP);
}

/** Reads the file again (a FIFO put in its place is not waited on); undefined if it is no longer a regular file. */
function snapshotAt(fs: WriteFs, target: Buffer): FileSnapshot | undefined {
  const fd = fs.openSync(target, nodeFs.constants.O_RDONLY | (nodeFs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return undefined;
    const size = Number(stat.size);
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const n = fs.readSync(fd, buffer, length, size - length, null);
      if (n === 0) break;
      length += n;
    }
    return snapshotOf(buffer.subarray(0, length), stat);
  } finally {
    fs.closeSync(fd);
  }
}

function sameSnapshot(now: FileSnapshot | undefined, expected: FileSnapshot): boolean {
  return !!now && now.size === expected.size && now.mtimeNs === expected.mtimeNs && now.ino === expected.ino && now.dev === expected.dev && now.hash === expected.hash;
}

function hashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function removeTemp(fs: WriteFs, temp: Buffer): void {
  try {
    fs.unlinkSync(temp);
  } catch {
    // Already gone.
  }
}

/** Makes the rename durable where the platform allows opening a folder. */
function syncFolder(fs: WriteFs, dir: Buffer): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, nodeFs.constants.O_RDONLY);
    fs.fsyncSync(fd);
  } catch {
    // Not possible here (Windows, some file systems): the rename itself is done.
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Nothing left to do.
      }
    }
  }
}
