import { BigIntStats, closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';
import picomatch from 'picomatch';
import { IGNORE_FILE, PROJECT_CONFIG_FILE } from '../config';
import { decodeText, detectEncoding, TextEncoding } from './encoding';
import { readableBytes } from './bytes';
import { FileSnapshot, snapshotOf } from './write';

import { DEFAULT_MAX_BYTES, formatSize } from './size';

export { DEFAULT_MAX_BYTES, formatSize };
const YAML_FILE = /\.ya?ml$/i;
/** Folders never worth walking into. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface WalkOptions {
  /** Globs (relative to each root, gitignore-like `**` semantics) of files or folders to skip. */
  exclude?: readonly string[];
  /** Honour `.gitignore` files (default true). `.kube-tls-lint-ignore` is always honoured. */
  gitignore?: boolean;
  /** Cancelled walks stop early. */
  isCancelled?: () => boolean;
  /** Awaited before each folder is read (the server lets the open documents waiting to be checked go first). */
  beforeFolder?: () => Promise<void>;
  /** Which file names are listed (default: `*.yaml` and `*.yml`). */
  fileName?: (name: string) => boolean;
}

export interface WalkEntry {
  /** The path, readable: bytes of a name that are not UTF-8 are shown as `\xNN`. */
  path: string;
  /** The path's own bytes, when a name in it is not UTF-8: open and write the file with these. */
  raw?: Buffer;
}

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

/**
 * Lists the YAML files under the given roots (files given directly are always listed),
 * honouring nested `.gitignore` files, the project ignore file and exclude globs.
 */
export async function listYamlFiles(roots: readonly string[], options: WalkOptions = {}): Promise<{ files: WalkEntry[]; errors: string[] }> {
  const files: WalkEntry[] = [];
  const errors: string[] = [];
  for (const root of roots) {
    let stat;
    try {
      stat = await fs.stat(root);
    } catch (err) {
      errors.push(`${root}: ${describeError(err)}`);
      continue;
    }
    if (stat.isFile()) {
      files.push({ path: root });
      continue;
    }
    const exclude = (options.exclude ?? []).length ? picomatch(options.exclude as string[], { dot: true }) : undefined;
    await walk(root, { path: root }, [], files, errors, options, exclude);
  }
  return { files, errors };
}

async function walk(root: string, dir: WalkEntry, layers: IgnoreLayer[], out: WalkEntry[], errors: string[], options: WalkOptions, exclude?: picomatch.Matcher): Promise<void> {
  if (options.beforeFolder) await options.beforeFolder();
  if (options.isCancelled?.()) return;
  let entries: DirEntry[];
  try {
    entries = await readDirectory(dir);
  } catch (err) {
    errors.push(`${dir.path}: ${describeError(err)}`);
    return;
  }
  const here = readIgnoreLayer(dir, options.gitignore !== false);
  const active = here ? [...layers, here] : layers;
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir.path, entry.name);
    const isDir = entry.isDirectory();
    if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
    // The project file configures the linter; it is not a manifest.
    if (!isDir && entry.name === PROJECT_CONFIG_FILE) continue;
    // Symbolic links to files are listed (charts and overlays share files that way); links to folders are not followed.
    if (!isDir && !((entry.isFile() || entry.isSymbolicLink()) && (options.fileName ?? isYamlName)(entry.name))) continue;
    if (exclude) {
      const rel = toPosix(path.relative(root, full));
      if (exclude(rel) || (isDir && exclude(rel + '/'))) continue;
    }
    if (active.length > 0 && isIgnored(active, full, isDir)) continue;
    const child: WalkEntry = entry.raw || dir.raw ? { path: full, raw: Buffer.concat([dir.raw ?? Buffer.from(dir.path), SEP, entry.raw ?? Buffer.from(entry.name)]) } : { path: full };
    if (isDir) {
      await walk(root, child, active, out, errors, options, exclude);
    } else if (entry.isFile() || (await isLinkToFile(child.raw ?? full))) {
      // No stat per file: the size cap is checked when the file is read.
      out.push(child);
    }
  }
}

function isYamlName(name: string): boolean {
  return YAML_FILE.test(name);
}


const SEP = Buffer.from(path.sep);

