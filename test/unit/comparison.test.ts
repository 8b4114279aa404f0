/**
 * One fixture per weakness of peer scanners listed in docs/comparison.md: each proves we
 * catch what they miss, or stay quiet where they raise a false positive.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../shared/engine';

const dir = path.resolve(__dirname, '../../../test/fixtures/comparison');

interface Expectation {
  file: string;
  /** Rule id → exact source texts of its findings ([] = must not fire). */
  rules?: Record<string, string[]>;
  /** No finding of any rule at all. */
  clean?: boolean;
  helm?: boolean;
}

const CASES: Expectation[] = [
  { file: 'binary-path.yaml', rules: { 'apiserver-secure-port-disabled': ['--secure-port=0'], 'apiserver-tls-files-missing': [] } },
  { file: 'hyperkube.yaml', rules: { 'apiserver-secure-port-disabled': ['"--secure-port=0"'], 'apiserver-tls-files-missing': [] } },
  { file: 'shell-script.yaml', rules: { 'apiserver-secure-port-disabled': ['--secure-port=0'], 'apiserver-tls-files-missing': [] } },
  {
    file: 'args-only.yaml',
    rules: { 'apiserver-secure-port-disabled': ['--secure-port=0'], 'apiserver-tls-files-missing': ['registry.k8s.io/kube-apiserver-amd64:v1.31.0'] },
  },
  { file: 'split-and-quoted.yaml', rules: { 'apiserver-secure-port-disabled': ['--secure-port\n    - "0"'], 'apiserver-tls-files-missing': [] } },
  { file: 'last-wins.yaml', rules: { 'apiserver-secure-port-disabled': ['--secure-port=0'] } },
  { file: 'last-wins-compliant.yaml', rules: { 'apiserver-secure-port-disabled': [] } },
  { file: 'etcd-peer-lookalike.yaml', rules: { 'etcd-client-tls-missing': ['etcd'], 'etcd-peer-tls-missing': [] } },
  { file: 'eck.yaml', rules: { 'eck-http-tls-disabled': ['disabled: true'] } },
  { file: 'eck-transport-compliant.yaml', clean: true },
  { file: 'kubelet-defaults-compliant.yaml', clean: true },
  { file: 'helm-chart/templates/apiserver.yaml', clean: true, helm: true },
  {
    file: 'etcd-plain-http-after-files.yaml',
    rules: { 'etcd-plain-http-urls': ['http://0.0.0.0:2379', 'http://10.0.0.5:2379'], 'etcd-client-tls-missing': [] },
  },
  { file: 'apiserver-etcd-http.yaml', rules: { 'apiserver-etcd-plain-http': ['http://10.0.0.5:2379'], 'apiserver-etcd-client-cert-missing': [], 'apiserver-etcd-ca-missing': [] } },
  { file: 'skip-verify-in-script.yaml', rules: { 'insecure-skip-verify-flag': ['--insecure-skip-tls-verify'] } },
  { file: 'boolean-flag-next-arg.yaml', rules: { 'kubelet-insecure-tls': ['--kubelet-insecure-tls'] } },
  { file: 'quoted-true-compliant.yaml', clean: true },
];

describe('peer comparison fixtures (docs/comparison.md)', () => {
  for (const c of CASES) {
    it(c.file, () => {
      const text = readFileSync(path.join(dir, c.file), 'utf8');
      const { findings } = lint(text, { helm: c.helm });
      if (c.clean) assert.deepEqual(findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`), []);
      for (const [ruleId, texts] of Object.entries(c.rules ?? {})) {
        assert.deepEqual(findings.filter((f) => f.ruleId === ruleId).map((f) => text.slice(f.range.start, f.range.end)), texts, ruleId);
      }
    });
  }

  it('kubeadm.yaml: secure-port "0" in extraArgs is flagged on its value', () => {
    const text = readFileSync(path.join(dir, 'kubeadm.yaml'), 'utf8');
    const found = lint(text).findings.filter((f) => f.ruleId === 'apiserver-secure-port-disabled');
    assert.equal(found.length, 1);
    assert.match(text.slice(found[0].range.start, found[0].range.end), /"0"$/);
  });
});
