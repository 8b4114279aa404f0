import type { Range } from './text';

/**
 * Template actions (Helm/Go `{{ }}`, Jinja `{% %}` and `{# #}`) are masked with same-length
 * text so every offset stays exact. A line holding only actions becomes blank; an action
 * inside a value becomes underscores, a non-empty value the rules treat as "unknown".
 * A line holding nothing but a `${…}` placeholder (envsubst, Go's os.Expand, Terraform's
 * templatefile) or a Terraform `%{…}` directive is masked too: such a line stands for keys or
 * items filled in later, and is not YAML as written. Inline `${…}` are left alone: they are
 * plain text to YAML, and often shell or kubelet variables.
 */
export interface MaskedText {
  text: string;
  templateRanges: Range[];
}

const PLACEHOLDER_LINE = /^[ \t]*([$%]\{[^{}\r\n]*\})[ \t]*(?=\r\n|\r|\n|$)/gm;
// Openers and their closers, in the order an action is recognised at one offset.
const DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  ['{{', '}}'],
  ['{%', '%}'],
  ['{#', '#}'],
];

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#') || hasPlaceholderLines(text);
}

/** A line holding nothing but a `${…}` placeholder or a `%{…}` directive. */
export function hasPlaceholderLines(text: string): boolean {
  if (!text.includes('${') && !text.includes('%{')) return false;
  PLACEHOLDER_LINE.lastIndex = 0;
  return PLACEHOLDER_LINE.test(text);
}

/**
 * The actions of a text, in order: from each opener to the first closer after it. Linear in
 * the text: each opener and closer is searched forward only, and once an opener has no closer
 * after it, no later opener of that kind can close either, so that kind is no longer looked for.
 */
function actionSpans(source: string): Range[] {
  const spans: Range[] = [];
  // The next offset of each opener at or after the cursor (-1: none left or no closer left).
  const next = DELIMITERS.map(([open]) => source.indexOf(open));
  let cursor = 0;
  for (;;) {
    let kind = -1;
    for (let k = 0; k < DELIMITERS.length; k++) {
      if (next[k] >= 0 && next[k] < cursor) next[k] = source.indexOf(DELIMITERS[k][0], cursor);
      if (next[k] >= 0 && (kind < 0 || next[k] < next[kind])) kind = k;
    }
    if (kind < 0) return spans;
    const start = next[kind];
    const close = source.indexOf(DELIMITERS[kind][1], start + 2);
    if (close < 0) {
      next[kind] = -1;
      continue;
    }
    spans.push({ start, end: close + 2 });
    cursor = close + 2;
  }
}

/** The template spans of a text, in order: actions, then placeholder lines outside them. */
function templateSpans(source: string): Range[] {
  const spans = actionSpans(source);
  if (source.includes('${') || source.includes('%{')) {
    const actions = spans.slice();
    PLACEHOLDER_LINE.lastIndex = 0;
    for (let m = PLACEHOLDER_LINE.exec(source); m; m = PLACEHOLDER_LINE.exec(source)) {
      const start = m.index + m[0].indexOf(m[1]);
      const span = { start, end: start + m[1].length };
      if (!overlapsAny(span, actions)) spans.push(span);
    }
    spans.sort((a, b) => a.start - b.start);
  }
  return spans;
}

const isBreak = (code: number) => code === 10 || code === 13;
const isBlank = (text: string) => text.trim() === '';

