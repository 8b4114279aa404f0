import assert from 'node:assert/strict';
import { factsOf } from '../../../shared/crossfile/facts';
import { crossFileFindings } from '../../../shared/crossfile/index';

/** `file → text`: the findings as `rule/messageId file:line:col text` and their related places. */
function findings(files: Record<string, string>): string[] {
  const facts = Object.entries(files).map(([file, text]) => factsOf(file, text));
  return crossFileFindings(facts, () => undefined).map((f) => {
    const text = files[f.file].slice(f.place.start, f.place.end);
    return `${f.ruleId}/${f.messageId} ${f.file}:${f.place.line + 1}:${f.place.character + 1} ${text}${f.related.map((r) => ` -> ${r.file}:${r.place.line + 1}`).join('')}`;
  });
}

const secret = (name: string, body: string, ns = '') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}${body}`;
const es = (spec: string) => `apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: es\nspec:\n${spec}`;
const httpCert = '  http:\n    tls:\n      certificate:\n        secretName: es-cert\n';
const transportCert = '  transport:\n    tls:\n      certificate:\n        secretName: es-ca\n';
const certificate = (secretName: string) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: c\nspec:\n  secretName: ${secretName}\n`;

describe('tls-secret-invalid', () => {
  it('nothing when the Secret is not among the files', () => {
    assert.deepEqual(findings({ 'es.yaml': es(httpCert) }), []);
  });
  it('tls.crt and tls.key from data and stringData together', () => {
    assert.deepEqual(findings({ 'es.yaml': es(httpCert), 's.yaml': secret('es-cert', 'data:\n  tls.crt: eA==\nstringData:\n  tls.key: x\n') }), []);
  });
  it('ECK http: a CA (ca.crt, ca.key) also does; Ingress: it does not', () => {
    const ca = 'data:\n  ca.crt: eA==\n  ca.key: eA==\n';
    assert.deepEqual(findings({ 'es.yaml': es(httpCert), 's.yaml': secret('es-cert', ca) }), []);
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  tls:\n  - secretName: es-cert\n';
    assert.deepEqual(findings({ 'i.yaml': ingress, 's.yaml': secret('es-cert', ca) }), ['tls-secret-invalid/secretLacksKeys i.yaml:7:17 es-cert -> s.yaml:4']);
  });
  it('a type other than kubernetes.io/tls, Opaque or none', () => {
    assert.deepEqual(findings({ 'es.yaml': es(httpCert), 's.yaml': secret('es-cert', 'type: kubernetes.io/basic-auth\ndata:\n  tls.crt: eA==\n  tls.key: eA==\n') }), ['tls-secret-invalid/secretLacksKeys es.yaml:9:21 es-cert -> s.yaml:4']);
  });
  it('transport needs ca.crt and ca.key; a cert-manager Certificate does not provide them', () => {
    assert.deepEqual(findings({ 'es.yaml': es(transportCert), 's.yaml': secret('es-ca', 'data:\n  tls.crt: eA==\n  tls.key: eA==\n') }), ['tls-secret-invalid/secretLacksKeys es.yaml:9:21 es-ca -> s.yaml:4']);
    assert.deepEqual(findings({ 'es.yaml': es(transportCert), 'c.yaml': certificate('es-ca') }), ['tls-secret-invalid/issuedSecretLacksKeys es.yaml:9:21 es-ca']);
  });
  it('a cert-manager Certificate writing the Secret makes an http reference valid', () => {
    assert.deepEqual(findings({ 'es.yaml': es(httpCert), 'c.yaml': certificate('es-cert'), 's.yaml': secret('es-cert', 'data: {}\n') }), []);
  });
  it('the Secret is looked up in the referrer\'s namespace', () => {
    const namespaced = es(httpCert).replace('  name: es\n', '  name: es\n  namespace: a\n');
    assert.deepEqual(findings({ 'es.yaml': namespaced, 's.yaml': secret('es-cert', 'data: {}\n', 'b') }), []);
    assert.deepEqual(findings({ 'es.yaml': namespaced, 's.yaml': secret('es-cert', 'data: {}\n', 'a') }).length, 1);
  });
  it('Logstash services, one finding per referring entry', () => {
    const ls = 'apiVersion: logstash.k8s.elastic.co/v1alpha1\nkind: Logstash\nmetadata:\n  name: ls\nspec:\n  services:\n  - name: beats\n    tls:\n      certificate:\n        secretName: bad\n  - name: api\n    tls:\n      certificate:\n        secretName: bad\n';
    assert.deepEqual(findings({ 'ls.yaml': ls, 's.yaml': secret('bad', 'data:\n  tls.crt: eA==\n') }), ['tls-secret-invalid/secretLacksKeys ls.yaml:10:21 bad -> s.yaml:4', 'tls-secret-invalid/secretLacksKeys ls.yaml:14:21 bad -> s.yaml:4']);
  });
});

