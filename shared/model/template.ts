import type { Range } from './text';

/**
 * Template actions (Helm/Go `{{ }}`, Jinja `{% %}` and `{# #}`) are masked with same-length
 * text so every offset stays exact. A line holding only actions becomes blank; an action
 * inside a value becomes underscores, a non-empty value the rules treat as "unknown".
 */
export interface MaskedText {
  text: string;
  templateRanges: Range[];
}

const ACTION = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;

export function hasTemplateActions(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

export function maskTemplates(source: string): MaskedText {
  if (!hasTemplateActions(source)) return { text: source, templateRanges: [] };
  const templateRanges: Range[] = [];
  const parts: string[] = [];
  let cursor = 0;
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(source); m; m = ACTION.exec(source)) {
    const start = m.index;
    const end = start + m[0].length;
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
    parts.push(m[0].replace(/[^\r\n]/g, standalone ? ' ' : '_'));
    cursor = end;
  }
  parts.push(source.slice(cursor));
  return { text: parts.join(''), templateRanges };
}

export function overlapsAny(range: Range, ranges: readonly Range[]): boolean {
  for (const r of ranges) if (r.start < range.end && range.start < r.end) return true;
  return false;
}
