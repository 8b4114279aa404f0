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
