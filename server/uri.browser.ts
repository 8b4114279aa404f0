// The browser server's stand-in for uri.ts: a Web Worker has no file system, so no URI names a
// file on disk (folders and documents are matched by URI, see SettingsManager.folderOf).

export function uriToPath(_uri: string): string | undefined {
  return undefined;
}

export function pathToUri(file: string): string {
  return `file://${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The URI is its own key: the browser server never sees the same file under two spellings from disk. */
export function uriKey(uri: string): string {
  return uri;
}

export function isInside(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

export function folderName(uri: string): string {
  const last = uri.replace(/\/+$/, '').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
