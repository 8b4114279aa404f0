import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver without `--kubelet-client-certificate` or `--kubelet-client-key`.
 *
 * ## Why is this bad?
 * The API server then calls kubelets (logs, exec, port-forward) without a client certificate:
 * either kubelets accept anonymous requests or those calls fail.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-kubelet-client-cert-missing',
    title: 'kube-apiserver without --kubelet-client-certificate / --kubelet-client-key',
    description:
      'The API server connects to every kubelet for `kubectl logs`, `exec`, `attach` and `port-forward`. Without `--kubelet-client-certificate` and `--kubelet-client-key` it presents no client certificate, so kubelets either have to allow anonymous requests (which exposes them to anyone) or reject the API server.',
    remediation:
      'Add `--kubelet-client-certificate` and `--kubelet-client-key` with a client certificate the kubelets trust. On kubeadm clusters they are `/etc/kubernetes/pki/apiserver-kubelet-client.crt` and `.key`.',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.4', version: '1.12' },
      { kind: 'KICS', id: '36a27826-1bf5-49da-aeb0-a60a30c0e834', note: 'Kubelet Client Certificate Or Key Not Set (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_72' },
      { kind: 'kube-bench', id: '1.2.4', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: its calls to kubelets carry no client certificate.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `kubeletClientCertificate` / `kubeletClientKey` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443\n      - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt\n      - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
    },
  },
  create: missingFlagsCheck(
    'kube-apiserver',
    [
      { flag: 'kubelet-client-certificate', fixKey: 'kubeletClientCertificate' },
      { flag: 'kubelet-client-key', fixKey: 'kubeletClientKey' },
    ],
  ),
};

export default rule;
