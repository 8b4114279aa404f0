import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver without `--etcd-certfile` or `--etcd-keyfile`.
 *
 * ## Why is this bad?
 * etcd holds every Secret; without a client certificate the API server can only talk to an
 * etcd that accepts unauthenticated clients.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-etcd-client-cert-missing',
    title: 'kube-apiserver without --etcd-certfile / --etcd-keyfile',
    description:
      'etcd stores the whole cluster state, Secrets included. Without `--etcd-certfile` and `--etcd-keyfile` the API server presents no client certificate to etcd, which only works when etcd lets any client in (`--client-cert-auth` off): anyone who reaches etcd\'s port can then read and write everything.',
    remediation:
      'Give the API server an etcd client certificate and add `--etcd-certfile` and `--etcd-keyfile` (kubeadm: `/etc/kubernetes/pki/apiserver-etcd-client.crt` and `.key`), and turn on `--client-cert-auth` on etcd.',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.23', version: '1.12' },
      { kind: 'KICS', id: '895a5a95-3756-4b04-9924-2f3bc93181bd', note: 'etcd TLS Certificate Not Properly Configured (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_99' },
      { kind: 'kube-bench', id: '1.2.23', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: it cannot authenticate to etcd with a certificate.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `apiserverEtcdCertfile` / `apiserverEtcdKeyfile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --etcd-servers=https://127.0.0.1:2379',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --etcd-servers=https://127.0.0.1:2379\n      - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt\n      - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    },
  },
  create: missingFlagsCheck(
    'kube-apiserver',
    [
      { flag: 'etcd-certfile', fixKey: 'apiserverEtcdCertfile' },
      { flag: 'etcd-keyfile', fixKey: 'apiserverEtcdKeyfile' },
    ],
  ),
};

export default rule;
