import { isMap, isScalar, isSeq, Scalar, YAMLMap } from 'yaml';
import { kubeadmConfigSpecOf } from './kubeadm';
import type { ParsedFile } from './parse';
import { getPair, getString, Resource } from './resources';
import { LineIndex, Range, TextEdit } from './text';

/**
 * YAML text held in a literal block scalar of another resource (`data.ClusterConfiguration: |`
 * of the kubeadm-config ConfigMap, a Cluster API static-pod file's `content: |`), as the program
 * reading it sees it, with an exact way back from its offsets to the outer file's.
 */
export interface EmbeddedText {
  /** The block scalar. */
  node: Scalar;
  /** The text to lint: `header` followed by the block's content (indentation removed, line breaks kept). */
  text: string;
  /**
   * Lines put in front of the content, not in the outer file: `apiVersion` and `kind` of a kubeadm
   * configuration dumped without them. Nothing in them maps back.
   */
  header: string;
  /** The content has `apiVersion:` and `kind:` keys of its own (at its first column). */
  isManifest: boolean;
  /**
   * kubeadm completes the content before the node uses it (the `kubelet-config` ConfigMap gets
   * its defaults, a Cluster API file sits beside the configuration kubeadm writes): a field it
   * lacks may be set there, as in a Kustomize patch.
   */
  partial: boolean;
  block: LiteralBlock;
}

const LINE_BREAK = /\r\n|\n|\r/g;

interface BlockLine {
  /** Outer offset of the line's first character. */
  start: number;
  /** How many leading characters (the block's indentation) are not part of the content. */
  shift: number;
}

/**
 * The content of a literal block scalar (`|`, `|-`, `|+`, `|2`…) and the map from its offsets to
 * the outer text's: content line i is outer line (header line + 1 + i) without the block's
 * indentation. Only blocks whose every non-blank line starts with that indentation in the
 * original text (template actions included) have one; folded and flow scalars never do.
 */
export class LiteralBlock {
  private readonly lines: LineIndex;
  private constructor(
    /** The content, outer line breaks kept, up to and including its last non-blank line's break. */
    readonly text: string,
    /** The block's indentation. */
    readonly indent: string,
    private readonly outer: BlockLine[],
    /** Outer offset of the line after the last content line (the end of the content). */
    private readonly outerEnd: number,
    /** Outer offset of the `|`. */
    readonly headerAt: number,
  ) {
    this.lines = new LineIndex(text);
  }

  /**
   * `original` is the outer file, `masked` the text its parser saw (template actions masked,
   * same length and lines): the node's value is checked against it, the content is taken from
   * `original`.
   */
  static of(node: Scalar, original: string, masked: string = original): LiteralBlock | undefined {
    if (node.type !== 'BLOCK_LITERAL' || !node.range || typeof node.value !== 'string') return undefined;
    const [headerAt, valueEnd] = node.range;
    if (masked[headerAt] !== '|' || original[headerAt] !== '|') return undefined;
    LINE_BREAK.lastIndex = headerAt;
    const first = LINE_BREAK.exec(masked);
    if (!first) return undefined;
    const raw: Array<{ start: number; end: number; next: number }> = [];
    for (let start = first.index + first[0].length; start < valueEnd;) {
      LINE_BREAK.lastIndex = start;
      const m = LINE_BREAK.exec(masked);
      const end = m ? m.index : masked.length;
      const next = m ? end + m[0].length : masked.length;
      raw.push({ start, end, next });
      start = next;
    }
    const blank = (s: string) => /^ *$/.test(s);
    let last = raw.length - 1;
    while (last >= 0 && blank(original.slice(raw[last].start, raw[last].end))) last--;
    if (last < 0) return undefined;
    const lines = raw.slice(0, last + 1);
    // The indentation: the first non-blank line's, less the spaces the value keeps in front of it.
    const firstLine = lines.find((l) => !blank(masked.slice(l.start, l.end)));
    const valueLine = /^(?:[ \t]*\n)*( *)/.exec(node.value);
    if (!firstLine || !valueLine) return undefined;
    const width = leadingSpaces(masked.slice(firstLine.start, firstLine.end)) - valueLine[1].length;
    if (width <= 0) return undefined;
    const outer: BlockLine[] = [];
    let text = '';
    let seen = '';
    for (const line of lines) {
      const source = original.slice(line.start, line.end);
      let shift = width;
      if (leadingSpaces(source) < width) {
        if (!blank(source)) return undefined; // not indented like the block: no exact map
        shift = source.length;
      }
      outer.push({ start: line.start, shift });
      text += original.slice(line.start + shift, line.next);
      seen += masked.slice(line.start + shift, line.next);
    }
    // What the parser read must be exactly this text (line breaks normalized, trailing blanks aside).
    const norm = (s: string) => s.replace(/\r\n?/g, '\n').trimEnd();
    if (norm(seen) !== norm(node.value)) return undefined;
    return new LiteralBlock(text, ' '.repeat(width), outer, lines[lines.length - 1].next, headerAt);
  }