describe('eck-ref-plain-http', () => {
  const plain = es('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n');
  it('the reference\'s name, related to the target\'s disabled: true', () => {
    const kb = 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  elasticsearchRef:\n    name: es\n';
    assert.deepEqual(findings({ 'kb.yaml': kb, 'es.yaml': plain }), ['eck-ref-plain-http/plainRef kb.yaml:7:11 es -> es.yaml:9']);
  });
  it('a target with its own certificate, a reference with secretName, another kind: nothing', () => {
    const withCert = plain.replace('        disabled: true\n', '        disabled: true\n      certificate:\n        secretName: own\n');
    const kb = (ref: string) => `apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  elasticsearchRef:\n${ref}`;
    assert.deepEqual(findings({ 'kb.yaml': kb('    name: es\n'), 'es.yaml': withCert }), []);
    assert.deepEqual(findings({ 'kb.yaml': kb('    name: es\n    secretName: remote\n'), 'es.yaml': plain }), []);
    assert.deepEqual(findings({ 'kb.yaml': kb('    name: es\n').replace('elasticsearchRef', 'kibanaRef'), 'es.yaml': plain }), []);
  });
  it('fleetServerRef names an Agent; elasticsearchRefs[] each', () => {
    const agent = (name: string, extra = '') => `apiVersion: agent.k8s.elastic.co/v1alpha1\nkind: Agent\nmetadata:\n  name: ${name}\nspec:\n${extra}`;
    const fleet = agent('fleet', '  http:\n    tls:\n      selfSignedCertificate:\n        disabled: yes\n');
    const elastic = agent('elastic', '  fleetServerRef:\n    name: fleet\n  elasticsearchRefs:\n  - name: other\n  - name: es\n');
    assert.deepEqual(findings({ 'a.yaml': elastic, 'f.yaml': fleet, 'es.yaml': plain }), ['eck-ref-plain-http/plainRef a.yaml:7:11 fleet -> f.yaml:9', 'eck-ref-plain-http/plainRef a.yaml:10:11 es -> es.yaml:9']);
  });
});

