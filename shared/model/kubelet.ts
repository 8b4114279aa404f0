import { isMap, isScalar, Pair, Scalar, YAMLMap } from 'yaml';
import type { Component } from './component';
import { deref, getPair, Resource } from './resources';
import { hasPlaceholderLines } from './template';
import type { Range } from './text';

/** A kubelet config file (`kubelet.config.k8s.io` `KubeletConfiguration`). */
export function isKubeletConfiguration(resource: Resource): boolean {
  return resource.group === 'kubelet.config.k8s.io' && resource.kind === 'KubeletConfiguration';
}

/**
 * A kubeadm configuration file: kubeadm fills in its own kubelet defaults before writing the
 * node's config (`authentication.x509.clientCAFile`, `rotateCertificates: true`, …), so a
 * field missing from a `KubeletConfiguration` there is not missing on the node.
 */
export function isKubeadmFile(text: string): boolean {
  return /^[ \t]*["']?apiVersion["']?[ \t]*:[ \t]*["']?kubeadm\.k8s\.io\//m.test(text);
}

/** Template actions inside the resource may add any field: rules about missing fields stay quiet. */
export function hasTemplateActions(resource: Resource, text: string): boolean {
  const r = resource.node.range;
  if (!r) return true;
  let end = r[2];
  // A document's root also owns the lines after its last key, up to the next document:
  // a whole-line action there (`{{ toYaml … }}`) adds keys too.
  if (resource.doc.contents === resource.node) {
    const next = /^(?:---|\.\.\.)(?:[ \t]|$)/m.exec(text.slice(end));
    end = next ? end + next.index : text.length;
  }
  const own = text.slice(r[0], end);
  return own.includes('{{') || own.includes('{%') || hasPlaceholderLines(own);
}

/** The `kind: KubeletConfiguration` value: where findings about missing fields are shown. */
export function kindRange(resource: Resource): Range {
  const pair = getPair(resource.node, 'kind');
  const node = pair?.value;
  const r = isScalar(node) && node.range ? node.range : pair?.key.range ?? resource.node.range!;
  return { start: r[0], end: r[1] };
}

/**
 * A kubelet container that reads a config file (`--config`, or a `--config-dir` of drop-ins):
 * whatever its flags leave out comes from there, with the config file's defaults.
 */
export function kubeletReadsConfigFile(component: Component): boolean {
  return component.flags.has('config') || component.flags.has('config-dir');
}

/** A pair along a path of mappings, with the chain of [parent, child] links that leads to it. */
export interface PathMatch {
  pair: Pair<Scalar, unknown>;
  /** [map, pair] from the root to the pair: what `removeUpward` needs. */
  chain: Array<[YAMLMap, Pair]>;
}

/** Walks `path` through block or flow mappings (aliases are read, never edited). */
export function pairAt(root: YAMLMap, path: readonly string[], doc: Resource['doc']): PathMatch | undefined {
  let map: unknown = root;
  const chain: Array<[YAMLMap, Pair]> = [];
  for (let i = 0; i < path.length; i++) {
    if (!isMap(map)) return undefined;
    const pair = getPair(map, path[i]);
    if (!pair) return undefined;
    chain.push([map, pair]);
    if (i === path.length - 1) return { pair, chain };
    map = deref(pair.value, doc);
  }
  return undefined;
}

/** The map's last string value, so new values are quoted like their neighbours. */
export function stringStyleOf(map: YAMLMap): Scalar | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const v = map.items[i].value;
    if (isScalar(v) && typeof v.value === 'string') return v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE' ? v : undefined;
  }
  return undefined;
}
