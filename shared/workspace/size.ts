// File size limits and how they read; no file system here, so the browser server uses it too.

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** `512 bytes`, `12 KB`: limits under a kilobyte are shown exactly. */
export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${Math.round(bytes)} bytes` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The UTF-8 length of a text, as Buffer.byteLength counts it (a lone surrogate is the 3 bytes
 * of U+FFFD), without Node's Buffer.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
