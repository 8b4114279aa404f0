import assert from 'node:assert/strict';
import { manyContainers, unclosedTemplates } from '../../../bench/generate';
import { lint } from '../../../shared/engine';

// The worst-case benchmarks are only as good as their inputs: these pin them.
describe('benchmark inputs', () => {
  it('manyContainers: eight findings per container, about 75 bytes each (50,000 make the 3.6 MB file)', () => {
    const text = manyContainers(3);
    const findings = lint(text).findings;
    assert.equal(findings.length, 24);
    const perContainer = [...text.matchAll(/ {2}- name: api-srv-\d+\n/g)].map((m) => m.index);
    assert.equal(perContainer.length, 3);
    for (const start of perContainer) {
      const ids = findings.filter((f) => f.range.start > start && f.range.start < start + 75).map((f) => f.ruleId);
      assert.deepEqual(ids.sort(), [
        'apiserver-client-ca-missing',
        'apiserver-etcd-ca-missing',
        'apiserver-etcd-client-cert-missing',
        'apiserver-insecure-port',
        'apiserver-kubelet-ca-missing',
        'apiserver-kubelet-client-cert-missing',
        'apiserver-sa-key-missing',
        'apiserver-tls-files-missing',
      ]);
    }
    assert.equal((manyContainers(50_000).length / 1024 / 1024).toFixed(1), '3.6');
  });

  it('unclosedTemplates: a manifest whose value is nothing but template openers', () => {
    assert.equal(unclosedTemplates(3), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: openers\ndata:\n  text: {{ {{ {{ \n');
    // Unclosed openers shape nothing: the text is read as plain YAML, whose flow map never ends.
    assert.deepEqual(lint(unclosedTemplates(100)).findings.map((f) => f.ruleId), ['yaml-syntax']);
  });
});
