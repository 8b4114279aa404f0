import assert from 'node:assert/strict';
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
    const { text, applied } = fixAll(pod('[kube-apiserver, --secure-port=0]'), {}, SEEDS);
    assert.equal(text, pod('[kube-apiserver, --tls-cert-file=/etc/kubernetes/pki/apiserver.crt, --tls-private-key-file=/etc/kubernetes/pki/apiserver.key]'));
    assert.deepEqual(applied.map((a) => a.ruleId).sort(), ['apiserver-secure-port-disabled', 'apiserver-tls-files-missing']);
    assert.deepEqual(lint(text).findings.filter((f) => SEEDS.has(f.ruleId)), []);
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
