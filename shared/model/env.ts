import { Document, isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { contentEnd, SourceEditor } from './edit';
import { Container, deref, getNode, getPair } from './resources';
import { overlapsAny } from './template';
import type { Range, TextEdit } from './text';

/** One `env` entry of a container. */
export interface EnvVar {
  name: string;
  /** The literal value (`value` absent reads as ''); undefined when `unknown`. */
  value: string | undefined;
  /** Set, but not knowable here: `valueFrom`, a template action, or a `$(VAR)` reference. */
  unknown: boolean;
  /** From the `name` key to the end of the value: what a finding about the variable covers. */
  range: Range;
  index: number;
  valueNode?: Scalar;
}

/**
 * A container's environment as the kubelet builds it: the last entry of a name wins.
 * `complete` is false when variables may come from somewhere the file does not show
 * (`envFrom`, template actions in the list, entries that cannot be read).
 */
export class EnvSettings {
  private readonly byName = new Map<string, EnvVar>();

  constructor(
    readonly vars: readonly EnvVar[],
    readonly complete: boolean,
    private readonly container: Container,
    private readonly seq: YAMLSeq | undefined,
    private readonly editor: SourceEditor,
  ) {
    for (const v of vars) this.byName.set(v.name, v);
  }

  last(name: string): EnvVar | undefined {
    return this.byName.get(name);
  }

  /**
   * Removes the variable's list entry (every entry of that name, so no earlier one takes over);
   * `env:` goes too when nothing else is left in it.
   */
  remove(variable: EnvVar): TextEdit[] | undefined {
    if (!this.seq) return undefined;
    const same = this.vars.filter((v) => v.name === variable.name);
    const envPair = this.container.node.items.find((p) => p.value === this.seq);
    if (same.length === this.seq.items.length && envPair) {
      const edit = this.editor.removePair(this.container.node, envPair);
      if (edit) return [edit];
    }
    const edits: TextEdit[] = [];
    for (const v of this.vars) {
      if (v.name !== variable.name) continue;
      const edit = this.editor.removeSeqItems(this.seq, v.index, v.index);
      if (!edit) return undefined;
      edits.push(edit);
    }
    // Removing every entry of a flow list one by one would leave stray separators.
    if (this.seq.flow && edits.length > 1) return undefined;
    return edits;
  }

  /** Rewrites the variable's `value` in its own quoting (env values are strings). */
  setValue(variable: EnvVar, value: string): TextEdit[] | undefined {
    if (!variable.valueNode) return undefined;
    const edit = this.editor.replaceScalar(variable.valueNode, value);
    return edit ? [edit] : undefined;
  }
}

function scalarText(node: Scalar): string {
  // The core schema's scalars.
  const v = node.value as string | number | boolean | null | undefined;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return node.source ?? String(v);
}

/** Reads a container's `env` list (`name`/`value` pairs; `valueFrom` counts as set but unknown). */
export function readEnv(container: Container, templates: readonly Range[], editor: SourceEditor): EnvSettings {
  const doc = container.resource.doc;
  const seq = container.env;
  const vars: EnvVar[] = [];
  const envFrom = getNode(container.node, 'envFrom', doc);
  let complete = envFrom === undefined || isEmpty(envFrom);
  const envNode = getNode(container.node, 'env', doc);
  if (!seq) return new EnvSettings(vars, complete && (envNode === undefined || isEmpty(envNode)), container, undefined, editor);
  if (seq.range && overlapsAny({ start: seq.range[0], end: seq.range[1] }, templates)) complete = false;
  seq.items.forEach((raw, index) => {
    const item = deref(raw, doc);
    if (!isMap(item) || item !== raw) {
      complete = false;
      return;
    }
    const namePair = getPair(item, 'name', doc);
    const nameNode = namePair?.value;
    if (!namePair || !isScalar(nameNode) || typeof nameNode.value !== 'string' || !nameNode.range) {
      complete = false;
      return;
    }
    if (overlapsAny({ start: nameNode.range[0], end: nameNode.range[1] }, templates)) {
      complete = false;
      return;
    }
    // The entry's first key (or its `{`), whichever key it is, starts the variable's range.
    const firstKey = item.flow && item.range ? item.range[0] : (item.items[0].key as Scalar).range?.[0] ?? namePair.key.range![0];
    vars.push(envVarOf(item, nameNode.value, firstKey, index, templates, doc));
  });
  return new EnvSettings(vars, complete, container, seq, editor);
}

function envVarOf(item: YAMLMap, name: string, start: number, index: number, templates: readonly Range[], doc: Document.Parsed): EnvVar {
  const range = { start, end: Math.max(start, contentEnd(item) ?? start) };
  if (getPair(item, 'valueFrom', doc)) return { name, value: undefined, unknown: true, range, index };
  const node = getPair(item, 'value', doc)?.value;
  // No `value` (or an empty one): the variable is set to the empty string.
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return { name, value: '', unknown: false, range, index, valueNode: isScalar(node) && node.range && node.range[1] > node.range[0] ? node : undefined };
  if (!isScalar(node)) return { name, value: undefined, unknown: true, range, index };
  const text = scalarText(node);
  const templated = !!node.range && overlapsAny({ start: node.range[0], end: node.range[1] }, templates);
  // `$(OTHER)` is expanded by the kubelet from other variables: not knowable statically.
  const unknown = templated || /\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(text.replace(/\$\$/g, ''));
  return { name, value: unknown ? undefined : text, unknown, range, index, valueNode: node };
}

/** `key:` with nothing, or an empty list. */
function isEmpty(node: Node): boolean {
  return (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0);
}
