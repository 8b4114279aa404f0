import { isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Component, FlagEditor } from './component';
import type { ComponentProvider } from './components';
import { formatScalar, SourceEditor, withEntries } from './edit';
import { FlagOccurrence, FlagSet } from './flags';
import type { Binary, Word } from './invocation';
import { deref, getPair, Resource } from './resources';
import { overlapsAny } from './template';
import type { Range, TextEdit } from './text';

/**
 * kubeadm `ClusterConfiguration`: `extraArgs` of each control-plane section become that
 * program's flags. kubeadm.k8s.io v1beta1–v1beta3 write them as a map `name: "value"`,
 * v1beta4 (and later) as a list of `{name, value}`; the shape found is what is read.
 * `InitConfiguration`/`JoinConfiguration` give the kubelet flags in
 * `nodeRegistration.kubeletExtraArgs`. Cluster API embeds the same configurations in its
 * `KubeadmControlPlane` and `KubeadmConfig` resources (and their templates).
 */
const SECTIONS: ReadonlyArray<{ path: readonly string[]; binary: Binary }> = [
  { path: ['apiServer'], binary: 'kube-apiserver' },
  { path: ['controllerManager'], binary: 'kube-controller-manager' },
  { path: ['scheduler'], binary: 'kube-scheduler' },
  { path: ['etcd', 'local'], binary: 'etcd' },
];

const KUBEADM_GROUP = 'kubeadm.k8s.io';
const CAPI_CONTROL_PLANE_GROUP = 'controlplane.cluster.x-k8s.io';
const CAPI_BOOTSTRAP_GROUP = 'bootstrap.cluster.x-k8s.io';

/** API versions whose `extraArgs` is a map; newer ones use the list form. */
const MAP_VERSIONS: Record<string, ReadonlySet<string>> = {
  [KUBEADM_GROUP]: new Set(['v1beta1', 'v1beta2', 'v1beta3']),
  // Cluster API switched to the list form in v1beta2.
  [CAPI_CONTROL_PLANE_GROUP]: new Set(['v1alpha2', 'v1alpha3', 'v1alpha4', 'v1beta1']),
  [CAPI_BOOTSTRAP_GROUP]: new Set(['v1alpha2', 'v1alpha3', 'v1alpha4', 'v1beta1']),
};

/** Where each resource kind keeps its kubeadm configurations (path to the `…Configuration` map). */
const EMBEDDED: Record<string, Record<string, readonly string[]>> = {
  [CAPI_CONTROL_PLANE_GROUP]: {
    KubeadmControlPlane: ['spec', 'kubeadmConfigSpec'],
    KubeadmControlPlaneTemplate: ['spec', 'template', 'spec', 'kubeadmConfigSpec'],
  },
  [CAPI_BOOTSTRAP_GROUP]: {
    KubeadmConfig: ['spec'],
    KubeadmConfigTemplate: ['spec', 'template', 'spec'],
  },
};

export function isClusterConfiguration(resource: Resource): boolean {
  return resource.group === KUBEADM_GROUP && resource.kind === 'ClusterConfiguration';
}

/** One kubeadm configuration map: a whole kubeadm document, or one embedded in a Cluster API resource. */
interface ConfigurationMap {
  kind: 'ClusterConfiguration' | 'InitConfiguration' | 'JoinConfiguration';
  node: unknown;
}

function configurationsOf(resource: Resource): ConfigurationMap[] {
  if (resource.group === KUBEADM_GROUP) {
    const kind = resource.kind;
    return kind === 'ClusterConfiguration' || kind === 'InitConfiguration' || kind === 'JoinConfiguration' ? [{ kind, node: resource.node }] : [];
  }
  const spec = kubeadmConfigSpecOf(resource);
  if (!spec) return [];
  const out: ConfigurationMap[] = [];
  for (const [key, kind] of [
    ['clusterConfiguration', 'ClusterConfiguration'],
    ['initConfiguration', 'InitConfiguration'],
    ['joinConfiguration', 'JoinConfiguration'],
  ] as const) {
    const node = deref(getPair(spec, key, resource.doc)?.value, resource.doc);
    if (isMap(node)) out.push({ kind, node });
  }
  return out;
}

