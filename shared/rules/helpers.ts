import { isMap, isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { CommandLine } from '../model/command-line';
import type { Component } from '../model/component';
import { contentEnd, formatScalar, SourceEditor } from '../model/edit';
import { eckConfigsOf, ElasticConfigs, fileConfigsOf } from '../model/eck-config';
import type { FlagOccurrence } from '../model/flags';
import { getPair, Resource } from '../model/resources';
import type { Range, TextEdit } from '../model/text';
import type { FixSpec, MessageData, Rule, RuleContext, RuleVisitors } from './types';

/** A flag a program needs, and the `fix` setting holding the value a fix inserts for it. */
export interface RequiredFlag {
  flag: string;
  fixKey: string;
}

/**
 * The whole check of a rule about required flags of one program: `create: missingFlagsCheck(…)`.
 * The rule module keeps its metadata; this is what the eight such rules do alike.
 */
export function missingFlagsCheck(
  binary: Component['binary'],
  required: readonly RequiredFlag[],
  options: { safe?: boolean } = {},
): Rule['create'] {
  return (context) => {
    const texts: MissingFlagsTexts = new Map();
    return {
      component(component) {
        if (component.binary === binary) reportMissingFlags(context, component, required, options, texts);
      },
    };
  };
}

/** The flags, message and fix title of each set of missing flags (by the bits of their indices in `required`), made once per lint. */
type MissingFlagsTexts = Map<number, { missing: RequiredFlag[]; data: MessageData; title: string }>;

/**
 * Reports the required flags that are absent or empty on a component whose whole command
 * line is visible (`complete`: not templated, not kubeadm, which adds them itself) and that
 * runs as a server, with a fix that sets the empty ones in place and appends the absent ones
 * with the configured values. The message is the rule's `missing`, with `binary` and `flags`.
 */
function reportMissingFlags(
  context: RuleContext,
  component: Component,
  required: readonly RequiredFlag[],
  options: { safe?: boolean } = {},
  texts: MissingFlagsTexts = new Map(),
): void {
  // `kube-apiserver --version` (a Job, an init container) prints and exits: it serves nothing.
  if (!component.complete || ['version', 'help', 'h'].some((f) => component.flags.has(f))) return;
  let bits = 0;
  for (let i = 0; i < required.length; i++) if (!component.flags.isSet(required[i].flag)) bits |= 1 << i;
  if (bits === 0) return;
  let text = texts.get(bits);
  if (!text) {
    const missing = required.filter((_, i) => bits & (1 << i));
    text = {
      missing,
      data: { binary: component.binary, flags: missing.map((r) => `--${r.flag}`).join(' and ') },
      title: `Add ${missing.map((r) => `--${r.flag}=${context.fixDefaults[r.fixKey]}`).join(' ')}`,
    };
    texts.set(bits, text);
  }
  // Built when asked for (a file with thousands of such components never needs most of them),
  // from as little as it needs: the flags written empty, set in place, and the editor.
  const { missing, data, title } = text;
  const present = missing.some((r) => component.flags.has(r.flag)) ? missing.map((r) => component.flags.last(r.flag)) : undefined;
  const safe = options.safe ?? missing.every((r) => context.fixConfigured(r.fixKey));
  context.report({ range: component.anchor, messageId: 'missing', data, fixes: missingFlagsFix(component.editor, context.fixDefaults, missing, present, title, safe) });
}

/** The fix of `reportMissingFlags`, as a function building it. */
function missingFlagsFix(
  editor: Component['editor'],
  fixDefaults: RuleContext['fixDefaults'],
  missing: readonly RequiredFlag[],
  present: ReadonlyArray<FlagOccurrence | undefined> | undefined,
  title: string,
  safe: boolean,
): () => FixSpec[] {
  return () => {
    const edits: Array<TextEdit[] | undefined> = [];
    const toInsert: Array<{ name: string; value: string }> = [];
    missing.forEach(({ flag, fixKey }, i) => {
      const value = fixDefaults[fixKey];
      if (value === undefined) return edits.push(undefined);
      const occurrence = present?.[i];
      if (occurrence) edits.push(editor.setValue(occurrence, value));
      else toInsert.push({ name: flag, value });
    });
    if (toInsert.length) edits.push(editor.insert(toInsert));
    const complete = edits.every(Boolean);
    // A default path is a guess at where the files are: a wrong one stops the program.
    return [{ title, edits: complete ? edits.flat().filter((e): e is TextEdit => e !== undefined) : undefined, isPreferred: true, safe }];
  };
}

/**
 * The value a rule can judge: undefined when absent, templated, or written with a variable
 * (`$(POD_IP)` expanded by the kubelet, `$VAR` in a shell script) the file does not resolve.
 */
export function knownValue(occurrence: FlagOccurrence | undefined): string | undefined {
  if (!occurrence || occurrence.unknown || occurrence.value === undefined) return undefined;
  return occurrence.value.includes('$') ? undefined : occurrence.value;
}

/** Go's `strconv.ParseBool`, which pflag uses for boolean flags; undefined when it would fail. */
export function parseGoBool(value: string | undefined): boolean | undefined {
  const v = value?.trim();
  if (v === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/**
 * The source range of just the value (`VALUE` in `--flag=VALUE`, the separate value word, or a
 * kubeadm value scalar), so a finding about the value points at it. Falls back to the whole
 * occurrence when the value's text is not written literally (escapes in a quoted scalar).
 */
export function valueRange(occurrence: FlagOccurrence, text: string): Range {
  const value = occurrence.value;
  if (occurrence.valueWord) return unquoted(occurrence.valueWord.range, value, text);
  const { start, end } = occurrence.nameWord.range;
  if (value === undefined) return occurrence.range;
  const raw = text.slice(start, end);
  const eq = raw.indexOf(`${occurrence.name}=`);
  if (eq < 0) return occurrence.range;
  const from = start + eq + occurrence.name.length + 1;
  if (text.slice(from, from + value.length) !== value) return occurrence.range;
  return { start: from, end: from + value.length };
}

/**
 * Removes every occurrence of a flag: removing only the effective (last) one would let an
 * earlier one take over. Undefined when one cannot be removed or two removals would overlap.
 */
/**
 * The occurrence that takes effect among a flag and its aliases (old names of the same setting,
 * such as kube-apiserver's `--port` for `--insecure-port`): the binary keeps the last one written.
 */
export function lastOfAliases(component: Component, names: readonly string[]): FlagOccurrence | undefined {
  let best: FlagOccurrence | undefined;
  let bestIndex = -1;
  for (const name of names) {
    const occurrence = component.flags.last(name);
    const index = occurrence ? component.flags.occurrences.indexOf(occurrence) : -1;
    if (index > bestIndex) {
      best = occurrence;
      bestIndex = index;
    }
  }
  return best;
}

export function removeAllEdits(component: Component, name: string | readonly string[]): TextEdit[] | undefined {
  const names = typeof name === 'string' ? [name] : name;
  return removeOccurrencesEdits(component.editor, names.flatMap((n) => component.flags.all(n)));
}

/** Removes each of the occurrences; undefined when one cannot be removed or two removals would overlap. */
export function removeOccurrencesEdits(editor: Component['editor'], occurrences: readonly FlagOccurrence[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const occurrence of occurrences) {
    const e = editor.remove(occurrence);
    if (!e) return undefined;
    edits.push(...e);
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
  return edits.length ? edits : undefined;
}

/** Comma-separated list items (cipher suites, feature gates) with their offsets in `value`. */
export function listItems(value: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let offset = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text) out.push({ text, start: offset + lead, end: offset + lead + text.length });
    offset += part.length + 1;
  }
  return out;
}

/** A `kubelet.config.k8s.io` `KubeletConfiguration`, whose fields the kubelet reads like its flags. */
export function isKubeletConfig(resource: Resource): boolean {
  return resource.group === 'kubelet.config.k8s.io' && resource.kind === 'KubeletConfiguration';
}

/** A top-level scalar field of a resource (not through an alias: the fix edits it in place). */
export function scalarField(resource: Resource, key: string): Scalar | undefined {
  const value = getPair(resource.node, key)?.value;
  return isScalar(value) && value.range ? value : undefined;
}

/** The source range of a scalar without its quotes, when its text is the value verbatim. */
export function scalarValueRange(node: Scalar, text: string): Range {
  return unquoted({ start: node.range![0], end: node.range![1] }, typeof node.value === 'string' ? node.value : undefined, text);
}

/** A quoted scalar's range without the quotes, when the text between them is `value` verbatim. */
function unquoted(range: Range, value: string | undefined, text: string): Range {
  const { start, end } = range;
  const quoted = end - start >= 2 && /^["']$/.test(text[start]) && text[end - 1] === text[start];
  return quoted && text.slice(start + 1, end - 1) === value ? { start: start + 1, end: end - 1 } : range;
}

/**
 * Where the text of a section starting at `start` ends: at the next key of the maps holding it,
 * or at the end of its document. (A node's own range stops at its last value, before lines that
 * held only template actions.)
 */
export function sectionEnd(text: string, start: number, holders: Array<YAMLMap | undefined>): number {
  let end = text.length;
  const documentEnd = /^---(?=[ \t\r\n]|$)/m.exec(text.slice(start));
  if (documentEnd) end = start + documentEnd.index;
  for (const holder of holders) {
    for (const pair of holder?.items ?? []) {
      const at = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (at !== undefined && at > start && at < end) end = at;
    }
  }
  return end;
}

/** Template actions in the original text of a range: its value is unknown. */
export function templated(text: string, range: Range): boolean {
  return /\{\{|\{%/.test(text.slice(range.start, range.end));
}

/**
 * Rewrites a list of plain strings with new items in its own style: `[a, b]` stays flow, a
 * block list keeps its dash prefix and line breaks. Undefined when comments or unusual items
 * would be lost.
 */
export function rewriteStringSeq(seq: YAMLSeq, values: readonly string[], editor: SourceEditor): TextEdit[] | undefined {
  const items = seq.items;
  if (!seq.range || values.length === 0 || items.length === 0 || !items.every((i) => isScalar(i) && i.range)) return undefined;
  const first = items[0] as Scalar;
  const last = items[items.length - 1] as Scalar;
  if (seq.flow) {
    const [start, end] = seq.range;
    if (editor.text[start] !== '[' || editor.text[end - 1] !== ']' || editor.text.slice(start, end).includes('#')) return undefined;
    return [{ start: first.range![0], end: last.range![1], newText: values.map((v) => formatScalar(v, first, true)).join(', ') }];
  }
  const prefix = editor.itemPrefix(first);
  if (prefix === undefined) return undefined;
  const from = editor.lines.lineStart(editor.lineOf(first.range![0]));
  const to = editor.lines.lineContentEnd(editor.lineOf(Math.max(last.range![0], last.range![1] - 1)));
  if (editor.text.slice(from, to).includes('#')) return undefined;
  const eol = editor.lines.eolOf(editor.lineOf(first.range![0]));
  return [{ start: from, end: to, newText: values.map((v) => prefix + formatScalar(v, first, false)).join(eol) }];
}

/**
 * The host of a plain `http://` URL, lower-cased, without user info, port or path (IPv6 keeps
 * its brackets; empty for `http://:2379`); undefined for any other scheme.
 */
export function plainHttpHost(url: string): string | undefined {
  const authority = /^\s*http:\/\/([^/?#]*)/i.exec(url)?.[1];
  if (authority === undefined) return undefined;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  return (/^(\[[^\]]*\]|[^:]*)/.exec(hostPort)?.[1] ?? '').toLowerCase();
}

/** A URL host that never leaves the machine (or pod): `localhost`, `127.0.0.0/8`, `[::1]`. */
export function isLoopbackUrlHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The `http://` URLs of a comma-separated list whose host is not loopback. A URL written with a
 * `${…}` expansion is unknown and skipped; a Kubernetes `$(VAR)` host does not hide its scheme.
 */
export function plainHttpUrls(list: string): string[] {
  return list
    .split(',')
    .map((url) => url.trim())
    .filter((url) => {
      if (url.includes('${')) return false;
      // An empty host (`http://:2379`) listens on every interface.
      const host = plainHttpHost(url);
      return host !== undefined && !isLoopbackUrlHost(host);
    });
}

/** A setting's literal text, where it is written: a flag's value, or else its environment variable's. */
export interface WrittenSetting {
  /** `--listen-client-urls` or `ETCD_LISTEN_CLIENT_URLS`. */
  label: string;
  value: string;
  /** The value's own text (its own line when split from the flag). */
  range: Range;
}

/**
 * The text that sets `flag` on a component, as written (`$(VAR)` and `$VAR` kept): the last
 * flag occurrence, or else the program's environment variable (`envName`). Undefined when
 * absent, valueless, templated or from `valueFrom`.
 */
export function writtenSetting(component: Component, flag: string, text: string, envName?: string): WrittenSetting | undefined {
  const occurrence = component.flags.last(flag);
  if (occurrence) {
    if (occurrence.unknown || occurrence.value === undefined) return undefined;
    return { label: `--${flag}`, value: occurrence.value, range: valueRange(occurrence, text) };
  }
  const variable = envName ? component.env?.last(envName) : undefined;
  const node = variable?.valueNode;
  if (!variable || !node?.range || variable.value === '') return undefined;
  const range = scalarValueRange(node, text);
  if (templated(text, { start: node.range[0], end: node.range[1] })) return undefined;
  const value = typeof node.value === 'string' ? node.value : String((node.value as number | boolean | null | undefined) ?? '');
  return { label: variable.name, value, range };
}

/**
 * The boolean flags of a command line (any of `names`, compared without case when `anyCase`)
 * whose last occurrence is true as Go's flag parser reads it: bare, `=true`, `=1`, `=True`…
 * (a boolean flag never takes the next word as its value). Templated values are unknown.
 */
function trueBooleanFlags(line: CommandLine, names: readonly string[], anyCase = false): FlagOccurrence[] {
  const key = (name: string) => (anyCase ? name.toLowerCase() : name);
  const wanted = new Set(names.map(key));
  const last = new Map<string, FlagOccurrence>();
  for (const occurrence of line.flags.occurrences) if (wanted.has(key(occurrence.name))) last.set(key(occurrence.name), occurrence);
  return [...last.values()].filter((o) => !o.unknown && parseGoBool(o.value) === true);
}

/** Removes every occurrence of a flag (any spelling in `names`) from a command line; undefined when one cannot be. */
function removeFlagEdits(line: CommandLine, occurrence: FlagOccurrence, anyCase = false): TextEdit[] | undefined {
  const same = (name: string) => (anyCase ? name.toLowerCase() === occurrence.name.toLowerCase() : name === occurrence.name);
  const edits: TextEdit[] = [];
  for (const o of line.flags.occurrences.filter((o) => same(o.name))) {
    const e = line.editor.remove(o);
    if (!e) return undefined;
    edits.push(...e);
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
  return edits.length ? edits : undefined;
}

/**
 * Reports each flag of `names` a command line turns on (its last occurrence is a Go boolean that
 * is true, or has no value), on the flag's name with `messageId` and the flag as written (`flag`),
 * and an unsafe fix removing every occurrence: switches that turn certificate verification off
 * are often there to make a connection work, so taking one away may break it.
 */
export function reportTrueBooleanFlags(context: RuleContext, line: CommandLine, names: readonly string[], messageId: string, anyCase = false): void {
  for (const occurrence of trueBooleanFlags(line, names, anyCase)) {
    context.report({
      range: occurrence.nameWord.range,
      messageId,
      data: { flag: occurrence.nameWord.value.trim() },
      fixes: [{ title: `Remove --${occurrence.name}`, edits: removeFlagEdits(line, occurrence, anyCase), isPreferred: true, safe: false }],
    });
  }
}

/** A pair found by key in a map (not through an alias), with the map and the pair holding the map. */
export interface FoundPair {
  map: YAMLMap;
  pair: Pair<Scalar, unknown>;
  /** The map's own parent and pair (`tls:` of `tls: {insecureSkipVerify: true}`), when it has one. */
  owner?: [YAMLMap, Pair];
}

/** Follows `path` through block or flow maps (no aliases) to the pair of its last key. */
export function pairAtPath(root: YAMLMap, path: readonly string[]): FoundPair | undefined {
  let map = root;
  let owner: [YAMLMap, Pair] | undefined;
  for (let i = 0; i < path.length - 1; i++) {
    const pair = getPair(map, path[i]);
    if (!pair || !isMap(pair.value)) return undefined;
    owner = [map, pair];
    map = pair.value;
  }
  const pair = getPair(map, path[path.length - 1]);
  return pair ? { map, pair, owner } : undefined;
}

/**
 * Removes a key: its map becomes `{}` when the key was all it held (block style), so the
 * parent keeps its shape. Undefined when a comment, an anchor or the layout forbids it.
 */
export function removeKeyEdits(found: FoundPair, editor: SourceEditor): TextEdit[] | undefined {
  return removeUpward([[found.map, found.pair as Pair]], editor, found.owner);
}

/** Addresses that only listen on the node itself. */
export function isLoopback(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (a === 'localhost' || a === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(a)) return true;
  return /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** `0`, `00`, `+0`: what Go's integer parser reads as zero. */
export function isZeroPort(value: string | undefined): boolean {
  return value !== undefined && /^\+?0+$/.test(value.trim().replace(/^["']|["']$/g, ''));
}

/**
 * Removes the innermost pair, and each parent pair that would be left empty by it
 * (`selfSignedCertificate`, `tls`, `http`), never the first map of the chain (`spec`) itself.
 * When that map would be left empty, `owner` (its own [map, pair], e.g. the root and `spec`)
 * lets the removal write `spec: {}` instead of leaving a null `spec:` behind; without it no
 * fix is offered for that case.
 */
export function removeUpward(chain: Array<[YAMLMap, YAMLMap | Pair]>, editor: SourceEditor, owner?: [YAMLMap, Pair]) {
  // chain[i] = [parent map, child]; the last entry's child is the pair to remove.
  let level = chain.length - 1;
  while (level > 0 && chain[level][0].items.length === 1) level--;
  const [parent, child] = chain[level];
  const pair = isMap(child) ? parent.items.find((p) => p.value === child) : child;
  if (!pair) return undefined;
  if (parent.items.length === 1 && !parent.flow) {
    const edit = owner ? emptyBlockMap(owner[1], parent, editor) : undefined;
    return edit ? [edit] : undefined;
  }
  const edit = editor.removePair(parent, pair);
  return edit ? [edit] : undefined;
}

/** Rewrites `key:` + a block map that is about to lose its last pair as `key: {}`. */
function emptyBlockMap(owner: Pair, map: YAMLMap, editor: SourceEditor): TextEdit | undefined {
  const key = owner.key;
  const end = contentEnd(map);
  if (!isScalar(key) || !key.range || owner.value !== map || !map.range || end === undefined) return undefined;
  // Only a colon and line breaks between the key and the map: nothing (a comment, an anchor, a tag) is lost.
  if (!/^[ \t]*:[ \t]*(\r?\n[ \t]*)+$/.test(editor.text.slice(key.range[1], map.range[0]))) return undefined;
  if (editor.text.slice(map.range[0], end).includes('#')) return undefined;
  return { start: key.range[1], end, newText: ': {}' };
}

/**
 * The effective value of a feature gate in a component's `--feature-gates` (repeated flags merge
 * key by key, the later one winning), with the range of its `Gate=value` text (the flag's value
 * when that is not written literally). Undefined when no flag sets it, or when a templated flag
 * after the last that does could set it.
 */
export function featureGateSetting(component: Component, gate: string, text: string): { value: boolean | undefined; range: Range } | undefined {
  let effective: { occurrence: FlagOccurrence; value: boolean | undefined; start: number; end: number } | undefined;
  for (const occurrence of component.flags.all('feature-gates')) {
    if (occurrence.unknown || occurrence.value === undefined) {
      effective = undefined; // a template could set the gate: the outcome is unknown
      continue;
    }
    for (const item of listItems(occurrence.value)) {
      const eq = item.text.indexOf('=');
      if (eq < 0 || item.text.slice(0, eq).trim() !== gate) continue;
      effective = { occurrence, value: parseGoBool(item.text.slice(eq + 1)), start: item.start, end: item.end };
    }
  }
  if (!effective) return undefined;
  const value = valueRange(effective.occurrence, text);
  const literal = text.slice(value.start, value.end) === effective.occurrence.value;
  return { value: effective.value, range: literal ? { start: value.start + effective.start, end: value.start + effective.end } : value };
}

/** Drops a feature gate from every `--feature-gates`; an occurrence left empty goes away. Undefined when one cannot be edited. */
export function removeFeatureGateEdits(component: Component, gate: string): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const occurrence of component.flags.all('feature-gates')) {
    const items = listItems(occurrence.value ?? '');
    const rest = items.filter((i) => i.text.slice(0, Math.max(0, i.text.indexOf('='))).trim() !== gate);
    if (rest.length === items.length) continue;
    const e = rest.length === 0 ? component.editor.remove(occurrence) : component.editor.setValue(occurrence, rest.map((i) => i.text).join(','));
    if (!e) return undefined;
    edits.push(...e);
  }
  return edits;
}

/** The visitors of a rule judging Elastic settings alike in ECK `spec.config` and in configuration files kept in ConfigMaps or Secrets. */
export function elasticConfigVisitors(check: (source: ElasticConfigs) => void): RuleVisitors {
  return {
    resource(resource) {
      const source = eckConfigsOf(resource);
      if (source) check(source);
    },
    configFile(file) {
      check(fileConfigsOf(file));
    },
  };
}
