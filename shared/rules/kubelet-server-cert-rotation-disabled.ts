import { featureGateSetting, removeFeatureGateEdits } from './helpers';
import type { Rule } from './types';

const GATE = 'RotateKubeletServerCertificate';

/**
 * ## What it does
 * Flags a kube-controller-manager whose `--feature-gates` turn `RotateKubeletServerCertificate` off.
 *
 * ## Why is this bad?
 * The controller manager then stops approving kubelet serving-certificate requests, so kubelets
 * keep (or fall back to self-signed) certificates that are never renewed.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-server-cert-rotation-disabled',
    title: 'kube-controller-manager disables RotateKubeletServerCertificate',
    description:
      '`--feature-gates=RotateKubeletServerCertificate=false` on the controller manager turns off the signing of kubelet serving certificates requested through the certificates API. Kubelets then keep long-lived or self-signed serving certificates that are never rotated, and the API server cannot verify them.',
    remediation: `Remove \`${GATE}=false\` from \`--feature-gates\` (the gate is on by default) or set it to true.`,
    defaultSeverity: 'warning',
    category: 'kube-controller-manager',
    sources: [
      { kind: 'CIS', id: '1.3.6', version: '1.12' },
      { kind: 'KICS', id: '1c621b8e-2c6a-44f5-bd6a-fb0fb7ba33e2', note: 'Rotate Kubelet Server Certificate Not Active (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_112' },
      { kind: 'kube-bench', id: '1.3.6', version: '1.12' },
    ],
    messages: { gateOff: 'RotateKubeletServerCertificate=false: the controller manager will not sign rotated kubelet serving certificates.' },
    fixable: true,
    fixSafety:
      'Safe: removing `RotateKubeletServerCertificate=false` restores the gate\'s default (on).',
    examples: {
      bad: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager\n      - --feature-gates=${GATE}=false`,
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-controller-manager') return;
        const gate = featureGateSetting(component, GATE, context.text);
        if (gate?.value !== false) return;
        context.report({
          range: gate.range,
          messageId: 'gateOff',
          fixes: [{ title: `Remove ${GATE}=false from --feature-gates`, edits: removeFeatureGateEdits(component, GATE), isPreferred: true, safe: true }],
        });
      },
    };
  },
};

export default rule;