/** The kubeadm `ClusterConfiguration` maps of a resource: a kubeadm document, or those a Cluster API resource embeds. */
export function clusterConfigurationsOf(resource: Resource): YAMLMap[] {
  return configurationsOf(resource).filter((c) => c.kind === 'ClusterConfiguration' && isMap(c.node)).map((c) => c.node as YAMLMap);
}

/** Where a Cluster API resource keeps its kubeadm settings (`kubeadmConfigSpec`, a KubeadmConfig's `spec`). */
export function kubeadmConfigSpecOf(resource: Resource): YAMLMap | undefined {
  const path = EMBEDDED[resource.group]?.[resource.kind];
  const spec = path ? nodeAt(resource.node, path, resource) : undefined;
  return isMap(spec) ? spec : undefined;
}

function nodeAt(root: unknown, path: readonly string[], resource: Resource): unknown {
  let node: unknown = root;
  for (const key of path) node = deref(getPair(node, key, resource.doc)?.value, resource.doc);
  return node;
}

export const kubeadmProvider: ComponentProvider = (resource, file, editor) => {
  const configurations = configurationsOf(resource);
  if (configurations.length === 0) return [];
  const version = resource.apiVersion.slice(resource.apiVersion.lastIndexOf('/') + 1);
  const listStyle = !MAP_VERSIONS[resource.group]?.has(version);
  const out: Component[] = [];
  const add = (container: unknown, path: readonly string[], argsKey: string, binary: Binary) => {
    let parent = container;
    let sectionPair: Pair<Scalar, unknown> | undefined;
    for (const key of path) {
      sectionPair = getPair(parent, key, resource.doc);
      parent = sectionPair ? deref(sectionPair.value, resource.doc) : undefined;
    }
    // No section (or `etcd.external`): kubeadm runs the program with its defaults only.
    if (!sectionPair?.key.range) return;
    const component = sectionComponent(resource, binary, sectionPair, argsKey, listStyle, file.templateRanges, editor);
    if (component) out.push(component);
  };
  for (const configuration of configurations) {
    if (configuration.kind === 'ClusterConfiguration') {
      for (const { path, binary } of SECTIONS) add(configuration.node, path, 'extraArgs', binary);
    } else {
      add(configuration.node, ['nodeRegistration'], 'kubeletExtraArgs', 'kubelet');
    }
  }
  return out;
};

interface Entry {
  occurrence: FlagOccurrence;
  /** The map pair (map form) or list item (list form) holding the flag. */
  pair?: Pair;
  index?: number;
  valueNode?: Scalar;
  editable: boolean;
}

function sectionComponent(
  resource: Resource,
  binary: Binary,
  sectionPair: Pair<Scalar, unknown>,
  argsKey: string,
  listStyle: boolean,
  templates: readonly Range[],
  editor: SourceEditor,
): Component | undefined {
  const doc = resource.doc;
  const section = deref(sectionPair.value, doc);
  if (section !== undefined && !isMap(section) && !isNullScalar(section)) return undefined;
  const argsPair = isMap(section) ? getPair(section, argsKey, doc) : undefined;
  const args = argsPair ? deref(argsPair.value, doc) : undefined;
  // An alias means the same nodes are used elsewhere too: read them, never edit them.
  const shared = isAlias(sectionPair.value) || (argsPair !== undefined && isAlias(argsPair.value));
  let entries: Entry[];
  if (isMap(args)) entries = mapEntries(args, templates, shared);
  else if (isSeq(args)) entries = listEntries(args, doc, templates, shared);
  else if (args === undefined || isNullScalar(args)) entries = [];
  else return undefined; // not something kubeadm accepts
  const anchorKey = argsPair?.key && isScalar(argsPair.key) && argsPair.key.range ? argsPair.key : sectionPair.key;
  const flags = new FlagSet(entries.map((e) => e.occurrence));
  return {
    binary,
    origin: 'kubeadm',
    resource,
    anchor: { start: anchorKey.range![0], end: anchorKey.range![1] },
    flags,
    // kubeadm writes the static pod itself and always adds the certificate, key and CA flags
    // (and more): a flag missing from extraArgs is not missing from the running program.
    complete: false,
    editor: kubeadmEditor({ section, sectionPair, argsKey, argsPair, args, entries, listStyle, shared }, editor),
  };
}

function isNullScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

/** The scalar's text as the program receives it (kubeadm's values are strings). */
function scalarText(node: Scalar): string {
  // The core schema's scalars.
  const v = node.value as string | number | boolean | null | undefined;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return node.source ?? String(v);
}

function word(node: Scalar, value: string, templates: readonly Range[]): Word {
  const range = { start: node.range![0], end: node.range![1] };
  return { value, range, node, located: true, templated: overlapsAny(range, templates) };
}

/** The flag a `name`/`value` pair stands for; an empty value scalar is no value word. */
function flagEntry(
  nameWord: Word,
  valueNode: Scalar | undefined,
  templates: readonly Range[],
  rangeOf: (valueWord: Word | undefined) => Range,
): Pick<Entry, 'occurrence' | 'valueNode'> {
  const valueWord = valueNode && valueNode.range![1] > valueNode.range![0] ? word(valueNode, scalarText(valueNode), templates) : undefined;
  return {
    occurrence: {
      name: nameWord.value,
      value: valueNode ? scalarText(valueNode) : '',
      unknown: nameWord.templated || !!valueWord?.templated,
      nameWord,
      valueWord,
      range: rangeOf(valueWord),
    },
    valueNode: valueWord ? valueNode : undefined,
  };
}

function mapEntries(map: YAMLMap, templates: readonly Range[], shared: boolean): Entry[] {
  const out: Entry[] = [];
  for (const item of map.items) {
    const key = item.key;
    if (!isScalar(key) || !key.range || key.value === null) continue;
    const nameWord = word(key, scalarText(key), templates);
    const value = item.value;
    // A nested map or list is not a flag value (kubeadm rejects it); an alias cannot be placed.
    if (value !== null && !isScalar(value)) continue;
    const valueNode = isScalar(value) && value.range ? value : undefined;
    const entry = flagEntry(nameWord, valueNode, templates, (valueWord) => ({ start: nameWord.range.start, end: valueWord ? valueWord.range.end : nameWord.range.end }));
    out.push({ ...entry, pair: item, editable: !shared });
  }
  return out;
}

function listEntries(seq: YAMLSeq, doc: Resource['doc'], templates: readonly Range[], shared: boolean): Entry[] {
  const out: Entry[] = [];
  seq.items.forEach((raw, index) => {
    const item = deref(raw, doc);
    if (!isMap(item) || !item.range) return;
    const namePair = getPair(item, 'name', doc);
    const nameNode = namePair?.value;
    if (!isScalar(nameNode) || !nameNode.range || typeof nameNode.value !== 'string') return;
    const nameWord = word(nameNode, nameNode.value, templates);
    const valuePair = getPair(item, 'value', doc);
    const valueNode = isScalar(valuePair?.value) && valuePair.value.range ? valuePair.value : undefined;
    if (valuePair && valuePair.value !== null && !valueNode) return; // a non-scalar value
    const entry = flagEntry(nameWord, valueNode, templates, () => itemRange(item));
    out.push({
      ...entry,
      index,
      editable: !shared && !isAlias(raw),
    });
  });
  return out;
}

/** The item's own text: `name: x\n  value: "y"` without the trailing line break or comment. */
function itemRange(item: YAMLMap): Range {
  if (item.flow) return { start: item.range![0], end: item.range![1] };
  let end = item.range![0];
  for (const pair of item.items) {
    const last = (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value)) && pair.value.range ? pair.value : isScalar(pair.key) ? pair.key : undefined;
    if (last?.range) end = Math.max(end, last.range[1]);
  }
  return { start: item.range![0], end };
}

interface Place {
  section: unknown;
  sectionPair: Pair<Scalar, unknown>;
  /** `extraArgs`, or `kubeletExtraArgs` under `nodeRegistration`. */
  argsKey: string;
  argsPair?: Pair;
  args: unknown;
  entries: Entry[];
  listStyle: boolean;
  shared: boolean;
}

