import { pod, runRuleTests } from '../../helpers/rule-tester';

const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;
const CLUSTER = '--initial-cluster=a=https://10.0.0.1:2380,b=https://10.0.0.2:2380,c=https://10.0.0.3:2380';
const PEER_CERT = '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt';
const PEER_KEY = '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key';

runRuleTests('etcd-peer-tls-missing', {
  valid: [
    { name: 'single member, no peer settings', code: etcd(['--name=a', '--listen-client-urls=https://0.0.0.0:2379']) },
    { name: 'initial cluster of one member', code: etcd(['--initial-cluster=a=https://10.0.0.1:2380']) },
    { name: 'one member listing two URLs', code: etcd(['--initial-cluster=a=https://10.0.0.1:2380,a=https://10.0.1.1:2380']) },
    { name: 'clustered with both peer flags', code: etcd([CLUSTER, PEER_CERT, PEER_KEY]) },
    { name: 'clustered with peer variables', code: etcd([CLUSTER], env(['ETCD_PEER_CERT_FILE', '/p.crt'], ['ETCD_PEER_KEY_FILE', '/p.key'])) },
    { name: 'initial cluster from $(VAR) is unknown', code: etcd(['--initial-cluster=$(INITIAL_CLUSTER)']) },
    { name: 'look-alike: client files do not make it clustered', code: etcd(['--cert-file=/s.crt', '--key-file=/s.key']) },
    { name: 'templated command line', code: etcd([CLUSTER, '{{ .Values.peerFlags }}']) },
    { name: 'config file', code: etcd([CLUSTER, '--config-file=/etc/etcd.yaml']) },
    { name: 'kubeadm: peer files come from kubeadm', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      initial-cluster: a=https://10.0.0.1:2380,b=https://10.0.0.2:2380\n' },
  ],
  invalid: [
    {
      name: 'plain http peer URLs are named too',
      code: etcd([CLUSTER, '--listen-peer-urls=http://10.0.0.1:2380']),
      errors: [{ text: 'etcd', messageId: 'missingAndPlainHttp', data: { flags: '--peer-cert-file and --peer-key-file', listenFlag: '--listen-peer-urls' } }],
      output: etcd([CLUSTER, '--listen-peer-urls=http://10.0.0.1:2380', PEER_CERT, PEER_KEY]),
    },
    {
      name: 'three members, no peer files',
      code: etcd([CLUSTER]),
      errors: [{ text: 'etcd', severity: 'warning', messageId: 'missing', data: { flags: '--peer-cert-file and --peer-key-file' } }],
      output: etcd([CLUSTER, PEER_CERT, PEER_KEY]),
    },
    {
      name: 'look-alike: --cert-file is not --peer-cert-file',
      code: etcd([CLUSTER, '--cert-file=/s.crt', '--key-file=/s.key']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([CLUSTER, '--cert-file=/s.crt', '--key-file=/s.key', PEER_CERT, PEER_KEY]),
    },
    {
      name: 'a --peer-* setting means peers are configured',
      code: etcd(['--peer-trusted-ca-file=/ca.crt', PEER_CERT]),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd(['--peer-trusted-ca-file=/ca.crt', PEER_CERT, PEER_KEY]),
    },
    {
      name: 'cluster from ETCD_INITIAL_CLUSTER',
      code: etcd([], env(['ETCD_INITIAL_CLUSTER', '"a=http://a:2380,b=http://b:2380"'])),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([PEER_CERT, PEER_KEY], env(['ETCD_INITIAL_CLUSTER', '"a=http://a:2380,b=http://b:2380"'])),
    },
    {
      name: 'DNS discovery',
      code: etcd(['--discovery-srv=example.com']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd(['--discovery-srv=example.com']).replace('    - --discovery-srv=example.com\n', '    - --discovery-srv=example.com\n    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt\n    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key\n'),
    },
  ],
}, { unsafe: true });
