import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI, or undefined for other schemes (untitled, remote). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * One key per file whatever the URI's percent-encoding (clients and `pathToFileURL` encode
 * differently), so an open document and the same file found on disk are never two entries.
 */
export function uriKey(uri: string): string {
  return uriToPath(uri) ?? uri;
}

/** The file is the folder or inside it (both paths on disk). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !(rel.startsWith('..') || path.isAbsolute(rel));
}

/** A folder's name from its URI (the root URI of a client that sends no workspace folders). */
export function folderName(uri: string): string {
  return path.basename(uriToPath(uri) ?? uri);
}