  /** The outer offset of a content offset; undefined past the last content line's break. */
  offset(inner: number): number | undefined {
    if (inner < 0 || inner > this.text.length) return undefined;
    const { line, character } = this.lines.positionAt(inner);
    const at = this.outer[line];
    return at ? at.start + at.shift + character : undefined;
  }

  /** Outer offset of the start of content line `line` (the line after the content for the count). */
  private lineStart(line: number): number | undefined {
    if (line === this.outer.length) return this.outerEnd;
    return this.outer[line]?.start;
  }

  range(range: Range): Range | undefined {
    // The very end (after the last line break, e.g. an unclosed bracket's error) is shown at the end of the last line.
    const at = (o: number) => this.offset(o === this.text.length ? Math.min(o, this.lines.lineContentEnd(this.outer.length - 1)) : o);
    const start = at(range.start);
    const end = at(range.end);
    if (start === undefined || end === undefined) return undefined;
    return { start, end: Math.max(start, end) };
  }

  /**
   * The same edit on the outer text: whole lines (start and end at line starts, text of whole
   * lines) as whole outer lines, anything else offset by offset; line breaks in the new text get
   * the block's indentation after them. Undefined when it cannot be placed.
   */
  edit(edit: TextEdit): TextEdit | undefined {
    if (edit.start < 0 || edit.end > this.text.length || edit.end < edit.start) return undefined;
    const from = this.lines.positionAt(edit.start);
    const to = this.lines.positionAt(edit.end);
    // A collection's offset only has to tell collections apart: one outside the content (the
    // root of a header added for linting) is the block's own.
    const entries = edit.entries && { ...edit.entries, collection: this.offset(edit.entries.collection) ?? this.headerAt };
    const withEntries = (e: TextEdit): TextEdit => (entries === undefined ? e : { ...e, entries });
    if (from.character === 0 && to.character === 0 && (edit.newText === '' || /(?:\r\n|\n|\r)$/.test(edit.newText))) {
      const start = this.lineStart(from.line);
      const end = this.lineStart(to.line);
      if (start === undefined || end === undefined) return undefined;
      const newText = edit.newText.replace(/^(?!\r|\n|$)|(\r\n|\n|\r)(?!\r|\n|$)/g, (_, brk: string | undefined) => (brk ?? '') + this.indent);
      return withEntries({ start, end, newText });
    }
    const start = this.offset(edit.start);
    const end = this.offset(edit.end);
    if (start === undefined || end === undefined) return undefined;
    const newText = edit.newText.replace(/(\r\n|\n|\r)(?!\r|\n)/g, (brk: string) => brk + this.indent);
    return withEntries({ start, end, newText });
  }
}

function leadingSpaces(s: string): number {
  let n = 0;
  while (s.charCodeAt(n) === 32) n++;
  return n;
}