export function maskTemplates(source: string): MaskedText {
  if (!hasTemplateActions(source)) return { text: source, templateRanges: [] };
  const templateRanges = templateSpans(source);
  const parts: string[] = [];
  let cursor = 0;
  // Spans chained on the same lines (no line break between one's end and the next one's start)
  // form a group: the group is standalone when the rest of its lines is blank
  // (`{{- with .x }}{{ toYaml . }}{{ end }}`), and its spans become blanks, else underscores.
  for (let first = 0; first < templateRanges.length; ) {
    let last = first;
    let standalone = true;
    const lineStart = lineStartBefore(source, templateRanges[first].start);
    if (!isBlank(source.slice(lineStart, templateRanges[first].start))) standalone = false;
    for (;;) {
      const end = templateRanges[last].end;
      const following = templateRanges[last + 1];
      const lineEnd = lineEndAfter(source, end, following ? following.start : source.length);
      if (following && lineEnd === following.start) {
        // The next span starts on this line: only the text between them counts.
        if (standalone && !isBlank(source.slice(end, following.start))) standalone = false;
        last++;
        continue;
      }
      if (standalone && !isBlank(source.slice(end, lineEnd))) standalone = false;
      break;
    }
    for (let i = first; i <= last; i++) {
      const { start, end } = templateRanges[i];
      parts.push(source.slice(cursor, start));
      pushMask(parts, source, start, end, standalone ? ' ' : '_');
      cursor = end;
    }
    first = last + 1;
  }
  parts.push(source.slice(cursor));
  return { text: parts.join(''), templateRanges };
}

/** `source` from `start` to `end` written with `fill`, keeping its line breaks so line numbers stay right. */
function pushMask(parts: string[], source: string, start: number, end: number, fill: string): void {
  let from = start;
  for (let i = start; i < end; i++) {
    if (!isBreak(source.charCodeAt(i))) continue;
    if (i > from) parts.push(fill.repeat(i - from));
    parts.push(source[i]);
    from = i + 1;
  }
  if (end > from) parts.push(fill.repeat(end - from));
}

/** The start of the line holding `offset`. */
function lineStartBefore(source: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreak(source.charCodeAt(i - 1))) i--;
  return i;
}

/** The first line break at or after `from`, or `limit` when there is none before it. */
function lineEndAfter(source: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (isBreak(source.charCodeAt(i))) return i;
  return limit;
}

/** Whether `range` overlaps one of `ranges` (sorted by start and disjoint, as template ranges are). */
export function overlapsAny(range: Range, ranges: readonly Range[]): boolean {
  // The first range ending after `range` starts: the only one that can overlap it first.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end <= range.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo].start < range.end;
}

/** Inside branch `branch` (0: the `if`/`with`/`range` body, then each `else`) of block `block`. */
export interface BranchStep {
  block: number;
  branch: number;
}

/** A conditional template block: `{{ if }}…{{ else if }}…{{ else }}…{{ end }}`, `{% for %}…{% endfor %}`. */
export interface TemplateBlock {
  /** Where the opening action starts. */
  start: number;
  /** Branches written: the body and each `else`. */
  branches: number;
  /** A final plain `else` is written, so one branch always renders; otherwise none may. */
  exhaustive: boolean;
}

/** The conditional block structure of a template: which branches each offset lies in. */
export interface TemplateBranches {
  blocks: TemplateBlock[];
  /** The branches enclosing `offset`, outermost first (empty outside every block). */
  pathAt(offset: number): readonly BranchStep[];
}

type ActionKind = 'open' | 'else' | 'else-if' | 'end' | 'other';

const GO_OPEN = new Set(['if', 'with', 'range', 'define', 'block']);
const JINJA_OPEN = new Set(['if', 'for', 'macro', 'block', 'call', 'filter']);

/** What a template action does to the block structure. */
function actionKind(action: string): ActionKind {
  // Trimmed by hand: a regex with a lazy body between `\s*` runs is quadratic on long blanks.
  if (action.startsWith('{{') && action.endsWith('}}')) {
    const words = actionBody(action, '-').split(/\s+/);
    if (GO_OPEN.has(words[0])) return 'open';
    if (words[0] === 'end') return 'end';
    if (words[0] === 'else') return words.length > 1 && words[1] !== '' ? 'else-if' : 'else';
    return 'other';
  }
  if (action.startsWith('{%') && action.endsWith('%}')) {
    const word = actionBody(action, '-+').split(/\s+/)[0];
    if (JINJA_OPEN.has(word)) return 'open';
    if (word === 'elif') return 'else-if';
    if (word === 'else') return 'else';
    if (word.startsWith('end')) return 'end';
  }
  return 'other';
}

