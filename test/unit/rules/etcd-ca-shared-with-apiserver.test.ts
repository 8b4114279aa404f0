import assert from 'node:assert/strict';
import { factsOf } from '../../../shared/crossfile/facts';
import { crossFileFindings } from '../../../shared/crossfile/index';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const cc = (body: string) => `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n${body}`;
/** A KubeadmControlPlane embedding `clusterConfiguration` (indented under it). */
const kcp = (version: string, clusterConfiguration: string) =>
  `apiVersion: controlplane.cluster.x-k8s.io/${version}\nkind: KubeadmControlPlane\nmetadata:\n  name: cp\nspec:\n  kubeadmConfigSpec:\n    clusterConfiguration:\n${clusterConfiguration.replace(/^(?=.)/gm, '      ')}`;
const etcdArgs = (ca: string) => `etcd:\n  local:\n    extraArgs:\n      trusted-ca-file: ${ca}\n`;

runRuleTests('etcd-ca-shared-with-apiserver', {
  valid: [
    { name: 'kubeadm default: etcd has its own CA', code: cc(etcdArgs('/etc/kubernetes/pki/etcd/ca.crt')) },
    { name: 'the API server\'s client CA set elsewhere', code: cc(`apiServer:\n  extraArgs:\n    client-ca-file: /etc/kubernetes/pki/clients-ca.crt\n${etcdArgs('/etc/kubernetes/pki/ca.crt')}`) },
    { name: 'no trusted-ca-file in extraArgs', code: cc('etcd:\n  local:\n    dataDir: /var/lib/etcd\n') },
    { name: 'Cluster API: etcd has its own CA', code: kcp('v1beta1', etcdArgs('/etc/kubernetes/pki/etcd/ca.crt')) },
    { name: 'Cluster API: certificatesDir elsewhere than the trusted CA', code: kcp('v1beta1', `certificatesDir: /srv/pki\n${etcdArgs('/etc/kubernetes/pki/ca.crt')}`) },
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
    {
      name: 'Cluster API KubeadmControlPlane: its embedded clusterConfiguration, certificatesDir there',
      code: kcp('v1beta1', 'certificatesDir: /srv/pki\netcd:\n  local:\n    extraArgs:\n      trusted-ca-file: /srv/pki/ca.crt\n'),
      errors: [{ text: '/srv/pki/ca.crt', line: 12, severity: 'info', messageId: 'sharedCa', data: { ca: '/srv/pki/ca.crt' } }],
      output: null,
    },
    {
      name: 'Cluster API v1beta2 list-form extraArgs, against the API server\'s own client-ca-file',
      code: kcp('v1beta2', 'apiServer:\n  extraArgs:\n  - name: client-ca-file\n    value: /pki/shared.crt\netcd:\n  local:\n    extraArgs:\n    - name: trusted-ca-file\n      value: /pki/shared.crt\n'),
      errors: [{ text: '/pki/shared.crt', line: 16, messageId: 'sharedCa', data: { ca: '/pki/shared.crt' } }],
    },
    {
      name: 'Cluster API KubeadmConfigTemplate',
      code: 'apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfigTemplate\nmetadata:\n  name: t\nspec:\n  template:\n    spec:\n      clusterConfiguration:\n        etcd:\n          local:\n            extraArgs:\n              trusted-ca-file: /etc/kubernetes/pki/ca.crt\n',
      errors: [{ text: '/etc/kubernetes/pki/ca.crt', line: 12 }],
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
  it('etcd\'s ETCD_TRUSTED_CA_FILE counts as its flag (on the variable\'s value); not beside --config-file', () => {
    const etcdEnv = (flags: string) => pod(`    command:\n    - etcd\n${flags}    env:\n    - name: ETCD_TRUSTED_CA_FILE\n      value: /etc/kubernetes/pki/ca.crt\n`);
    assert.deepEqual(run({ 'm/etcd.yaml': etcdEnv(''), 'm/kube-apiserver.yaml': apiserver('/etc/kubernetes/pki/ca.crt') }), ['m/etcd.yaml:13 /etc/kubernetes/pki/ca.crt -> m/kube-apiserver.yaml:11']);
    assert.deepEqual(run({ 'm/etcd.yaml': etcdEnv('    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n'), 'm/kube-apiserver.yaml': apiserver('/etc/kubernetes/pki/ca.crt') }), []);
    assert.deepEqual(run({ 'm/etcd.yaml': etcdEnv('    - --config-file=/etc/etcd/etcd.yaml\n'), 'm/kube-apiserver.yaml': apiserver('/etc/kubernetes/pki/ca.crt') }), []);
    assert.deepEqual(run({ 'm/etcd.yaml': etcd('/etc/kubernetes/pki/ca.crt').replace('    - --trusted-ca-file', '    - --config-file=/etc/etcd/etcd.yaml\n    - --trusted-ca-file'), 'm/kube-apiserver.yaml': apiserver('/etc/kubernetes/pki/ca.crt') }), []);
  });
  it('another folder, or another path: nothing', () => {
    assert.deepEqual(run({ 'a/etcd.yaml': etcd('/pki/ca.crt'), 'b/kube-apiserver.yaml': apiserver('/pki/ca.crt') }), []);
    assert.deepEqual(run({ 'm/etcd.yaml': etcd('/pki/etcd/ca.crt'), 'm/kube-apiserver.yaml': apiserver('/pki/ca.crt') }), []);
  });
});
