import assert from 'node:assert/strict';
import { isScalar, parseAllDocuments, parseDocument, Scalar, visit } from 'yaml';
import { Finding, fixAll, lint, LintOptions } from '../../shared/engine';
import { embeddedTextsOf, LiteralBlock } from '../../shared/model/embedded';
import { parseYaml } from '../../shared/model/parse';
import { resourcesOf } from '../../shared/model/resources';
import { applyEdits } from '../../shared/model/text';
import { withRules } from '../helpers/rule-tester';

/** The first block scalar of `text` (or the one under `key`). */
function blockScalar(text: string, key?: string): Scalar {
  let found: Scalar | undefined;
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (found || !isScalar(pair.value) || (key !== undefined && (pair.key as Scalar).value !== key)) return;
      if (pair.value.type === 'BLOCK_LITERAL' || pair.value.type === 'BLOCK_FOLDED' || key !== undefined) found = pair.value;
    },
  });
  assert.ok(found, 'block scalar');
  return found;
}

function block(text: string, key?: string): LiteralBlock | undefined {
  return LiteralBlock.of(blockScalar(text, key), text);
}

/** `rule` findings: the outer text each covers and its 1-based line. */
function found(text: string, rule?: string, options?: LintOptions): Array<[string, number]> {
  const result = lint(text, options);
  // The pods here mount no volumes: which files they could read is another matter.
  return result.findings.filter((f) => (rule ? f.ruleId === rule : f.ruleId !== 'tls-file-not-mounted')).map((f) => [text.slice(f.range.start, f.range.end), result.lines.positionAt(f.range.start).line + 1]);
}

function only(text: string, rule: string): Finding {
  const findings = lint(text).findings.filter((f) => f.ruleId === rule);
  assert.equal(findings.length, 1, `one ${rule} finding`);
  return findings[0];
}

/** Applies a fix to the outer text: it must stay valid YAML. */
function applyFix(text: string, finding: Finding, title: string): string {
  const fix = finding.fixes.find((f) => f.title.includes(title));
  assert.ok(fix, `fix "${title}" among ${finding.fixes.map((f) => f.title).join(', ')}`);
  const out = applyEdits(text, fix.edits);
  for (const doc of parseAllDocuments(out)) assert.deepEqual(doc.errors.map((e) => e.message), [], out);
  return out;
}

/** The string value of `key` anywhere in the (first document of the) text. */
function valueOf(text: string, key: string): unknown {
  let value: unknown;
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (value === undefined && isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) value = pair.value.value;
    },
  });
  return value;
}

