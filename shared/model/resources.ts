import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedDocument } from './parse';
import type { Range } from './text';

/** A Kubernetes (or ECK, kubeadm, kubelet) object: any mapping with string `apiVersion` and `kind`. */
export interface Resource {
  doc: Document.Parsed;
  node: YAMLMap;
  apiVersion: string;
  /** API group, '' for the core group (`v1`). */
  group: string;
  kind: string;
  name?: string;
  /** Rule ids disabled by the `kube-tls-lint.io/disable` annotation. */
  disabledRules: Set<string>;
}

export interface Container {
  resource: Resource;
  node: YAMLMap;
  name?: string;
  image?: Scalar;
  command?: YAMLSeq;
  args?: YAMLSeq;
  env?: YAMLSeq;
}

export const DISABLE_ANNOTATION = 'kube-tls-lint.io/disable';

/** Follows one alias, never expanding anything else (alias bombs stay cheap). */
export function deref(node: unknown, doc: Document.Parsed): Node | undefined {
  if (isAlias(node)) {
    try {
      const targets = aliasTargets(doc);
      const target = targets.has(node) ? targets.get(node) : node.resolve(doc);
      return isAlias(target) ? undefined : target;
    } catch {
      return undefined;
    }
  }
  return (node ?? undefined) as Node | undefined;
}

const aliasTargetCache = new WeakMap<Document.Parsed, Map<Alias, Node | undefined>>();

/**
 * Every alias of a document with its target, found in one walk. `Alias.resolve` walks the
 * whole document on each call, which made documents with many aliases quadratic (minutes).
 * Same rule as `resolve`: the last node with the anchor before the alias, in document order.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  let targets = aliasTargetCache.get(doc);
  if (!targets) {
    const found = new Map<Alias, Node | undefined>();
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node(_key, node) {
        if (isAlias(node)) found.set(node, anchors.get(node.source));
        else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
    targets = found;
    aliasTargetCache.set(doc, targets);
  }
  return targets;
}

/**
 * The value of `key` in a mapping, as Kubernetes reads it: YAML 1.1 merge keys (`<<: *base`,
 * `<<: [*a, *b]`) honoured, a key written in the mapping itself winning over merged ones, and
 * among merged mappings the first listed. The node returned is the real one (in the anchor's
 * text when merged), so positions stay exact.
 */
export function getNode(map: unknown, key: string, doc: Document.Parsed): Node | undefined {
  const pair = getPair(map, key, doc);
  return pair ? deref(pair.value, doc) : undefined;
}

/** Merge sources are followed this deep (a merged mapping may merge others). */
const MERGE_DEPTH = 8;

/** A `<<` key as YAML 1.1 reads it: plain, not quoted. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

/** The mappings a `<<` value merges, in precedence order. */
export function mergeSources(value: unknown, doc: Document.Parsed): YAMLMap[] {
  const source = deref(value, doc);
  if (isMap(source)) return [source];
  if (!isSeq(source)) return [];
  const out: YAMLMap[] = [];
  for (const item of source.items) {
    const map = deref(item, doc);
    if (isMap(map)) out.push(map);
  }
  return out;
}

export function getMap(map: unknown, key: string, doc: Document.Parsed): YAMLMap | undefined {
  const node = getNode(map, key, doc);
  return isMap(node) ? node : undefined;
}

export function getSeq(map: unknown, key: string, doc: Document.Parsed): YAMLSeq | undefined {
  const node = getNode(map, key, doc);
  return isSeq(node) ? node : undefined;
}

export function getScalar(map: unknown, key: string, doc: Document.Parsed): Scalar | undefined {
  const node = getNode(map, key, doc);
  return isScalar(node) ? node : undefined;
}

