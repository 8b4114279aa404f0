import assert from 'node:assert/strict';
import { factsOf } from '../../../shared/crossfile/facts';
import { crossFileFindings } from '../../../shared/crossfile/index';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const cc = (body: string) => `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n${body}`;
const etcdArgs = (ca: string) => `etcd:\n  local:\n    extraArgs:\n      trusted-ca-file: ${ca}\n`;

runRuleTests('etcd-ca-shared-with-apiserver', {
  valid: [
    { name: 'kubeadm default: etcd has its own CA', code: cc(etcdArgs('/etc/kubernetes/pki/etcd/ca.crt')) },
    { name: 'the API server\'s client CA set elsewhere', code: cc(`apiServer:\n  extraArgs:\n    client-ca-file: /etc/kubernetes/pki/clients-ca.crt\n${etcdArgs('/etc/kubernetes/pki/ca.crt')}`) },
    { name: 'no trusted-ca-file in extraArgs', code: cc('etcd:\n  local:\n    dataDir: /var/lib/etcd\n') },
  ],
  invalid: [
    {
      name: 'kubeadm: etcd trusts <certificatesDir>/ca.crt',
      code: cc(`certificatesDir: /srv/pki/\n${etcdArgs('/srv/pki/ca.crt')}`),
      errors: [{ text: '/srv/pki/ca.crt', line: 7, severity: 'info', messageId: 'sharedCa', data: { ca: '/srv/pki/ca.crt' } }],
      output: null,
    },
    {
      name: 'kubeadm: the API server\'s own client-ca-file',
      code: cc(`apiServer:\n  extraArgs:\n    client-ca-file: /pki/shared.crt\n${etcdArgs('/pki/shared.crt')}`),
      errors: [{ text: '/pki/shared.crt', line: 9 }],
    },
  ],
});

describe('etcd-ca-shared-with-apiserver across static pods', () => {
  const etcd = (ca: string) => pod(`    command:\n    - etcd\n    - --trusted-ca-file=${ca}\n`);
  const apiserver = (ca: string) => pod(`    command:\n    - kube-apiserver\n    - --client-ca-file=${ca}\n`);
  const run = (files: Record<string, string>) =>
    crossFileFindings(Object.entries(files).map(([file, text]) => factsOf(file, text)), () => undefined)
      .filter((f) => f.ruleId === 'etcd-ca-shared-with-apiserver')
      .map((f) => `${f.file}:${f.place.line + 1} ${files[f.file].slice(f.place.start, f.place.end)} -> ${f.related.map((r) => `${r.file}:${r.place.line + 1}`).join()}`);

  it('the same path in the same folder', () => {
    assert.deepEqual(run({ 'm/etcd.yaml': etcd('/etc/kubernetes/pki/ca.crt'), 'm/kube-apiserver.yaml': apiserver('/etc/kubernetes/pki/ca.crt') }), [
      'm/etcd.yaml:11 --trusted-ca-file=/etc/kubernetes/pki/ca.crt -> m/kube-apiserver.yaml:11',
    ]);
  });
  it('another folder, or another path: nothing', () => {
    assert.deepEqual(run({ 'a/etcd.yaml': etcd('/pki/ca.crt'), 'b/kube-apiserver.yaml': apiserver('/pki/ca.crt') }), []);
    assert.deepEqual(run({ 'm/etcd.yaml': etcd('/pki/etcd/ca.crt'), 'm/kube-apiserver.yaml': apiserver('/pki/ca.crt') }), []);
  });
});
