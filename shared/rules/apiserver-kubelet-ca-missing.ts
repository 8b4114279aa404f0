import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver without `--kubelet-certificate-authority`.
 *
 * ## Why is this bad?
 * The API server then does not verify the kubelets' serving certificates, so its connections
 * to kubelets can be intercepted.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-kubelet-ca-missing',
    title: 'kube-apiserver without --kubelet-certificate-authority',
    description:
      'Without `--kubelet-certificate-authority` the API server accepts any certificate a kubelet presents. Its connections to kubelets (`kubectl exec`, `logs`, `port-forward`), which carry commands and output, are then open to man-in-the-middle attacks on the node network.',
    remediation:
      'Have the kubelets serve certificates signed by a cluster CA (for example `serverTLSBootstrap: true` in the KubeletConfiguration, with their CSRs approved), then add `--kubelet-certificate-authority=<path/to/ca.crt>` (`/etc/kubernetes/pki/ca.crt` on kubeadm clusters).',
    defaultSeverity: 'info',
    severityNote:
      'KICS rates it Medium. It only works once every kubelet serves a certificate from that CA, which depends on how the nodes are set up (kubeadm itself leaves the flag out, since kubelets sign their own serving certificates by default), so a missing flag is information. For the same reason its fix is not applied automatically.',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.5', version: '1.12' },
      { kind: 'KICS', id: 'ec18a0d3-0069-4a58-a7fb-fbfe0b4bbbe0', note: 'Kubelet Certificate Authority Not Set (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_73' },
      { kind: 'kube-bench', id: '1.2.5', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: it does not verify the kubelets\' serving certificates.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): kubelets that serve self-signed certificates (the kubeadm default without `serverTLSBootstrap`) fail verification, which breaks `kubectl exec`, `logs` and `port-forward`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443\n      - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
    },
  },
  // Not safe: with self-signed kubelet serving certificates it breaks exec/logs.
  create: missingFlagsCheck(
    'kube-apiserver',
    [{ flag: 'kubelet-certificate-authority', fixKey: 'kubeletCertificateAuthority' }],
    { safe: false },
  ),
};

export default rule;
