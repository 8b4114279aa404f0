import { isScalar, Scalar, YAMLSeq } from 'yaml';
import type { Container } from './resources';
import { splitShellCommands, ShellWord } from './shell';
import { overlapsAny, renderings, templateBranches } from './template';
import type { Range } from './text';

export type Binary = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet';

/** Names a binary goes by on its own and as a hyperkube subcommand. */
const BINARY_NAMES: Record<string, Binary> = {
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd',
  kubelet: 'kubelet',
};
const HYPERKUBE_NAMES: Record<string, Binary> = {
  ...BINARY_NAMES,
  apiserver: 'kube-apiserver',
  'controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
};
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * Programs that run the command after their own options: the control-plane binary is found
 * after them. Each lists its short options that take the next word as their value (`nice -n
 * -19`, `exec -a name`); other options take none. go-runner (the Kubernetes images' log
 * wrapper: `/go-runner --log-file=… /usr/local/bin/kube-apiserver …`) reads Go flags, where
 * `-log-file` takes a value and the booleans `-also-stdout`, `-redirect-stderr` do not.
 */
const WRAPPERS: Record<string, RegExp | undefined> = {
  'go-runner': /^--?log-file$/,
  exec: /^-a$/,
  env: /^-[uCS]$|^--(?:unset|chdir|split-string)$/,
  nice: /^-n$|^--adjustment$/,
  ionice: /^-[cnp]$|^--(?:class|classdata|pid|pgid|uid)$/,
  nohup: undefined,
  command: undefined,
  time: /^-[fo]$/,
  stdbuf: /^-[ioe]$/,
  tini: /^-[pe]$/,
  'dumb-init': /^-r$|^--rewrite$/,
};
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The index of the word naming the program that `values[start]` and the wrappers after it run:
 * `start` itself when it is no wrapper. Wrapper options (and `env`'s variable assignments) are
 * skipped; `--` ends a wrapper's options.
 */
export function skipWrappers(values: readonly string[], start: number): number {
  let i = start;
  while (i < values.length) {
    const value = values[i].trim();
    if (ASSIGNMENT.test(value)) {
      i++;
      continue;
    }
    const name = basename(value);
    if (!(name in WRAPPERS)) return i;
    const takesValue = WRAPPERS[name];
    i++;
    while (i < values.length) {
      const option = values[i].trim();
      if (option === '--') {
        i++;
        break;
      }
      if (!option.startsWith('-') || option === '-') break;
      // `command -v kube-apiserver` looks the program up, it does not run it.
      if (name === 'command' && /^-[a-zA-Z]*[vV]/.test(option)) return values.length;
      i += takesValue?.test(option) ? 2 : 1;
    }
  }
  return i;
}
const ARCH_SUFFIX = /-(amd64|arm64|arm|ppc64le|s390x|386)$/;

/** One command-line word with the exact source range it came from. */
export interface Word {
  value: string;
  range: Range;
  /** The sequence item this word is (absent for words of an `sh -c` script). */
  node?: Scalar;
  seq?: YAMLSeq;
  index?: number;
  /** False when only the enclosing scalar's range is known (quoted text inside a script). */
  located: boolean;
  templated: boolean;
}

export interface ShellScript {
  node: Scalar;
}

export interface Invocation {
  binary: Binary;
  via: 'command' | 'hyperkube' | 'shell' | 'image' | 'wrapper';
  /** The scalar that names the binary: command[0], the script, or the image. */
  anchor: Scalar;
  /** The words after the binary: command[1:] then args, or the script's words. */
  words: Word[];
  script?: ShellScript;
  /** For scripts: the word that names the binary (new flags go after it when there are none). */
  head?: Word;
  /** Template actions inside command/args: flags may come from elsewhere. */
  templated: boolean;
  /**
   * The word lists the template's conditional branches can render, when they differ (flags
   * inside `{{ if }}…{{ else }}…{{ end }}` or `{{ range }}` blocks within the container); absent
   * when every rendering holds the same words. See `renderings` in ./template.
   */
  renderings?: Word[][];
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Images whose own command runs the program with no flags, so a container that sets neither
 * `command` nor `args` runs it with its defaults: etcd's release images. The Kubernetes
 * component images (`registry.k8s.io/kube-apiserver`, …, and `registry.k8s.io/etcd`) do not:
 * their entrypoint is `/go-runner`, which exits without a program to run (older ones had none).
 */
const RUN_BINARY_IMAGES = new Set(['quay.io/coreos/etcd', 'gcr.io/etcd-development/etcd']);

/** `quay.io/coreos/etcd:v3.5.9@sha256:…` → `quay.io/coreos/etcd` (lower case). */
export function imageRepository(image: string): string {
  const name = image.trim().split('@')[0];
  const colon = name.lastIndexOf(':');
  return (colon > name.lastIndexOf('/') ? name.slice(0, colon) : name).toLowerCase();
}

/** `registry.k8s.io/kube-apiserver-amd64:v1.31.0@sha256:…` → `kube-apiserver`. */
export function imageName(image: string): string {
  let name = image.split('@')[0];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  return basename(name).replace(ARCH_SUFFIX, '');
}

/**
 * The Kubernetes release an image tag names: `kube-apiserver:v1.19.3`, `hyperkube-amd64:v1.18.0`,
 * `hyperkube:v1.10.4_coreos.0` (a build suffix after `-`, `_` or `+` is allowed). Undefined for
 * any other tag (`latest`, `stable`, a digest alone, `1.19`): the release is not known.
 */
export function imageTagVersion(image: string): { major: number; minor: number; patch: number } | undefined {
  const name = image.trim().split('@')[0];
  const colon = name.lastIndexOf(':');
  if (colon <= name.lastIndexOf('/')) return undefined;
  const match = /^v(\d+)\.(\d+)\.(\d+)(?:[-_+][0-9A-Za-z._+-]*)?$/.exec(name.slice(colon + 1));
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : undefined;
}

function scalarText(node: Scalar): string {
  // The core schema's scalars.
  const v = node.value as string | number | boolean | null | undefined;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return node.source ?? String(v);
}

interface SeqWord {
  node: Scalar;
  seq: YAMLSeq;
  index: number;
  value: string;
}

function seqWords(seq: YAMLSeq | undefined): SeqWord[] | undefined {
  if (!seq) return [];
  const out: SeqWord[] = [];
  for (let index = 0; index < seq.items.length; index++) {
    const node = seq.items[index];
    // A non-scalar item (or an alias) makes the command line unreadable: skip the container.
    if (!isScalar(node) || !node.range) return undefined;
    out.push({ node, seq, index, value: scalarText(node) });
  }
  return out;
}

function toWord(w: SeqWord, templates: readonly Range[]): Word {
  const range = { start: w.node.range![0], end: w.node.range![1] };
  return { value: w.value, range, node: w.node, seq: w.seq, index: w.index, located: true, templated: overlapsAny(range, templates) };
}

/**
 * Works out which control-plane binary a container runs and which words are its flags.
 * `text` is the parsed (template-masked) text, used to locate script words.
 */
export function invocationOf(container: Container, text: string, templates: readonly Range[], source?: string): Invocation | undefined {
  const invocation = findInvocation(container, text, templates);
  // `etcd gateway start …` and `etcd grpc-proxy start …` run a proxy, not an etcd member.
  if (invocation?.binary === 'etcd' && ETCD_PROXIES.has(invocation.words[0]?.value.trim() ?? '')) return undefined;
  if (invocation && source !== undefined && invocation.templated && container.node.range) {
    // Only blocks opened inside the container are choices: one around the whole resource is not.
    const lists = renderings(invocation.words, (w) => w.range.start, templateBranches(source, templates), container.node.range[0]);
    if (lists.length > 1) invocation.renderings = lists;
  }
  return invocation;
}

const ETCD_PROXIES = new Set(['gateway', 'grpc-proxy']);

function findInvocation(container: Container, text: string, templates: readonly Range[]): Invocation | undefined {
  const command = seqWords(container.command);
  const args = seqWords(container.args);
  if (!command || !args) return undefined;
  const templated = flagsMayBeTemplated(container, text, templates);
  const finish = (binary: Binary, via: Invocation['via'], anchor: Scalar, rest: SeqWord[]): Invocation => ({
    binary,
    via,
    anchor,
    words: rest.map((w) => toWord(w, templates)),
    templated,
  });

  const all = [...command, ...args];
  if (command.length > 0) {
    // `/go-runner --log-file=… kube-apiserver …`, `nice -n 5 etcd …`: the program after the wrappers.
    const at = skipWrappers(all.map((w) => w.value), 0);
    if (at >= all.length) return undefined;
    const rest = all.slice(at);
    const via = at === 0 ? 'command' : 'wrapper';
    const head = basename(rest[0].value.trim());
    const binary = BINARY_NAMES[head];
    if (binary) return finish(binary, via, rest[0].node, rest.slice(1));
    if (head === 'hyperkube' && rest[1] && HYPERKUBE_NAMES[basename(rest[1].value.trim())]) {
      return finish(HYPERKUBE_NAMES[basename(rest[1].value.trim())], 'hyperkube', rest[0].node, rest.slice(2));
    }
    if (SHELLS.has(head)) return shellInvocation(rest, text, templates, templated);
    return undefined;
  }
  // No command: the image's entrypoint runs, with `args` as its arguments.
  const image = container.image;
  if (!image || typeof image.value !== 'string') return undefined;
  // Neither: the image's own command runs. Only etcd's release images run their program
  // that way (`CMD ["/usr/local/bin/etcd"]`), with no flags at all.
  if (args.length === 0) return RUN_BINARY_IMAGES.has(imageRepository(image.value)) ? finish('etcd', 'image', image, []) : undefined;
  const name = imageName(image.value);
  if (name === 'hyperkube' && HYPERKUBE_NAMES[basename(args[0].value.trim())]) {
    return finish(HYPERKUBE_NAMES[basename(args[0].value.trim())], 'hyperkube', image, args.slice(1));
  }
  const binary = BINARY_NAMES[name];
  if (!binary) return undefined;
  // An args list that starts with the binary itself (e.g. an image with a generic entrypoint).
  const rest = args[0] && BINARY_NAMES[basename(args[0].value.trim())] === binary ? args.slice(1) : args;
  return finish(binary, 'image', image, rest);
}

function shellInvocation(all: SeqWord[], text: string, templates: readonly Range[], templated: boolean): Invocation | undefined {
  // `sh [-opts] -c SCRIPT`: the script is the word after the first option containing `c`.
  const flagIndex = all.findIndex((w, i) => i > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w.value));
  const script = flagIndex > 0 ? all[flagIndex + 1] : undefined;
  if (!script) return undefined;
  const commands = splitShellCommands(script.value);
  for (let c = 0; c < commands.length; c++) {
    const words = commands[c];
    // Skip `exec`, `env`, variable assignments and `nice`-like wrappers (with their options) in front of the binary.
    const i = skipWrappers(words.map((w) => w.value), 0);
    if (i >= words.length) continue;
    let binary: Binary | undefined = BINARY_NAMES[basename(words[i].value)];
    let flagsFrom = i + 1;
    if (!binary && basename(words[i].value) === 'hyperkube' && words[i + 1]) {
      binary = HYPERKUBE_NAMES[basename(words[i + 1].value)];
      flagsFrom = i + 2;
    }
    if (!binary) continue;
    // Locate the earlier commands' words too, so a word is never matched inside an earlier
    // command (`echo kube-apiserver --secure-port=0; kube-apiserver --secure-port=0`).
    const before = commands.slice(0, c).flat();
    const located = locateScriptWords(script.node, [...before, ...words], text, templates).slice(before.length);
    return {
      binary,
      via: 'shell',
      anchor: script.node,
      words: located.slice(flagsFrom),
      head: located[flagsFrom - 1],
      script: { node: script.node },
      templated: templated || overlapsAny({ start: script.node.range![0], end: script.node.range![1] }, templates),
    };
  }
  return undefined;
}

/**
 * Finds each script word's own text in the scalar's source, in order. A word whose text is
 * changed by YAML quoting (escapes) keeps the whole scalar as its range and is not editable.
 */
export function locateScriptWords(node: Scalar, words: ShellWord[], text: string, templates: readonly Range[]): Word[] {
  const [start, end] = node.range!;
  const raw = text.slice(start, end);
  const script = scalarText(node);
  let cursor = 0;
  return words.map((w) => {
    const wordText = script.slice(w.start, w.end);
    const found = raw.indexOf(wordText, cursor);
    const located = found >= 0 && !/[\r\n]/.test(wordText);
    const range = located ? { start: start + found, end: start + found + wordText.length } : { start, end };
    if (located) cursor = found + wordText.length;
    return { value: w.value, range, located, templated: overlapsAny(range, templates) };
  });
}

/**
 * True when template actions may add to or change the container's command line: an action in
 * the `command`/`args` values (up to the next key), or a whole-line action (which can emit any
 * keys, e.g. `{{- toYaml .Values.args | nindent 8 }}`) inside the container or right after it
 * at its keys' indentation. Inline actions in other values (`image: {{ … }}`) do not count.
 * `text` is the masked text: whole-line actions are blanks there, inline ones underscores.
 */
function flagsMayBeTemplated(container: Container, text: string, templates: readonly Range[]): boolean {
  if (templates.length === 0) return false;
  const map = container.node;
  if (!map.range) return true;
  const [mapStart, , mapEnd] = map.range;
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const key = items[i].key;
    if (!isScalar(key) || (key.value !== 'command' && key.value !== 'args') || !key.range) continue;
    const nextKey = items[i + 1]?.key;
    const end = isScalar(nextKey) && nextKey.range ? nextKey.range[0] : mapEnd;
    if (overlapsAny({ start: key.range[0], end }, templates)) return true;
  }
  const columnOf = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const keyColumn = columnOf(mapStart);
  // Blank and comment lines after the container, up to the next content.
  const gap = /(?:[ \t]*(?:#[^\r\n]*)?(?:\r?\n|\r))*[ \t]*/y;
  gap.lastIndex = mapEnd;
  const gapEnd = mapEnd + (gap.exec(text)?.[0].length ?? 0);
  for (const t of templates) {
    if (t.end <= mapStart || t.start >= gapEnd) continue;
    if (text.slice(t.start, t.end).trim() !== '') continue; // inline action: a value, not keys
    if (t.start < mapEnd || columnOf(t.start) >= keyColumn) return true;
  }
  return false;
}

/** The words of one program run by a container: the whole command line, or one command of its `sh -c` script. */
export interface CommandWords {
  words: Word[];
  /** For a script command: the script scalar, and the command's first word. */
  script?: ShellScript;
  head?: Word;
}

/**
 * Every command line a container runs, whatever the program: `command` then `args` as one list
 * of words, and each simple command of an `sh -c` script among them. For rules about flags any
 * program may take (`--kubelet-insecure-tls`); unreadable lists (non-scalar items) give none.
 */
export function commandWordsOf(container: Container, text: string, templates: readonly Range[]): CommandWords[] {
  const command = seqWords(container.command);
  const args = seqWords(container.args);
  if (!command || !args) return [];
  const all = [...command, ...args];
  if (all.length === 0) return [];
  const out: CommandWords[] = [{ words: all.map((w) => toWord(w, templates)) }];
  const at = skipWrappers(all.map((w) => w.value), 0);
  if (at >= all.length || !SHELLS.has(basename(all[at].value.trim()))) return out;
  const flagIndex = all.findIndex((w, i) => i > at && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w.value));
  const script = flagIndex > 0 ? all[flagIndex + 1] : undefined;
  if (!script) return out;
  const commands = splitShellCommands(script.value);
  const located = locateScriptWords(script.node, commands.flat(), text, templates);
  let from = 0;
  for (const words of commands) {
    const mine = located.slice(from, from + words.length);
    from += words.length;
    out.push({ words: mine, script: { node: script.node }, head: mine[0] });
  }
  return out;
}
