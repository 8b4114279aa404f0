import { isAlias, isMap, isPair, isScalar, isSeq, Node, parse, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { LineIndex, TextEdit } from './text';

/** Edits are computed on the original text with its own indentation, quoting and line breaks. */
export class SourceEditor {
  constructor(
    readonly text: string,
    readonly lines = new LineIndex(text),
  ) {}

  lineOf(offset: number): number {
    return this.lines.positionAt(offset).line;
  }

  /** The whitespace + dash + spacing in front of a block-sequence item, or undefined if unusual. */
  itemPrefix(item: Scalar | YAMLMap | YAMLSeq): string | undefined {
    const start = item.range?.[0];
    if (start === undefined) return undefined;
    const prefix = this.text.slice(this.lines.lineStart(this.lineOf(start)), start);
    return /^[ \t]*-[ \t]+$/.test(prefix) ? prefix : undefined;
  }

  /** Appends scalar items to a sequence, after its last item, in the sequence's own style. */
  appendToSeq(seq: YAMLSeq, values: string[]): TextEdit | undefined {
    const edit = this.appendedItems(seq, values);
    return edit && withEntries(edit, seq, 0, true);
  }

  private appendedItems(seq: YAMLSeq, values: string[]): TextEdit | undefined {
    const items = seq.items;
    const last = items[items.length - 1];
    if (seq.flow) {
      if (!last) {
        const open = seq.range?.[0];
        if (open === undefined || this.text[open] !== '[') return undefined;
        return { start: open + 1, end: open + 1, newText: values.map((v) => formatScalar(v, undefined, true)).join(', ') };
      }
      if (!isScalar(last) || !last.range) return undefined;
      let separator = ', ';
      const prev = items[items.length - 2];
      const lastLine = this.lineOf(last.range[0]);
      const lead = this.text.slice(this.lines.lineStart(lastLine), last.range[0]);
      if (isScalar(prev) && prev.range) {
        const between = this.text.slice(prev.range[1], last.range[0]);
        if (/^\s*,\s*$/.test(between)) separator = between;
      } else if (!prev && /^[ \t]+$/.test(lead)) {
        // A lone item on its own line of a multi-line list: new items go on lines like it.
        separator = ',' + this.lines.eolOf(lastLine) + lead;
      }
      const newText = values.map((v) => separator + formatScalar(v, last, true)).join('');
      return { start: last.range[1], end: last.range[1], newText };
    }
    if (!isScalar(last) || !last.range) return undefined;
    const prefix = this.itemPrefix(last);
    if (prefix === undefined) return undefined;
    const valueEnd = last.range[1];
    const endLine = this.lineOf(Math.max(last.range[0], valueEnd - 1));
    const eol = this.lines.eolOf(endLine);
    const lines = values.map((v) => prefix + formatScalar(v, last, false));
    // Insert before the line break (or at the end of a file without one).
    const lineEnd = this.lines.lineContentEnd(endLine);
    return { start: lineEnd, end: lineEnd, newText: lines.map((l) => eol + l).join('') };
  }

  /** Removes items `from..to` (inclusive) of a sequence, with their lines or separators. */
  removeSeqItems(seq: YAMLSeq, from: number, to: number): TextEdit | undefined {
    const items = seq.items;
    const first = items[from] as Scalar | undefined;
    const last = items[to] as Scalar | undefined;
    if (!first?.range || !last?.range) return undefined;
    if (items.slice(from, to + 1).some(definesAnchor)) return undefined;
    if (seq.flow) {
      const span = (i: number) => {
        const start = (items[i] as Scalar | undefined)?.range?.[0];
        const end = contentEnd(items[i]);
        return start === undefined || end === undefined ? undefined : ([start, end] as const);
      };
      const edit = this.removeFlowEntries(seq, span, from, to);
      return edit && withEntries(edit, seq, to - from + 1);
    }
    if (this.itemPrefix(first) === undefined) return undefined;
    const startLine = this.lineOf(first.range[0]);
    const endLine = this.lineOf(Math.max(last.range[0], last.range[1] - 1));
    return withEntries({ start: this.lines.lineStart(startLine), end: this.lines.nextLineStart(endLine), newText: '' }, seq, to - from + 1);
  }

  /**
   * Removes entries `from..to` of a flow sequence or mapping (`span`: an entry's own text) and
   * one separator, so the rest reads as before: whole lines when the entries have theirs
   * (the item's comment goes with it); else the comma before them, or the one after, whichever
   * has no comment in the way; else just the entries and one comma, comments kept. Emptied, a
   * list without comments reads `[]`. Undefined when anything else (a tag, an explicit key) is
   * written between entries.
   */
  private removeFlowEntries(
    collection: YAMLSeq | YAMLMap,
    span: (index: number) => readonly [number, number] | undefined,
    from: number,
    to: number,
  ): TextEdit | undefined {
    const range = collection.range;
    const count = collection.items.length;
    if (!range) return undefined;
    const open = range[0];
    const close = range[1] - 1;
    if (!'[{'.includes(this.text[open]) || !']}'.includes(this.text[close])) return undefined;
    // The entries removed and their neighbours; only blanks, comments and the one separating
    // comma may lie between them.
    const spans: Array<readonly [number, number]> = [];
    for (let i = Math.max(0, from - 1); i <= Math.min(count - 1, to + 1); i++) {
      const s = span(i);
      if (!s) return undefined;
      spans.push(s);
    }
    const first = from === 0 ? 0 : 1;
    const removed = spans.slice(first, first + to - from + 1);
    const start = removed[0][0];
    const end = removed[removed.length - 1][1];
    const before = from > 0 ? spans[0][1] : undefined;
    const after = to + 1 < count ? spans[spans.length - 1][0] : undefined;
    // Gaps from the neighbour before (or the bracket) to the neighbour after (or the bracket).
    const bounds = [before ?? open + 1, ...removed.flat(), after ?? close];
    for (let i = 0; i + 1 < bounds.length; i += 2) {
      const gap = stripComments(this.text.slice(bounds[i], bounds[i + 1]));
      const pattern = i === 0 && before === undefined ? /^\s*$/ : i + 2 === bounds.length && after === undefined ? /^\s*(,\s*)?$/ : /^\s*,\s*$/;
      if (!pattern.test(gap)) return undefined;
    }

    // Between entries, a `#` always starts a comment.
    const hasComment = (a: number, b: number) => this.text.slice(a, b).includes('#');
    if (before === undefined && after === undefined && !hasComment(open + 1, start) && !hasComment(end, close)) return { start: open + 1, end: close, newText: '' };
    // Whole lines: nothing but blanks before the first entry on its line, and after the last
    // one only its comma (always, when entries follow) and a comment.
    // (Lines that end in LF or CRLF: not every parser breaks lines at a lone CR.)
    const lineStart = this.lines.lineStart(this.lineOf(start));
    const tail = /^[ \t]*(,)?[ \t]*(?:#[^\r\n]*)?(?=\r\n|\n)/.exec(this.text.slice(end, close));
    // The comma that follows the entries must be on their lines (a trailing one, on a line of
    // its own after them, would be left alone in an emptied list).
    const commaOnLine = tail !== null && (tail[1] !== undefined || this.commaIn(end + tail[0].length, after ?? close) === undefined);
    if (commaOnLine && (lineStart === 0 || this.text[lineStart - 1] === '\n') && /^[ \t]*$/.test(this.text.slice(lineStart, start))) {
      const lineEnd = this.lines.nextLineStart(this.lineOf(end + tail[0].length));
      // The last entries, written without a trailing comma: the comma before them goes too
      // (a JSON document stays JSON).
      const comma = after === undefined && !tail[1] && before !== undefined ? this.commaIn(before, start) : undefined;
      if (comma !== undefined) return { start: comma, end: lineEnd, newText: this.text.slice(comma + 1, lineStart) };
      return { start: lineStart, end: lineEnd, newText: '' };
    }
    if (before !== undefined && !hasComment(before, start)) return { start: before, end, newText: '' };
    if (after !== undefined && !hasComment(end, after)) return { start, end: after, newText: '' };
    // Comments on both sides: cut the entries and the nearest comma, keep everything else.
    const comma = after !== undefined || before === undefined ? this.commaIn(end, after ?? close) : this.commaIn(before, start);
    if (comma === undefined) return { start, end, newText: '' };
    if (comma >= end) return { start, end: comma + 1, newText: this.text.slice(end, comma) };
    return { start: comma, end, newText: this.text.slice(comma + 1, start) };
  }

  /** The offset of the first comma between `from` and `to` that is not in a comment. */
  private commaIn(from: number, to: number): number | undefined {
    let inComment = false;
    for (let i = from; i < to; i++) {
      const ch = this.text[i];
      if (ch === '\n' || ch === '\r') inComment = false;
      else if (ch === '#') inComment = true;
      else if (ch === ',' && !inComment) return i;
    }
    return undefined;
  }

  /** Replaces a scalar with a new value written in the same quoting style. */
  replaceScalar(node: Scalar, value: string): TextEdit | undefined {
    if (!node.range) return undefined;
    const flow = this.insideFlow(node.range[0]);
    return { start: node.range[0], end: node.range[1], newText: formatScalar(value, node, flow) };
  }

  /** Removes a pair from a mapping: its whole lines in a block map, pair and comma in a flow map. */
  removePair(map: YAMLMap, pair: Pair): TextEdit | undefined {
    const items = map.items;
    const index = items.indexOf(pair);
    if (index < 0) return undefined;
    const key = pair.key as Scalar;
    const value = pair.value as Scalar | null;
    if (!key?.range) return undefined;
    if (definesAnchor(key) || definesAnchor(value)) return undefined;
    const valueEnd = value?.range ? value.range[1] : key.range[1];
    if (map.flow) {
      const span = (i: number) => {
        const key = items[i].key;
        const start = isScalar(key) ? key.range?.[0] : undefined;
        const end = contentEnd(items[i]);
        return start === undefined || end === undefined ? undefined : ([start, end] as const);
      };
      const edit = this.removeFlowEntries(map, span, index, index);
      return edit && withEntries(edit, map, 1);
    }
    const startLine = this.lineOf(key.range[0]);
    const lineStart = this.lines.lineStart(startLine);
    const lead = this.text.slice(lineStart, key.range[0]);
    const endLine = this.lineOf(Math.max(key.range[0], valueEnd - 1));
    if (/^[ \t]*$/.test(lead)) return withEntries({ start: lineStart, end: this.lines.nextLineStart(endLine), newText: '' }, map, 1);
    // The pair shares its line with a sequence dash (`- key: value`): only possible to drop
    // it when another pair follows to take its place after the dash.
    const next = items[index + 1] as Pair | undefined;
    const nextKey = next?.key as Scalar | undefined;
    if (/^[ \t]*-[ \t]+$/.test(lead) && nextKey?.range) return withEntries({ start: key.range[0], end: nextKey.range[0], newText: '' }, map, 1);
    return undefined;
  }

  /**
   * Adds `path[0]: value` as the last pair of a mapping, in the mapping's own style: block
   * indentation and line breaks, or `, key: value` in a flow map. A longer path nests new
   * mappings (`x509:` then `  clientCAFile: …`). `like` gives a string value's quoting; `raw`
   * writes the value as is (a boolean or a number).
   */
  insertPair(map: YAMLMap, path: readonly string[], value: string, options: { like?: Scalar; raw?: boolean } = {}): TextEdit | undefined {
    const edit = this.insertedPair(map, path, value, options);
    // Not joined with other insertions: two of them could add the same key.
    return edit && withEntries(edit, map, 0);
  }

  private insertedPair(map: YAMLMap, path: readonly string[], value: string, options: { like?: Scalar; raw?: boolean }): TextEdit | undefined {
    if (path.length === 0) return undefined;
    const scalar = (flow: boolean) => (options.raw ? value : formatScalar(value, options.like, flow));
    const items = map.items;
    const last = items[items.length - 1];
    if (map.flow) {
      const entry = path.reduceRight((inner, key, i) => `${key}: ${i === path.length - 1 ? scalar(true) : `{${inner}}`}`, '');
      if (!last) {
        const open = map.range?.[0];
        return open !== undefined && this.text[open] === '{' ? { start: open + 1, end: open + 1, newText: entry } : undefined;
      }
      const end = contentEnd(last);
      return end === undefined ? undefined : { start: end, end, newText: `, ${entry}` };
    }
    const firstKey = items[0]?.key;
    const end = last ? contentEnd(last) : undefined;
    if (!isScalar(firstKey) || !firstKey.range || end === undefined) return undefined;
    // Keys of a map that is a list item start after `- `: new keys line up with the first.
    const lead = this.text.slice(this.lines.lineStart(this.lineOf(firstKey.range[0])), firstKey.range[0]);
    if (!/^ *(- +)?$/.test(lead)) return undefined;
    const indent = ' '.repeat(lead.length);
    const unit = ' '.repeat(this.indentUnit(map, lead.length));
    const endLine = this.lineOf(Math.max(firstKey.range[0], end - 1));
    const eol = this.lines.eolOf(endLine);
    const at = this.lines.lineContentEnd(endLine);
    const newText = path.map((key, i) => `${eol}${indent}${unit.repeat(i)}${key}:${i === path.length - 1 ? ' ' + scalar(false) : ''}`).join('');
    return { start: at, end: at, newText };
  }

  /** How far this mapping's block children are indented from its keys (2 when it has none). */
  private indentUnit(map: YAMLMap, column: number): number {
    for (const pair of map.items) {
      const child = pair.value;
      const key = isMap(child) && !child.flow ? child.items[0]?.key : undefined;
      if (isScalar(key) && key.range) {
        const col = key.range[0] - this.lines.lineStart(this.lineOf(key.range[0]));
        if (col > column) return col - column;
      }
    }
    return 2;
  }

  private insideFlow(offset: number): boolean {
    const lineStart = this.lines.lineStart(this.lineOf(offset));
    const before = this.text.slice(lineStart, offset);
    return /[[{]/.test(before.replace(/"[^"]*"|'[^']*'/g, ''));
  }
}

/** The edit, marked as changing the entries of `collection` (see `TextEdit.entries`). */
export function withEntries(edit: TextEdit, collection: YAMLSeq | YAMLMap, removed: number, appends = false): TextEdit {
  const at = collection.range?.[0];
  if (at === undefined) return edit;
  return { ...edit, entries: { collection: at, count: collection.items.length, removed, ...(appends ? { appends } : {}) } };
}

/** The text with its comments (`#` to the end of the line) removed; for text between flow entries. */
function stripComments(text: string): string {
  return text.replace(/#[^\r\n]*/g, '');
}

/** Does the node (or anything in it) define an `&anchor`? Removing it would leave its aliases dangling. */
function definesAnchor(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  let found = false;
  visit(node as Node, {
    Node(_, n) {
      if (n.anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Where a node's own text ends: a scalar or flow collection at its last character, a block
 * collection (or a pair) at its last item's end, never its trailing line break or comments.
 */
export function contentEnd(node: unknown): number | undefined {
  if (isPair(node)) {
    const keyEnd = contentEnd(node.key);
    const valueEnd = node.value === null || node.value === undefined ? undefined : contentEnd(node.value);
    return valueEnd === undefined ? keyEnd : keyEnd === undefined ? valueEnd : Math.max(keyEnd, valueEnd);
  }
  if (isScalar(node) || isAlias(node)) return node.range?.[1];
  if (isMap(node) || isSeq(node)) {
    const last = (node.items as unknown[])[node.items.length - 1];
    if (node.flow || last === undefined) return node.range?.[1];
    return contentEnd(last);
  }
  return undefined;
}

/** True when `value` can be written as a plain scalar and still reads back as the same string. */
export function isSafePlain(value: string, flow: boolean): boolean {
  // Every fix formats its values, often the same few: parsing each one again dominated
  // the cost of linting files with many findings. Long values are not kept.
  if (value.length > 200) return checkSafePlain(value, flow);
  const key = (flow ? 'f' : 'b') + value;
  let safe = safePlainCache.get(key);
  if (safe === undefined) {
    if (safePlainCache.size >= 1000) safePlainCache.clear();
    safe = checkSafePlain(value, flow);
    safePlainCache.set(key, safe);
  }
  return safe;
}

const safePlainCache = new Map<string, boolean>();

function checkSafePlain(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (/^[?:,[\]{}#&*!|>'"%@`]/.test(value) || /^-(\s|$)/.test(value)) return false;
  if (/: |:$| #|[\r\n\t]/.test(value)) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  try {
    // Kubernetes reads plain scalars as YAML 1.1 (`yes`, `on`, `0644`, `1:20` are not strings there).
    return parse(value) === value && parse(value, { version: '1.1' }) === value;
  } catch {
    return false;
  }
}

/** Writes `value` as a scalar in the style of `like` (plain, single or double quoted). */
export function formatScalar(value: string, like: Scalar | undefined, flow: boolean): string {
  const style = like?.type;
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (isSafePlain(value, flow)) return value;
  return JSON.stringify(value);
}

export { isMap };

/** Joins insertions made at the same offset into one edit, keeping their order. */
export function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}
