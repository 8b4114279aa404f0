/**
 * References between resources across files, through the built CLI (`dist/cli.js`): over a
 * folder, over standard input, and the related locations in each output format.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const STACK = path.join(ROOT, 'test/fixtures/realistic/eck-observability');
const ONLY = ['eck-ref-plain-http', 'tls-secret-invalid'];

function run(args: readonly string[], cwd: string, input?: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.npm_lifecycle_event;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', input });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  line: number;
  column: number;
  related?: Array<{ file: string; line: number; column: number; message: string }>;
}

const crossOnly = (findings: JsonFinding[]) => findings.filter((f) => ONLY.includes(f.ruleId));

const ES_PLAIN = 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: es\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n';
const KIBANA = (ref: string) => `apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  elasticsearchRef:\n${ref}`;

describe('CLI: references across files', () => {
  it('a folder: each reference is reported in the referring file, with the target as related location', () => {
    const { status, stdout } = run(['--format', 'json', '.'], STACK);
    assert.equal(status, 1);
    const found = crossOnly((JSON.parse(stdout) as { findings: JsonFinding[] }).findings);
    assert.deepEqual(
      found.map((f) => [f.ruleId, `${f.file}:${f.line}:${f.column}`, (f.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`)]),
      [
        ['eck-ref-plain-http', 'fleet.yaml:13:11', ['elasticsearch.yaml:11:9 HTTP TLS disabled on Elasticsearch "payments-logs"']],
        ['tls-secret-invalid', 'ingress.yaml:12:17', ['certificates.yaml:5:9 Secret "payments-ui-cert"']],
        ['eck-ref-plain-http', 'kibana.yaml:10:11', ['elasticsearch.yaml:11:9 HTTP TLS disabled on Elasticsearch "payments-logs"']],
        ['tls-secret-invalid', 'kibana.yaml:14:21', ['certificates.yaml:5:9 Secret "payments-ui-cert"']],
      ],
    );
  });

  it('text output prints the related location under the finding', () => {
    const { stdout } = run(['kibana.yaml', 'elasticsearch.yaml'], STACK);
    assert.ok(
      stdout.includes('kibana.yaml:10:11 warning Kibana connects to Elasticsearch "payments-logs" over plain HTTP: its HTTP TLS is disabled. [eck-ref-plain-http]\n  elasticsearch.yaml:11:9 HTTP TLS disabled on Elasticsearch "payments-logs"\n'),
      stdout,
    );
  });

  it('SARIF carries relatedLocations', () => {
    const sarif = JSON.parse(run(['--format', 'sarif', 'kibana.yaml', 'elasticsearch.yaml'], STACK).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'eck-ref-plain-http');
    assert.deepEqual(result.relatedLocations, [
      { id: 1, message: { text: 'HTTP TLS disabled on Elasticsearch "payments-logs"' }, physicalLocation: { artifactLocation: { uri: 'elasticsearch.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 11, startColumn: 9, endLine: 11, endColumn: 23 } } },
    ]);
  });

  it('a reference to a resource not among the files read reports nothing', () => {
    const found = crossOnly(JSON.parse(run(['--format', 'json', 'kibana.yaml', 'fleet.yaml'], STACK).stdout).findings);
    assert.deepEqual(found, []);
  });

  it('standard input resolves within itself and against the files named with it', () => {
    const rendered = `${ES_PLAIN}---\n${KIBANA('    name: es\n')}`;
    const alone = crossOnly(JSON.parse(run(['--format', 'json', '-'], STACK, rendered).stdout).findings);
    assert.deepEqual(alone.map((f) => [f.ruleId, f.file, f.line, f.related?.[0].line]), [['eck-ref-plain-http', '<stdin>', 17, 9]]);
    const mixed = crossOnly(JSON.parse(run(['--format', 'json', 'elasticsearch.yaml', '-'], STACK, KIBANA('    name: payments-logs\n')).stdout).findings);
    assert.deepEqual(mixed.map((f) => [f.file, f.line, f.related?.[0].file]), [['<stdin>', 7, 'elasticsearch.yaml']]);
  });

  it('namespaces: metadata.namespace, else the kustomization\'s; a reference names its own', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-xf-'));
    cpSync(STACK, dir, { recursive: true });
    // The Kibana moves to another namespace: its reference (no namespace) no longer reaches the Elasticsearch.
    const kibana = readFileSync(path.join(dir, 'kibana.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'kibana.yaml'), kibana.replace('  name: payments-ui\n', '  name: payments-ui\n  namespace: frontend\n'));
    const moved = crossOnly(JSON.parse(run(['--format', 'json', 'kibana.yaml', 'elasticsearch.yaml'], dir).stdout).findings);
    assert.deepEqual(moved, []);
    writeFileSync(path.join(dir, 'kibana.yaml'), kibana.replace('  name: payments-ui\n', '  name: payments-ui\n  namespace: frontend\n').replace('    name: payments-logs\n', '    name: payments-logs\n    namespace: observability\n'));
    const named = crossOnly(JSON.parse(run(['--format', 'json', 'kibana.yaml', 'elasticsearch.yaml'], dir).stdout).findings);
    assert.deepEqual(named.map((f) => [f.ruleId, f.line]), [['eck-ref-plain-http', 11]]);
  });

  it('a rule switched off, or a suppression comment on the reference, silences it', () => {
    const off = crossOnly(JSON.parse(run(['--format', 'json', '--rule', 'eck-ref-plain-http=off', '.'], STACK).stdout).findings);
    assert.deepEqual(off.map((f) => f.ruleId), ['tls-secret-invalid', 'tls-secret-invalid']);
    const text = `${ES_PLAIN}---\n${KIBANA('    # kube-tls-lint-disable-next-line eck-ref-plain-http\n    name: es\n')}`;
    assert.deepEqual(crossOnly(JSON.parse(run(['--format', 'json', '-'], STACK, text).stdout).findings), []);
  });
  describe('elastic-mtls-inconsistent over folders', () => {
    const MTLS = ['--format', 'json', '--rule', 'elastic-mtls-inconsistent=warning'];
    const mtlsOnly = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === 'elastic-mtls-inconsistent');
    const shown = (f: JsonFinding) => `${f.file}:${f.line}:${f.column} -> ${(f.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`).join()}`;
    const ES_CONFIG = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: es-config\ndata:\n  elasticsearch.yml: |\n${body}`;
    const KB_CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kb-config\ndata:\n  kibana.yml: |\n    server.name: kibana\n    elasticsearch.ssl.certificate: /certs/kb.crt\n    elasticsearch.ssl.key: /certs/kb.key\n';
    const ECK_ES = 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: logs\nspec:\n  version: 8.15.1\n  nodeSets:\n  - name: hot\n    count: 3\n';
    const ECK_KB = 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  elasticsearchRef:\n    name: logs\n  config:\n    elasticsearch.ssl.certificate: /mnt/kb/tls.crt\n    elasticsearch.ssl.key: /mnt/kb/tls.key\n';
    const folder = (files: Record<string, string>) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-mtls-'));
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      return dir;
    };

    it('self-managed: the elasticsearch.yml of the Kibana\'s folder, in another file', () => {
      const dir = folder({ 'logging/es.yaml': ES_CONFIG('    xpack.security.http.ssl.enabled: true\n    xpack.security.http.ssl.client_authentication: none\n'), 'logging/kibana.yaml': KB_CONFIG, 'other/es.yaml': ES_CONFIG('    xpack.security.http.ssl.client_authentication: required\n') });
      const r = run([...MTLS, '.'], dir);
      assert.deepEqual(mtlsOnly(r.stdout).map(shown), ['logging/kibana.yaml:8:5 -> logging/es.yaml:8:5 elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.']);
      assert.equal(r.status, 1);
      // The Elasticsearch fixed: nothing.
      writeFileSync(path.join(dir, 'logging/es.yaml'), ES_CONFIG('    xpack.security.http.ssl.client_authentication: required\n    xpack.security.authc.realms.pki.pki1.certificate_authorities: [/certs/ca.crt]\n'));
      assert.deepEqual(mtlsOnly(run([...MTLS, '.'], dir).stdout), []);
    });

    it('the realistic split stack: Kibana\'s certificate judged against the other file\'s elasticsearch.yml', () => {
      const r = run(['--format', 'json', '.'], path.join(ROOT, 'test/fixtures/realistic/elastic-split'));
      assert.deepEqual(mtlsOnly(r.stdout).map(shown), ['kibana.yaml:14:5 -> elasticsearch.yaml:11:3 elasticsearch.yml of ConfigMap search-es-config does not ask HTTPS clients for a certificate here.']);
      assert.deepEqual((JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.length, 1);
    });

    it('ECK: the Elasticsearch the elasticsearchRef names, from a file or from standard input', () => {
      const dir = folder({ 'eck/es.yaml': ECK_ES, 'eck/kibana.yaml': ECK_KB });
      assert.deepEqual(mtlsOnly(run([...MTLS, 'eck'], dir).stdout).map(shown), ['eck/kibana.yaml:9:5 -> eck/es.yaml:8:11 Elasticsearch logs does not ask HTTPS clients for a certificate here.']);
      assert.deepEqual(mtlsOnly(run([...MTLS, 'eck/kibana.yaml', '-'], dir, ECK_ES).stdout).map(shown), ['eck/kibana.yaml:9:5 -> <stdin>:8:11 Elasticsearch logs does not ask HTTPS clients for a certificate here.']);
      // Only the Kibana read: its Elasticsearch is unknown, nothing is judged.
      assert.deepEqual(mtlsOnly(run([...MTLS, 'eck/kibana.yaml'], dir).stdout), []);
    });
  });
});