const kubeadmConfigMap = (header: string, body: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\ndata:\n  ClusterConfiguration: ${header}\n${body}`;

const CLUSTER_CONFIGURATION = `apiServer:
  extraArgs:
    authorization-mode: Node,RBAC
    secure-port: "0"
  timeoutForControlPlane: 4m0s
apiVersion: kubeadm.k8s.io/v1beta3
certificatesDir: /etc/kubernetes/pki
kind: ClusterConfiguration
kubernetesVersion: v1.28.2
`;

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

const STATIC_POD = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.29.0
    command:
    - kube-apiserver
    - --insecure-port=8080
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt
`;

const controlPlane = (file: string, kind = 'KubeadmControlPlane') =>
  `apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: ${kind}\nmetadata:\n  name: cp\nspec:\n  replicas: 3\n  kubeadmConfigSpec:\n    files:\n${file}  version: v1.29.0\n`;

const staticPodFile = (pod: string, extra = '', header = '|') =>
  `    - path: /etc/kubernetes/manifests/kube-apiserver.yaml\n      owner: root:root\n${extra}      content: ${header}\n${indent(pod, '        ')}`;

describe('embedded manifests: LiteralBlock', () => {
  it('maps content offsets to the outer text, line by line', () => {
    const text = 'a:\n  b: |\n    x: 1\n\n      y: 2\n  c: d\n';
    const b = block(text)!;
    assert.equal(b.text, 'x: 1\n\n  y: 2\n');
    assert.equal(b.indent, '    ');
    assert.equal(b.offset(0), text.indexOf('x: 1'));
    assert.equal(b.offset(5), text.indexOf('\n\n') + 1); // the empty line
    assert.equal(b.offset(b.text.indexOf('y')), text.indexOf('y'));
    assert.equal(b.offset(b.text.length), undefined); // past the content
    assert.deepEqual(b.range({ start: 8, end: 12 }), { start: text.indexOf('y: 2'), end: text.indexOf('y: 2') + 4 });
  });

  it('reads |-, |+, |2 and a header comment', () => {
    assert.equal(block('k: |-\n  x\n  y\n')?.text, 'x\ny\n');
    assert.equal(block('k: |+ # keep\n  x\n\n\nz: 1\n')?.text, 'x\n');
    const text = 'top:\n  k: |2\n      indented first\n    x\n';
    const b = block(text)!;
    assert.equal(b.text, '  indented first\nx\n');
    assert.equal(b.offset(0), text.indexOf('  indented'));
    assert.equal(block('k: |1\n  x\n')?.text, ' x\n');
  });

  it('keeps CRLF line breaks and maps past them', () => {
    const text = 'k: |\r\n  a: 1\r\n  b: 2\r\nz: 1\r\n';
    const b = block(text)!;
    assert.equal(b.text, 'a: 1\r\nb: 2\r\n');
    assert.equal(b.offset(6), text.indexOf('b: 2'));
  });

  it('a long run of blanks inside the content is read in linear time', () => {
    const blanks = ' '.repeat(100_000);
    const text = `k: |\n  a: 1${blanks}x\n  b: 2\n`;
    const start = performance.now();
    const b = block(text)!;
    assert.ok(performance.now() - start < 2000, 'under 2 s');
    assert.equal(b.text, `a: 1${blanks}x\nb: 2\n`);
  });

  it('has no map for folded, plain or quoted scalars, or lines less indented than the block', () => {
    assert.equal(block('k: >\n  a: 1\n  b: 2\n'), undefined);
    assert.equal(block('k: "a: 1\\nb: 2"\n', 'k'), undefined);
    assert.equal(block('k: a\n', 'k'), undefined);
    // A template action at the first column (masked to blank, so YAML accepts it).
    const text = 'k: |\n  a: 1\n{{- if .x }}\n  b: 2\n{{- end }}\nz: 1\n';
    const file = parseYaml(text);
    const node = (file.documents[0].root!.get('k', true) as Scalar);
    assert.equal(LiteralBlock.of(node, text, file.maskedText), undefined);
  });

  it('maps edits: within a line, whole lines, and new lines indented like the block', () => {
    const text = 'k: |\n  a: 1\n  b: 2\nz: 1\n';
    const b = block(text)!;
    const apply = (start: number, end: number, newText: string) => {
      const e = b.edit({ start, end, newText });
      return e && applyEdits(text, [e]);
    };
    assert.equal(apply(3, 4, '9'), 'k: |\n  a: 9\n  b: 2\nz: 1\n');
    assert.equal(apply(5, 10, ''), 'k: |\n  a: 1\nz: 1\n'); // the last line, up to the end
    assert.equal(apply(0, 5, ''), 'k: |\n  b: 2\nz: 1\n');
    assert.equal(apply(4, 4, '\nc:\n  d: 3'), 'k: |\n  a: 1\n  c:\n    d: 3\n  b: 2\nz: 1\n');
    assert.equal(apply(10, 10, 'c: 3\n'), 'k: |\n  a: 1\n  b: 2\n  c: 3\nz: 1\n'); // appended at the end
    assert.equal(apply(10, 10, 'c: 3'), undefined); // would run into `z: 1`
    assert.equal(apply(11, 11, 'x'), undefined);
  });

  it('maps the collection an edit changes into the block, or to the block itself when outside it', () => {
    const text = 'k: |\n  a: 1\n';
    const b = block(text)!;
    const entries = (collection: number) => ({ collection, count: 2, removed: 1 });
    assert.deepEqual(b.edit({ start: 0, end: 5, newText: '', entries: entries(0) })?.entries, entries(7));
    assert.deepEqual(b.edit({ start: 0, end: 5, newText: '', entries: entries(-3) })?.entries, entries(3));
  });
});

describe('embedded manifests: where they are found', () => {
  const texts = (text: string) => {
    const file = parseYaml(text);
    return file.documents.flatMap((d) => resourcesOf(d)).flatMap((r) => embeddedTextsOf(r, file));
  };

  it('kubeadm-config ConfigMap: ClusterConfiguration as is', () => {
    const [found] = texts(kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION, '    ')));
    assert.equal(found.text, CLUSTER_CONFIGURATION);
    assert.equal(found.header, '');
    assert.equal(found.isManifest, true);
  });

  it('kubeadm-config without apiVersion and kind: read as v1beta3 (v1beta4 with list extraArgs) when it has its kind\'s keys', () => {
    const [v3] = texts(kubeadmConfigMap('|', '    apiServer:\n      extraArgs:\n        secure-port: "0"\n'));
    assert.equal(v3.header, 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n');
    assert.equal(v3.isManifest, false);
    const [v4] = texts(kubeadmConfigMap('|', '    apiServer:\n      extraArgs:\n      - name: secure-port\n        value: "0"\n'));
    assert.equal(v4.header, 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n');
    assert.deepEqual(texts(kubeadmConfigMap('|', '    networking:\n      podSubnet: 10.0.0.0/16\n')), []);
    // One of the two only: not a dump without them, not something to guess at.
    assert.deepEqual(texts(kubeadmConfigMap('|', '    kind: ClusterConfiguration\n    apiServer: {}\n')), []);
  });

  it('other ConfigMaps and data keys are not read; the kubelet-config ConfigMap is', () => {
    const other = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION, '    ')).replace('name: kubeadm-config', 'name: my-config');
    assert.deepEqual(texts(other), []);
    const status = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION, '    ')).replace('ClusterConfiguration: |', 'ClusterStatus: |');
    assert.deepEqual(texts(status), []);
    const kubelet = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubelet-config-1.28\ndata:\n  kubelet: |\n    apiVersion: kubelet.config.k8s.io/v1beta1\n    kind: KubeletConfiguration\n';
    assert.equal(texts(kubelet).length, 1);
  });

  it('Cluster API files: static pods and kubeadm/kubelet config files, never encoded or referenced content', () => {
    const file = (path: string, extra = '') => `    - path: ${path}\n${extra}      content: |\n        apiVersion: v1\n        kind: Pod\n`;
    const count = (f: string, kind?: string) => texts(controlPlane(f, kind)).length;
    assert.equal(count(file('/etc/kubernetes/manifests/kube-vip.yaml')), 1);
    assert.equal(count(file('/run/kubeadm/kubeadm.yaml')), 1);
    assert.equal(count(file('/etc/kubernetes/kubelet-config.yaml')), 1);
    assert.equal(count(file('/var/lib/kubelet/config.yaml')), 1);
    assert.equal(count(file('/etc/kubernetes/manifests/kube-vip.yaml'), 'KubeadmControlPlaneTemplate'), 0); // files are under spec.template.spec there
    assert.equal(count(file('/etc/sysctl.d/k8s.conf')), 0);
    assert.equal(count(file('/etc/kubernetes/manifests/kube-vip.yaml', '      encoding: base64\n')), 0);
    assert.equal(count(file('/etc/kubernetes/manifests/kube-vip.yaml', '      encoding: gzip+base64\n')), 0);
    assert.equal(count(file('/etc/kubernetes/manifests/kube-vip.yaml', '      contentFrom:\n        secret: {name: s, key: k}\n')), 0);
    const template = `apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfigTemplate\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      files:\n${indent(file('/etc/kubernetes/manifests/x.yaml'), '    ')}`;
    assert.equal(texts(template).length, 1);
    const config = `apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nmetadata:\n  name: w\nspec:\n  files:\n  - path: /etc/kubernetes/manifests/x.yaml\n    content: |\n      apiVersion: v1\n      kind: Pod\n`;
    assert.equal(texts(config).length, 1);
  });
});

