import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver without `--client-ca-file`.
 *
 * ## Why is this bad?
 * Without a client CA the API server cannot authenticate clients by certificate, so the
 * control plane's own components and kubelets lose their mutual-TLS identity.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-client-ca-missing',
    title: 'kube-apiserver without --client-ca-file',
    description:
      'Without `--client-ca-file` the API server does not verify client certificates: x509 authentication is off, so kubelets, the controller manager, the scheduler and administrators cannot authenticate with their certificates, and clusters fall back to weaker credentials such as static tokens.',
    remediation:
      'Add `--client-ca-file=<path/to/ca.crt>`, the CA that signs your client certificates. On kubeadm clusters it is `/etc/kubernetes/pki/ca.crt`.',
    defaultSeverity: 'warning',
    severityNote:
      'KICS rates it High. A file can hold a kube-apiserver that is not a control-plane node\'s static pod (a hosted or nested control plane, a test fixture), which may authenticate clients another way, so a missing flag is a warning.',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.25', version: '1.12' },
      { kind: 'KICS', id: 'e0e00aba-5f1c-4981-a542-9a9563c0ee20', note: 'Client Certificate Authentication Not Setup Properly (High)' },
      { kind: 'kube-bench', id: '1.2.25', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: clients cannot authenticate with certificates.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `clientCaFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443\n      - --client-ca-file=/etc/kubernetes/pki/ca.crt',
    },
  },
  create: missingFlagsCheck('kube-apiserver', [{ flag: 'client-ca-file', fixKey: 'clientCaFile' }]),
};

export default rule;
