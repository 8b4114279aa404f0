import { isMap, isPair, isScalar, parse, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { LineIndex, TextEdit } from './text';

/** Edits are computed on the original text with its own indentation, quoting and line breaks. */
export class SourceEditor {
  readonly lines: LineIndex;
  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

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
    const items = seq.items as unknown[];
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
      if (isScalar(prev) && prev.range) {
        const between = this.text.slice(prev.range[1], last.range[0]);
        if (/^\s*,\s*$/.test(between)) separator = between;
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
    const items = seq.items as unknown[];
    const first = items[from] as Scalar | undefined;
    const last = items[to] as Scalar | undefined;
    if (!first?.range || !last?.range) return undefined;
    if (seq.flow) {
      const before = items[from - 1] as Scalar | undefined;
      const after = items[to + 1] as Scalar | undefined;
      if (before?.range) return { start: before.range[1], end: last.range[1], newText: '' };
      if (after?.range) return { start: first.range[0], end: after.range[0], newText: '' };
      return { start: first.range[0], end: last.range[1], newText: '' };
    }
    if (this.itemPrefix(first) === undefined) return undefined;
    const startLine = this.lineOf(first.range[0]);
    const endLine = this.lineOf(Math.max(last.range[0], last.range[1] - 1));
    return { start: this.lines.lineStart(startLine), end: this.lines.nextLineStart(endLine), newText: '' };
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
    const index = items.indexOf(pair as never);
    if (index < 0) return undefined;
    const key = pair.key as Scalar;
    const value = pair.value as Scalar | null;
    if (!key?.range) return undefined;
    const valueEnd = value?.range ? value.range[1] : key.range[1];
    if (map.flow) {
      const before = items[index - 1] as Pair | undefined;
      const after = items[index + 1] as Pair | undefined;
      const endOf = (p: Pair) => ((p.value as Scalar | null)?.range ?? (p.key as Scalar).range)![1];
      if (before) return { start: endOf(before), end: valueEnd, newText: '' };
      if (after) return { start: key.range[0], end: (after.key as Scalar).range![0], newText: '' };
      return { start: key.range[0], end: valueEnd, newText: '' };
    }
    const startLine = this.lineOf(key.range[0]);
    const lineStart = this.lines.lineStart(startLine);
    const lead = this.text.slice(lineStart, key.range[0]);
    const endLine = this.lineOf(Math.max(key.range[0], valueEnd - 1));
    if (/^[ \t]*$/.test(lead)) return { start: lineStart, end: this.lines.nextLineStart(endLine), newText: '' };
    // The pair shares its line with a sequence dash (`- key: value`): only possible to drop
    // it when another pair follows to take its place after the dash.
    const next = items[index + 1] as Pair | undefined;
    const nextKey = next?.key as Scalar | undefined;
    if (/^[ \t]*-[ \t]+$/.test(lead) && nextKey?.range) return { start: key.range[0], end: nextKey.range[0], newText: '' };
    return undefined;
  }

  private insideFlow(offset: number): boolean {
    const lineStart = this.lines.lineStart(this.lineOf(offset));
    const before = this.text.slice(lineStart, offset);
    return /[[{]/.test(before.replace(/"[^"]*"|'[^']*'/g, ''));
  }
}

/** True when `value` can be written as a plain scalar and still reads back as the same string. */
export function isSafePlain(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (/^[?:,[\]{}#&*!|>'"%@`]/.test(value) || /^-(\s|$)/.test(value)) return false;
  if (/: |:$| #|[\r\n\t]/.test(value)) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  try {
    return parse(value) === value;
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

export function pairsOf(map: YAMLMap): Pair[] {
  return map.items.filter((item) => isPair(item));
}

export { isMap };