/** Edits `extraArgs` in its own style: block or flow, indentation, quoting, map or list. */
function kubeadmEditor(place: Place, editor: SourceEditor): FlagEditor {
  const entryOf = (occ: FlagOccurrence) => place.entries.find((e) => e.occurrence === occ && e.editable);
  return {
    insert(flags) {
      if (place.shared || flags.length === 0) return undefined;
      // New list items can follow one another; new keys or a new `extraArgs:` are added alone.
      const args = place.args;
      const edit = isMap(args)
        ? mark(appendToMap(args, flags, editor), args, false)
        : isSeq(args)
          ? mark(appendToList(args, flags, editor), args, true)
          : isMap(place.section) ? mark(createExtraArgs(place, flags, editor), place.section, false) : undefined;
      return edit ? [edit] : undefined;
    },
    remove(occ) {
      const entry = entryOf(occ);
      if (!entry) return undefined;
      const edit = entry.pair && isMap(place.args)
        ? editor.removePair(place.args, entry.pair)
        : entry.index !== undefined && isSeq(place.args)
          ? editor.removeSeqItems(place.args, entry.index, entry.index)
          : undefined;
      return edit ? [edit] : undefined;
    },
    setValue(occ, value) {
      const entry = entryOf(occ);
      if (!entry?.valueNode) return undefined;
      const edit = editor.replaceScalar(entry.valueNode, value);
      return edit ? [edit] : undefined;
    },
  };
}

function mark(edit: TextEdit | undefined, collection: YAMLMap | YAMLSeq, appends: boolean): TextEdit | undefined {
  return edit && withEntries(edit, collection, 0, appends);
}

/** Quoted like the neighbours, and always read back as a string (`"6443"`, never `6443`). */
function valueText(value: string, like: Scalar | undefined, flow: boolean): string {
  return formatScalar(value, like && (like.type === 'QUOTE_SINGLE' || like.type === 'QUOTE_DOUBLE') ? like : undefined, flow);
}

function lastValueScalar(map: YAMLMap): Scalar | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const v = map.items[i].value;
    if (isScalar(v) && v.range && v.range[1] > v.range[0]) return v;
  }
  return undefined;
}

