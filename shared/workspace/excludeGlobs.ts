import picomatch from 'picomatch';

/**
 * Whether a path relative to the globs' folder (`/`-separated) is excluded: a glob may name it
 * or any folder above it. No file system here: the browser server uses it on paths below a
 * folder's URI.
 */
export function excludedPath(patterns: readonly string[]): (rel: string) => boolean {
  if (patterns.length === 0) return () => false;
  const match = picomatch(patterns as string[], { dot: true });
  return (rel) => {
    if (match(rel)) return true;
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (match(dir) || match(dir + '/')) return true;
    }
    return false;
  };
}