describe('embedded manifests: linted in place', () => {
  it('kubeadm-config ConfigMap: secure-port "0" in apiServer.extraArgs, with both fixes', () => {
    const text = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION, '    '));
    const finding = only(text, 'apiserver-secure-port-disabled');
    assert.equal(text.slice(finding.range.start, finding.range.end), 'secure-port: "0"');
    assert.equal(lint(text).lines.positionAt(finding.range.start).line + 1, 11);
    assert.equal(finding.range.start, text.indexOf('secure-port'));
    assert.equal(finding.message, "--secure-port=0 turns off the API server's HTTPS listener.");
    assert.equal(finding.docsUrl, 'https://github.com/kube-tls-lint/kube-tls-lint/blob/main/docs/rules/apiserver-secure-port-disabled.md');
    assert.deepEqual(found(text), [['secure-port: "0"', 11]]);

    const removed = applyFix(text, finding, 'Remove');
    assert.equal(removed, text.replace('        secure-port: "0"\n', ''));
    assert.equal(valueOf(removed, 'ClusterConfiguration'), CLUSTER_CONFIGURATION.replace('    secure-port: "0"\n', ''));
    const set = applyFix(text, finding, 'Set --secure-port to 6443');
    assert.equal(valueOf(set, 'ClusterConfiguration'), CLUSTER_CONFIGURATION.replace('"0"', '"6443"'));
    assert.equal(set, text.replace('"0"', '"6443"'));
    assert.equal(fixAll(text).text, removed);
    assert.deepEqual(found(removed), []);
  });

  it('kubeadm-config without apiVersion and kind', () => {
    const text = kubeadmConfigMap('|', '    apiServer:\n      extraArgs:\n        secure-port: "0"\n    kubernetesVersion: v1.28.2\n');
    assert.deepEqual(found(text), [['secure-port: "0"', 10]]);
    assert.equal(fixAll(text).text, text.replace('        secure-port: "0"\n', ''));
  });

  it('KubeadmControlPlane: a static-pod file with --insecure-port=8080', () => {
    const text = controlPlane(staticPodFile(STATIC_POD));
    assert.deepEqual(found(text), [['--insecure-port=8080', 23]]);
    const finding = only(text, 'apiserver-insecure-port');
    assert.equal(finding.range.start, text.indexOf('--insecure-port=8080'));
    assert.equal(finding.message, '--insecure-port=8080 serves the API over plain HTTP without authentication or authorization.');
    const removed = applyFix(text, finding, 'Remove');
    assert.equal(removed, text.replace('            - --insecure-port=8080\n', ''));
    assert.equal(valueOf(removed, 'content'), STATIC_POD.replace('    - --insecure-port=8080\n', ''));
    const zero = applyFix(text, finding, 'Set --insecure-port to 0');
    assert.equal(zero, text.replace('--insecure-port=8080', '--insecure-port=0'));
    assert.equal(fixAll(text).text, removed);
  });

  it('a fix that adds lines gets the block indentation', () => {
    const pod = STATIC_POD.replace(/ {4}- --client-ca-file=.*\n/, '');
    const text = controlPlane(staticPodFile(pod));
    const finding = only(text, 'apiserver-client-ca-missing');
    assert.equal(text.slice(finding.range.start, finding.range.end), 'kube-apiserver');
    assert.equal(finding.range.start, text.indexOf('- kube-apiserver') + 2);
    const fixed = applyFix(text, finding, 'Add');
    assert.equal(fixed, text.replace('ca.crt\n  version', 'ca.crt\n            - --client-ca-file=/etc/kubernetes/pki/ca.crt\n  version'));
    assert.equal(valueOf(fixed, 'content'), `${pod}    - --client-ca-file=/etc/kubernetes/pki/ca.crt\n`);
  });

  it('CRLF outer file: exact ranges, fixes keep CRLF', () => {
    const text = controlPlane(staticPodFile(STATIC_POD)).replace(/\n/g, '\r\n');
    assert.deepEqual(found(text), [['--insecure-port=8080', 23]]);
    const fixed = fixAll(text).text;
    assert.equal(fixed, text.replace('            - --insecure-port=8080\r\n', ''));
    assert.equal(valueOf(fixed, 'content'), STATIC_POD.replace('    - --insecure-port=8080\n', ''));

    const config = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION, '    ')).replace(/\n/g, '\r\n');
    const finding = only(config, 'apiserver-secure-port-disabled');
    assert.equal(config.slice(finding.range.start, finding.range.end), 'secure-port: "0"');
    assert.equal(applyFix(config, finding, 'Set'), config.replace('"0"', '"6443"'));
  });

  it('|- and |2 blocks', () => {
    const strip = kubeadmConfigMap('|-', indent(CLUSTER_CONFIGURATION, '    ').replace(/\n$/, ''));
    assert.deepEqual(found(strip), [['secure-port: "0"', 11]]);
    assert.equal(fixAll(strip).text, strip.replace('        secure-port: "0"\n', ''));
    // An indentation indicator: the content's indentation is the key's plus 2.
    const explicit = kubeadmConfigMap('|2', indent(CLUSTER_CONFIGURATION, '    '));
    assert.deepEqual(found(explicit), [['secure-port: "0"', 11]]);
    assert.equal(fixAll(explicit).text, explicit.replace('        secure-port: "0"\n', ''));
    const pod = controlPlane(staticPodFile(STATIC_POD, '', '|2-'));
    assert.deepEqual(found(pod), [['--insecure-port=8080', 23]]);
  });

  it('a folded block, a quoted string, base64 content: not read (no finding rather than a wrong one)', () => {
    assert.deepEqual(found(kubeadmConfigMap('>', indent(CLUSTER_CONFIGURATION, '    '))), []);
    assert.deepEqual(found(kubeadmConfigMap(JSON.stringify(CLUSTER_CONFIGURATION), '')), []);
    const base64 = Buffer.from(STATIC_POD).toString('base64');
    assert.deepEqual(found(controlPlane(`    - path: /etc/kubernetes/manifests/kube-apiserver.yaml\n      encoding: base64\n      content: |\n        ${base64}\n`)), []);
    assert.deepEqual(found(controlPlane(staticPodFile(STATIC_POD, '      encoding: base64\n'))), []);
  });

  it('a Helm template around it: template values are unknown, unmappable blocks are skipped, no syntax noise', () => {
    const templated = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION.replace('"0"', '{{ .Values.securePort | quote }}'), '    '));
    assert.deepEqual(found(`{{- if .Values.kubeadm }}\n${templated}{{- end }}\n`), []);
    // Actions at the first column inside the block: no exact map, so nothing is read.
    const atColumnZero = kubeadmConfigMap('|', `{{- if .Values.x }}\n${indent(CLUSTER_CONFIGURATION, '    ')}{{- end }}\n`);
    assert.deepEqual(found(atColumnZero), []);
    // Indented actions are part of the inner template: the rest is still read.
    const indented = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION.replace('    secure-port: "0"\n', '    secure-port: "0"\n    {{- with .Values.extraArgs }}\n    {{- toYaml . | nindent 4 }}\n    {{- end }}\n'), '    '));
    assert.deepEqual(found(indented), [['secure-port: "0"', 11]]);
    const broken = kubeadmConfigMap('|', '    apiVersion: kubeadm.k8s.io/v1beta3\n    kind: ClusterConfiguration\n    apiServer: {{ .Values.apiServer }\n      extraArgs: [\n');
    assert.deepEqual(found(broken, undefined, { helm: true }), []);
    // Outside a chart an unclosed `{{` is no template action: the manifest is broken YAML.
    assert.deepEqual(found(broken, 'yaml-syntax'), [['e', 11]]);
    const pod = controlPlane(staticPodFile(STATIC_POD.replace('--insecure-port=8080', '--insecure-port={{ .Values.port }}')));
    assert.deepEqual(found(pod), []);
  });

  it('yaml-syntax inside the block only when it clearly is a manifest', () => {
    const text = kubeadmConfigMap('|', '    apiVersion: kubeadm.k8s.io/v1beta3\n    kind: ClusterConfiguration\n    apiServer:\n      extraArgs: {a: 1\n    etcd: {}\n');
    const findings = lint(text).findings;
    assert.deepEqual(findings.map((f) => f.ruleId), ['yaml-syntax']);
    // Where linting the configuration on its own puts it (line 5, column 1), moved into the block.
    assert.deepEqual(findings[0].range, { start: text.indexOf('etcd: {}'), end: text.indexOf('etcd: {}') + 1 });
    assert.equal(findings[0].message, 'YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }');
    assert.deepEqual(found(kubeadmConfigMap('|', '    apiServer:\n      extraArgs: {a: 1\n    etcd: {}\n')), []);
    const file = (content: string) => controlPlane(`    - path: /etc/kubernetes/manifests/x.yaml\n      content: |\n${indent(content, '        ')}`);
    assert.deepEqual(found(file('spec: [\n')), []);
    assert.deepEqual(found(file('apiVersion: v1\nkind: Pod\nspec: [\n')).map(([, line]) => line), [13]);
  });

  it('suppressions: outer comments and annotations, and comments inside the block', () => {
    const text = controlPlane(staticPodFile(STATIC_POD));
    assert.deepEqual(found(`# kube-tls-lint-disable apiserver-insecure-port\n${text}`), []);
    const annotated = text.replace('  name: cp\n', `  name: cp\n  annotations:\n    kube-tls-lint.io/disable: apiserver-insecure-port\n`);
    assert.deepEqual(found(annotated), []);
    const inner = controlPlane(staticPodFile(STATIC_POD.replace('    - --insecure-port', '    # kube-tls-lint-disable-next-line apiserver-insecure-port\n    - --insecure-port')));
    assert.deepEqual(found(inner), []);
    // A rule turned off in the configuration stays off inside.
    assert.deepEqual(found(text, undefined, withRules({ 'apiserver-insecure-port': 'off' })), []);
  });

  it('one level only: a kubeadm-config ConfigMap in a file of a KubeadmControlPlane is not opened', () => {
    const configMap = kubeadmConfigMap('|', indent(CLUSTER_CONFIGURATION, '    '));
    const text = controlPlane(`    - path: /etc/kubernetes/manifests/kubeadm-config.yaml\n      content: |\n${indent(configMap, '        ')}`);
    assert.deepEqual(found(text), []);
  });

  it('the kubelet-config ConfigMap', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubelet-config\n  namespace: kube-system\ndata:\n  kubelet: |\n    apiVersion: kubelet.config.k8s.io/v1beta1\n    kind: KubeletConfiguration\n    readOnlyPort: 10255\n    authentication:\n      x509:\n        clientCAFile: /etc/kubernetes/pki/ca.crt\n    rotateCertificates: true\n    serverTLSBootstrap: true\n';
    assert.deepEqual(found(text, 'kubelet-read-only-port-enabled'), [['readOnlyPort: 10255', 10]]);
  });

  it('every fix does to the block what it does to the manifest linted on its own', () => {
    const pods = [
      STATIC_POD,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    command: [etcd, --auto-tls=true, --listen-client-urls=https://0.0.0.0:2379]\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kcm\nspec:\n  containers:\n  - name: kcm\n    command:\n      - kube-controller-manager\n      - --bind-address=0.0.0.0\n\n      # a comment\n      - --feature-gates=RotateKubeletServerCertificate=false\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec:\n  containers:\n  - name: api\n    command: ["/bin/sh", "-c"]\n    args:\n    - |\n      exec kube-apiserver --secure-port=0 \\\n        --tls-min-version=VersionTLS10\n',
    ];
    const configurations = [
      CLUSTER_CONFIGURATION,
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n  - name: secure-port\n    value: "0"\n  - name: tls-min-version\n    value: VersionTLS11\ncontrollerManager:\n  extraArgs: {bind-address: 0.0.0.0}\n',
      'apiServer:\n  certSANs: [a]\n  extraArgs:\n    insecure-port: "8080"\n    insecure-bind-address: 0.0.0.0\n',
    ];
    const cases: Array<{ text: string; key: string }> = [];
    for (const header of ['|', '|-', '|+', '|2']) {
      for (const pod of pods) cases.push({ text: controlPlane(staticPodFile(pod, '', header)), key: 'content' });
      for (const configuration of configurations) cases.push({ text: kubeadmConfigMap(header, indent(configuration, '    ')), key: 'ClusterConfiguration' });
    }
    for (const c of [...cases]) cases.push({ text: c.text.replace(/\n/g, '\r\n'), key: c.key });
    const normalize = (s: string) => s.replace(/\r\n/g, '\n').replace(/\n+$/, '');
    let fixes = 0;
    for (const { text, key } of cases) {
      const file = parseYaml(text);
      const [embedded] = file.documents.flatMap((d) => resourcesOf(d)).flatMap((r) => embeddedTextsOf(r, file));
      const inner = lint(embedded.text).findings.filter((f) => f.range.start >= embedded.header.length);
      const outer = lint(text).findings;
      assert.deepEqual(outer.map((f) => [f.ruleId, f.message]), inner.map((f) => [f.ruleId, f.message]), text);
      outer.forEach((finding, i) => {
        const skip = embedded.header.length;
        assert.deepEqual(finding.range, embedded.block.range({ start: inner[i].range.start - skip, end: inner[i].range.end - skip }));
        const covered = text.slice(finding.range.start, finding.range.end).replace(new RegExp(`(\r?\n)${embedded.block.indent}`, 'g'), '$1');
        // A range running to the very end of the content stops before its last line break.
        const innerEnd = inner[i].range.end === embedded.text.length ? embedded.text.replace(/(\r\n|\n|\r)$/, '').length : inner[i].range.end;
        assert.equal(covered, embedded.text.slice(inner[i].range.start, innerEnd));
        assert.deepEqual(finding.fixes.map((f) => f.title), inner[i].fixes.map((f) => f.title), 'no fix lost');
        for (const fix of finding.fixes) {
          const innerFix = inner[i].fixes.find((f) => f.title === fix.title)!;
          const fixed = applyFix(text, finding, fix.title);
          const expected = applyEdits(embedded.text, innerFix.edits).slice(embedded.header.length);
          assert.equal(normalize(String(valueOf(fixed, key))), normalize(expected), `${fix.title} in\n${text}`);
          assert.equal(applyEdits(text, fix.edits).replace(/\r\n/g, '\n').split('\n').length - text.replace(/\r\n/g, '\n').split('\n').length, expected.split('\n').length - embedded.text.slice(embedded.header.length).split('\n').length);
          fixes++;
        }
      });
    }
    assert.ok(fixes > 100, `${fixes} fixes checked`);
  });

  it('prefiltered scans still read embedded manifests', () => {
    const text = controlPlane(staticPodFile(STATIC_POD));
    assert.deepEqual(found(text, undefined, { prefilter: true }), [['--insecure-port=8080', 23]]);
  });
});
