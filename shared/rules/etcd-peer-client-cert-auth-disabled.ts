import { etcdMustBeTrueRule } from './etcd-helpers';

/**
 * ## What it does
 * Flags a clustered etcd whose `--peer-client-cert-auth` (or `ETCD_PEER_CLIENT_CERT_AUTH`) is
 * false, or absent when the whole command line and environment are visible.
 *
 * ## Why is this bad?
 * Without it anything that reaches the peer port can pose as a member.
 */
export default etcdMustBeTrueRule(
  {
    id: 'etcd-peer-client-cert-auth-disabled',
    title: 'Clustered etcd --peer-client-cert-auth not true',
    description:
      'With `--peer-client-cert-auth` off, etcd accepts peer connections from anyone who reaches the peer port, who can then take part in replication as a member. Only reported for an etcd that has peers (`--initial-cluster` naming more than one member, discovery, or any `--peer-*` setting). An explicit false is reported where it is set; a missing setting on the etcd binary, only when the command line and environment are fully visible. kubeadm `etcd.local` is only reported for an explicit false in `extraArgs`. The deprecated `--peer-ca-file` (`ETCD_PEER_CA_FILE`) of etcd before 3.4 requires peer certificates by itself, so an etcd that sets it is not reported.',
    remediation:
      'Set `--peer-client-cert-auth=true` with `--peer-trusted-ca-file=<CA that signs peer certificates>`. The fix is applied by "fix all" only when `--peer-trusted-ca-file` is set.',
    defaultSeverity: 'warning',
    severityNote: 'Whether peer traffic leaves the node depends on the cluster layout, which the rule infers from the flags.',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.5', version: '1.12', note: 'Ensure that the --peer-client-cert-auth argument is set to true' },
      { kind: 'KICS', id: 'b7d0181d-0a9b-4611-9d1c-1ad4f0b620ff', note: 'Etcd Peer Client Certificate Authentication Set To False (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_121' },
      { kind: 'kube-bench', id: '2.5', version: '1.12' },
    ],
    messages: {
      disabled: 'etcd {{setting}}: anything that reaches the peer port can join replication as a member.',
      missing: 'etcd is missing --peer-client-cert-auth=true: anything that reaches the peer port can join replication as a member.',
    },
    fixable: true,
    fixSafety:
      'Safe when `--peer-trusted-ca-file` names the CA to verify peers against; otherwise unsafe (members would reject each other).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n      - --peer-client-cert-auth=false',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n      - --peer-client-cert-auth=true',
    },
  },
  {
    peer: true,
    flag: 'peer-client-cert-auth',
    caFlag: 'peer-trusted-ca-file',
    impliedBy: 'peer-ca-file',
  },
);