export function getString(map: unknown, key: string, doc: Document.Parsed): string | undefined {
  const node = getScalar(map, key, doc);
  return node && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * The pair holding `key` in `map` (its key scalar gives the exact source position). With `doc`,
 * merge keys are honoured as in `getNode`: the pair may then lie in a merged mapping.
 */
export function getPair(map: unknown, key: string, doc?: Document.Parsed, depth = 0): Pair<Scalar, unknown> | undefined {
  if (!isMap(map)) return undefined;
  let merges = false;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isScalar(item.key) && item.key.value === key && !isMergeKey(item.key)) return item as Pair<Scalar, unknown>;
    if (isMergeKey(item.key)) merges = true;
  }
  if (!merges || !doc || depth >= MERGE_DEPTH) return undefined;
  for (const item of map.items) {
    if (!isPair(item) || !isMergeKey(item.key)) continue;
    for (const source of mergeSources(item.value, doc)) {
      const found = getPair(source, key, doc, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The text of every mapping a merge key of the document merges: read by the mapping that
 * defines it and by each one merging it, so an edit there changes all of them.
 */
export function mergedRanges(doc: Document.Parsed): Range[] {
  const out: Range[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return;
      for (const source of mergeSources(pair.value, doc)) {
        const range = nodeRange(source);
        if (range) out.push(range);
      }
    },
  });
  return out;
}

/** Walks a dotted path of mapping keys. */
export function getPath(map: unknown, path: readonly string[], doc: Document.Parsed): Node | undefined {
  let current: unknown = map;
  for (const key of path) {
    current = getNode(current, key, doc);
    if (current === undefined) return undefined;
  }
  return current as Node;
}

export function nodeRange(node: Node | undefined | null): Range | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** Every resource in a document; `kind: List` items count as resources of their own. */
export function resourcesOf(parsed: ParsedDocument): Resource[] {
  const out: Resource[] = [];
  if (parsed.root) collectResources(parsed.root, parsed.doc, out, 0);
  return out;
}

function collectResources(node: YAMLMap, doc: Document.Parsed, out: Resource[], depth: number): void {
  const apiVersion = getString(node, 'apiVersion', doc);
  const kind = getString(node, 'kind', doc);
  if (!apiVersion || !kind) return;
  const metadata = getMap(node, 'metadata', doc);
  const annotations = getMap(metadata, 'annotations', doc);
  const disabled = getString(annotations, DISABLE_ANNOTATION, doc);
  const resource: Resource = {
    doc,
    node,
    apiVersion,
    group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '',
    kind,
    name: getString(metadata, 'name', doc),
    disabledRules: new Set((disabled ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  };
  out.push(resource);
  if (/List$/.test(kind) && depth < 4) {
    for (const item of getSeq(node, 'items', doc)?.items ?? []) {
      const itemNode = deref(item, doc);
      if (isMap(itemNode)) collectResources(itemNode, doc, out, depth + 1);
    }
  }
}

const POD_SPEC_PATHS: Record<string, string[][]> = {
  Pod: [['spec']],
  PodTemplate: [['template', 'spec']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'template', 'spec']],
};
const TEMPLATE_PATH = ['spec', 'template', 'spec'];

/**
 * Pod specs of a workload. Besides the built-in kinds, any resource shaped like a workload
 * (`spec.template.spec.containers`, e.g. Argo Rollouts or OpenKruise) counts.
 */
export function podSpecsOf(resource: Resource): YAMLMap[] {
  const paths = POD_SPEC_PATHS[resource.kind] ?? [TEMPLATE_PATH, ['spec', 'jobTemplate', 'spec', 'template', 'spec']];
  const specs: YAMLMap[] = [];
  for (const path of paths) {
    const spec = getPath(resource.node, path, resource.doc);
    if (isMap(spec) && ['containers', 'initContainers', 'ephemeralContainers'].some((key) => getPair(spec, key, resource.doc))) specs.push(spec);
  }
  return specs;
}

export function containersOf(resource: Resource): Container[] {
  const out: Container[] = [];
  const doc = resource.doc;
  for (const spec of podSpecsOf(resource)) {
    for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
      for (const item of getSeq(spec, key, doc)?.items ?? []) {
        const node = deref(item, doc);
        if (!isMap(node)) continue;
        out.push({
          resource,
          node,
          name: getString(node, 'name', doc),
          image: getScalar(node, 'image', doc),
          command: getSeq(node, 'command', doc),
          args: getSeq(node, 'args', doc),
          env: getSeq(node, 'env', doc),
        });
      }
    }
  }
  return out;
}
