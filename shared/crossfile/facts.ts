/**
 * What rules across files need to know of one file's resources: plain data (it crosses from a
 * worker thread), with places as offsets and 0-based positions so both the editor (offsets)
 * and the CLI (lines) can show them.
 */
import { isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import { componentsOf } from '../model/components';
import { SourceEditor } from '../model/edit';
import { ParsedFile, parseYaml } from '../model/parse';
import { deref, getMap, getPair, getSeq, getString, Resource, resourcesOf } from '../model/resources';
import { etcdUsesConfigFile } from '../model/etcd';
import { effectiveSetting } from '../model/settings';
import { elasticsearchOf, ElasticsearchFacts, elasticStackOf, ElasticStackLookup } from '../model/elastic-stack';
import { LineIndex, Range } from '../model/text';
import { isEckGroup } from '../model/eck-config';
import { isYamlTrue } from '../model/values';
import { UnresolvedKibanaClient, unresolvedKibanaClientsOf } from '../rules/elastic-mtls-inconsistent';
import { isSuppressed, readSuppressions } from '../suppress';

export interface Place {
  start: number;
  end: number;
  /** 0-based line and UTF-16 column of `start`, and of `end`. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** The folder of a file as findings name it (a path or a URI). */
export function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** A reference from one resource to another, where its name is written. */
export interface Reference {
  /** The field as the message shows it (`spec.elasticsearchRef`). */
  field: string;
  name: string;
  namespace?: string;
  place: Place;
  /** Rule ids switched off where the reference is (comments, the resource's annotation). */
  silenced: string[];
}

/** What a secret reference expects the Secret to hold. */
export type SecretUse = 'tls' | 'eck-http' | 'eck-transport';

export interface SecretReference extends Reference {
  use: SecretUse;
}

export interface ResourceFacts {
  kind: string;
  group: string;
  name?: string;
  /** `metadata.namespace`, else the namespace a kustomization listing the file sets. */
  namespace?: string;
  /** The `metadata.name` value (or the resource's `kind` when it has none). */
  namePlace: Place;
  /** ECK: where HTTP TLS is turned off (`disabled: true`), as `eck-http-tls-disabled` defines it. */
  httpTlsOff?: Place;
  /** ECK associations by name (`elasticsearchRef`…), without `secretName`. */
  refs: Reference[];
  secretRefs: SecretReference[];
  /** Secret: its type and the keys of `data` and `stringData`. */
  secret?: { type?: string; keys: string[] };
  /** cert-manager Certificate: the Secret it writes. */
  certificateSecretName?: string;
  /** Static pod: etcd's `--trusted-ca-file` and kube-apiserver's `--client-ca-file`, where their values are. */
  etcdTrustedCa?: FlagValue;
  apiserverClientCa?: FlagValue;
  /** Elastic: the Elasticsearch servers the resource is (ECK) or holds (`elasticsearch.yml`). */
  elasticsearch?: Array<{ selfManaged: boolean; facts: ElasticsearchFacts<Place> }>;
  /** Elastic: Kibana client certificates whose Elasticsearch is not in the same file. */
  kibanaClients?: Array<UnresolvedKibanaClient<Place> & { silenced: string[] }>;
}

export interface FlagValue {
  value: string;
  place: Place;
  silenced: string[];
}

export interface FileFacts {
  /** The file as findings name it (a shown path, a URI). */
  file: string;
  resources: ResourceFacts[];
}

/** Texts without these cannot hold anything the rules across files look at: they are not parsed. */
const HINT = /k8s\.elastic\.co|\bSecret\b|\bIngress\b|cert-manager\.io|trusted-ca-file|TRUSTED_CA_FILE|client-ca-file|elasticsearch\.ya?ml|kibana\.ya?ml/;
const CA_FLAGS = /trusted-ca-file|TRUSTED_CA_FILE|client-ca-file/;
/** Texts that may hold an Elasticsearch or a Kibana: ECK resources, or their configuration files. */
const ELASTIC = /k8s\.elastic\.co|elasticsearch\.ya?ml|kibana\.ya?ml/;

/** ECK association fields naming another ECK resource, and the kind they name. */
const REF_FIELDS: ReadonlyArray<[string, string]> = [
  ['elasticsearchRef', 'Elasticsearch'],
  ['kibanaRef', 'Kibana'],
  ['enterpriseSearchRef', 'EnterpriseSearch'],
  ['fleetServerRef', 'Agent'],
];

/** Rules whose findings sit on references, for suppressions read at extraction. */
export const CROSS_FILE_RULE_IDS = ['eck-ref-plain-http', 'tls-secret-invalid', 'etcd-ca-shared-with-apiserver', 'elastic-mtls-inconsistent'];

/** The target kind of an ECK reference field (`elasticsearchRefs[]` names Elasticsearch). */
export function refTargetKind(field: string): string | undefined {
  if (/elasticsearchRefs\[\d+\]$/.test(field)) return 'Elasticsearch';
  return REF_FIELDS.find(([name]) => field.endsWith('.' + name))?.[1];
}

/** Whether the text may hold anything the rules across files look at (else it need not be parsed for them). */
export function mayHoldFacts(text: string): boolean {
  return HINT.test(text);
}

/**
 * The facts of one text. `kustomizeNamespace`: the namespace a kustomization listing the file
 * sets; `parsed`: the text's parse when the caller has it (a lint's), so it is not parsed twice.
 */
export function factsOf(file: string, text: string, kustomizeNamespace?: string, parsed: ParsedFile | undefined = undefined): FileFacts {
  const facts: FileFacts = { file, resources: [] };
  if (!HINT.test(text) || text.includes('\u0000')) return facts;
  parsed ??= parseYaml(text);
  const context = factsContext(text, parsed, kustomizeNamespace);
  for (const doc of parsed.documents) {
    if (doc.syntaxError) continue;
    for (const resource of resourcesOf(doc)) {
      const out = resourceFacts(resource, context);
      if (out) facts.resources.push(out);
    }
  }
  return facts;
}

/** What reading the facts of one text's resources shares: its parse, places, suppressions. */
interface FactsContext {
  text: string;
  parsed: ParsedFile;
  kustomizeNamespace: string | undefined;
  suppressions: ReturnType<typeof readSuppressions>;
  /** The text has Elastic words: its resources may be (or configure) Elasticsearch and Kibana. */
  elastic: boolean;
  placeOf: (r: Range) => Place;
  place: (node: { range?: [number, number, number] | null } | null | undefined) => Place | undefined;
  /** Made when first needed (few texts hold components). */
  editor?: SourceEditor;
  stack?: ElasticStackLookup;
}

function factsContext(text: string, parsed: ParsedFile, kustomizeNamespace: string | undefined): FactsContext {
  const lines = new LineIndex(text);
  const placeOf = (r: Range): Place => {
    const a = lines.positionAt(r.start);
    const b = lines.positionAt(r.end);
    return { start: r.start, end: r.end, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
  };
  return {
    text,
    parsed,
    kustomizeNamespace,
    suppressions: readSuppressions(text, lines),
    elastic: ELASTIC.test(text),
    placeOf,
    place: (node) => {
      const r = node?.range;
      return r ? placeOf({ start: r[0], end: r[1] }) : undefined;
    },
  };
}

/** The rules across files that a place's suppressions or its resource's annotations turn off. */
type SilencedAt = (p: Place) => string[];

/** The facts of one resource, or undefined when it has no name to point at. */
function resourceFacts(resource: Resource, context: FactsContext): ResourceFacts | undefined {
  const { place } = context;
  const doc = resource.doc;
  const metadata = getMap(resource.node, 'metadata', doc);
  const namePair = getPair(metadata, 'name');
  const kindPair = getPair(resource.node, 'kind');
  const namePlace = place((namePair?.value as Node | undefined) ?? kindPair?.value as Node | undefined);
  if (!namePlace) return undefined;
  const silencedAt: SilencedAt = (p) => CROSS_FILE_RULE_IDS.filter((id) => resource.disabledRules.has(id) || isSuppressed(context.suppressions, id, p.line));
  const out: ResourceFacts = {
    kind: resource.kind,
    group: resource.group,
    name: resource.name,
    namespace: getString(metadata, 'namespace', doc) || context.kustomizeNamespace,
    namePlace,
    refs: [],
    secretRefs: [],
  };
  const reference = (field: string, map: YAMLMap | undefined): Reference | undefined => {
    const nameNode = deref(getPair(map, 'name')?.value, doc);
    if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || !nameNode.value || /[{}]/.test(nameNode.value)) return undefined;
    const at = place(nameNode);
    if (!at) return undefined;
    const namespace = getString(map, 'namespace', doc);
    return { field, name: nameNode.value, ...(namespace ? { namespace } : {}), place: at, silenced: silencedAt(at) };
  };
  const secretReference = (field: string, map: unknown, key: string, use: SecretUse) => {
    const node = deref(getPair(map, key)?.value, doc);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value || /[{}]/.test(node.value)) return;
    const at = place(node);
    if (at) out.secretRefs.push({ field, name: node.value, use, place: at, silenced: silencedAt(at) });
  };
  const spec = getMap(resource.node, 'spec', doc);
  if (isEckGroup(resource.group)) {
    readEck(resource, spec, out, place, reference, secretReference);
  } else if (resource.kind === 'Ingress' && resource.group.startsWith('networking.k8s.io') || resource.kind === 'Ingress' && resource.group === 'extensions') {
    getSeq(spec, 'tls', doc)?.items.forEach((item, i) => secretReference(`spec.tls[${i}].secretName`, deref(item, doc), 'secretName', 'tls'));
  } else if (resource.kind === 'Secret' && resource.group === '') {
    const keys = ['data', 'stringData'].flatMap((k) => (getMap(resource.node, k, doc)?.items ?? []).map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
    out.secret = { type: getString(resource.node, 'type', doc), keys };
  } else if (resource.kind === 'Certificate' && resource.group === 'cert-manager.io') {
    out.certificateSecretName = getString(spec, 'secretName', doc);
  } else if (resource.kind === 'Pod' && resource.group === '' && CA_FLAGS.test(context.text)) {
    readCaFlags(resource, out, context, silencedAt);
  }
  if (context.elastic) readElasticFacts(resource, out, context, silencedAt);
  return out;
}

/** The CA files of a static pod's etcd (`--trusted-ca-file`) and kube-apiserver (`--client-ca-file`). */
function readCaFlags(resource: Resource, out: ResourceFacts, context: FactsContext, silencedAt: SilencedAt): void {
  context.editor ??= new SourceEditor(context.text);
  for (const component of componentsOf(resource, context.parsed, context.editor)) {
    const flag = component.binary === 'etcd' ? 'trusted-ca-file' : component.binary === 'kube-apiserver' ? 'client-ca-file' : undefined;
    // etcd given a configuration file ignores its flags and variables.
    if (!flag || component.origin !== 'container' || (component.binary === 'etcd' && etcdUsesConfigFile(component))) continue;
    // The flag, or else etcd's ETCD_TRUSTED_CA_FILE (the finding then on the variable's value).
    const setting = effectiveSetting(component, flag);
    if (!setting || setting.unknown || !setting.value?.trim()) continue;
    const valueNode = setting.env?.valueNode;
    const range = setting.flag ? (setting.flag.valueWord ?? setting.flag.nameWord).range : valueNode?.range ? { start: valueNode.range[0], end: valueNode.range[1] } : setting.range;
    const at = context.placeOf(range);
    const value = { value: setting.value.trim(), place: at, silenced: silencedAt(at) };
    if (component.binary === 'etcd') out.etcdTrustedCa = value;
    else out.apiserverClientCa = value;
  }
}

/** The Elasticsearch a resource runs or configures, and the Kibana clients whose Elasticsearch is elsewhere. */
function readElasticFacts(resource: Resource, out: ResourceFacts, context: FactsContext, silencedAt: SilencedAt): void {
  const { parsed, placeOf } = context;
  const servers = elasticsearchOf(resource, parsed);
  if (servers.length) {
    out.elasticsearch = servers.map(({ selfManaged, facts: es }) => ({
      selfManaged,
      facts: { ...es, at: placeOf(es.at), notAskingAt: es.notAskingAt && placeOf(es.notAskingAt) },
    }));
  }
  context.stack ??= elasticStackOf(parsed);
  const clients = unresolvedKibanaClientsOf(resource, parsed, context.text, context.stack).map((client) => {
    const at = placeOf(client.at);
    return { ...client, at, silenced: silencedAt(at) };
  });
  if (clients.length) out.kibanaClients = clients;
}

function readEck(
  resource: Resource,
  spec: YAMLMap | undefined,
  out: ResourceFacts,
  place: (node: Node | null | undefined) => Place | undefined,
  reference: (field: string, map: YAMLMap | undefined) => Reference | undefined,
  secretReference: (field: string, map: unknown, key: string, use: SecretUse) => void,
): void {
  const doc = resource.doc;
  const tls = getMap(getMap(spec, 'http', doc), 'tls', doc);
  const disabled = getPair(getMap(tls, 'selfSignedCertificate', doc), 'disabled');
  const ownCertificate = getString(getMap(tls, 'certificate', doc), 'secretName', doc);
  if (disabled && isYamlTrue(disabled.value) && !(ownCertificate && ownCertificate.trim())) {
    const key = place(disabled.key);
    const value = place(disabled.value as Node);
    if (key && value) out.httpTlsOff = { ...key, end: value.end, endLine: value.endLine, endCharacter: value.endCharacter };
  }
  secretReference('spec.http.tls.certificate.secretName', getMap(tls, 'certificate', doc), 'secretName', 'eck-http');
  if (resource.kind === 'Elasticsearch') {
    secretReference('spec.transport.tls.certificate.secretName', getMap(getMap(getMap(spec, 'transport', doc), 'tls', doc), 'certificate', doc), 'secretName', 'eck-transport');
  }
  if (resource.kind === 'Logstash') {
    getSeq(spec, 'services', doc)?.items.forEach((item, i) => {
      secretReference(`spec.services[${i}].tls.certificate.secretName`, getMap(getMap(deref(item, doc), 'tls', doc), 'certificate', doc), 'secretName', 'tls');
    });
  }
  const withoutSecret = (map: YAMLMap | undefined) => !getString(map, 'secretName', doc);
  for (const [field] of REF_FIELDS) {
    const map = getMap(spec, field, doc);
    if (!map || !withoutSecret(map)) continue;
    const ref = reference(`spec.${field}`, map);
    if (ref) out.refs.push(ref);
  }
  if (resource.kind === 'Logstash' || resource.kind === 'Agent') {
    const list = getSeq(spec, 'elasticsearchRefs', doc);
    if (isSeq(list)) {
      list.items.forEach((item, i) => {
        const map = deref(item, doc);
        if (!isMap(map) || !withoutSecret(map)) return;
        const ref = reference(`spec.elasticsearchRefs[${i}]`, map);
        if (ref) out.refs.push(ref);
      });
    }
  }
}
