import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver whose `--tls-cert-file` or `--tls-private-key-file` is missing or empty.
 *
 * ## Why is this bad?
 * Without them the API server serves a self-signed certificate it generates at start-up, so
 * clients cannot verify whom they talk to.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-tls-files-missing',
    title: 'kube-apiserver without --tls-cert-file / --tls-private-key-file',
    description:
      'A kube-apiserver started without `--tls-cert-file` and `--tls-private-key-file` (or with them empty) serves HTTPS with a self-signed certificate it generates itself. Clients cannot verify it, and API traffic, which carries secrets and tokens, is open to interception.',
    remediation:
      'Add `--tls-cert-file=<path/to/cert>` and `--tls-private-key-file=<path/to/key>` to the kube-apiserver flags. On kubeadm clusters the files are `/etc/kubernetes/pki/apiserver.crt` and `apiserver.key`.',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.24', version: '1.12', note: '1.2.30 in older releases' },
      { kind: 'KICS', id: 'fa750c81-93c2-4fab-9c6d-d3fd3ce3b89f', note: 'TLS Connection Certificate Not Setup (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_100' },
      { kind: 'Trivy', id: 'KCV0027', note: 'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate' },
      { kind: 'kube-bench', id: '1.2.24', version: '1.12' },
    ],
    messages: { missing: 'kube-apiserver is missing {{flags}}: it will serve a self-signed certificate clients cannot verify.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `tlsCertFile` / `tlsPrivateKeyFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443\n      - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n      - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    },
  },
  create: missingFlagsCheck(
    'kube-apiserver',
    [
      { flag: 'tls-cert-file', fixKey: 'tlsCertFile' },
      { flag: 'tls-private-key-file', fixKey: 'tlsPrivateKeyFile' },
    ],
  ),
};

export default rule;
