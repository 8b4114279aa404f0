import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver without `--etcd-cafile`.
 *
 * ## Why is this bad?
 * The API server then cannot verify etcd's serving certificate, so whoever answers on the
 * etcd address receives (and can forge) the cluster's data.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-etcd-ca-missing',
    title: 'kube-apiserver without --etcd-cafile',
    description:
      'Without `--etcd-cafile` the API server has no CA to verify etcd\'s serving certificate with. Its connection to etcd, which carries every Secret, is then not authenticated and can be intercepted or impersonated.',
    remediation: 'Add `--etcd-cafile=<path/to/etcd-ca.crt>`, the CA that signed etcd\'s serving certificate (kubeadm: `/etc/kubernetes/pki/etcd/ca.crt`).',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.26', version: '1.12' },
      { kind: 'KICS', id: '3f5ff8a7-5ad6-4d02-86f5-666307da1b20', note: 'etcd Client Certificate File Not Defined (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_102' },
      { kind: 'kube-bench', id: '1.2.26', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: it cannot verify etcd\'s serving certificate.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `apiserverEtcdCafile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --etcd-servers=https://127.0.0.1:2379',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --etcd-servers=https://127.0.0.1:2379\n      - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
    },
  },
  create: missingFlagsCheck('kube-apiserver', [{ flag: 'etcd-cafile', fixKey: 'apiserverEtcdCafile' }]),
};

export default rule;
