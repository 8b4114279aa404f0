import { missingFlagsCheck } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-controller-manager without `--root-ca-file`.
 *
 * ## Why is this bad?
 * The CA is what the controller manager puts into every service account's `ca.crt`; without
 * it pods cannot verify the API server they talk to.
 */
const rule: Rule = {
  meta: {
    id: 'controller-manager-root-ca-missing',
    title: 'kube-controller-manager without --root-ca-file',
    description:
      'The controller manager publishes `--root-ca-file` to every namespace (the `kube-root-ca.crt` ConfigMap, service account tokens\' `ca.crt`). Without it pods have no CA to verify the API server\'s certificate, so their in-cluster API traffic, tokens included, is open to interception.',
    remediation: 'Add `--root-ca-file=<path/to/ca.crt>`, the CA of the API server\'s serving certificate (kubeadm: `/etc/kubernetes/pki/ca.crt`).',
    defaultSeverity: 'warning',
    category: 'kube-controller-manager',
    sources: [
      { kind: 'CIS', id: '1.3.5', version: '1.12' },
      { kind: 'KICS', id: '05fb986f-ac73-4ebb-a5b2-7faafa93d882', note: 'Root CA File Not Defined (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_111' },
      { kind: 'kube-bench', id: '1.3.5', version: '1.12' },
    ],
    messages: { missing: 'kube-controller-manager is missing {{flags}}: pods get no CA to verify the API server with.' },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `rootCaFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager\n      - --kubeconfig=/etc/kubernetes/controller-manager.conf',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager\n      - --kubeconfig=/etc/kubernetes/controller-manager.conf\n      - --root-ca-file=/etc/kubernetes/pki/ca.crt',
    },
  },
  create: missingFlagsCheck('kube-controller-manager', [{ flag: 'root-ca-file', fixKey: 'rootCaFile' }]),
};

export default rule;
