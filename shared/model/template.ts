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

const ACTION = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
const PLACEHOLDER_LINE = /^[ \t]*([$%]\{[^{}\r\n]*\})[ \t]*(?=\r\n|\r|\n|$)/gm;

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#') || hasPlaceholderLines(text);
}

/** A line holding nothing but a `${…}` placeholder or a `%{…}` directive. */
export function hasPlaceholderLines(text: string): boolean {
  if (!text.includes('${') && !text.includes('%{')) return false;
  PLACEHOLDER_LINE.lastIndex = 0;
  return PLACEHOLDER_LINE.test(text);
}

/** The template spans of a text, in order: actions, then placeholder lines outside them. */
function templateSpans(source: string): Range[] {
  const spans: Range[] = [];
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(source); m; m = ACTION.exec(source)) spans.push({ start: m.index, end: m.index + m[0].length });
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

export function maskTemplates(source: string): MaskedText {
  if (!hasTemplateActions(source)) return { text: source, templateRanges: [] };
  const templateRanges: Range[] = [];
  const parts: string[] = [];
  let cursor = 0;
  for (const { start, end } of templateSpans(source)) {
    templateRanges.push({ start, end });
    parts.push(source.slice(cursor, start));
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    const nextBreak = source.slice(end).search(/\r?\n|\r/);
    const lineEnd = nextBreak < 0 ? source.length : end + nextBreak;
    // Other actions on the same line do not count as content (`{{- with .x }}{{ toYaml . }}{{ end }}`).
    const before = source.slice(lineStart, start).replace(new RegExp(ACTION.source, 'g'), '');
    const after = source.slice(end, lineEnd).replace(new RegExp(ACTION.source, 'g'), '');
    const standalone = before.trim() === '' && after.trim() === '';
    // Keep line breaks inside multi-line actions so line numbers stay right.
    parts.push(source.slice(start, end).replace(/[^\r\n]/g, standalone ? ' ' : '_'));
    cursor = end;
  }
  parts.push(source.slice(cursor));
  return { text: parts.join(''), templateRanges };
}

export function overlapsAny(range: Range, ranges: readonly Range[]): boolean {
  for (const r of ranges) if (r.start < range.end && range.start < r.end) return true;
  return false;
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
  let m = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(action);
  if (m) {
    const words = m[1].split(/\s+/);
    if (GO_OPEN.has(words[0])) return 'open';
    if (words[0] === 'end') return 'end';
    if (words[0] === 'else') return words.length > 1 && words[1] !== '' ? 'else-if' : 'else';
    return 'other';
  }
  m = /^\{%[-+]?\s*([\s\S]*?)\s*[-+]?%\}$/.exec(action);
  if (m) {
    const word = m[1].split(/\s+/)[0];
    if (JINJA_OPEN.has(word)) return 'open';
    if (word === 'elif') return 'else-if';
    if (word === 'else') return 'else';
    if (word.startsWith('end')) return 'end';
  }
  return 'other';
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
