import assert from 'node:assert/strict';
import { mergeConfig, parseProjectConfig } from '../../../shared/config';
import { fixAll, fixesComputed, lint, ParseCache } from '../../../shared/engine';

const SEEDS = new Set(['apiserver-tls-files-missing', 'apiserver-secure-port-disabled', 'eck-http-tls-disabled']);
const pod = (command: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    command: ${command}\n`;

describe('engine: findings and fixAll', () => {
  it('findings are sorted by position and carry a docs URL', () => {
    const findings = lint(pod('[kube-apiserver, --secure-port=0]')).findings.filter((f) => SEEDS.has(f.ruleId));
    assert.deepEqual(findings.map((f) => f.ruleId), ['apiserver-tls-files-missing', 'apiserver-secure-port-disabled']);
    assert.match(findings[0].docsUrl!, /docs\/rules\/apiserver-tls-files-missing\.md$/);
  });

  it('fixAll applies the fixes of several rules, re-linting so edits never collide', () => {
    const options = { config: mergeConfig({ fix: { tlsCertFile: '/pki/c.crt', tlsPrivateKeyFile: '/pki/c.key' } }) };
    const { text, applied } = fixAll(pod('[kube-apiserver, --secure-port=0]'), options, SEEDS);
    assert.equal(text, pod('[kube-apiserver, --tls-cert-file=/pki/c.crt, --tls-private-key-file=/pki/c.key]'));
    assert.deepEqual(applied.map((a) => a.ruleId).sort(), ['apiserver-secure-port-disabled', 'apiserver-tls-files-missing']);
    assert.deepEqual(lint(text, options).findings.filter((f) => SEEDS.has(f.ruleId)), []);
  });

  it('a fix inserting a default path is unsafe: fixAll leaves it unless unsafe fixes are asked for', () => {
    const code = pod('[kube-apiserver, --secure-port=0]');
    const tls = lint(code).findings.find((f) => f.ruleId === 'apiserver-tls-files-missing')!;
    assert.deepEqual(tls.fixes.map((f) => f.safe), [false]);
    const safeOnly = fixAll(code, {}, SEEDS);
    assert.equal(safeOnly.text, pod('[kube-apiserver]'));
    assert.deepEqual(safeOnly.applied.map((a) => a.ruleId), ['apiserver-secure-port-disabled']);
    const all = fixAll(code, { unsafeFixes: true }, SEEDS);
    assert.equal(all.text, pod('[kube-apiserver, --tls-cert-file=/etc/kubernetes/pki/apiserver.crt, --tls-private-key-file=/etc/kubernetes/pki/apiserver.key]'));
  });

  it('a path from the project file makes the fix safe; one left to its default keeps it unsafe', () => {
    const code = pod('[kube-apiserver]');
    const both = mergeConfig(parseProjectConfig('fix:\n  tlsCertFile: /pki/c.crt\n  tlsPrivateKeyFile: /pki/c.key\n').config);
    assert.equal(fixAll(code, { config: both }, SEEDS).text, pod('[kube-apiserver, --tls-cert-file=/pki/c.crt, --tls-private-key-file=/pki/c.key]'));
    const one = mergeConfig(parseProjectConfig('fix:\n  tlsCertFile: /pki/c.crt\n').config);
    assert.equal(fixAll(code, { config: one }, SEEDS).text, code);
  });

  it('fixAll only touches the rules asked for', () => {
    const code = pod('[kube-apiserver, --secure-port=0]');
    const { text } = fixAll(code, {}, new Set(['apiserver-secure-port-disabled']));
    assert.equal(text, pod('[kube-apiserver]'));
  });

  it('fixAll with nothing to fix returns the text unchanged', () => {
    const code = pod('[kube-scheduler]');
    assert.deepEqual(fixAll(code, {}, SEEDS), { text: code, applied: [], edits: [] });
  });

  it('no fix is offered where it could not take effect', () => {
    // Flags after "--" are positional: appending there would never satisfy the rule.
    const code = pod('[kube-apiserver, --, --x]');
    assert.equal(fixAll(code, {}, SEEDS).text, code);
  });
});

describe('engine: fixes built when first read', () => {
  const containers = (n: number) =>
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n' + Array.from({ length: n }, (_, i) => `  - name: c${i}\n    command: [kube-apiserver, --insecure-port=8080]\n`).join('');
  const LAZY = ['apiserver-client-ca-missing', 'apiserver-insecure-port', 'apiserver-tls-files-missing'];

  it('a missing-flag or insecure-port finding has no fixes built until they are read, and then the same ones on every read', () => {
    const result = lint(containers(2));
    const lazy = result.findings.filter((f) => LAZY.includes(f.ruleId));
    assert.equal(lazy.length, 6);
    assert.deepEqual(lazy.map(fixesComputed), [false, false, false, false, false, false]);
    const first = lazy[0].fixes;
    assert.equal(lazy[0].fixes, first, 'built once');
    assert.deepEqual(lazy.map(fixesComputed), [true, false, false, false, false, false]);
  });

  it('the fixes read later are those of the text linted: edits, titles, safety', () => {
    const text = containers(2);
    const second = lint(text).findings.filter((f) => f.ruleId === 'apiserver-insecure-port')[1];
    const secondLine = text.indexOf('  - name: c1');
    const command = '[kube-apiserver, --insecure-port=8080]';
    const at = text.indexOf(command, secondLine);
    assert.deepEqual(
      second.fixes.map((f) => ({ title: f.title, safe: f.safe, isPreferred: f.isPreferred, edits: f.edits.map((e) => [e.start, e.end, e.newText]) })),
      [
        { title: 'Remove --insecure-port', safe: true, isPreferred: true, edits: [[at + '[kube-apiserver'.length, at + command.length - 1, '']] },
        { title: 'Set --insecure-port to 0 (Kubernetes before 1.20)', safe: false, isPreferred: false, edits: [[at + '[kube-apiserver, '.length, at + command.length - 1, '--insecure-port=0']] },
      ],
    );
    const clientCa = lint(text).findings.filter((f) => f.ruleId === 'apiserver-client-ca-missing')[1];
    const end = at + command.length - 1;
    assert.deepEqual(
      clientCa.fixes.map((f) => ({ title: f.title, safe: f.safe, edits: f.edits.map((e) => [e.start, e.end, e.newText]) })),
      [{ title: 'Add --client-ca-file=/etc/kubernetes/pki/ca.crt', safe: false, edits: [[end, end, ', --client-ca-file=/etc/kubernetes/pki/ca.crt']] }],
    );
  });

  it('JSON shows the fixes as a plain array', () => {
    const finding = lint(containers(1)).findings.find((f) => f.ruleId === 'apiserver-insecure-port')!;
    const json = JSON.parse(JSON.stringify(finding));
    assert.deepEqual(Object.keys(json), ['ruleId', 'severity', 'message', 'messageId', 'data', 'range', 'fixes', 'docsUrl']);
    assert.deepEqual(json.fixes, JSON.parse(JSON.stringify(finding.fixes)));
    assert.equal(json.fixes.length, 2);
  });

  it('a manifest embedded in a block scalar gets its fixes moved into the outer text when read', () => {
    const embedded = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nmetadata: {name: m}\nspec:\n  kubeadmConfigSpec:\n    files:\n    - path: /etc/kubernetes/manifests/kube-apiserver.yaml\n      content: |\n${containers(1).replace(/^/gm, '        ').trimEnd()}\n`;
    const finding = lint(embedded).findings.find((f) => f.ruleId === 'apiserver-insecure-port')!;
    assert.equal(fixesComputed(finding), false);
    const fixed = fixAll(embedded, {}, new Set(['apiserver-insecure-port'])).text;
    assert.equal(fixed, embedded.replace(', --insecure-port=8080', ''));
  });

  it('fixes read after the parse cache parsed a newer text throw instead of editing the wrong places', () => {
    const cache = new ParseCache();
    const text = containers(2);
    const before = lint(text, { cache });
    const read = before.findings.find((f) => f.ruleId === 'apiserver-insecure-port')!;
    const fixes = read.fixes;
    lint('# a new first line\n' + text, { cache });
    assert.equal(read.fixes, fixes, 'fixes read before stay as they were');
    const unread = before.findings.filter((f) => f.ruleId === 'apiserver-insecure-port')[1];
    assert.throws(() => unread.fixes, /asked for after its text's parse cache parsed a newer text/);
  });

  it('fixAll from the findings of an editor analysis (parse cache) applies their fixes', () => {
    const cache = new ParseCache();
    const text = containers(3);
    const result = lint(text, { cache });
    const fixed = fixAll(text, { findings: result.findings }, new Set(['apiserver-insecure-port']));
    assert.equal(fixed.text, text.replaceAll(', --insecure-port=8080', ''));
  });
});
