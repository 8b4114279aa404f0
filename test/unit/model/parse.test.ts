import assert from 'node:assert/strict';
import { lint } from '../../../shared/engine';
import { parseYaml } from '../../../shared/model/parse';
import { resourcesOf } from '../../../shared/model/resources';

const APISERVER = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: a\n    command: [kube-apiserver, --secure-port=0]\n';
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n';

// Other rules also look at these manifests; these tests are about the documents.
const CHECKED = new Set(['yaml-syntax', 'apiserver-tls-files-missing', 'apiserver-secure-port-disabled']);

/** 1-based line:column of each finding, with its rule. */
function placed(text: string): string[] {
  const result = lint(text);
  return result.findings.filter((f) => CHECKED.has(f.ruleId)).map((f) => {
    const p = result.lines.positionAt(f.range.start);
    return `${p.line + 1}:${p.character + 1} ${f.ruleId}`;
  });
}

describe('model/parse: documents', () => {
  it('parses every document of a multi-document file with its own range', () => {
    const text = `${APISERVER}---\n${BROKEN}---\nfoo: bar\n`;
    const file = parseYaml(text);
    assert.equal(file.documents.length, 3);
    assert.deepEqual(file.documents.map((d) => !!d.root), [true, false, true]);
    assert.deepEqual(file.documents.map((d) => !!d.syntaxError), [false, true, false]);
    const broken = file.documents[1];
    assert.ok(broken.range.start >= APISERVER.length && broken.range.end <= text.lastIndexOf('---'));
    assert.match(broken.syntaxError!.message, /Flow map/);
    // The error sits in the broken document, where the parser noticed it (the next line).
    assert.equal(text.slice(broken.syntaxError!.range.start, broken.syntaxError!.range.start + 4), 'spec');
  });

  it('a broken document is reported once as yaml-syntax at the error, and the others are still checked', () => {
    const text = `${APISERVER}---\n${BROKEN}---\n${APISERVER}`;
    assert.deepEqual(placed(text), [
      '7:15 apiserver-tls-files-missing',
      '7:31 apiserver-secure-port-disabled',
      '12:1 yaml-syntax',
      '20:15 apiserver-tls-files-missing',
      '20:31 apiserver-secure-port-disabled',
    ]);
    const syntax = lint(text).findings.find((f) => f.ruleId === 'yaml-syntax')!;
    assert.equal(syntax.severity, 'error');
    assert.match(syntax.message, /^YAML syntax error: /);
    assert.deepEqual(syntax.fixes, []);
  });

  it('several errors in one document give one finding', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec: [\n';
    assert.deepEqual(placed(text), ['5:3 yaml-syntax']);
  });

  it('duplicate keys are a syntax error (the API server rejects them too)', () => {
    assert.deepEqual(placed('apiVersion: v1\nkind: Pod\nspec: {}\nspec: {}\n'), ['4:1 yaml-syntax']);
  });

  it('a key repeated in a template (if/else branches) does not make the document unreadable', () => {
    // vcluster's charts write `serviceAccountName:` in both branches and `affinity:` twice.
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  {{- if .Values.sa }}\n  serviceAccountName: {{ .Values.sa }}\n  {{- else }}\n  serviceAccountName: default\n  {{- end }}\n' +
      '  containers:\n  - name: a\n    command: [kube-apiserver, --secure-port=0]\n';
    assert.ok(parseYaml(text).documents[0].root);
    assert.deepEqual(placed(text), ['12:15 apiserver-tls-files-missing', '12:31 apiserver-secure-port-disabled']);
    // Without template actions the repeated key stays a syntax error.
    assert.ok(parseYaml('apiVersion: v1\nkind: Pod\nspec: {}\nspec: {}\n').documents[0].syntaxError);
  });

  it('repeated keys are judged document by document in a stream mixing plain and templated ones', () => {
    const plain = 'apiVersion: v1\nkind: Pod\nspec: {}\nspec: {}\n';
    const templated = 'apiVersion: v1\nkind: Pod\nspec:\n  {{- if .x }}\n  a: 1\n  {{- else }}\n  a: 2\n  {{- end }}\n';
    const file = parseYaml([plain, templated, plain, templated].join('---\n'));
    assert.deepEqual(file.documents.map((d) => !!d.syntaxError), [true, false, true, false]);
  });

  it('tabs as indentation are a syntax error at the tab', () => {
    assert.deepEqual(placed('apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []\n'), ['4:1 yaml-syntax']);
  });

  it('a broken document that does not look like a resource is not reported', () => {
    assert.deepEqual(placed(`foo: [\n---\n${APISERVER}`), ['9:15 apiserver-tls-files-missing', '9:31 apiserver-secure-port-disabled']);
  });

  it('Helm templates never get syntax errors', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: [\n{{- end }}\n';
    assert.deepEqual(placed(text), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: Pod\nspec: [\n', { helm: true }).findings, []);
  });

  it('a plain manifest with actions only in comments or inside scalars still gets its syntax errors', () => {
    const broken = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n${extra}  name: x\nspec: [\n`;
    for (const extra of [
      '  annotations:\n    doc: "render with {{ .Values.x }}"\n',
      "  annotations: {doc: 'a {% raw %} b'}\n",
      '  # {{ .Values.note }} and {# jinja #}\n',
      '  labels:\n    image: repo/{{ .tag }}\n',
      '  annotations:\n    script: |\n      echo {{ x }}\n      {{ .Values.script }}\n',
    ]) {
      const text = broken(extra);
      assert.equal(parseYaml(text).documents[0].templated, false, extra);
      assert.deepEqual(placed(text), [`${text.split('\n').length}:1 yaml-syntax`], extra);
    }
    // A repeated key too: an action in a comment does not make it a template.
    assert.deepEqual(placed('apiVersion: v1\nkind: Pod\n# {{ x }}\nspec: {}\nspec: {}\n'), ['5:1 yaml-syntax']);
  });

  it('a template with actions as whole lines, keys, values or flow items never gets syntax errors, named so or not', () => {
    const shapes = [
      '{{- if .Values.x }}\nspec: [\n{{- end }}\n',
      'spec:\n  {{ .Values.key }}: [\n',
      'spec:\n  a: {{ .Values.a }}\n  b: [\n',
      'spec:\n  a: [x, {{ .Values.b }}]\n  b: [\n',
      'spec:\n  a: "{{ .Values.a | default "x" }}"\n  b: [\n',
      'spec:\n  a: x {{ "y: z" }}\n  b: [\n',
      'spec:\n{% for k in keys %}\n  {{ k }}: 1\n{% endfor %}\n  b: [\n',
      'spec:\n${EXTRA_FIELDS}\n  b: [\n',
    ];
    for (const shape of shapes) {
      const text = `apiVersion: v1\nkind: Pod\n${shape}`;
      assert.equal(parseYaml(text).documents[0].templated, true, shape);
      assert.deepEqual(placed(text), [], shape);
    }
  });

  it('each document is judged on its own actions', () => {
    const template = 'apiVersion: v1\nkind: Pod\nspec:\n  a: {{ .Values.a }}\n  b: [\n';
    const plain = 'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations: {doc: "{{ x }}"}\nspec: [\n';
    const text = `${template}---\n${plain}---\n${BROKEN}`;
    assert.deepEqual(parseYaml(text).documents.map((d) => d.templated), [true, false, false]);
    assert.deepEqual(placed(text), ['12:1 yaml-syntax', '16:1 yaml-syntax']);
  });

  it('a leading action line belongs to the document after it', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec: {}\n---\n{{- if .Values.x }}\napiVersion: v1\nkind: Pod\nspec:\n  a: 1\n    b: 2\n{{- end }}\n';
    assert.deepEqual(parseYaml(text).documents.map((d) => d.templated), [false, true]);
    assert.deepEqual(placed(text), []);
  });

  it('envsubst / Terraform placeholder lines are template actions: no syntax noise, parsed around', () => {
    const pod = (env: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    image: \${IMAGE}\n    command: [etcd, --client-cert-auth=false]\n    env:\n${env}      - name: A\n        value: "1"\n`;
    const findings = (text: string) => lint(text).findings.map((f) => `${f.ruleId} ${text.slice(f.range.start, f.range.end)}`);
    assert.deepEqual(findings(pod('${COMPUTED_ENV_VARS}\n')), ['etcd-client-cert-auth-disabled --client-cert-auth=false']);
    assert.deepEqual(findings(pod('%{ for v in vars ~}\n%{ endfor ~}\n')), ['etcd-client-cert-auth-disabled --client-cert-auth=false']);
    // The same line as plain text breaks the YAML, which is then reported.
    assert.deepEqual(placed(`${APISERVER}  $COMPUTED\n`).filter((f) => f.endsWith('yaml-syntax')).length, 1);
  });

  it('a byte order mark does not shift positions', () => {
    const text = '\uFEFF' + APISERVER;
    const file = parseYaml(text);
    assert.equal(resourcesOf(file.documents[0])[0].kind, 'Pod');
    const finding = lint(text).findings.find((f) => f.ruleId === 'apiserver-secure-port-disabled')!;
    assert.equal(text.slice(finding.range.start, finding.range.end), '--secure-port=0');
  });

  it('CRLF: positions are per line', () => {
    const text = APISERVER.replace(/\n/g, '\r\n');
    assert.deepEqual(placed(text), ['7:15 apiserver-tls-files-missing', '7:31 apiserver-secure-port-disabled']);
  });

  it('empty files, comment-only files and bare separators hold nothing', () => {
    for (const text of ['', '# nothing\n', '---\n', '---\n---\n', 'apiVersion: v1\n']) {
      const result = lint(text);
      assert.deepEqual(result.findings, [], JSON.stringify(text));
      assert.equal(result.isKubernetes, false, JSON.stringify(text));
    }
  });
});

describe('model/parse: hostile and foreign input', () => {
  it('an alias bomb stays fast: aliases are never expanded', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n${levels.join('\n')}\nspec:\n  containers: *l\n  initContainers:\n  - *l\n`;
    const started = Date.now();
    const result = lint(text);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.deepEqual(result.findings, []);
    assert.equal(result.isKubernetes, true);
  });

  it('deep nesting does not crash', () => {
    const text = `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    assert.doesNotThrow(() => lint(text));
  });

  it('non-Kubernetes YAML gives nothing: GitHub workflow, docker-compose, Ansible', () => {
    const texts = [
      'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n    - uses: actions/checkout@v4\n    - run: kube-apiserver --secure-port=0\n',
      'version: "3.8"\nservices:\n  apiserver:\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: ["kube-apiserver", "--secure-port=0"]\n    ports: ["6443:6443"]\n',
      '- hosts: masters\n  tasks:\n  - name: start\n    command: kube-apiserver --secure-port=0\n',
    ];
    for (const text of texts) {
      const result = lint(text);
      assert.deepEqual(result.findings, []);
      assert.equal(result.isKubernetes, false);
    }
  });

  it('binary content and oversized text are skipped with a notice', () => {
    assert.match(lint('apiVersion: v1\nkind: Pod\n\u0000').notices[0], /binary/);
    const big = lint(APISERVER, { maxLength: 10 });
    assert.deepEqual(big.findings, []);
    assert.match(big.notices[0], /size limit/);
  });
});
