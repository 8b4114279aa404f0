import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-controller-manager without `--service-account-private-key-file`.
 *
 * ## Why is this bad?
 * Without a dedicated key service account tokens cannot be signed and rotated independently
 * of other certificates.
 */
const rule: Rule = {
  meta: {
    id: 'controller-manager-sa-key-missing',
    title: 'kube-controller-manager without --service-account-private-key-file',
    description:
      '`--service-account-private-key-file` is the key the controller manager signs service account tokens with (the API server verifies them with the matching `--service-account-key-file`). Without it the token controller is off or shares a key with other uses, and service account keys cannot be rotated on their own.',
    remediation: 'Add `--service-account-private-key-file=<path/to/sa.key>`, the private half of the API server\'s `--service-account-key-file` (kubeadm: `/etc/kubernetes/pki/sa.key`).',
    defaultSeverity: 'warning',
    category: 'kube-controller-manager',
    sources: [
      { kind: 'CIS', id: '1.3.4', version: '1.12' },
      { kind: 'KICS', id: 'ccc98ff7-68a7-436e-9218-185cb0b0b780', note: 'Service Account Private Key File Not Defined (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_110' },
      { kind: 'kube-bench', id: '1.3.4', version: '1.12' },
    ],
    messages: { missing: 'kube-controller-manager is missing {{flags}}: it has no dedicated key to sign service account tokens with.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `serviceAccountPrivateKeyFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager\n      - --kubeconfig=/etc/kubernetes/controller-manager.conf',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager\n      - --kubeconfig=/etc/kubernetes/controller-manager.conf\n      - --service-account-private-key-file=/etc/kubernetes/pki/sa.key',
    },
  },
  create: missingFlagsCheck(
    'kube-controller-manager',
    [{ flag: 'service-account-private-key-file', fixKey: 'serviceAccountPrivateKeyFile' }],
  ),
};

export default rule;
