import assert from 'node:assert/strict';
import { lint } from '../../../shared/engine';
import { configMapFile } from '../../helpers/elastic-files';
import { runRuleTests } from '../../helpers/rule-tester';

const RULE = 'elastic-mtls-inconsistent';

/** An ECK Elasticsearch; each entry of `nodeSets` is one node set's `config` body (indented by 6), or null for none. */
const eckEs = (nodeSets: Array<string | null>, options: { name?: string; namespace?: string } = {}) =>
  `apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: ${options.name ?? 'es'}\n${options.namespace ? `  namespace: ${options.namespace}\n` : ''}spec:\n  version: 8.16.1\n  nodeSets:\n` +
  nodeSets.map((config, i) => `  - name: set-${i}\n    count: 1\n${config === null ? '' : `    config:\n${config}`}`).join('');
/** An ECK Kibana with `config` (indented by 4) and the reference body (indented by 4). */
const eckKibana = (config: string, ref = '    name: es\n', namespace?: string) =>
  `apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  version: 8.16.1\n  count: 1\n  elasticsearchRef:\n${ref}  config:\n${config}`;
const stack = (...docs: string[]) => docs.join('---\n');

const ASKS = '      xpack.security.http.ssl.client_authentication: optional\n';
const PKI = '      xpack.security.authc.realms.pki.pki1:\n        order: 1\n        certificate_authorities: /usr/share/elasticsearch/config/certs/ca.crt\n';
const CLIENT_CERT = '    elasticsearch.ssl.certificate: /mnt/kibana-client/tls.crt\n    elasticsearch.ssl.key: /mnt/kibana-client/tls.key\n';

/** A self-managed stack: one ConfigMap per file. */
const esFile = (content: string, namespace?: string) => configMapFile('elasticsearch.yml', content, { name: 'es-config', namespace });
const kibanaFile = (content: string, namespace?: string) => configMapFile('kibana.yml', content, { name: 'kibana-config', namespace });
const ES_ASKS_PKI = 'xpack.security.http.ssl:\n  enabled: true\n  client_authentication: required\nxpack.security.authc.realms.pki.kibana.certificate_authorities: ["/certs/ca.crt"]\n';
const KIBANA_CERT = 'elasticsearch.hosts: ["https://es:9200"]\nelasticsearch.ssl:\n  certificate: /certs/kibana.crt\n  key: /certs/kibana.key\n';

