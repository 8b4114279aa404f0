import { isMap, isPair, isScalar, parseDocument, Scalar, YAMLMap } from 'yaml';
import type { TextEdit } from '../shared/model/text';
import { minimalEdit } from './codeActions';

/**
 * The edit of a `.kube-tls-lint.yaml` (its text, or undefined when it does not exist yet) that
 * sets `rules.<ruleId>: off`, touching nothing else: the rule's value is replaced, or one line is
 * added to `rules`, or a `rules` block is added at the end. Undefined when the rule is already off
 * or the file cannot be edited safely (it does not parse, or is not a map). Every edit is
 * checked by parsing the result.
 */
export function turnOffRuleEdit(text: string | undefined, ruleId: string): TextEdit | undefined {
  const source = text ?? '';
  const edit = plannedEdit(source, ruleId);
  if (!edit) return undefined;
  const after = source.slice(0, edit.start) + edit.newText + source.slice(edit.end);
  const check = parseDocument(after, { uniqueKeys: true });
  return check.errors.length === 0 && check.getIn(['rules', ruleId]) === 'off' ? edit : undefined;
}

function plannedEdit(text: string, ruleId: string): TextEdit | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  const key = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ruleId) ? ruleId : JSON.stringify(ruleId);
  const appendAtEnd = (lines: string): TextEdit => {
    const lead = text === '' || text.endsWith('\n') ? '' : eol;
    return { start: text.length, end: text.length, newText: `${lead}${lines}` };
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return appendAtEnd(`rules:${eol}  ${key}: off${eol}`);
  if (!isMap(root)) return undefined;
  const rulesPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'rules');
  if (!rulesPair) {
    // A block map at column 0 takes a new top-level key at the end; anything else is rewritten.
    if (!root.flow && root.range && columnOf(text, root.range[0]) === 0) return appendAtEnd(`rules:${eol}  ${key}: off${eol}`);
    return documentEdit(text, ruleId);
  }
  const rules = rulesPair.value;
  if (isMap(rules) && !rules.flow && rules.items.length > 0) {
    const existing = rules.items.find((p) => isScalar(p.key) && p.key.value === ruleId);
    if (existing) {
      if (isScalar(existing.value) && existing.value.value === 'off') return undefined;
      if (isScalar(existing.value) && existing.value.range) {
        const [start, end] = existing.value.range;
        return { start, end, newText: 'off' };
      }
      return documentEdit(text, ruleId);
    }
    return addToBlockMap(text, rules, key, eol) ?? documentEdit(text, ruleId);
  }
  return documentEdit(text, ruleId);
}

/** `<key>: off` on a new line after the map's last entry, indented like its first key. */
function addToBlockMap(text: string, map: YAMLMap, key: string, eol: string): TextEdit | undefined {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!isPair(first) || !isScalar(first.key) || !first.key.range) return undefined;
  const lastEnd = endOfPair(last);
  if (lastEnd === undefined) return undefined;
  const indent = ' '.repeat(columnOf(text, first.key.range[0]));
  // After the last entry's value (and any comment on its line), before that line's break.
  let at = text.indexOf('\n', Math.max(lastEnd - 1, 0));
  if (at === -1) at = text.length;
  else if (text[at - 1] === '\r') at--;
  return { start: at, end: at, newText: `${eol}${indent}${key}: off` };
}

function endOfPair(pair: unknown): number | undefined {
  if (!isPair(pair)) return undefined;
  const value = pair.value as Scalar | YAMLMap | null;
  if (value && 'range' in value && value.range) return value.range[1];
  const key = pair.key as Scalar | null;
  return key?.range ? key.range[1] : undefined;
}

/** Unusual layouts (flow maps, `rules:` with no value): the Document API keeps comments; the edit spans only what changed. */
function documentEdit(text: string, ruleId: string): TextEdit | undefined {
  const doc = parseDocument(text, { uniqueKeys: true });
  const rules = doc.get('rules', true);
  try {
    if (rules === undefined || rules === null || (isScalar(rules) && rules.value === null)) doc.set('rules', doc.createNode({ [ruleId]: 'off' }));
    else doc.setIn(['rules', ruleId], 'off');
  } catch {
    // `rules` is not a map: nothing to add to.
    return undefined;
  }
  const after = doc.toString();
  return after === text ? undefined : minimalEdit(text, after);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