/** The words of an action without its delimiters, one optional trim marker each side, and blanks. */
function actionBody(action: string, markers: string): string {
  let start = 2;
  let end = action.length - 2;
  if (start < end && markers.includes(action[start])) start++;
  if (end > start && markers.includes(action[end - 1])) end--;
  return action.slice(start, end).trim();
}

const branchCache = new WeakMap<readonly Range[], TemplateBranches>();

/**
 * Reads the conditional blocks of a template from its actions (`ranges` into `source`, as
 * `maskTemplates` found them). A stray `end` is ignored; a block left open runs to the end.
 * Cached per ranges array (one per parsed file).
 */
export function templateBranches(source: string, ranges: readonly Range[]): TemplateBranches {
  const cached = branchCache.get(ranges);
  if (cached) return cached;
  const blocks: TemplateBlock[] = [];
  // Each segment: from `start` to the next segment, the offsets lie in `path`.
  const segments: Array<{ start: number; path: BranchStep[] }> = [{ start: 0, path: [] }];
  const stack: BranchStep[] = [];
  for (const range of ranges) {
    const kind = actionKind(source.slice(range.start, range.end));
    if (kind === 'other') continue;
    if (kind === 'open') {
      blocks.push({ start: range.start, branches: 1, exhaustive: false });
      stack.push({ block: blocks.length - 1, branch: 0 });
    } else if (stack.length === 0) {
      continue;
    } else if (kind === 'end') {
      stack.pop();
    } else {
      const top = stack[stack.length - 1];
      const block = blocks[top.block];
      block.branches++;
      if (kind === 'else') block.exhaustive = true;
      stack[stack.length - 1] = { block: top.block, branch: top.branch + 1 };
    }
    segments.push({ start: range.end, path: stack.slice() });
  }
  const result: TemplateBranches = {
    blocks,
    pathAt(offset) {
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segments[mid].start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return segments[lo].path;
    },
  };
  branchCache.set(ranges, result);
  return result;
}

/**
 * The selections of `items` the template can render: each conditional block opening at or after
 * `from` (blocks enclosing `from` are given) renders one of its branches, or none when it has no
 * plain `else`; an item renders when every branch it lies in does. Distinct selections only, in
 * order; a single one (all items) when no block splits the items or the choices exceed `limit`.
 */
export function renderings<T>(items: readonly T[], offsetOf: (item: T) => number, branches: TemplateBranches, from: number, limit = 64): T[][] {
  const paths = items.map((item) => branches.pathAt(offsetOf(item)).filter((step) => branches.blocks[step.block].start >= from));
  const involved = [...new Set(paths.flatMap((path) => path.map((step) => step.block)))].sort((a, b) => a - b);
  if (involved.length === 0) return [items.slice()];
  const options = involved.map((b) => {
    const block = branches.blocks[b];
    const out = Array.from({ length: block.branches }, (_, i) => i);
    if (!block.exhaustive) out.push(-1);
    return out;
  });
  let total = 1;
  for (const o of options) {
    total *= o.length;
    if (total > limit) return [items.slice()];
  }
  const chosen = new Map<number, number>();
  const seen = new Set<string>();
  const out: T[][] = [];
  const visit = (i: number) => {
    if (i === involved.length) {
      const keep = paths.map((path) => path.every((step) => chosen.get(step.block) === step.branch));
      const key = keep.map((k) => (k ? '1' : '0')).join('');
      if (seen.has(key)) return;
      seen.add(key);
      out.push(items.filter((_, j) => keep[j]));
      return;
    }
    for (const option of options[i]) {
      chosen.set(involved[i], option);
      visit(i + 1);
    }
  };
  visit(0);
  return out;
}
