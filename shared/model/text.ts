/** Offsets are UTF-16 code-unit indices into the original text, the unit both `yaml` and LSP use. */
export interface Range {
  start: number;
  end: number;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/**
 * `text` with each lone CR (a line break in YAML and LSP, which the `yaml` package reads as
 * plain text) written as LF: same length, so every offset stays exact. For the parser's eyes
 * only; edits are computed on the original text and keep its line breaks.
 */
export function withLoneCrAsLf(text: string): string {
  const first = loneCr(text, 0);
  if (first < 0) return text;
  const parts: string[] = [];
  let cursor = 0;
  for (let at = first; at >= 0; at = loneCr(text, at + 1)) {
    parts.push(text.slice(cursor, at), '\n');
    cursor = at + 1;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** The offset of the first CR at or after `from` that no LF follows, or -1. */
function loneCr(text: string, from: number): number {
  for (let at = text.indexOf('\r', from); at >= 0; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) return at;
  return -1;
}

/** Maps offsets to line/column and back; the line table is built on first use, once per text. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just past the line's content, before its line break. */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text[end - 1] === '\n') end--;
    if (end > this.lineStart(line) && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** Offset of the start of the next line (or the text's end). */
  nextLineStart(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  /** The line break used by the given line, or the file's first one, or `\n`. */
  eolOf(line: number): string {
    const end = this.lineContentEnd(line);
    const brk = this.text.slice(end, this.nextLineStart(line));
    if (brk) return brk;
    const first = /\r\n|\n|\r/.exec(this.text);
    return first ? first[0] : '\n';
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * Set on an edit that adds or removes entries of a sequence or mapping, so that the edits of
   * several fixes on one collection are combined safely (see ./combine).
   */
  entries?: EntriesChange;
}

/** What an edit does to the entries (items or pairs) of one block or flow collection. */
export interface EntriesChange {
  /** The collection's start offset: it only tells collections apart. */
  collection: number;
  /** How many entries the collection holds before the edit. */
  count: number;
  /** How many the edit removes (0 for an insertion). */
  removed: number;
  /**
   * An insertion of new entries after the last one that another such insertion at the same
   * offset can follow as is (`, c` then `, d`; a `- c` line then a `- d` line).
   */
  appends?: boolean;
}

/** Applies non-overlapping edits computed on `text`; overlapping later edits are dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue;
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** True when no two edits touch the same characters (insertions at one point count as overlapping). */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      if (x.start === y.start) return true;
    }
  }
  return false;
}