describe('elastic-mtls-inconsistent across files', () => {
  const only = (files: Record<string, string>) => findings(files).filter((f) => f.startsWith('elastic-mtls-inconsistent/'));
  const eckKibana = (config: string, ref = '    name: es\n', ns = '') =>
    `apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  elasticsearchRef:\n${ref}  config:\n${config}`;
  const clientCert = '    elasticsearch.ssl.certificate: /mnt/kb.crt\n    elasticsearch.ssl.key: /mnt/kb.key\n';
  const eckEs = (config: string, ns = '') => es(`  nodeSets:\n  - name: default\n    count: 1\n${config ? `    config:\n${config}` : ''}`).replace('  name: es\n', ns ? `  name: es\n  namespace: ${ns}\n` : '  name: es\n');
  const configMap = (name: string, key: string, body: string, ns = '') =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  ${key}: |\n${body.replace(/^(?=.)/gm, '    ')}`;

  it('ECK: the Elasticsearch its elasticsearchRef names, in another file, does not ask for the certificate', () => {
    assert.deepEqual(only({ 'eck/kb.yaml': eckKibana(clientCert), 'eck/es.yaml': eckEs('') }), ['elastic-mtls-inconsistent/notAsked eck/kb.yaml:9:5 elasticsearch.ssl.certificate: /mnt/kb.crt -> eck/es.yaml:7']);
    // Asking for it (ECK's own switch, or client_authentication on every node set): clean.
    assert.deepEqual(only({ 'eck/kb.yaml': eckKibana(clientCert), 'eck/es.yaml': eckEs('      xpack.security.http.ssl.client_authentication: optional\n') }), []);
    assert.deepEqual(only({ 'eck/kb.yaml': eckKibana(clientCert), 'eck/es.yaml': `${eckEs('')}  http:\n    tls:\n      client:\n        authentication: true\n` }), []);
  });
  it('ECK: namespaces as for every reference; a reference with secretName is not judged; ECK Kibanas need no PKI realm', () => {
    assert.deepEqual(only({ 'kb.yaml': eckKibana(clientCert, '    name: es\n', 'a'), 'es.yaml': eckEs('', 'b') }), []);
    assert.deepEqual(only({ 'kb.yaml': eckKibana(clientCert, '    name: es\n    namespace: b\n', 'a'), 'es.yaml': eckEs('', 'b') }).length, 1);
    assert.deepEqual(only({ 'kb.yaml': eckKibana(clientCert, '    name: es\n    secretName: remote\n'), 'es.yaml': eckEs('') }), []);
    assert.deepEqual(only({ 'kb.yaml': eckKibana(clientCert), 'es.yaml': eckEs('      xpack.security.http.ssl.client_authentication: required\n') }), []);
  });
  it('ECK: the same name in two folders (overlays): the Kibana\'s own folder decides, else nothing', () => {
    const files = { 'prod/kb.yaml': eckKibana(clientCert), 'prod/es.yaml': eckEs(''), 'dev/es.yaml': eckEs('      xpack.security.http.ssl.client_authentication: required\n') };
    assert.deepEqual(only(files), ['elastic-mtls-inconsistent/notAsked prod/kb.yaml:9:5 elasticsearch.ssl.certificate: /mnt/kb.crt -> prod/es.yaml:7']);
    assert.deepEqual(only({ 'base/kb.yaml': eckKibana(clientCert), 'prod/es.yaml': eckEs(''), 'dev/es.yaml': eckEs('') }), []);
  });
  it('an Elasticsearch in the same file is the same-file rule\'s: not reported twice', () => {
    assert.deepEqual(only({ 'stack.yaml': `${eckKibana(clientCert)}---\n${eckEs('')}`, 'other/es.yaml': eckEs('') }), []);
  });
  it('self-managed: the one elasticsearch.yml of the folder, at the client-certificate line inside the block', () => {
    const kibana = configMap('kb-config', 'kibana.yml', 'elasticsearch.ssl.certificate: /certs/kb.crt\nelasticsearch.ssl.key: /certs/kb.key\n');
    const notAsking = configMap('es-config', 'elasticsearch.yml', 'xpack.security.http.ssl.enabled: true\nxpack.security.http.ssl.client_authentication: none\n');
    assert.deepEqual(only({ 'sm/kb.yaml': kibana, 'sm/es.yaml': notAsking }), ['elastic-mtls-inconsistent/notAsked sm/kb.yaml:7:5 elasticsearch.ssl.certificate: /certs/kb.crt -> sm/es.yaml:8']);
    // Asking, but no PKI realm while Kibana authenticates by its certificate.
    const noRealm = configMap('es-config', 'elasticsearch.yml', 'xpack.security.http.ssl.client_authentication: required\n');
    assert.deepEqual(only({ 'sm/kb.yaml': kibana, 'sm/es.yaml': noRealm }), ['elastic-mtls-inconsistent/noPkiRealm sm/kb.yaml:7:5 elasticsearch.ssl.certificate: /certs/kb.crt -> sm/es.yaml:6']);
    const realm = configMap('es-config', 'elasticsearch.yml', 'xpack.security.http.ssl.client_authentication: required\nxpack.security.authc.realms.pki.pki1.certificate_authorities: [/certs/ca.crt]\n');
    assert.deepEqual(only({ 'sm/kb.yaml': kibana, 'sm/es.yaml': realm }), []);
  });
  it('self-managed: another folder, two candidates, another namespace, a suppression in the file: nothing', () => {
    const kibana = (ns = '', extra = '') => configMap('kb-config', 'kibana.yml', `${extra}elasticsearch.ssl.certificate: /certs/kb.crt\nelasticsearch.ssl.key: /certs/kb.key\n`, ns);
    const notAsking = (name: string, ns = '') => configMap(name, 'elasticsearch.yml', 'xpack.security.http.ssl.enabled: true\n', ns);
    assert.deepEqual(only({ 'a/kb.yaml': kibana(), 'b/es.yaml': notAsking('es') }), []);
    assert.deepEqual(only({ 'a/kb.yaml': kibana(), 'a/es1.yaml': notAsking('es1'), 'a/es2.yaml': notAsking('es2') }), []);
    // Two in the Kibana's own file (ambiguous there): not one from another file instead.
    assert.deepEqual(only({ 'a/kb.yaml': `${kibana()}---\n${notAsking('es1')}---\n${notAsking('es2')}`, 'a/es.yaml': notAsking('es') }), []);
    assert.deepEqual(only({ 'a/kb.yaml': kibana('x'), 'a/es.yaml': notAsking('es', 'y') }), []);
    assert.deepEqual(only({ 'a/kb.yaml': kibana('', '# kube-tls-lint-disable-next-line elastic-mtls-inconsistent\n'), 'a/es.yaml': notAsking('es') }), []);
    assert.deepEqual(only({ 'a/kb.yaml': `# kube-tls-lint-disable elastic-mtls-inconsistent\n${kibana()}`, 'a/es.yaml': notAsking('es') }), []);
  });
});
