import assert from 'node:assert/strict';
import { mergeConfig, parseProjectConfig } from '../../../shared/config';
import { fixAll, lint } from '../../../shared/engine';

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
