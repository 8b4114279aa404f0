import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readableBytes } from '../shared/workspace/bytes';

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

/** Bytes a `file:` URI's path keeps as they are (RFC 3986 unreserved characters, sub-delimiters, `:`, `@`, `/`). */
const KEPT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;

/**
 * The `file:` URI of a path given by its own bytes, for a name that is not UTF-8 (a Latin-1
 * `é` written by an old tool): each byte outside the kept set is percent-encoded on its own, as
 * RFC 8089 allows, so the URI names exactly that file (`pathToFileURL` of the readable name
 * would name another). `uriToRawPath` reads it back.
 */
export function rawPathToUri(raw: Uint8Array): string {
  let out = 'file://';
  for (const byte of raw) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && KEPT.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The path bytes of a `file:` URI without a host, percent-escapes decoded byte by byte (any bytes, UTF-8 or not). */
export function uriToRawPath(uri: string): Buffer | undefined {
  const match = /^file:\/\/(?:localhost)?(\/[^?#]*)$/i.exec(uri);
  if (!match) return undefined;
  const text = match[1];
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/**
 * The path of a `file:` URI as messages show it and folders contain it: `uriToPath`, or for a
 * path that is not UTF-8 its readable form (bytes as `\xNN`, as the workspace walk shows them).
 */
export function uriToReadablePath(uri: string): string | undefined {
  const file = uriToPath(uri);
  if (file !== undefined || !uri.startsWith('file:')) return file;
  const raw = uriToRawPath(uri);
  return raw ? readableBytes(raw) : undefined;
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
