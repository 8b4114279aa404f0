/**
 * Text encodings of manifest files. Windows tools (PowerShell's `>` and `Out-File`) write
 * UTF-16 with a byte order mark; some write UTF-32. Files with such a mark are decoded, and
 * `--fix` writes them back in the same encoding. Anything else is read as UTF-8.
 */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be';

/** The encoding a byte order mark says (UTF-32 is tested first: its LE mark starts like UTF-16's). */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf32be';
  if (a === 0xff && b === 0xfe) return 'utf16le';
  if (a === 0xfe && b === 0xff) return 'utf16be';
  return 'utf8';
}

/**
 * Decodes the bytes; the byte order mark stays in the text as U+FEFF (as it does for UTF-8), so
 * `encodeText` writes it back. Undefined when the bytes are not whole units of the encoding.
 */
export function decodeText(bytes: Buffer, encoding: TextEncoding): string | undefined {
  switch (encoding) {
    case 'utf8':
      return bytes.toString('utf8');
    case 'utf16le':
    case 'utf16be':
      if (bytes.length % 2 !== 0) return undefined;
      return new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes);
    default: {
      if (bytes.length % 4 !== 0) return undefined;
      let text = '';
      for (let i = 0; i < bytes.length; i += 4) {
        const code = encoding === 'utf32le' ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
        text += String.fromCodePoint(code);
      }
      return text;
    }
  }
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16();
    default: {
      const codes = [...text].map((ch) => ch.codePointAt(0)!);
      const out = Buffer.alloc(codes.length * 4);
      codes.forEach((code, i) => (encoding === 'utf32le' ? out.writeUInt32LE(code, i * 4) : out.writeUInt32BE(code, i * 4)));
      return out;
    }
  }
}
