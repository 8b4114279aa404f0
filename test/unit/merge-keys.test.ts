import assert from 'node:assert/strict';
import { fixAll, lint } from '../../shared/engine';
import { parseYaml } from '../../shared/model/parse';
import { containersOf, resourcesOf } from '../../shared/model/resources';

const SECURE_PORT = 'apiserver-secure-port-disabled';
const INSECURE_PORT = 'apiserver-insecure-port';
const TLS_FILES = '    - --tls-cert-file=/pki/apiserver.crt\n    - --tls-private-key-file=/pki/apiserver.key\n';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n${containers}`;

/** `rule` findings: the text each covers, its 1-based line, and whether it has a fix. */
function found(text: string, rule: string): Array<[string, number, boolean]> {
  const result = lint(text);
  return result.findings
    .filter((f) => f.ruleId === rule)
    .map((f) => [text.slice(f.range.start, f.range.end), result.lines.positionAt(f.range.start).line + 1, f.fixes.length > 0]);
}

describe('YAML merge keys (<<), read as Kubernetes reads them', () => {
  it('a container takes command, args and env from a merged mapping; keys written in it win', () => {
    const text = pod(
      '  - &base\n    name: a\n    command:\n    - kube-apiserver\n' + TLS_FILES +
        '  - <<: *base\n    name: b\n    args: [--secure-port=0]\n' +
        '  - <<: *base\n    name: c\n    command: [kube-apiserver, --insecure-port=8080]\n',
    );
    const containers = parseYaml(text).documents.flatMap((d) => resourcesOf(d)).flatMap((r) => containersOf(r));
    assert.deepEqual(containers.map((c) => [c.name, c.command?.range?.[0], c.args?.range?.[0]]), [
      ['a', text.indexOf('- kube-apiserver\n'), undefined],
      ['b', text.indexOf('- kube-apiserver\n'), text.indexOf('[--secure-port=0]')],
      ['c', text.indexOf('[kube-apiserver, --insecure'), undefined],
    ]);
    // b runs the merged command with its own args; c its own command (no TLS files there).
    assert.deepEqual(found(text, SECURE_PORT), [['--secure-port=0', 15, true]]);
    assert.deepEqual(found(text, INSECURE_PORT), [['--insecure-port=8080', 18, true]]);
    assert.deepEqual(found(text, 'apiserver-tls-files-missing'), [['kube-apiserver', 18, true]]);
    // The fix edits b's own args: the shared command is left as it is.
    const fixed = fixAll(text, {}, new Set([SECURE_PORT])).text;
    assert.equal(fixed, text.replace('    args: [--secure-port=0]\n', '    args: []\n'));
  });

  it('<<: [*a, *b]: the first mapping listed wins, then merges of merges', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: parts}\n  data:\n' +
      '    a: &a {command: [kube-apiserver, --secure-port=0]}\n    b: &b {command: [kube-apiserver, --insecure-port=1], args: [--secure-port=1]}\n' +
      '    c: &c {<<: *b, env: []}\n' +
      '- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers:\n    - <<: [*a, *c]\n      name: x\n';
    const pods = parseYaml(text).documents.flatMap((d) => resourcesOf(d)).filter((r) => r.kind === 'Pod');
    const [container] = containersOf(pods[0]);
    assert.equal(container.command?.range?.[0], text.indexOf('[kube-apiserver, --secure-port=0]'));
    assert.equal(container.args?.range?.[0], text.indexOf('[--secure-port=1]'));
    assert.equal(container.env?.range?.[0], text.indexOf('[]}'));
    // Command from a, args from b through c: the last --secure-port is 1, nothing insecure.
    assert.deepEqual(found(text, SECURE_PORT), []);
    assert.deepEqual(found(text, INSECURE_PORT), []);
  });

  it('a finding inside a merged mapping is reported at its real place; its fix is dropped (every reader would change)', () => {
    const text = pod('  - &base\n    name: a\n    command:\n    - kube-apiserver\n    - --insecure-port=8080\n' + TLS_FILES + '  - <<: *base\n    name: b\n');
    assert.deepEqual(found(text, INSECURE_PORT), [['--insecure-port=8080', 11, false]]);
    // The same container without the merge is fixed as usual.
    const alone = pod('  - name: a\n    command:\n    - kube-apiserver\n    - --insecure-port=8080\n' + TLS_FILES);
    assert.deepEqual(found(alone, INSECURE_PORT), [['--insecure-port=8080', 10, true]]);
    assert.equal(fixAll(text).text, text);
  });

  it('a container spec found only through a merge key, and etcd settings from a merged env', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  <<: &spec\n    containers:\n    - name: etcd\n      command: [etcd]\n      env: &env\n      - name: ETCD_CLIENT_CERT_AUTH\n        value: "false"\n';
    const result = lint(text);
    const auth = result.findings.filter((f) => f.ruleId === 'etcd-client-cert-auth-disabled');
    assert.deepEqual(auth.map((f) => text.slice(f.range.start, f.range.end)), ['name: ETCD_CLIENT_CERT_AUTH\n        value: "false"']);
    // Everything lies in the merged spec: no fix at all.
    assert.ok(result.findings.length > 1);
    assert.deepEqual(result.findings.flatMap((f) => f.fixes), []);
  });

  it('a quoted "<<" is an ordinary key', () => {
    const text = pod('  - "<<": {command: [kube-apiserver, --secure-port=0]}\n    name: a\n');
    assert.deepEqual(found(text, SECURE_PORT), []);
  });
});
