import { isZeroPort } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver whose effective `--secure-port` is 0.
 *
 * ## Why is this bad?
 * Port 0 turns the HTTPS listener off: the API server then serves no TLS at all.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-secure-port-disabled',
    title: 'kube-apiserver --secure-port set to 0',
    description:
      '`--secure-port=0` disables the API server\'s HTTPS listener. Clients can then only reach it over an insecure port (where one still exists) or not at all, and all encrypted, authenticated access is gone.',
    remediation: 'Remove `--secure-port` so the default 6443 applies, or set it to a non-zero port such as 6443.',
    defaultSeverity: 'error',
    category: 'kube-apiserver',
    sources: [
      { kind: 'KICS', id: '3d24b204-b73d-42cb-b0bf-1a5438c5f71e', note: 'Secure Port Set To Zero (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_89' },
    ],
    messages: { securePortZero: '--secure-port=0 turns off the API server\'s HTTPS listener.' },
    fixable: true,
    fixSafety:
      'Safe: removing `--secure-port=0` restores the default HTTPS port 6443 that every client expects.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: ["kube-apiserver"]\n    args: ["--secure-port=0"]',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: ["kube-apiserver","--secure-port=6443"]',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver') return;
        const occurrence = component.flags.last('secure-port');
        if (!occurrence || occurrence.unknown || !isZeroPort(occurrence.value)) return;
        context.report({
          range: occurrence.range,
          messageId: 'securePortZero',
          fixes: [
            // Earlier occurrences lose to the last one; removing only the last could expose them.
            {
              title: 'Remove --secure-port (use the default 6443)',
              edits: component.flags.all('secure-port').length === 1 ? component.editor.remove(occurrence) : undefined,
              isPreferred: true,
              safe: true,
            },
            { title: 'Set --secure-port to 6443', edits: component.editor.setValue(occurrence, '6443'), safe: true },
          ],
        });
      },
    };
  },
};

export default rule;
