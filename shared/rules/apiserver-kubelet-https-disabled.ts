import { knownValue, parseGoBool, removeAllEdits } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver started with `--kubelet-https=false`.
 *
 * ## Why is this bad?
 * The API server then talks to kubelets over plain HTTP: exec sessions, logs and
 * port-forwarded traffic cross the network unencrypted.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-kubelet-https-disabled',
    title: 'kube-apiserver --kubelet-https=false',
    description:
      '`--kubelet-https=false` makes the API server connect to kubelets over plain HTTP. Everything it relays from nodes (`kubectl exec` sessions, logs, port-forwarded connections) then crosses the network unencrypted and unauthenticated. The flag defaults to true and was removed in Kubernetes 1.22.',
    remediation: 'Remove `--kubelet-https` (the default is HTTPS) or set it to true.',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.4', version: '1.6.0', note: 'dropped from later releases with the flag' },
      { kind: 'KICS', id: 'cdc8b54e-6b16-4538-a1b0-35849dbe29cf', note: 'Kubelet HTTPS Set To False (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_71' },
    ],
    messages: { kubeletHttpsOff: '--kubelet-https=false: the API server talks to kubelets over plain HTTP.' },
    fixable: true,
    fixSafety:
      'Safe: HTTPS toward the kubelets is the default and what they serve.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --kubelet-https=false',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver') return;
        const occurrence = component.flags.last('kubelet-https');
        if (!occurrence || parseGoBool(knownValue(occurrence)) !== false) return;
        context.report({
          range: occurrence.range,
          messageId: 'kubeletHttpsOff',
          fixes: [
            { title: 'Remove --kubelet-https (default true)', edits: removeAllEdits(component, 'kubelet-https'), isPreferred: true, safe: true },
            { title: 'Set --kubelet-https to true', edits: component.editor.setValue(occurrence, 'true'), safe: true },
          ],
        });
      },
    };
  },
};

export default rule;