const KUBEADM_DATA_KEYS = ['ClusterConfiguration', 'InitConfiguration', 'JoinConfiguration'] as const;

/** Root keys by which a kubeadm configuration without `apiVersion`/`kind` is recognized. */
const KUBEADM_KEYS: Record<(typeof KUBEADM_DATA_KEYS)[number], RegExp> = {
  ClusterConfiguration: /^(?:apiServer|controllerManager|scheduler|etcd)[ \t]*:/m,
  InitConfiguration: /^nodeRegistration[ \t]*:/m,
  JoinConfiguration: /^nodeRegistration[ \t]*:/m,
};

/**
 * Cluster API `files[].path`s whose content is a manifest: static pods, and kubeadm or kubelet
 * configuration files (`/run/kubeadm/kubeadm.yaml`, `/etc/kubernetes/kubelet-config.yaml`,
 * `/var/lib/kubelet/config.yaml`).
 */
const MANIFEST_PATH = /^\/etc\/kubernetes\/manifests\/[^/]+$|(?:^|\/)kube(?:adm|let)(?:[-_.][^/]*)?\.ya?ml$|\/kubelet\/config\.ya?ml$/i;

/**
 * The API group of the resources made up for configuration files that have no `apiVersion`
 * of their own (Prometheus and Alertmanager configuration), so that rules read them as objects.
 */
export const CONFIG_FILE_GROUP = 'config-file.kube-tls-lint.io';

/** ConfigMap / Secret keys holding Prometheus or Alertmanager configuration, and the kind it is read as. */
const CONFIG_FILE_KEYS: ReadonlyArray<[RegExp, string]> = [
  [/^prometheus\.ya?ml$/, 'PrometheusConfig'],
  [/^alertmanager\.ya?ml$/, 'AlertmanagerConfig'],
];

