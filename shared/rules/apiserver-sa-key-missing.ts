import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver without `--service-account-key-file`.
 *
 * ## Why is this bad?
 * The API server then verifies service account tokens with its TLS serving key (or not at all
 * without one): the token keys cannot be rotated apart from the serving certificate.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-sa-key-missing',
    title: 'kube-apiserver without --service-account-key-file',
    description:
      '`--service-account-key-file` holds the public keys the API server verifies service account tokens with (the controller manager signs them with the private half, `--service-account-private-key-file`). When it is absent the API server falls back to the private key of its serving certificate, `--tls-private-key-file` (the flag\'s documented default, the case the benchmark fails), and without a usable one service account token authentication is off. Either way the token keys cannot be rotated apart from the serving certificate. An empty value counts as missing. Not reported in kubeadm configuration (kubeadm always passes `--service-account-key-file=/etc/kubernetes/pki/sa.pub`), for command lines with template actions that may add it, nor for `--version` / `--help` runs.',
    remediation:
      'Add `--service-account-key-file=<path/to/sa.pub>`, the public half of the controller manager\'s `--service-account-private-key-file` (kubeadm: `/etc/kubernetes/pki/sa.pub`; the fix inserts the `serviceAccountKeyFile` fix setting).',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.22', version: '1.12', note: '1.2.28 in 1.6.0' },
      { kind: 'KICS', id: 'dab4ec72-ce2e-4732-b7c3-1757dcce01a1', note: 'Service Account Key File Not Properly Set (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_97' },
      { kind: 'Trivy', id: 'KCV0025' },
      { kind: 'kube-bench', id: '1.2.22', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: service account tokens are verified with its TLS serving key, or not at all, and their keys cannot be rotated on their own.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the path is yours: the fix inserts the value of the `serviceAccountKeyFile` fix setting. Its default (kubeadm\'s path) is only a guess at where the file is, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key\n      - --service-account-key-file=/etc/kubernetes/pki/sa.pub',
    },
  },
  create: missingFlagsCheck('kube-apiserver', [{ flag: 'service-account-key-file', fixKey: 'serviceAccountKeyFile' }]),
};

export default rule;
