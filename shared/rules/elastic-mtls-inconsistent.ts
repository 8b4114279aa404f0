import { isScalar } from 'yaml';
import { folderOf } from '../crossfile/facts';
import { ConfigSetting, EckConfig, eckConfigsOf, ElasticConfigs, fileConfigsOf, walkConfig } from '../model/eck-config';
import type { ElasticsearchFacts, ElasticStackLookup } from '../model/elastic-stack';
import { embeddedConfigTextsOf, parseConfigFile } from '../model/embedded-config';
import type { ParsedFile } from '../model/parse';
import { getMap, getString, nodeRange, Resource } from '../model/resources';
import { LineIndex, Range } from '../model/text';
import { isSuppressed, readSuppressions } from '../suppress';
import { sectionEnd, templated } from './helpers';
import type { MessageData, Rule, RuleContext } from './types';

const CERTIFICATE = 'elasticsearch.ssl.certificate';
const KEY = 'elasticsearch.ssl.key';
const KEYSTORE = 'elasticsearch.ssl.keystore.path';
const PASSWORD_CREDENTIALS = ['elasticsearch.username', 'elasticsearch.password'];
const TOKEN = 'elasticsearch.serviceAccountToken';
const SETTINGS = new Set([CERTIFICATE, KEY, KEYSTORE, ...PASSWORD_CREDENTIALS, TOKEN]);

/**
 * ## What it does
 * Checks that a Kibana's client certificate toward Elasticsearch (mutual TLS) is complete and
 * actually used: certificate and key together, an Elasticsearch that asks for it and, when
 * Kibana authenticates by it, a PKI realm; and no password that would be used instead.
 *
 * ## Why is this bad?
 * Each half-done step falls back silently: the connection still works, without the certificate.
 */
