import { isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap } from 'yaml';
import type { ConfigFile, ConfigProduct } from './embedded-config';
import { deref, getMap, getPair, getSeq, Resource } from './resources';

/**
 * ECK `spec.config` settings. ECK reads them like the stack does: a dotted key is the same
 * setting as the nested maps it names (`xpack.security.enabled: false` ≡
 * `xpack: {security: {enabled: false}}`, and any mix of the two).
 */

/** The ECK groups all end in `.k8s.elastic.co` (elasticsearch., kibana., apm., beat., agent., …). */
export function isEckGroup(group: string): boolean {
  return group.endsWith('.k8s.elastic.co');
}

export function isEckResource(resource: Resource): boolean {
  return isEckGroup(resource.group);
}

/** ECK kinds whose `spec.http.tls` configures the HTTP endpoint's certificate. */
const ECK_HTTP_KINDS = new Set(['Elasticsearch', 'Kibana', 'ApmServer', 'EnterpriseSearch', 'Agent', 'ElasticMapsServer', 'PackageRegistry']);

/** The `spec` and `spec.http` maps of an ECK resource with an HTTP endpoint; undefined when it has no `spec.http` map. */
export function eckHttpSection(resource: Resource): { doc: Resource['doc']; spec: YAMLMap; http: YAMLMap } | undefined {
  if (!isEckResource(resource) || !ECK_HTTP_KINDS.has(resource.kind)) return undefined;
  const doc = resource.doc;
  const spec = getMap(resource.node, 'spec', doc);
  const http = getMap(spec, 'http', doc);
  return spec && http ? { doc, spec, http } : undefined;
}

/**
 * A `spec.config` of an ECK resource, with the link from its owner for removals; or the root of
 * a configuration file (`kibana.yml`), which has no owner.
 */
export interface EckConfig {
  map: YAMLMap;
  /** [owner, `config` pair]: `spec` (or a `nodeSets` item for Elasticsearch); none for a file's root. */
  link?: [YAMLMap, Pair];
  /** [root, `spec` pair] when the owner is `spec`: removals that would empty it write `spec: {}`. */
  owner?: [YAMLMap, Pair];
}

/**
 * [root, `spec` pair] when `spec` is the resource's own block `spec` map (not one reached
 * through an alias): what a removal that would empty `spec` needs to write `spec: {}`.
 */
export function specLinkOf(resource: Resource, spec: unknown): [YAMLMap, Pair] | undefined {
  const specPair = getPair(resource.node, 'spec');
  return specPair && specPair.value === spec ? [resource.node, specPair] : undefined;
}

/**
 * The config maps of an ECK resource: Elasticsearch has one per `spec.nodeSets[]` item, the other
 * kinds `spec.config`. Elastic Maps Server is left out: the operator overrides its settings.
 */
export function eckConfigs(resource: Resource): EckConfig[] {
  if (!isEckResource(resource) || resource.kind === 'ElasticMapsServer') return [];
  const doc = resource.doc;
  const spec = deref(getPair(resource.node, 'spec')?.value, doc);
  if (!isMap(spec)) return [];
  const owners: YAMLMap[] = [];
  if (resource.kind === 'Elasticsearch') {
    for (const item of getSeq(spec, 'nodeSets', doc)?.items ?? []) {
      if (isMap(item)) owners.push(item);
    }
  } else {
    owners.push(spec);
  }
  const specLink = specLinkOf(resource, spec);
  const out: EckConfig[] = [];
  for (const owner of owners) {
    const pair = getPair(owner, 'config');
    if (pair && isMap(pair.value)) out.push({ map: pair.value, link: [owner, pair], owner: owner === spec ? specLink : undefined });
  }
  return out;
}

/** One key of a config, wherever it sits, with how it is reached. */
export interface ConfigSetting {
  pair: Pair<Scalar, unknown>;
  /** The setting's full name from the config root (list items add no segment). */
  path: string[];
  /** The name from the nearest enclosing list item (a Beat module, an Agent stream), or the root. */
  local: string[];
  /** [map, pair] links from the config's owner down to `pair`: what `removeUpward` needs. */
  chain: Array<[YAMLMap, Pair]>;
  /** The nearest enclosing list item, for settings inside lists (`metricbeat.modules[]`). */
  item?: YAMLMap;
  /** Reached through an alias: shared with other places, so never edited. */
  shared: boolean;
  /** The link above `chain[0]`, for `removeUpward` (outside list items only). */
  owner?: [YAMLMap, Pair];
}

const MAX_DEPTH = 32;