/** A kubeconfig: `kind: Config` with `clusters:` at its first column. */
const KUBECONFIG_KIND = /^kind[ \t]*:[ \t]*(["']?)Config\1[ \t]*(?:#.*)?$/m;
const KUBECONFIG_CLUSTERS = /^clusters[ \t]*:/m;

/** A kubeconfig written without `apiVersion` (kubectl reads it as `v1`). */
export function isKubeconfigWithoutApiVersion(text: string): boolean {
  return KUBECONFIG_KIND.test(text) && KUBECONFIG_CLUSTERS.test(text) && !/^apiVersion[ \t]*:/m.test(text);
}

/**
 * The manifests other resources hold as text, each in a literal block scalar:
 *
 * - the kubeadm-config ConfigMap (`kubectl -n kube-system get cm kubeadm-config -o yaml`):
 *   `data.ClusterConfiguration` (and `InitConfiguration`, `JoinConfiguration`). A configuration
 *   written without `apiVersion` and `kind` is read as kubeadm.k8s.io/v1beta3 (v1beta4 when an
 *   `extraArgs` is a list) of the key's kind when it has that kind's own root keys
 *   (`apiServer`, `etcd`… or `nodeRegistration`), and skipped otherwise;
 * - the kubelet-config ConfigMap (`kubelet-config`, `kubelet-config-1.NN`): `data.kubelet`;
 * - Cluster API `KubeadmControlPlane`, `KubeadmConfig` and their templates: `files[].content`
 *   of a static pod (`/etc/kubernetes/manifests/…`) or a kubeadm or kubelet configuration file,
 *   unless `encoding` is set (base64, gzip) or the content comes from `contentFrom`.
 *
 * - any key of a ConfigMap's `data` or a Secret's `stringData` holding a kubeconfig
 *   (`kind: Config` with `clusters:`; read as `v1` when it has no `apiVersion`), or, under the
 *   key `prometheus.yml`/`alertmanager.yml` (`.yaml`), Prometheus or Alertmanager configuration,
 *   read as a `PrometheusConfig`/`AlertmanagerConfig` of the made-up group CONFIG_FILE_GROUP.
 *
 * Besides the kubeadm case, only content with its own `apiVersion` and `kind` is a manifest.
 */
export function embeddedTextsOf(resource: Resource, file: ParsedFile): EmbeddedText[] {
  const out: EmbeddedText[] = [];
  const add = (value: unknown, kubeadmKind?: (typeof KUBEADM_DATA_KEYS)[number], configKind?: string, partial = false) => {
    if (!isScalar(value)) return; // aliases and other nodes: not read
    const block = LiteralBlock.of(value, file.text, file.maskedText);
    if (!block) return;
    const isManifest = /^apiVersion[ \t]*:/m.test(block.text) && /^kind[ \t]*:/m.test(block.text);
    let header = '';
    const eol = /\r\n|\n|\r/.exec(block.text)?.[0] ?? '\n';
    if (configKind && !/^(?:apiVersion|kind)[ \t]*:/m.test(block.text)) {
      header = `apiVersion: ${CONFIG_FILE_GROUP}/v1${eol}kind: ${configKind}${eol}`;
    } else if (!isManifest && isKubeconfigWithoutApiVersion(block.text)) {
      header = `apiVersion: v1${eol}`;
    } else if (!isManifest) {
      if (!kubeadmKind || /^(?:apiVersion|kind)[ \t]*:/m.test(block.text) || !KUBEADM_KEYS[kubeadmKind].test(block.text)) return;
      const list = /^[ \t]*(?:kubelet)?[eE]xtraArgs[ \t]*:[ \t]*(?:\[|(?:\r?\n|\r)[ \t]*- )/m.test(block.text);
      header = `apiVersion: kubeadm.k8s.io/${list ? 'v1beta4' : 'v1beta3'}${eol}kind: ${kubeadmKind}${eol}`;
    }
    out.push({ node: value, text: header + block.text, header, isManifest, partial, block });
  };
  // Configuration files kept under any key: a kubeconfig, or Prometheus/Alertmanager configuration by key name.
  const addConfigFiles = (data: YAMLMap) => {
    for (const pair of data.items) {
      const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
      const value = pair.value;
      if (key === undefined || !isScalar(value) || value.type !== 'BLOCK_LITERAL' || typeof value.value !== 'string') continue;
      const configKind = CONFIG_FILE_KEYS.find(([name]) => name.test(key))?.[1];
      if (configKind || (KUBECONFIG_KIND.test(value.value) && KUBECONFIG_CLUSTERS.test(value.value))) add(value, undefined, configKind);
    }
  };
  const doc = resource.doc;
  if (resource.group === '' && resource.kind === 'ConfigMap') {
    const data = getPair(resource.node, 'data')?.value;
    if (!isMap(data)) return out;
    if (resource.name === 'kubeadm-config') {
      for (const key of KUBEADM_DATA_KEYS) add(getPair(data, key)?.value, key);
    } else if (resource.name && /^kubelet-config(?:-\d+\.\d+)?$/.test(resource.name)) {
      add(getPair(data, 'kubelet')?.value, undefined, undefined, true);
    } else {
      addConfigFiles(data);
    }
    return out;
  }
  if (resource.group === '' && resource.kind === 'Secret') {
    const data = getPair(resource.node, 'stringData')?.value;
    if (isMap(data)) addConfigFiles(data);
    return out;
  }
  const spec = kubeadmConfigSpecOf(resource);
  const files = spec ? getPair(spec, 'files')?.value : undefined;
  if (!isSeq(files)) return out;
  for (const item of files.items) {
    if (!isMap(item)) continue;
    const path = getString(item, 'path', doc);
    if (!path || !MANIFEST_PATH.test(path.trim())) continue;
    if (item.has('contentFrom') || (getPair(item, 'encoding') && getString(item, 'encoding', doc) !== '')) continue;
    add(getPair(item, 'content')?.value, undefined, undefined, true);
  }
  return out;
}