/** Leading whitespace of the line `offset` is on, when only whitespace precedes it. */
function indentBefore(offset: number, editor: SourceEditor): string | undefined {
  const lead = editor.text.slice(editor.lines.lineStart(editor.lineOf(offset)), offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

/** Offset just before the line break ending the line that `end` (exclusive) finishes on. */
function endOfLineAt(end: number, editor: SourceEditor): number {
  let last = end;
  while (last > 0 && /\s/.test(editor.text[last - 1])) last--;
  return editor.lines.lineContentEnd(editor.lineOf(Math.max(0, last - 1)));
}

/** The end of a pair's text: its value, or its key when it has none. */
function pairEnd(pair: Pair): number | undefined {
  const value = pair.value as Scalar | YAMLMap | YAMLSeq | null;
  const key = pair.key as Scalar | null;
  const range = value?.range && value.range[1] > value.range[0] ? value.range : key?.range;
  return range?.[1];
}

function appendToMap(map: YAMLMap, flags: ReadonlyArray<{ name: string; value: string }>, editor: SourceEditor): TextEdit | undefined {
  const like = lastValueScalar(map);
  if (map.flow) {
    const open = map.range?.[0];
    const last = map.items[map.items.length - 1];
    const entries = flags.map((f) => `${formatScalar(f.name, undefined, true)}: ${valueText(f.value, like, true)}`);
    if (!last) {
      if (open === undefined || editor.text[open] !== '{') return undefined;
      return { start: open + 1, end: open + 1, newText: entries.join(', ') };
    }
    const end = pairEnd(last);
    return end === undefined ? undefined : { start: end, end, newText: entries.map((e) => ', ' + e).join('') };
  }
  const last = map.items[map.items.length - 1];
  const key = last?.key as Scalar | undefined;
  const end = last ? pairEnd(last) : undefined;
  if (!key?.range || end === undefined) return undefined;
  if (!isScalar(last.value) && last.value !== null) return undefined;
  const indent = indentBefore(key.range[0], editor);
  if (indent === undefined) return undefined;
  const at = endOfLineAt(end, editor);
  const eol = editor.lines.eolOf(editor.lineOf(key.range[0]));
  return { start: at, end: at, newText: flags.map((f) => `${eol}${indent}${formatScalar(f.name, undefined, false)}: ${valueText(f.value, like, false)}`).join('') };
}

function appendToList(seq: YAMLSeq, flags: ReadonlyArray<{ name: string; value: string }>, editor: SourceEditor): TextEdit | undefined {
  const items = seq.items;
  const last = items[items.length - 1];
  const likeItem = isMap(last) ? last : undefined;
  const likeName = likeItem ? likeItem.get('name', true) : undefined;
  const likeValue = likeItem ? likeItem.get('value', true) : undefined;
  const name = (n: string, flow: boolean) => valueText(n, isScalar(likeName) ? likeName : undefined, flow);
  const value = (v: string, flow: boolean) => valueText(v, isScalar(likeValue) ? likeValue : undefined, flow);
  if (seq.flow) {
    const entries = flags.map((f) => `{name: ${name(f.name, true)}, value: ${value(f.value, true)}}`);
    if (!last) {
      const open = seq.range?.[0];
      if (open === undefined || editor.text[open] !== '[') return undefined;
      return { start: open + 1, end: open + 1, newText: entries.join(', ') };
    }
    if (!isMap(last) || !last.range) return undefined;
    const end = last.flow ? last.range[1] : undefined;
    return end === undefined ? undefined : { start: end, end, newText: entries.map((e) => ', ' + e).join('') };
  }
  // Block list of block maps: `- name: x` then `  value: y` under it.
  if (!likeItem || likeItem.flow || !likeItem.range) return undefined;
  const prefix = editor.itemPrefix(likeItem);
  const lastPair = likeItem.items[likeItem.items.length - 1];
  const end = lastPair ? pairEnd(lastPair) : undefined;
  if (prefix === undefined || end === undefined || (!isScalar(lastPair.value) && lastPair.value !== null)) return undefined;
  const at = endOfLineAt(end, editor);
  const eol = editor.lines.eolOf(editor.lineOf(likeItem.range[0]));
  const inner = ' '.repeat(prefix.length);
  return { start: at, end: at, newText: flags.map((f) => `${eol}${prefix}name: ${name(f.name, false)}${eol}${inner}value: ${value(f.value, false)}`).join('') };
}

/**
 * No `extraArgs` (`kubeletExtraArgs`) yet: adds one at the end of a block-style section (`apiServer:` with keys),
 * indented like the section's keys. Anything else (flow style, an empty section) is left alone.
 */
function createExtraArgs(place: Place, flags: ReadonlyArray<{ name: string; value: string }>, editor: SourceEditor): TextEdit | undefined {
  const section = place.section;
  if (place.argsPair || !isMap(section) || section.flow || section.items.length === 0) return undefined;
  const first = section.items[0].key as Scalar | undefined;
  const last = section.items[section.items.length - 1];
  const end = pairEnd(last);
  if (!first?.range || end === undefined || (!isScalar(last.value) && !isMap(last.value) && !isSeq(last.value) && last.value !== null)) return undefined;
  const indent = indentBefore(first.range[0], editor);
  const sectionIndent = place.sectionPair.key.range ? indentBefore(place.sectionPair.key.range[0], editor) : undefined;
  if (indent === undefined || sectionIndent === undefined || indent.length <= sectionIndent.length) return undefined;
  // One more level, as deep as the section's own keys are below the section.
  const step = indent.slice(sectionIndent.length);
  const eol = editor.lines.eolOf(editor.lineOf(first.range[0]));
  const at = endOfLineAt(end, editor);
  const lines = place.listStyle
    ? flags.map((f) => `${eol}${indent}- name: ${formatScalar(f.name, undefined, false)}${eol}${indent}  value: ${valueText(f.value, undefined, false)}`)
    : flags.map((f) => `${eol}${indent}${step}${formatScalar(f.name, undefined, false)}: ${valueText(f.value, undefined, false)}`);
  return { start: at, end: at, newText: `${eol}${indent}${place.argsKey}:${lines.join('')}` };
}
