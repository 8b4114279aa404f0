import { etcdMustNotBeTrueRule } from './etcd-helpers';

/**
 * ## What it does
 * Flags an etcd with `--auto-tls=true` (or `ETCD_AUTO_TLS=true`) in effect.
 *
 * ## Why is this bad?
 * etcd then generates a self-signed certificate for its client port: clients cannot verify
 * it and typically skip verification, which is open to interception.
 */
export default etcdMustNotBeTrueRule(
  {
    id: 'etcd-auto-tls',
    title: 'etcd --auto-tls=true',
    description:
      '`--auto-tls` makes etcd serve its client port with a self-signed certificate it generates at start-up. Clients cannot verify it (so they skip verification), which leaves the traffic open to man-in-the-middle attacks. The effective setting is read like etcd does: the last flag occurrence, else the `ETCD_AUTO_TLS` variable; `--peer-auto-tls` is a different rule.',
    remediation:
      'Remove `--auto-tls` (or `ETCD_AUTO_TLS`) and give etcd real certificates with `--cert-file` and `--key-file`. The fix removes every occurrence; "fix all" applies it only when `--cert-file` and `--key-file` are set (etcd then ignores `--auto-tls` already), since otherwise etcd would lose its TLS certificate.',
    defaultSeverity: 'error',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.3', version: '1.12', note: 'Ensure that the --auto-tls argument is not set to true' },
      { kind: 'KICS', id: '98ce8b81-7707-4734-aa39-627c6db3d84b', note: 'Auto TLS Set To True (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_118' },
      { kind: 'kube-bench', id: '2.3', version: '1.12', note: 'flag or ETCD_AUTO_TLS' },
    ],
    messages: { enabled: 'etcd {{setting}}: clients get a self-signed certificate generated at start-up, which they cannot verify.' },
    fixable: true,
    fixSafety:
      'Safe when `--cert-file` and `--key-file` are given (etcd then ignores `--auto-tls`); otherwise unsafe: etcd would stop serving TLS or fail to start.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --auto-tls=true',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --cert-file=/etc/kubernetes/pki/etcd/server.crt\n      - --key-file=/etc/kubernetes/pki/etcd/server.key',
    },
  },
  {
    peer: false,
    flag: 'auto-tls',
    files: ['cert-file', 'key-file'],
  },
);