runRuleTests(RULE, {
  valid: [
    { name: 'ECK\'s own recipe: client_authentication and the certificate (ECK supplies credentials)', code: stack(eckEs([ASKS]), eckKibana(CLIENT_CERT)) },
    { name: 'required on every node set', code: stack(eckEs([ASKS.replace('optional', 'required'), ASKS]), eckKibana(CLIENT_CERT)) },
    { name: 'ECK\'s client authentication switch asks on every node', code: stack(eckEs([null, '      node.roles: [data]\n']).replace('spec:\n', 'spec:\n  http:\n    tls:\n      client:\n        authentication: true\n'), eckKibana(CLIENT_CERT)) },
    { name: 'no client certificate, a password', code: stack(eckEs([null]), eckKibana('    elasticsearch.username: kibana_system\n')) },
    { name: 'a keystore, Elasticsearch asks', code: stack(eckEs([ASKS]), eckKibana('    elasticsearch.ssl.keystore.path: /mnt/kibana.p12\n')) },
    { name: 'the Elasticsearch is not in the file', code: eckKibana(CLIENT_CERT) },
    { name: 'the reference names another Elasticsearch', code: stack(eckEs([null]), eckKibana(CLIENT_CERT, '    name: es-2\n')) },
    { name: 'the reference names another namespace', code: stack(eckEs([null], { namespace: 'a' }), eckKibana(CLIENT_CERT, '    name: es\n    namespace: b\n')) },
    { name: 'the Kibana\'s namespace is not the Elasticsearch\'s', code: stack(eckEs([null], { namespace: 'a' }), eckKibana(CLIENT_CERT, '    name: es\n', 'b')) },
    { name: 'a reference by secret is not an ECK Elasticsearch', code: stack(eckEs([null]), eckKibana(CLIENT_CERT, '    name: es\n    secretName: external-es\n')) },
    { name: 'the Elasticsearch config is templated', code: stack(eckEs(['      {{- toYaml .Values.esConfig | nindent 6 }}\n      node.store.allow_mmap: false\n']), eckKibana(CLIENT_CERT)) },
    { name: 'an empty certificate setting is no certificate', code: eckKibana('    elasticsearch.ssl.certificate: ""\n    elasticsearch.ssl.key:\n    server.name: kb\n') },
    { name: 'a template may write the key', code: eckKibana('    elasticsearch.ssl.certificate: /mnt/kibana.crt\n    {{- with .Values.kibanaKey }}\n    {{ . }}\n    {{- end }}\n') },
    { name: 'self-managed: the guide\'s full setup', code: stack(esFile(ES_ASKS_PKI), kibanaFile(KIBANA_CERT)) },
    { name: 'self-managed: a service account token', code: stack(esFile('xpack.security.http.ssl.client_authentication: optional\n'), kibanaFile(`${KIBANA_CERT}elasticsearch.serviceAccountToken: AAEAAWVs\n`)) },
    {
      name: 'self-managed: the Kibana container gets credentials from its environment',
      code: stack(
        esFile('xpack.security.http.ssl.client_authentication: optional\n'),
        kibanaFile(KIBANA_CERT),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kibana}\nspec:\n  template:\n    spec:\n      containers:\n      - name: kibana\n        image: docker.elastic.co/kibana/kibana:8.16.1\n        env:\n        - name: ELASTICSEARCH_SERVICEACCOUNTTOKEN\n          valueFrom: {secretKeyRef: {name: kb-token, key: token}}\n',
      ),
    },
    { name: 'self-managed: two Elasticsearch files, which one is unknown', code: stack(esFile('cluster.name: a\n'), esFile('cluster.name: b\n').replace('es-config', 'es-config-2'), kibanaFile(KIBANA_CERT)) },
    { name: 'self-managed: another namespace', code: stack(esFile('cluster.name: a\n', 'logging'), kibanaFile(KIBANA_CERT, 'apps')) },
    { name: 'self-managed: a templated kibana.yml is not judged for credentials', code: stack(esFile('xpack.security.http.ssl.client_authentication: optional\n'), kibanaFile(`${KIBANA_CERT}{{- toYaml .Values.kibanaConfig | nindent 4 }}\n`)) },
  ],
  invalid: [
    {
      name: 'ECK: a certificate without its key (nested)',
      code: eckKibana('    elasticsearch:\n      hosts: ["https://es-es-http:9200"]\n      ssl:\n        certificate: /mnt/kibana.crt\n'),
      errors: [{ text: 'certificate: /mnt/kibana.crt', line: 14, severity: 'warning', messageId: 'certificateWithoutKey', data: { source: 'Kibana' } }],
      output: null,
    },
    {
      name: 'kibana.yml: a key without its certificate (dotted)',
      code: kibanaFile('server.name: kb\nelasticsearch.ssl.key: /certs/kibana.key\n'),
      errors: [{ text: 'elasticsearch.ssl.key: /certs/kibana.key', line: 8, messageId: 'keyWithoutCertificate', data: { source: 'kibana.yml' } }],
    },
    {
      name: 'ECK: the referenced Elasticsearch never asks for the certificate',
      code: stack(eckEs(['      node.store.allow_mmap: false\n']), eckKibana(CLIENT_CERT)),
      errors: [{ text: 'elasticsearch.ssl.certificate: /mnt/kibana-client/tls.crt', line: 23, severity: 'warning', messageId: 'notAsked', data: { source: 'Kibana', setting: 'elasticsearch.ssl.certificate', elasticsearch: 'Elasticsearch es' } }],
    },
    {
      name: 'ECK: the client authentication switch turned off',
      code: stack(eckEs([null]).replace('spec:\n', 'spec:\n  http:\n    tls:\n      client:\n        authentication: false\n'), eckKibana(CLIENT_CERT)),
      errors: [{ text: 'elasticsearch.ssl.certificate: /mnt/kibana-client/tls.crt', messageId: 'notAsked' }],
    },
    {
      name: 'ECK: one node set of two asks (same namespace given on both)',
      code: stack(eckEs([ASKS, '      xpack.security.http.ssl.client_authentication: none\n'], { namespace: 'elastic' }), eckKibana('    elasticsearch.ssl.keystore.path: /mnt/kibana.p12\n', '    name: es\n', 'elastic')),
      errors: [{ text: 'elasticsearch.ssl.keystore.path: /mnt/kibana.p12', messageId: 'notAskedOnSomeNodes', data: { source: 'Kibana', setting: 'elasticsearch.ssl.keystore.path', elasticsearch: 'Elasticsearch es' } }],
    },
    {
      name: 'ECK: a password beside the client certificate, one finding on each line (info)',
      code: stack(eckEs([ASKS]), eckKibana(`${CLIENT_CERT}    elasticsearch:\n      username: kibana_system\n      password: changeme\n`)),
      errors: [
        { text: 'username: kibana_system', severity: 'info', messageId: 'passwordBesideCertificate', data: { source: 'Kibana', setting: 'elasticsearch.username' } },
        { text: 'password: changeme', severity: 'info', messageId: 'passwordBesideCertificate' },
      ],
    },
    {
      name: 'self-managed: Elasticsearch without client_authentication',
      code: stack(esFile('cluster.name: logs\nxpack.security.http.ssl.enabled: true\n'), kibanaFile(KIBANA_CERT)),
      errors: [{ text: 'certificate: /certs/kibana.crt', line: 18, messageId: 'notAsked', data: { source: 'kibana.yml', setting: 'elasticsearch.ssl.certificate', elasticsearch: 'elasticsearch.yml of ConfigMap es-config' } }],
    },
    {
      name: 'self-managed: authenticates by the certificate, no PKI realm',
      code: stack(esFile('xpack.security.http.ssl.client_authentication: optional\n'), kibanaFile(KIBANA_CERT)),
      errors: [{ text: 'certificate: /certs/kibana.crt', line: 17, messageId: 'noPkiRealm', data: { source: 'kibana.yml', setting: 'elasticsearch.ssl.certificate', elasticsearch: 'elasticsearch.yml of ConfigMap es-config' } }],
    },
    {
      name: 'self-managed: a password instead (info only, no PKI realm needed)',
      code: stack(esFile('xpack.security.http.ssl.client_authentication: optional\n'), kibanaFile(`${KIBANA_CERT}elasticsearch.password: \${KIBANA_PASSWORD}\n`)),
      errors: [{ text: 'elasticsearch.password: ${KIBANA_PASSWORD}', messageId: 'passwordBesideCertificate', severity: 'info' }],
    },
    {
      name: 'self-managed, same namespace; a Kibana container without credentials does not count',
      code: stack(
        esFile('xpack.security.http.ssl.client_authentication: optional\n', 'elastic'),
        kibanaFile(KIBANA_CERT, 'elastic'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kibana, namespace: elastic}\nspec:\n  template:\n    spec:\n      containers:\n      - name: kibana\n        image: docker.elastic.co/kibana/kibana:8.16.1\n        env:\n        - name: NODE_OPTIONS\n          value: --max-old-space-size=1800\n',
      ),
      errors: [{ text: 'certificate: /certs/kibana.crt', messageId: 'noPkiRealm' }],
    },
  ],
});

