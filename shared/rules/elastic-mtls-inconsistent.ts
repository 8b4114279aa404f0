import { isScalar } from 'yaml';
import { ConfigSetting, EckConfig, eckConfigsOf, ElasticConfigs, fileConfigsOf, findSettings } from '../model/eck-config';
import type { ElasticsearchFacts } from '../model/elastic-stack';
import { getMap, getString, nodeRange } from '../model/resources';
import type { Range } from '../model/text';
import { sectionEnd, templated } from './helpers';
import type { MessageData, Rule, RuleContext } from './types';

const CERTIFICATE = 'elasticsearch.ssl.certificate';
const KEY = 'elasticsearch.ssl.key';
const KEYSTORE = 'elasticsearch.ssl.keystore.path';
const PASSWORD_CREDENTIALS = ['elasticsearch.username', 'elasticsearch.password'];
const TOKEN = 'elasticsearch.serviceAccountToken';

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
      'Mutual TLS between Kibana and Elasticsearch takes several settings on both sides, and a missing one is never an error: the connection falls back to no client certificate. In a Kibana configuration (ECK `spec.config` or a `kibana.yml` kept in a ConfigMap or Secret; dotted and nested keys alike) this rule reports: `elasticsearch.ssl.certificate` without `elasticsearch.ssl.key`, or the reverse (warning, on the one present); a client certificate (`elasticsearch.ssl.certificate` or `elasticsearch.ssl.keystore.path`) while the Kibana\'s Elasticsearch does not ask for one — its `xpack.security.http.ssl.client_authentication` is not `optional` or `required` on every node, and for an ECK Elasticsearch `spec.http.tls.client.authentication` is not true either (warning); a self-managed Kibana that presents a client certificate and sets no `elasticsearch.username`, `elasticsearch.password` or `elasticsearch.serviceAccountToken`, so it authenticates by the certificate, while its Elasticsearch has no PKI realm (`xpack.security.authc.realms.pki.<name>.certificate_authorities`, or `.truststore.path`) on every node (warning; ECK Kibanas are exempt, the operator gives them credentials, and so is a Kibana whose container in the same file sets `ELASTICSEARCH_USERNAME`, `ELASTICSEARCH_PASSWORD` or `ELASTICSEARCH_SERVICEACCOUNTTOKEN`, or uses `envFrom`); and `elasticsearch.username` or `elasticsearch.password` beside a client certificate: Kibana then authenticates with the password, not the certificate (info, on each). The Kibana\'s Elasticsearch is the ECK Elasticsearch its `spec.elasticsearchRef` names, or, for a self-managed Kibana, the one `elasticsearch.yml` kept in a ConfigMap or Secret of the same namespace; it is looked for among the resources of the same file (or standard input), and the finding points at it too. Settings template actions may write are not judged.',
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
};

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
  const last = (name: string): ConfigSetting | undefined => {
    const found = findSettings(config, name, source.doc);
    const setting = found[found.length - 1];
    return setting && isSet(setting) ? setting : undefined;
  };
  const certificate = last(CERTIFICATE);
  const key = last(KEY);
  const keystore = last(KEYSTORE);
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

  const clientCertificate = certificate ?? keystore;
  if (!clientCertificate) return;
  const what = clientCertificate === certificate ? CERTIFICATE : KEYSTORE;
  const es = around.elasticsearch;
  if (es?.asksForClientCertificates === false) {
    report(clientCertificate, es.asksOnSomeNodes ? 'notAskedOnSomeNodes' : 'notAsked', { source: label, setting: what, elasticsearch: es.label }, undefined, {
      range: es.notAskingAt ?? es.at,
      message: `${es.label} does not ask HTTPS clients for a certificate here.`,
    });
  }

  const passwords = PASSWORD_CREDENTIALS.map(last).filter((s): s is ConfigSetting => s !== undefined);
  for (const setting of passwords) {
    report(setting, 'passwordBesideCertificate', { source: label, setting: setting.path.join('.') }, 'info');
  }

  const authenticatesByCertificate = passwords.length === 0 && !last(TOKEN) && !around.credentialsFromEnvironment;
  if (around.selfManaged && !around.unknown && authenticatesByCertificate && es?.asksForClientCertificates === true && es.hasPkiRealm === false) {
    report(clientCertificate, 'noPkiRealm', { source: label, setting: what, elasticsearch: es.label }, undefined, {
      range: es.at,
      message: `${es.label} has no PKI realm.`,
    });
  }
}

/** A setting written with a value (an empty one, `key:`, leaves the default). */
function isSet(setting: ConfigSetting): boolean {
  const value = setting.pair.value;
  if (value === null || value === undefined) return false;
  if (isScalar(value)) return value.value !== null && !(typeof value.value === 'string' && value.value.trim() === '');
  return true;
}

export default rule;
