import { pod, runRuleTests } from '../../helpers/rule-tester';

const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;
const CLUSTER = '--initial-cluster=a=https://10.0.0.1:2380,b=https://10.0.0.2:2380';
const PEER_CA = '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt';

runRuleTests('etcd-peer-client-cert-auth-disabled', {
  valid: [
    { name: 'single member: peers do not matter', code: etcd(['--name=a']) },
    { name: 'clustered and true', code: etcd([CLUSTER, PEER_CA, '--peer-client-cert-auth=true']) },
    { name: 'bare boolean flag', code: etcd([CLUSTER, '--peer-client-cert-auth']) },
    { name: 'variable true', code: etcd([CLUSTER], env(['ETCD_PEER_CLIENT_CERT_AUTH', '"true"'])) },
    { name: 'look-alike: --client-cert-auth=false is the client rule', code: etcd([CLUSTER, '--peer-client-cert-auth=true', '--client-cert-auth=false']) },
    { name: 'clustered, missing, but templated', code: etcd([CLUSTER, '{{ .Values.extraFlags }}']) },
    { name: 'deprecated --peer-ca-file (etcd before 3.4) requires peer certificates', code: etcd([CLUSTER, '-peer-ca-file=/etc/etcd/peer-ca.crt', '-peer-cert-file=/p.crt', '-peer-key-file=/p.key']) },
    { name: 'deprecated ETCD_PEER_CA_FILE variable', code: etcd([CLUSTER], env(['ETCD_PEER_CA_FILE', '/etc/etcd/peer-ca.crt'])) },
    { name: 'kubeadm sets it', code: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n    - name: initial-cluster\n      value: a=https://a:2380,b=https://b:2380\n' },
  ],
  invalid: [
    {
      name: 'explicit false (a peer setting, so clustered)',
      code: etcd([PEER_CA, '--peer-client-cert-auth=false']),
      errors: [{ text: '--peer-client-cert-auth=false', severity: 'warning', messageId: 'disabled', data: { setting: '--peer-client-cert-auth=false' } }],
      output: etcd([PEER_CA, '--peer-client-cert-auth=true']),
    },
    {
      name: 'clustered and missing',
      code: etcd([CLUSTER, PEER_CA]),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([CLUSTER, PEER_CA, '--peer-client-cert-auth=true']),
    },
    {
      name: 'the client CA does not count for peers',
      code: etcd([CLUSTER, PEER_CA, '--ca-file=/etc/etcd/ca.crt']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([CLUSTER, PEER_CA, '--ca-file=/etc/etcd/ca.crt', '--peer-client-cert-auth=true']),
    },
    {
      name: 'variable false',
      code: etcd([CLUSTER], env(['ETCD_PEER_CLIENT_CERT_AUTH', 'f'])),
      errors: [{ text: 'name: ETCD_PEER_CLIENT_CERT_AUTH\n      value: f', messageId: 'disabled' }],
      unsafe: true,
      output: etcd([CLUSTER], env(['ETCD_PEER_CLIENT_CERT_AUTH', 'f'])).replace('      value: f\n', '      value: "true"\n'),
      alternatives: { 'Set ETCD_PEER_CLIENT_CERT_AUTH to true': etcd([CLUSTER], env(['ETCD_PEER_CLIENT_CERT_AUTH', '"true"'])) },
    },
    {
      name: 'kubeadm extraArgs explicit false',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      peer-client-cert-auth: "false"\n',
      errors: [{ text: 'peer-client-cert-auth: "false"', messageId: 'disabled' }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      peer-client-cert-auth: "true"\n',
    },
  ],
});