/** Visits every key of a config, through nested maps and list items, depth-first in source order. */
export function walkConfig(config: EckConfig, doc: Resource['doc'], visit: (setting: ConfigSetting) => void): void {
  const walkMap = (map: YAMLMap, path: string[], local: string[], chain: Array<[YAMLMap, Pair]>, item: YAMLMap | undefined, shared: boolean, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const pair of map.items) {
      const key = pair.key;
      if (!isScalar(key) || key.value === null || key.value === undefined || !key.range) continue;
      // The core schema's scalars.
      const keyValue = key.value as string | number | boolean;
      const segments = String(keyValue).split('.');
      const here: ConfigSetting = {
        pair: pair as Pair<Scalar, unknown>,
        path: [...path, ...segments],
        local: [...local, ...segments],
        chain: [...chain, [map, pair]],
        item,
        shared,
        owner: item ? undefined : config.owner,
      };
      visit(here);
      const viaAlias = shared || isAlias(pair.value);
      const value = deref(pair.value, doc);
      if (isMap(value)) walkMap(value, here.path, here.local, here.chain, item, viaAlias, depth + 1);
      else if (isSeq(value)) walkSeq(value.items, here.path, here.chain, viaAlias, depth + 1);
    }
  };
  const walkSeq = (items: unknown[], path: string[], chain: Array<[YAMLMap, Pair]>, shared: boolean, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const raw of items) {
      const value = deref(raw, doc);
      const viaAlias = shared || isAlias(raw);
      // Removing a key inside a list item never removes the item itself: the chain restarts there.
      if (isMap(value)) walkMap(value, path, [], [], value, viaAlias, depth + 1);
      else if (isSeq(value)) walkSeq(value.items, path, chain, viaAlias, depth + 1);
    }
  };
  walkMap(config.map, [], [], config.link ? [config.link] : [], undefined, false, 0);
}

/** Every place `dotted` is set outside lists, in dotted, nested or mixed form. */
export function findSettings(config: EckConfig, dotted: string, doc: Resource['doc']): ConfigSetting[] {
  const want = dotted.split('.');
  const out: ConfigSetting[] = [];
  walkConfig(config, doc, (s) => {
    if (!s.item && s.path.length === want.length && s.path.every((p, i) => p === want[i])) out.push(s);
  });
  return out;
}

/** The segments end with `suffix` (`['ssl', 'verification_mode']`). */
export function endsWith(segments: readonly string[], suffix: readonly string[]): boolean {
  if (segments.length < suffix.length) return false;
  const offset = segments.length - suffix.length;
  return suffix.every((s, i) => segments[offset + i] === s);
}

/** The string items of a value: a list's scalars, or a single scalar (both are accepted for hosts). */
export function stringItems(value: unknown, doc: Resource['doc']): Scalar[] {
  const node = deref(value, doc);
  if (isScalar(node)) return typeof node.value === 'string' ? [node] : [];
  if (!isSeq(node)) return [];
  return node.items.filter((i): i is Scalar => isScalar(i) && typeof i.value === 'string');
}

/** The ECK kind whose `spec.config` is the same configuration as a product's file. */
const KIND_OF_PRODUCT: Record<ConfigProduct, string> = {
  elasticsearch: 'Elasticsearch',
  kibana: 'Kibana',
  'apm-server': 'ApmServer',
  beat: 'Beat',
  'elastic-agent': 'Agent',
};

/**
 * The configuration of one Elastic Stack program, wherever it is written: an ECK resource's
 * `spec.config` (one per node set for Elasticsearch), or a configuration file (`kibana.yml`)
 * kept in a ConfigMap or Secret. Rules judge both alike.
 */
export interface ElasticConfigs {
  /** The ECK kind of the program (`Kibana`, `Beat`…), for files too. */
  kind: string;
  /** How findings name where the setting is: the ECK kind, or the file's name (`kibana.yml`). */
  label: string;
  doc: Resource['doc'];
  configs: EckConfig[];
  /** The ECK resource; undefined for a configuration file. */
  resource?: Resource;
  /** The configuration file; undefined for an ECK resource. */
  file?: ConfigFile;
}

/** An ECK resource's configs (none for other resources). */
export function eckConfigsOf(resource: Resource): ElasticConfigs | undefined {
  const configs = eckConfigs(resource);
  return configs.length ? { kind: resource.kind, label: resource.kind, doc: resource.doc, configs, resource } : undefined;
}

/** A configuration file as the config of its program's ECK kind. */
export function fileConfigsOf(file: ConfigFile): ElasticConfigs {
  return { kind: KIND_OF_PRODUCT[file.product], label: file.key, doc: file.doc, configs: [{ map: file.root }], file };
}

/**
 * What the ECK configuration rules' docs say about configuration files: they read them like
 * `spec.config` (see ./embedded-config).
 */
export const CONFIG_FILES_NOTE =
  'The same settings are read in the configuration files of self-managed stacks (the Elastic Helm charts and most in-house charts) kept in a ConfigMap\'s `data` or a Secret\'s `stringData` as a literal block (`|`, `|-`) under a key named `elasticsearch.yml`, `kibana.yml`, `apm-server.yml`, a Beat\'s `<beat>.yml` (`filebeat.yml`, `metricbeat.yml`, `heartbeat.yml`, `auditbeat.yml`, `packetbeat.yml`, `winlogbeat.yml`, `journalbeat.yml`, `functionbeat.yml`) or `elastic-agent.yml` (`.yaml` too): each as its program\'s configuration, dotted and nested keys alike, reported at the exact place inside the block with the same fix (a removal that would leave the file empty is not offered). Quoted and folded values and a Secret\'s `data` (base64) are not read.';