/** A directory entry with a readable name, and the name's bytes when they are not UTF-8. */
interface DirEntry {
  name: string;
  raw?: Buffer;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * Lists a folder. Names are read as strings; a name that is not UTF-8 comes back with U+FFFD in
 * place of its bytes and would name no file, so then the folder is read again as raw bytes.
 */
async function readDirectory(dir: WalkEntry): Promise<DirEntry[]> {
  if (!dir.raw) {
    const entries = await fs.readdir(dir.path, { withFileTypes: true });
    if (!entries.some((e) => e.name.includes('\uFFFD'))) return entries;
  }
  const entries = await fs.readdir(dir.raw ?? dir.path, { withFileTypes: true, encoding: 'buffer' });
  return entries.map((entry) => {
    const bytes = entry.name as unknown as Buffer;
    const utf8 = bytes.toString('utf8');
    const valid = Buffer.from(utf8, 'utf8').equals(bytes);
    return {
      name: valid ? utf8 : readableBytes(bytes),
      raw: valid ? undefined : bytes,
      isDirectory: () => entry.isDirectory(),
      isFile: () => entry.isFile(),
      isSymbolicLink: () => entry.isSymbolicLink(),
    };
  });
}

async function isLinkToFile(file: string | Buffer): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

function readIgnoreLayer(dir: WalkEntry, gitignore: boolean): IgnoreLayer | undefined {
  const names = gitignore ? ['.gitignore', IGNORE_FILE] : [IGNORE_FILE];
  let rules: Ignore | undefined;
  for (const name of names) {
    const text = readSettingsFile(dir.raw ? Buffer.concat([dir.raw, SEP, Buffer.from(name)]) : path.join(dir.path, name));
    if (text !== undefined) rules = (rules ?? ignore()).add(text);
  }
  return rules ? { dir: dir.path, rules } : undefined;
}

function isIgnored(layers: readonly IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = toPosix(path.relative(layer.dir, full));
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

/** Is `file` ignored by the ignore files between `root` and it? (For single files, e.g. from a file watcher.) */
export function isPathIgnored(root: string, file: string, options: WalkOptions = {}): boolean {
  const rel = toPosix(path.relative(root, file));
  if (!rel || rel.startsWith('..')) return false;
  if ((options.exclude ?? []).length && picomatch(options.exclude as string[], { dot: true })(rel)) return true;
  const parts = rel.split('/');
  const layers: IgnoreLayer[] = [];
  let dir = root;
  for (let i = 0; i < parts.length; i++) {
    if (SKIPPED_DIRS.has(parts[i])) return true;
    const layer = readIgnoreLayer({ path: dir }, options.gitignore !== false);
    if (layer) layers.push(layer);
    const full = path.join(dir, parts[i]);
    if (isIgnored(layers, full, i < parts.length - 1)) return true;
    dir = full;
  }
  return false;
}

/**
 * A Helm chart template: a file under a `templates/` folder that has `Chart.yaml` beside it
 * (checked on disk when `exists` is given, else by the path alone).
 */
export function isHelmTemplatePath(file: string, exists?: (p: string) => boolean): boolean {
  const parts = toPosix(file).split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'templates') continue;
    const chartDir = parts.slice(0, i).join('/') || '/';
    if (!exists) return true;
    if (exists(path.join(chartDir, 'Chart.yaml')) || exists(path.join(chartDir, 'Chart.yml'))) return true;
  }
  return false;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a directory';
  if (e?.code === 'ENOSPC') return 'no space left on device';
  if (e?.code === 'EROFS') return 'read-only file system';
  if (e?.code === 'EDQUOT') return 'disk quota exceeded';
  return e?.message ?? String(err);
}

/** Ignore, configuration and kustomization files are small: anything bigger is not one worth reading. */
export const SETTINGS_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Reads an ignore, configuration or kustomization file the way manifests are read (a FIFO or
 * device is never waited on): its text, or undefined when it is missing, unreadable, not a
 * regular file, binary or over `maxBytes`.
 */
export function readSettingsFile(file: string | Buffer, maxBytes = SETTINGS_FILE_MAX_BYTES): string | undefined {
  try {
    return readTextFileSync(file, maxBytes).text;
  } catch {
    return undefined;
  }
}

/**
 * Reads a file as text for linting: undefined with a reason for files that are not text
 * (NUL bytes) or are over the size cap. Invalid UTF-8 is read with replacement characters;
 * UTF-16 and UTF-32 files with a byte order mark are decoded (see ./encoding).
 */
export function readTextFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<{ text?: string; skipped?: string }> {
  return new Promise((resolve) => resolve(readTextFileSync(file, maxBytes)));
}

/**
 * The same, with synchronous system calls: for the small files of a scan they cost a fifth
 * of the promise API's thread-pool round trips, and a file over the cap is never read.
 */
export function readTextFileSync(file: string | Buffer, maxBytes = DEFAULT_MAX_BYTES): { text?: string; skipped?: string; encoding?: TextEncoding } {
  const read = readFileSyncChecked(file, maxBytes, false);
  return read.text === undefined ? { skipped: read.skipped } : { text: read.text, encoding: read.encoding };
}

/** A file read for `--fix`: its text, and its bytes and state to write the fixed file from. */
export interface FileForFix {
  text?: string;
  skipped?: string;
  encoding?: TextEncoding;
  bytes?: Buffer;
  snapshot?: FileSnapshot;
}

export function readFileForFixSync(file: string | Buffer, maxBytes = DEFAULT_MAX_BYTES): FileForFix {
  return readFileSyncChecked(file, maxBytes, true);
}

function readFileSyncChecked(file: string | Buffer, maxBytes: number, forFix: boolean): FileForFix {
  // Non-blocking open: a FIFO or device named `x.yaml` must not hang the scan (it is skipped below).
  const fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    // Exact times only when the file may be written back (the scan does not pay for BigInts).
    const stat = forFix ? fstatSync(fd, { bigint: true }) : fstatSync(fd);
    if (!stat.isFile()) return { skipped: 'skipped: not a regular file' };
    const size = Number(stat.size);
    if (size > maxBytes) return { skipped: `skipped: ${formatSize(size)} is over the ${formatSize(maxBytes)} size limit` };
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    // A file may shrink while it is read; one that grows is read up to its size at open.
    while (length < size) {
      const n = readSync(fd, buffer, length, size - length, null);
      if (n === 0) break;
      length += n;
    }
    const bytes = buffer.subarray(0, length);
    const encoding = detectEncoding(bytes);
    const text = decodeText(bytes, encoding);
    if (text === undefined) return { skipped: `skipped: not valid ${encoding.toUpperCase().replace(/(\d+)/, '-$1')}` };
    if (text.includes('\u0000')) return { skipped: 'skipped: binary content (NUL bytes)' };
    return forFix ? { text, encoding, bytes, snapshot: snapshotOf(bytes, stat as BigIntStats) } : { text, encoding };
  } finally {
    closeSync(fd);
  }
}