const rule: Rule = {
  meta: {
    id: 'elastic-mtls-inconsistent',
    title: 'Kibana to Elasticsearch mutual TLS set up halfway',
    description:
      'Mutual TLS between Kibana and Elasticsearch takes several settings on both sides, and a missing one is never an error: the connection falls back to no client certificate. In a Kibana configuration (ECK `spec.config` or a `kibana.yml` kept in a ConfigMap or Secret; dotted and nested keys alike) this rule reports: `elasticsearch.ssl.certificate` without `elasticsearch.ssl.key`, or the reverse (warning, on the one present); a client certificate (`elasticsearch.ssl.certificate` or `elasticsearch.ssl.keystore.path`) while the Kibana\'s Elasticsearch does not ask for one — its `xpack.security.http.ssl.client_authentication` is not `optional` or `required` on every node, and for an ECK Elasticsearch `spec.http.tls.client.authentication` is not true either (warning); a self-managed Kibana that presents a client certificate and sets no `elasticsearch.username`, `elasticsearch.password` or `elasticsearch.serviceAccountToken`, so it authenticates by the certificate, while its Elasticsearch has no PKI realm (`xpack.security.authc.realms.pki.<name>.certificate_authorities`, or `.truststore.path`) on every node (warning; ECK Kibanas are exempt, the operator gives them credentials, and so is a Kibana whose container in the same file sets `ELASTICSEARCH_USERNAME`, `ELASTICSEARCH_PASSWORD` or `ELASTICSEARCH_SERVICEACCOUNTTOKEN`, or uses `envFrom`); and `elasticsearch.username` or `elasticsearch.password` beside a client certificate: Kibana then authenticates with the password, not the certificate (info, on each). The Kibana\'s Elasticsearch is the ECK Elasticsearch its `spec.elasticsearchRef` names, or, for a self-managed Kibana, the one `elasticsearch.yml` kept in a ConfigMap or Secret of the same namespace; it is looked for first among the resources of the same file (or standard input), then across the files read together (the CLI\'s files and standard input, the editor\'s workspace): an ECK reference resolves as every reference does (its `namespace`, else the Kibana\'s, a Kustomize namespace counting), a name found in several folders only in the Kibana\'s own; a self-managed Kibana\'s `elasticsearch.yml` must be the only one of its folder. The finding points at the Elasticsearch too. Settings template actions may write are not judged.',
    remediation:
      'Give Kibana both `elasticsearch.ssl.certificate` and `elasticsearch.ssl.key` (or a keystore); set `xpack.security.http.ssl.client_authentication: optional` (or `required`) on every Elasticsearch node (on ECK, `spec.http.tls.client.authentication: true` does it and gives Kibana its certificate); for a Kibana that authenticates by its certificate, add a PKI realm with `certificate_authorities` that trust it; and remove `elasticsearch.username`/`elasticsearch.password` from a Kibana that is meant to authenticate by its certificate.',
    defaultSeverity: 'warning',
    severityNote: 'A password beside the client certificate is reported as info: the connection is still authenticated, only not by the certificate.',
    category: 'eck',
    sources: [
      { kind: 'Elastic', id: 'kibana-es-mutual-tls', note: 'Elastic docs: Mutual TLS authentication between Kibana and Elasticsearch (client certificate, client_authentication, PKI realm, no username and password)', url: 'https://www.elastic.co/docs/deploy-manage/security/kibana-es-mutual-tls' },
      { kind: 'Elastic', id: 'security-settings', note: 'Elasticsearch xpack.security.http.ssl.client_authentication, PKI realm settings', url: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-settings.html' },
      { kind: 'ECK', id: 'k8s-es-client-certificate-auth', note: 'Elastic docs: Elasticsearch client certificate authentication on ECK (spec.http.tls.client.authentication)', url: 'https://www.elastic.co/docs/deploy-manage/security/k8s-es-client-certificate-auth' },
      { kind: 'ECK', id: 'k8s-kibana-es', note: 'Elastic docs: Connect Kibana to an Elasticsearch cluster (elasticsearchRef)', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-kibana-es.html' },
    ],
    messages: {
      certificateWithoutKey: '{{source}} elasticsearch.ssl.certificate is set without elasticsearch.ssl.key: Kibana has no client certificate to present to Elasticsearch without both.',
      keyWithoutCertificate: '{{source}} elasticsearch.ssl.key is set without elasticsearch.ssl.certificate: Kibana has no client certificate to present to Elasticsearch without both.',
      notAskedOnSomeNodes: '{{source}} {{setting}}: {{elasticsearch}} does not ask for client certificates on every node set (xpack.security.http.ssl.client_authentication is not optional or required on all of them), so the certificate is not presented to those nodes.',
      notAsked: '{{source}} {{setting}}: {{elasticsearch}} does not ask for client certificates (xpack.security.http.ssl.client_authentication is not optional or required), so the certificate is never presented.',
      passwordBesideCertificate: '{{source}} {{setting}} is set beside a client certificate: Kibana authenticates to Elasticsearch with the password, not the certificate.',
      noPkiRealm: '{{source}} {{setting}}: Kibana sets no elasticsearch.username, password or serviceAccountToken, so it authenticates by its certificate, but {{elasticsearch}} has no PKI realm (xpack.security.authc.realms.pki.<name>.certificate_authorities) to accept it.',
    },
    fixable: false,
    examples: {
      bad: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  elasticsearchRef:\n    name: es\n  config:\n    elasticsearch.ssl.certificate: /mnt/certs/kibana.crt',
      good: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  elasticsearchRef:\n    name: es\n  config:\n    elasticsearch.ssl.certificate: /mnt/certs/kibana.crt\n    elasticsearch.ssl.key: /mnt/certs/kibana.key',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (resource.kind !== 'Kibana' || resource.group !== 'kibana.k8s.elastic.co') return;
        const source = eckConfigsOf(resource);
        if (!source) return;
        const doc = resource.doc;
        const spec = getMap(resource.node, 'spec', doc);
        const ref = getMap(spec, 'elasticsearchRef', doc);
        const name = getString(ref, 'name', doc);
        // A `secretName` reference is an Elasticsearch outside ECK: not one to look at.
        const namespace = getString(ref, 'namespace', doc) ?? getString(getMap(resource.node, 'metadata', doc), 'namespace', doc);
        const elasticsearch = name && !getString(ref, 'secretName', doc) ? context.elasticStack.eckElasticsearch(name, namespace) : undefined;
        for (const config of source.configs) {
          const start = nodeRange(config.map)?.start ?? 0;
          const unknown = templated(context.text, { start, end: sectionEnd(context.text, start, [spec, resource.node]) });
          check(context, source, config, { elasticsearch, unknown, selfManaged: false });
        }
      },
      configFile(file) {
        if (file.product !== 'kibana') return;
        const source = fileConfigsOf(file);
        const namespace = file.holder.namespace;
        const elasticsearch = context.elasticStack.selfManagedElasticsearch(namespace);
        const credentialsFromEnvironment = context.elasticStack.kibanaCredentialsFromEnvironment(namespace);
        check(context, source, source.configs[0], { elasticsearch, unknown: file.templated, selfManaged: true, credentialsFromEnvironment });
      },
    };
  },
  // A Kibana whose Elasticsearch is in another file: the ECK Elasticsearch its reference names
  // (namespaces as for every reference), or the one `elasticsearch.yml` of its folder.
  crossFile(index, report) {
    for (const entry of index.all) {
      for (const client of entry.facts.kibanaClients ?? []) {
        if (client.suppressedInFile) continue;
        const candidates = client.ref
          ? index.find('Elasticsearch', client.ref.name, client.ref.namespace ?? entry.facts.namespace, (group) => group === 'elasticsearch.k8s.elastic.co')
          : index.all.filter((r) => folderOf(r.file) === folderOf(entry.file) && sameNamespace(r.facts.namespace, entry.facts.namespace));
        const servers = candidates.flatMap((r) => (r.facts.elasticsearch ?? []).filter((e) => e.selfManaged === !client.ref).map((e) => ({ file: r.file, facts: e.facts })));
        // One in the Kibana's own file is the visitors' (several there: none is judged).
        if (servers.some((e) => e.file === entry.file)) continue;
        // The same name in several folders (overlays): the Kibana's own folder decides, else nothing is judged.
        const near = servers.length > 1 ? servers.filter((e) => folderOf(e.file) === folderOf(entry.file)) : servers;
        if (near.length !== 1) continue;
        const [server] = near;
        for (const found of judgeClient(client, server.facts)) {
          report({
            file: entry.file,
            place: client.at,
            messageId: found.messageId,
            data: found.data,
            related: [{ file: server.file, place: found.related.at, message: found.related.message }],
            silenced: client.silenced,
            ...(client.embeddedIn ? { embeddedIn: client.embeddedIn } : {}),
          });
        }
      }
    }
  },
};

/** A namespace that is not written is the one the resources are applied to: it matches any. */
function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

interface Around {
  /** The Kibana's Elasticsearch, when it is known. */
  elasticsearch?: ElasticsearchFacts;
  /** Template actions may write settings of this config. */
  unknown: boolean;
  /** Not run by ECK: nobody else supplies its credentials. */
  selfManaged: boolean;
  credentialsFromEnvironment?: boolean;
}

function check(context: RuleContext, source: ElasticConfigs, config: EckConfig, around: Around): void {
  const last = lastSettings(config, source.doc);
  const certificate = last(CERTIFICATE);
  const key = last(KEY);
  const label = source.label;
  const report = (setting: ConfigSetting, messageId: string, data: MessageData, severity?: 'info', related?: { range: Range; message: string }) => {
    const value = setting.pair.value;
    const end = isScalar(value) && value.range ? value.range[1] : setting.pair.key.range![1];
    context.report({ range: { start: setting.pair.key.range![0], end }, messageId, data, severity, related: related ? [related] : undefined });
  };

  if (!around.unknown) {
    if (certificate && !key) report(certificate, 'certificateWithoutKey', { source: label });
    if (key && !certificate) report(key, 'keyWithoutCertificate', { source: label });
  }

  const client = clientOf(source, last, around);
  if (!client) return;
  const passwords = PASSWORD_CREDENTIALS.map(last).filter((s): s is ConfigSetting => s !== undefined);
  for (const setting of passwords) {
    report(setting, 'passwordBesideCertificate', { source: label, setting: setting.path.join('.') }, 'info');
  }
  if (around.elasticsearch) {
    for (const found of judgeClient(client, around.elasticsearch)) report(client.setting, found.messageId, found.data, undefined, { range: found.related.at, message: found.related.message });
  }
}

/** What a Kibana configuration presents to its Elasticsearch: its client certificate, and how it authenticates. */
export interface KibanaClient<Place = Range> {
  /** How messages name the configuration (`Kibana`, `kibana.yml`). */
  label: string;
  /** The client-certificate setting (`elasticsearch.ssl.certificate` or the keystore's path). */
  what: string;
  /** Where that setting is. */
  at: Place;
  selfManaged: boolean;
  /** Template actions may write settings of the configuration. */
  unknown: boolean;
  /** No username, password or service account token: Kibana authenticates by its certificate. */
  authenticatesByCertificate: boolean;
}

/** The configuration's client, when it presents a certificate; `at` in the configuration's own text. */
function clientOf(source: ElasticConfigs, last: (name: string) => ConfigSetting | undefined, around: Omit<Around, 'elasticsearch'>): (KibanaClient & { setting: ConfigSetting }) | undefined {
  const certificate = last(CERTIFICATE);
  const setting = certificate ?? last(KEYSTORE);
  if (!setting) return undefined;
  const value = setting.pair.value;
  const at = { start: setting.pair.key.range![0], end: isScalar(value) && value.range ? value.range[1] : setting.pair.key.range![1] };
  const authenticatesByCertificate = !PASSWORD_CREDENTIALS.some((name) => last(name)) && !last(TOKEN) && !around.credentialsFromEnvironment;
  return { label: source.label, what: setting === certificate ? CERTIFICATE : KEYSTORE, at, setting, selfManaged: around.selfManaged, unknown: around.unknown, authenticatesByCertificate };
}

/** Findings b and c: a client certificate the Elasticsearch never asks for, or cannot authenticate by. */
function judgeClient<Place>(client: KibanaClient<unknown>, es: ElasticsearchFacts<Place>): Array<{ messageId: string; data: MessageData; related: { at: Place; message: string } }> {
  const out: Array<{ messageId: string; data: MessageData; related: { at: Place; message: string } }> = [];
  const data = { source: client.label, setting: client.what, elasticsearch: es.label };
  if (es.asksForClientCertificates === false) {
    out.push({ messageId: es.asksOnSomeNodes ? 'notAskedOnSomeNodes' : 'notAsked', data, related: { at: es.notAskingAt ?? es.at, message: `${es.label} does not ask HTTPS clients for a certificate here.` } });
  }
  if (client.selfManaged && !client.unknown && client.authenticatesByCertificate && es.asksForClientCertificates === true && es.hasPkiRealm === false) {
    out.push({
      messageId: 'noPkiRealm',
      data,
      related: { at: es.at, message: `${es.label} has no PKI realm.` },
    });
  }
  return out;
}

/** A Kibana client whose Elasticsearch is not among the resources of its own text, to be looked for in other files. */
export interface UnresolvedKibanaClient<Place = Range> extends KibanaClient<Place> {
  /** ECK: the Elasticsearch its `elasticsearchRef` names; undefined for a self-managed Kibana. */
  ref?: { name: string; namespace?: string };
  /** The configuration file's own suppression comments switch the rule off at the setting. */
  suppressedInFile: boolean;
  /** The literal block holding the `kibana.yml` (offsets in the outer text). */
  embeddedIn?: { start: number; end: number };
}

/**
 * The Kibana clients of a resource (an ECK Kibana, or a ConfigMap or Secret holding `kibana.yml`)
 * whose Elasticsearch the text's own resources do not include: those with one there are judged
 * by the rule's visitors. Ranges are in the file's text.
 */
export function unresolvedKibanaClientsOf(resource: Resource, file: ParsedFile, text: string, stack: ElasticStackLookup): UnresolvedKibanaClient[] {
  const out: UnresolvedKibanaClient[] = [];
  if (resource.kind === 'Kibana' && resource.group === 'kibana.k8s.elastic.co') {
    const source = eckConfigsOf(resource);
    const doc = resource.doc;
    const spec = getMap(resource.node, 'spec', doc);
    const ref = getMap(spec, 'elasticsearchRef', doc);
    const name = getString(ref, 'name', doc);
    if (!source || !name || /[{}]/.test(name) || getString(ref, 'secretName', doc)) return out;
    const namespace = getString(ref, 'namespace', doc);
    if (stack.eckElasticsearch(name, namespace ?? getString(getMap(resource.node, 'metadata', doc), 'namespace', doc))) return out;
    for (const config of source.configs) {
      const start = nodeRange(config.map)?.start ?? 0;
      const unknown = templated(text, { start, end: sectionEnd(text, start, [spec, resource.node]) });
      const client = clientOf(source, lastSettings(config, source.doc), { unknown, selfManaged: false });
      if (client) out.push({ ...withoutSetting(client), ref: { name, ...(namespace ? { namespace } : {}) }, suppressedInFile: false });
    }
    return out;
  }
  for (const embedded of embeddedConfigTextsOf(resource, file)) {
    if (embedded.product !== 'kibana') continue;
    const config = parseConfigFile(embedded);
    if (!config) continue;
    const namespace = config.holder.namespace;
    if (stack.selfManagedElasticsearch(namespace)) continue;
    const source = fileConfigsOf(config);
    const client = clientOf(source, lastSettings(source.configs[0], source.doc), { unknown: config.templated, selfManaged: true, credentialsFromEnvironment: stack.kibanaCredentialsFromEnvironment(namespace) });
    const at = client && embedded.block.range(client.at);
    if (!client || !at) continue;
    const lines = new LineIndex(config.text);
    const suppressedInFile = isSuppressed(readSuppressions(config.text, lines), rule.meta.id, lines.positionAt(client.at.start).line);
    const block = embedded.node.range!;
    out.push({ ...withoutSetting(client), at, suppressedInFile, embeddedIn: { start: block[0], end: block[1] } });
  }
  return out;
}

function withoutSetting(client: KibanaClient & { setting: ConfigSetting }): KibanaClient {
  const { setting: _setting, ...rest } = client;
  return rest;
}

/**
 * The last place each of the rule's settings is written, outside lists, in dotted, nested or
 * mixed form, found in one walk of the config (an alias-heavy config is walked once, not once
 * per setting); undefined when that last one leaves the default.
 */
function lastSettings(config: EckConfig, doc: ElasticConfigs['doc']): (name: string) => ConfigSetting | undefined {
  const found = new Map<string, ConfigSetting>();
  walkConfig(config, doc, (setting) => {
    if (setting.item) return;
    const name = setting.path.join('.');
    if (SETTINGS.has(name)) found.set(name, setting);
  });
  return (name) => {
    const setting = found.get(name);
    return setting && isSet(setting) ? setting : undefined;
  };
}

/** A setting written with a value (an empty one, `key:`, leaves the default). */
function isSet(setting: ConfigSetting): boolean {
  const value = setting.pair.value;
  if (value === null || value === undefined) return false;
  if (isScalar(value)) return value.value !== null && !(typeof value.value === 'string' && value.value.trim() === '');
  return true;
}

export default rule;
