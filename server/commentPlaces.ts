import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { LintResult } from '../shared/engine';
import { LiteralBlock } from '../shared/model/embedded';
import { ParsedFile, parseYaml } from '../shared/model/parse';
import { LineIndex, Range } from '../shared/model/text';
import { DIRECTIVE_PREFIX, directiveComments } from '../shared/suppress';

/** A directive comment: where its `#` is (outer offset) and what it says (see directiveComments). */
export interface Directive {
  offset: number;
  match: RegExpExecArray;
}

/** A node written over several lines: a scalar (`literal`: a literal block) or a template action. */
interface Span {
  start: number;
  end: number;
  literal?: Scalar;
}

/** Multi-line nodes in text order, to tell in O(log n) whether one spans an offset. */
class SpanIndex {
  private readonly spans: Span[];
  /** Largest end among spans[0..i]: a span that overlaps an earlier one is still found. */
  private readonly maxEnd: number[] = [];

  constructor(spans: Span[]) {
    this.spans = spans.sort((a, b) => a.start - b.start);
    let max = -1;
    for (const s of this.spans) this.maxEnd.push((max = Math.max(max, s.end)));
  }

  /**
   * What spans `offset` (start < offset < end): nothing, one literal block, or something that
   * cannot take a comment line ('other', also when more than one node spans it).
   */
  at(offset: number): undefined | Scalar | 'other' {
    let low = 0;
    let high = this.spans.length - 1;
    let last = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid].start < offset) {
        last = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (last < 0 || this.maxEnd[last] <= offset) return undefined;
    const span = this.spans[last];
    if (span.end <= offset) return 'other';
    if (last > 0 && this.maxEnd[last - 1] > offset) return 'other';
    return span.literal ?? 'other';
  }
}

/** The multi-line scalars of every document and the multi-line template actions, in one walk without recursion. */
function spansOf(file: ParsedFile, lines: LineIndex): SpanIndex {
  const spans: Span[] = [];
  const multiline = (start: number, end: number) => end > start && lines.positionAt(start).line !== lines.positionAt(end).line;
  for (const r of file.templateRanges) if (multiline(r.start, r.end)) spans.push({ start: r.start, end: r.end });
  for (const parsed of file.documents) {
    const stack: unknown[] = [parsed.doc.contents];
    while (stack.length) {
      const node = stack.pop();
      if (isScalar(node)) {
        if (node.range && multiline(node.range[0], node.range[1])) {
          spans.push({ start: node.range[0], end: node.range[1], literal: node.type === 'BLOCK_LITERAL' ? node : undefined });
        }
      } else if (isMap(node) || isSeq(node)) {
        for (const item of node.items) stack.push(item);
      } else if (isPair(node)) {
        stack.push(node.key, node.value);
      }
    }
  }
  return new SpanIndex(spans);
}

/** The manifest inside a literal block, seen as its own text. */
interface Inner {
  block: LiteralBlock;
  /** Outer line of the block's first content line. */
  firstLine: number;
  lines: LineIndex;
  spans: SpanIndex;
  /** The manifest's own directive comments by outer line, read when first needed. */
  directives?: Map<number, Directive>;
}

/**
 * Where a comment line can be inserted without changing any value, and which comments the engine
 * reads as directives, from the parse the lint already made: a line start inside a multi-line
 * scalar or template action cannot take one, except inside a literal block holding an embedded
 * manifest, where the comment becomes the manifest's own (and the same holds within it).
 */
export class CommentPlaces {
  private readonly lines: LineIndex;
  private readonly file: ParsedFile;
  private readonly spans: SpanIndex;
  private readonly inner = new Map<number, Inner | undefined>();
  private outerDirectives?: Map<number, Directive>;

  constructor(result: LintResult) {
    this.lines = result.lines;
    this.file = result.parsed ?? parseYaml(result.lines.text);
    this.spans = spansOf(this.file, this.lines);
  }

  /**
   * Whether a comment line inserted at the start of `line` (indented like it) is read as a
   * comment and changes no value. `embeddedIn`: the block of the embedded manifest the line's
   * findings are in (see Finding.embeddedIn); a line of a literal block is only open to them.
   */
  lineTakesComment(line: number, embeddedIn: Range | undefined): boolean {
    const enclosing = this.spans.at(this.lines.lineStart(line));
    if (enclosing === undefined) return true;
    if (enclosing === 'other' || !embeddedIn || enclosing.range![0] !== embeddedIn.start) return false;
    // The comment goes in front of the line's content: at the start of the manifest's own line.
    const inner = this.innerOf(enclosing);
    const innerLine = inner ? line - inner.firstLine : -1;
    if (!inner || innerLine < 0 || innerLine >= inner.lines.lineCount) return false;
    return inner.spans.at(inner.lines.lineStart(innerLine)) === undefined;
  }

  /**
   * The directive the engine reads on `line`: an outer comment, or one of the embedded
   * manifest's own when the line is inside `embeddedIn`'s content.
   */
  directiveOn(line: number, embeddedIn: Range | undefined): Directive | undefined {
    // Most lines hold none: the text is lexed only for one that may.
    if (!this.lines.lineText(line).includes(DIRECTIVE_PREFIX)) return undefined;
    this.outerDirectives ??= byLine(directiveComments(this.file.text), (offset) => offset, this.lines);
    const outer = this.outerDirectives.get(line);
    if (outer || !embeddedIn) return outer;
    const enclosing = this.spans.at(this.lines.lineStart(line));
    if (!enclosing || enclosing === 'other' || enclosing.range![0] !== embeddedIn.start) return undefined;
    const inner = this.innerOf(enclosing);
    if (!inner) return undefined;
    inner.directives ??= byLine(directiveComments(inner.block.text), (offset) => inner.block.offset(offset), this.lines);
    return inner.directives.get(line);
  }

  private innerOf(node: Scalar): Inner | undefined {
    const key = node.range![0];
    if (this.inner.has(key)) return this.inner.get(key);
    const block = LiteralBlock.of(node, this.file.text, this.file.maskedText);
    let inner: Inner | undefined;
    if (block) {
      const lines = new LineIndex(block.text);
      // Every multi-line node of the embedded manifest is closed to comments, literal blocks included.
      const spans = spansOf(parseYaml(block.text), lines);
      inner = { block, firstLine: this.lines.positionAt(block.headerAt).line + 1, lines, spans };
    }
    this.inner.set(key, inner);
    return inner;
  }
}

/** Directives by the outer line of their `#`; `toOuter` maps an offset of the lexed text to the outer text. */
function byLine(found: ReturnType<typeof directiveComments>, toOuter: (offset: number) => number | undefined, lines: LineIndex): Map<number, Directive> {
  const map = new Map<number, Directive>();
  for (const { offset, match } of found) {
    const at = toOuter(offset);
    if (at !== undefined) map.set(lines.positionAt(at).line, { offset: at, match });
  }
  return map;
}

const PLACES = new WeakMap<LintResult, CommentPlaces>();

/** The comment places of a lint result, built once per result. */
export function commentPlacesOf(result: LintResult): CommentPlaces {
  let places = PLACES.get(result);
  if (!places) PLACES.set(result, (places = new CommentPlaces(result)));
  return places;
}
