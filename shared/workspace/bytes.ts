import type { TextEdit } from '../model/text';

/** A piece of the fixed text: a range of the original text, or text a fix wrote. */
type Piece = { from: number; to: number } | string;

export type FixedBytes = { bytes: Buffer } | { refused: string };

/**
 * The bytes of a fixed file: the original bytes, with only the fixes' edits changed. A file that
 * is valid UTF-8 is the fixed text encoded (its decoding is lossless). Otherwise each pass's edits
 * are placed on the original bytes, and every byte outside them is copied as it was; when that is
 * not possible exactly (no edits given, an edit inside a character, a fix that would write the
 * replacement character of an invalid byte), the file is refused with the reason.
 */
export function fixedFileBytes(original: Buffer, text: string, fixedText: string, passes: readonly (readonly TextEdit[])[] | undefined): FixedBytes {
  // Invalid bytes decode to U+FFFD: a text without one decoded losslessly.
  if (!text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(original)) return { bytes: Buffer.from(fixedText, 'utf8') };
  const notText = 'it is not valid UTF-8 and';
  if (!passes) return { refused: `${notText} the fixes cannot be placed on its bytes` };
  let pieces: Piece[] = [{ from: 0, to: text.length }];
  let length = text.length;
  for (const edits of passes) ({ pieces, length } = applyPass(pieces, length, edits));
  const byteAt = byteOffsets(original, text);
  if (!byteAt) return { refused: `${notText} its bytes cannot be matched to its text` };
  const chunks: Buffer[] = [];
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      if (piece.includes('\uFFFD')) return { refused: `${notText} a fix would rewrite bytes that are not text` };
      chunks.push(Buffer.from(piece, 'utf8'));
      continue;
    }
    const start = byteAt[piece.from];
    const end = byteAt[piece.to];
    if (start < 0 || end < 0) return { refused: `${notText} a fix would split a character` };
    chunks.push(original.subarray(start, end));
  }
  const bytes = Buffer.concat(chunks);
  // The pieces must give the fixed text, and the bytes must read back as it (an edit next to an
  // incomplete sequence could join it to a new character).
  if (bytes.toString('utf8') !== fixedText) return { refused: `${notText} the fixes do not map back to its bytes exactly` };
  return { bytes };
}

/** One pass of edits, with `applyEdits`' rules: sorted by position, an edit starting inside an earlier one is dropped. */
function applyPass(pieces: readonly Piece[], length: number, edits: readonly TextEdit[]): { pieces: Piece[]; length: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Piece[] = [];
  let index = 0;
  let pieceStart = 0;
  let cursor = 0;
  let outLength = 0;
  const push = (piece: Piece) => {
    const size = typeof piece === 'string' ? piece.length : piece.to - piece.from;
    if (size === 0) return;
    out.push(piece);
    outLength += size;
  };
  const copyTo = (position: number) => {
    while (cursor < position && index < pieces.length) {
      const piece = pieces[index];
      const size = typeof piece === 'string' ? piece.length : piece.to - piece.from;
      const pieceEnd = pieceStart + size;
      if (pieceEnd <= cursor) {
        index++;
        pieceStart = pieceEnd;
        continue;
      }
      const a = cursor - pieceStart;
      const b = Math.min(position, pieceEnd) - pieceStart;
      push(typeof piece === 'string' ? piece.slice(a, b) : { from: piece.from + a, to: piece.from + b });
      cursor = pieceStart + b;
    }
  };
  for (const edit of sorted) {
    if (edit.start < cursor) continue;
    copyTo(edit.start);
    push(edit.newText);
    cursor = edit.end;
  }
  copyTo(length);
  return { pieces: out, length: outLength };
}

/**
 * For each UTF-16 offset of `text` (and its end), the byte offset in `bytes` where that unit's
 * character starts, or -1 inside a character; undefined when decoding `bytes` as UTF-8 (invalid
 * sequences as U+FFFD, as the WHATWG decoder and Node do) does not give `text`.
 */
function byteOffsets(bytes: Buffer, text: string): Int32Array | undefined {
  const at = new Int32Array(text.length + 1).fill(-1);
  let unit = 0;
  const emit = (codePoint: number, byteStart: number): boolean => {
    if (codePoint > 0xffff) {
      if (unit + 1 >= text.length || text.codePointAt(unit) !== codePoint) return false;
      at[unit] = byteStart;
      unit += 2;
      return true;
    }
    if (unit >= text.length || text.charCodeAt(unit) !== codePoint) return false;
    at[unit++] = byteStart;
    return true;
  };
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (needed === 0) {
      sequenceStart = i;
      if (byte <= 0x7f) {
        if (!emit(byte, i)) return undefined;
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x07;
      } else if (!emit(0xfffd, i)) {
        return undefined;
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      // The sequence ends before this byte, which starts the next one.
      needed = seen = codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      if (!emit(0xfffd, sequenceStart)) return undefined;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (++seen === needed) {
      if (!emit(codePoint, sequenceStart)) return undefined;
      needed = seen = codePoint = 0;
    }
  }
  if (needed !== 0 && !emit(0xfffd, sequenceStart)) return undefined;
  if (unit !== text.length) return undefined;
  at[text.length] = bytes.length;
  return at;
}

/** Bytes as text, each byte that is not part of valid UTF-8 shown as `\xNN` (for file names). */
export function readableBytes(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      out += `\\x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      out += bytes.toString('utf8', i, i + length);
      i += length;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0. */
function validSequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i];
  if (lead <= 0x7f) return 1;
  let needed: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    needed = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    needed = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return 0;
  for (let k = 1; k <= needed; k++) {
    const byte = bytes[i + k];
    if (byte === undefined || byte < lower || byte > upper) return 0;
    lower = 0x80;
    upper = 0xbf;
  }
  return needed + 1;
}
