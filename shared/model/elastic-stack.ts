import { isMap, isScalar, YAMLMap } from 'yaml';
import { EckConfig, findSettings, walkConfig } from './eck-config';
import { embeddedConfigTextsOf, parseConfigFile } from './embedded-config';
import type { ParsedFile } from './parse';
import { containersOf, deref, getMap, getPair, getSeq, getString, Resource, resourcesOf } from './resources';
import { overlapsAny } from './template';
import type { Range } from './text';
import { yamlBoolean } from './values';

/**
 * What rules about a client and its server need to know of the server, an Elasticsearch. Ranges
 * are in the text the engine was given.
 */
export interface ElasticsearchFacts<Place = Range> {
  /** How messages name it: `Elasticsearch quickstart`, `elasticsearch.yml of ConfigMap es-config`. */
  label: string;
  /** Where it is: the ECK resource's name, or the key holding the file. */
  at: Place;
  /**
   * Every node asks HTTPS clients for a certificate (`xpack.security.http.ssl.client_authentication`
   * `optional` or `required`, or ECK's `spec.http.tls.client.authentication: true`); undefined
   * when template actions may set it.
   */
  asksForClientCertificates: boolean | undefined;
  /** Where a node that does not ask is configured (its `client_authentication: none`, or its node set). */
  notAskingAt?: Place;
  /** Some nodes ask and others do not (ECK node sets configured differently). */
  asksOnSomeNodes?: boolean;
  /**
   * Every node has a PKI realm that trusts client certificates
   * (`xpack.security.authc.realms.pki.<name>.certificate_authorities` or `.truststore.path`);
   * undefined when template actions may set one.
   */
  hasPkiRealm: boolean | undefined;
}

/**
 * The Elastic Stack programs a rule can see beside the one it judges, among the resources of one
 * text (one file, or one rendered chart). Those in other files are judged across files (see
 * the `crossFile` part of `elastic-mtls-inconsistent`).
 */
export interface ElasticStackLookup {
  /** The ECK Elasticsearch an `elasticsearchRef` names; a namespace left out matches any. */
  eckElasticsearch(name: string, namespace: string | undefined): ElasticsearchFacts | undefined;
  /**
   * The self-managed Elasticsearch (an `elasticsearch.yml` kept in a ConfigMap or Secret) beside a
   * self-managed program of `namespace`, when there is exactly one.
   */
  selfManagedElasticsearch(namespace: string | undefined): ElasticsearchFacts | undefined;
  /**
   * A Kibana container of `namespace` may get Elasticsearch credentials from its environment
   * (`ELASTICSEARCH_USERNAME`, `ELASTICSEARCH_PASSWORD`, `ELASTICSEARCH_SERVICEACCOUNTTOKEN`, or
   * any `envFrom`), which Kibana's container image turns into settings.
   */
  kibanaCredentialsFromEnvironment(namespace: string | undefined): boolean;
}

/** Sees nothing: for texts linted on their own (embedded manifests). */
export const EMPTY_STACK: ElasticStackLookup = {
  eckElasticsearch: () => undefined,
  selfManagedElasticsearch: () => undefined,
  kibanaCredentialsFromEnvironment: () => false,
};

const CREDENTIAL_VARIABLES = new Set(['ELASTICSEARCH_USERNAME', 'ELASTICSEARCH_PASSWORD', 'ELASTICSEARCH_SERVICEACCOUNTTOKEN']);

interface Indexed {
  eck: Array<{ name: string; namespace?: string; facts: ElasticsearchFacts }>;
  selfManaged: Array<{ namespace?: string; facts: ElasticsearchFacts }>;
  /** Namespaces of Kibana containers with credentials from the environment (undefined: none given). */
  kibanaEnvironment: Array<string | undefined>;
}

/** The stack of one parsed text, read on first use (most texts never ask). */
export function elasticStackOf(file: ParsedFile): ElasticStackLookup {
  let indexed: Indexed | undefined;
  const index = () => (indexed ??= indexFile(file));
  return {
    eckElasticsearch(name, namespace) {
      return index().eck.find((e) => e.name === name && sameNamespace(e.namespace, namespace))?.facts;
    },
    selfManagedElasticsearch(namespace) {
      const found = index().selfManaged.filter((e) => sameNamespace(e.namespace, namespace));
      return found.length === 1 ? found[0].facts : undefined;
    },
    kibanaCredentialsFromEnvironment(namespace) {
      return index().kibanaEnvironment.some((n) => sameNamespace(n, namespace));
    },
  };
}

/** A namespace that is not written is the one the resources are applied to: it matches any. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** An Elasticsearch a resource is or holds: an ECK Elasticsearch, or an `elasticsearch.yml` kept in a ConfigMap or Secret. */
export interface HeldElasticsearch {
  selfManaged: boolean;
  facts: ElasticsearchFacts;
}

