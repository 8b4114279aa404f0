import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * Whether a file is excluded by gitignore-like globs written relative to `baseDir`: the glob
 * may name the file or any folder above it (`vendor`, `charts/**\/tests/`). Files outside
 * `baseDir` are never excluded by it.
 */
export function excludedBy(patterns: readonly string[], baseDir: string): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const match = picomatch(patterns as string[], { dot: true });
  return (file) => {
    const rel = path.relative(baseDir, file).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
    if (match(rel)) return true;
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (match(dir) || match(dir + '/')) return true;
    }
    return false;
  };
}
