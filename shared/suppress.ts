import { Lexer } from 'yaml';
import { type LineIndex, withLoneCrAsLf } from './model/text';

export const DIRECTIVE_PREFIX = 'kube-tls-lint-disable';

/** Rule ids turned off by comments: for the whole file, or for single lines. */
export interface Suppressions {
  /** `null` in the set means "every rule". */
  file: Set<string | null>;
  lines: Map<number, Set<string | null>>;
}

// `# kube-tls-lint-disable[-next-line|-line] [rule[, rule]] [-- reason]`
const DIRECTIVE = /^#[ \t]*kube-tls-lint-disable(-next-line|-line)?(?=$|[ \t])([^\r\n]*)/;

// The lexer's zero-width markers (document start, scalar, end of a broken flow collection): not source text.
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

export function readSuppressions(text: string, lines: LineIndex): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map() };
  for (const { offset, match: m } of directiveComments(text)) {
    const line = lines.positionAt(offset).line;
    const ids = m[2].split('--')[0].split(/[\s,]+/).filter(Boolean);
    const targets: Array<string | null> = ids.length ? ids : [null];
    let set: Set<string | null>;
    if (m[1] === '-next-line' || m[1] === '-line') {
      const target = m[1] === '-line' ? line : line + 1;
      set = result.lines.get(target) ?? new Set();
      result.lines.set(target, set);
    } else {
      set = result.file;
    }
    for (const t of targets) set.add(t);
  }
  return result;
}

/**
 * The comments of `text` that are directives, where their `#` is, and the directive read
 * (`match[1]`: `-next-line`, `-line` or none; `match[2]`: the rest of the comment).
 */
export function directiveComments(text: string): Array<{ offset: number; match: RegExpExecArray }> {
  const found: Array<{ offset: number; match: RegExpExecArray }> = [];
  if (!text.includes(DIRECTIVE_PREFIX)) return found;
  // Only real comments count: the same words in a quoted or block scalar are data.
  let offset = 0;
  for (const token of new Lexer().lex(withLoneCrAsLf(text))) {
    const start = offset;
    if (!MARKERS.has(token)) offset += token.length;
    if (token[0] !== '#' || !token.includes(DIRECTIVE_PREFIX)) continue;
    const match = DIRECTIVE.exec(token);
    if (match) found.push({ offset: start, match });
  }
  return found;
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  if (s.file.has(null) || s.file.has(ruleId)) return true;
  const onLine = s.lines.get(line);
  return !!onLine && (onLine.has(null) || onLine.has(ruleId));
}