/** The Elasticsearch servers of one resource (ranges in the file's text). */
export function elasticsearchOf(resource: Resource, file: ParsedFile): HeldElasticsearch[] {
  const out: HeldElasticsearch[] = [];
  if (resource.group === 'elasticsearch.k8s.elastic.co' && resource.kind === 'Elasticsearch' && resource.name) {
    out.push({ selfManaged: false, facts: eckFacts(resource, file) });
  }
  for (const embedded of embeddedConfigTextsOf(resource, file)) {
    if (embedded.product !== 'elasticsearch') continue;
    const config = parseConfigFile(embedded);
    const label = `${embedded.key} of ${embedded.holder.kind} ${embedded.holder.name ?? ''}`.trimEnd();
    if (!config) continue;
    const at = (r: Range | undefined) => (r ? embedded.block.range(r) : undefined);
    const asks = asking(config.root, config.doc);
    out.push({
      selfManaged: true,
      facts: {
        label,
        at: embedded.keyRange,
        asksForClientCertificates: config.templated ? undefined : asks.value,
        notAskingAt: asks.value ? undefined : (at(asks.at) ?? embedded.keyRange),
        hasPkiRealm: config.templated ? undefined : hasPkiRealm(config.root, config.doc),
      },
    });
  }
  return out;
}

function indexFile(file: ParsedFile): Indexed {
  const out: Indexed = { eck: [], selfManaged: [], kibanaEnvironment: [] };
  for (const parsed of file.documents) {
    if (parsed.syntaxError) continue;
    for (const resource of resourcesOf(parsed)) {
      const namespace = getString(getMap(resource.node, 'metadata', resource.doc), 'namespace', resource.doc);
      for (const held of elasticsearchOf(resource, file)) {
        if (held.selfManaged) out.selfManaged.push({ namespace, facts: held.facts });
        else out.eck.push({ name: resource.name!, namespace, facts: held.facts });
      }
      for (const container of containersOf(resource)) {
        const image = (container.image?.value ?? '') as string | number | boolean;
        if (!/kibana/i.test(String(image)) && !/kibana/i.test(container.name ?? '')) continue;
        const names = (container.env?.items ?? []).map((item) => getString(deref(item, resource.doc), 'name', resource.doc));
        if (names.some((n) => n !== undefined && CREDENTIAL_VARIABLES.has(n)) || container.node.has('envFrom')) out.kibanaEnvironment.push(namespace);
      }
    }
  }
  return out;
}

function eckFacts(resource: Resource, file: ParsedFile): ElasticsearchFacts {
  const doc = resource.doc;
  const nameNode = getMap(resource.node, 'metadata', doc)?.get('name', true);
  const at = isScalar(nameNode) && nameNode.range ? { start: nameNode.range[0], end: nameNode.range[1] } : rangeOf(resource.node);
  // Settings template actions write are unknown.
  const templated = overlapsAny(rangeOf(resource.node), file.templateRanges);
  let asks = true;
  let someAsk = false;
  let pki = true;
  let notAskingAt: Range | undefined;
  const nodeSets = getSeq(getMap(resource.node, 'spec', doc), 'nodeSets', doc)?.items ?? [];
  for (const item of nodeSets) {
    const nodeSet = deref(item, doc);
    if (!isMap(nodeSet)) continue;
    const config = deref(getPair(nodeSet, 'config')?.value, doc);
    const map = isMap(config) ? config : undefined;
    const nodeSetAsks = map ? asking(map, doc) : { value: false };
    if (nodeSetAsks.value) someAsk = true;
    if (!nodeSetAsks.value && asks) {
      asks = false;
      const name = nodeSet.get('name', true);
      notAskingAt = nodeSetAsks.at ?? (isScalar(name) && name.range ? { start: name.range[0], end: name.range[1] } : rangeOf(nodeSet));
    }
    if (!map || !hasPkiRealm(map, doc)) pki = false;
  }
  if (nodeSets.length === 0) asks = pki = false;
  // ECK's own switch: the operator sets `client_authentication: required` on every node.
  const client = getMap(getMap(getMap(getMap(resource.node, 'spec', doc), 'http', doc), 'tls', doc), 'client', doc);
  if (yamlBoolean(client?.get('authentication', true)) === true) {
    asks = true;
    notAskingAt = undefined;
  }
  return {
    label: `Elasticsearch ${resource.name}`,
    at,
    asksForClientCertificates: templated ? undefined : asks,
    notAskingAt: asks ? undefined : (notAskingAt ?? at),
    asksOnSomeNodes: !asks && someAsk,
    hasPkiRealm: templated ? undefined : pki,
  };
}

/** The config asks HTTPS clients for certificates; `at` is where it says otherwise. */
function asking(map: YAMLMap, doc: Resource['doc']): { value: boolean; at?: Range } {
  const config: EckConfig = { map };
  const found = findSettings(config, 'xpack.security.http.ssl.client_authentication', doc);
  const last = found[found.length - 1];
  if (!last) return { value: false };
  const value = last.pair.value;
  const text = isScalar(value) && typeof value.value === 'string' ? value.value.trim().toLowerCase() : '';
  const range = { start: last.pair.key.range![0], end: isScalar(value) && value.range ? value.range[1] : last.pair.key.range![1] };
  return { value: text === 'optional' || text === 'required', at: range };
}

function hasPkiRealm(map: YAMLMap, doc: Resource['doc']): boolean {
  let found = false;
  walkConfig({ map }, doc, (setting) => {
    const p = setting.path;
    if (setting.item || p.length < 7 || p.slice(0, 5).join('.') !== 'xpack.security.authc.realms.pki') return;
    const rest = p.slice(6).join('.');
    if (rest === 'certificate_authorities' || rest === 'truststore.path') found = true;
  });
  return found;
}

function rangeOf(node: { range?: [number, number, number] | null }): Range {
  return node.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
}