describe(`${RULE}: related locations`, () => {
  it('point at the Elasticsearch node set or setting that does not ask, or at the Elasticsearch', () => {
    const related = (text: string) => lint(text).findings.filter((f) => f.ruleId === RULE).map((f) => f.related?.map((r) => [text.slice(r.range.start, r.range.end), r.message]));
    assert.deepEqual(related(stack(eckEs([ASKS, null]), eckKibana(CLIENT_CERT))), [[['set-1', 'Elasticsearch es does not ask HTTPS clients for a certificate here.']]]);
    assert.deepEqual(related(stack(eckEs(['      xpack.security.http.ssl.client_authentication: none\n']), eckKibana(CLIENT_CERT))), [[['xpack.security.http.ssl.client_authentication: none', 'Elasticsearch es does not ask HTTPS clients for a certificate here.']]]);
    assert.deepEqual(related(stack(kibanaFile(KIBANA_CERT), esFile('xpack.security.http.ssl:\n  client_authentication: "none"\n'))), [[['client_authentication: "none"', 'elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.']]]);
    assert.deepEqual(related(stack(esFile('xpack.security.http.ssl.client_authentication: optional\n'), kibanaFile(KIBANA_CERT))), [[['elasticsearch.yml', 'elasticsearch.yml of ConfigMap es-config has no PKI realm.']]]);
  });

  it('an Elasticsearch with a PKI realm on every node set is enough for a certificate-only self-managed Kibana', () => {
    const text = stack(eckEs([`${ASKS}${PKI}`]), kibanaFile(KIBANA_CERT));
    assert.deepEqual(lint(text).findings.filter((f) => f.ruleId === RULE), []);
  });
});
