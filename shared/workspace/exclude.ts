import * as path from 'node:path';
import { excludedPath } from './excludeGlobs';

/**
 * Whether a file is excluded by gitignore-like globs written relative to `baseDir`: the glob
 * may name the file or any folder above it (`vendor`, `charts/**\/tests/`). Files outside
 * `baseDir` are never excluded by it.
 */
export function excludedBy(patterns: readonly string[], baseDir: string): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const excluded = excludedPath(patterns);
  return (file) => {
    const rel = path.relative(baseDir, file).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
    return excluded(rel);
  };
}
