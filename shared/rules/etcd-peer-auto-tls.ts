import { etcdMustNotBeTrueRule } from './etcd-helpers';

/**
 * ## What it does
 * Flags an etcd with `--peer-auto-tls=true` (or `ETCD_PEER_AUTO_TLS=true`) in effect.
 *
 * ## Why is this bad?
 * Members then use self-signed certificates for replication, which peers cannot verify.
 */
export default etcdMustNotBeTrueRule(
  {
    id: 'etcd-peer-auto-tls',
    title: 'etcd --peer-auto-tls=true',
    description:
      '`--peer-auto-tls` makes etcd use a self-signed certificate on its peer port. Members cannot verify each other, so anything that reaches the peer port can intercept or join replication. The effective setting is the last flag occurrence, else the `ETCD_PEER_AUTO_TLS` variable.',
    remediation:
      'Remove `--peer-auto-tls` (or `ETCD_PEER_AUTO_TLS`) and give etcd `--peer-cert-file` and `--peer-key-file`. "Fix all" removes it only when those are set; otherwise the fix is offered on request.',
    defaultSeverity: 'warning',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.6', version: '1.12', note: 'Ensure that the --peer-auto-tls argument is not set to true' },
      { kind: 'KICS', id: 'ae8827e2-4af9-4baa-9998-87539ae0d6f0', note: 'Peer Auto TLS Set To True (Medium)' },
      { kind: 'kube-bench', id: '2.6', version: '1.12', note: 'flag or ETCD_PEER_AUTO_TLS' },
    ],
    messages: { enabled: 'etcd {{setting}}: members use self-signed certificates on the peer port, which they cannot verify.' },
    fixable: true,
    fixSafety:
      'Safe when `--peer-cert-file` and `--peer-key-file` are given (etcd then ignores `--peer-auto-tls`); otherwise unsafe: peers would stop using TLS or fail to start.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --peer-auto-tls=true',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt\n      - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    },
  },
  {
    peer: false,
    flag: 'peer-auto-tls',
    files: ['peer-cert-file', 'peer-key-file'],
  },
);
