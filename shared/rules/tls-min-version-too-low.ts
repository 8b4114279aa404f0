import { isKubeletConfig, knownValue, scalarField, scalarValueRange, templated, valueRange } from './helpers';
import type { Rule } from './types';

const TOO_LOW = new Set(['VersionTLS10', 'VersionTLS11']);

/**
 * ## What it does
 * Flags a Kubernetes component whose `--tls-min-version` (KubeletConfiguration:
 * `tlsMinVersion`) is TLS 1.0 or 1.1.
 *
 * ## Why is this bad?
 * Both versions are deprecated (RFC 8996) and allow downgrade to weak constructions.
 */
const rule: Rule = {
  meta: {
    id: 'tls-min-version-too-low',
    title: '--tls-min-version allows TLS 1.0 or 1.1',
    description:
      '`--tls-min-version=VersionTLS10` or `VersionTLS11` lets clients negotiate TLS versions that were deprecated by RFC 8996, rely on SHA-1 and CBC constructions with known attacks, and fail most compliance regimes. Every Kubernetes client supports TLS 1.2. Applies to kube-apiserver, kube-controller-manager, kube-scheduler and kubelet flags, and to `tlsMinVersion` in a KubeletConfiguration (etcd\'s own flag only accepts TLS 1.2 and 1.3).',
    remediation: 'Set `--tls-min-version=VersionTLS12` or `tlsMinVersion: VersionTLS12` (or `VersionTLS13`), or remove the setting on Kubernetes built with Go 1.22 or later, whose default is TLS 1.2.',
    defaultSeverity: 'warning',
    category: 'any-component',
    sources: [{ kind: 'Kubernetes', id: 'tls-min-version', note: 'kube-apiserver flag reference; no peer scanner checks it', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' }],
    messages: {
      flagTooLow: '{{binary}} accepts {{protocol}} (--tls-min-version={{value}}); require TLS 1.2 or later.',
      configTooLow: 'kubelet accepts {{protocol}} (tlsMinVersion: {{value}}); require TLS 1.2 or later.',
    },
    fixable: true,
    fixSafety:
      'Safe: every supported Kubernetes client speaks TLS 1.2.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --tls-min-version=VersionTLS10',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --tls-min-version=VersionTLS12',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary === 'etcd') return;
        const occurrence = component.flags.last('tls-min-version');
        const value = knownValue(occurrence)?.trim();
        if (!occurrence || !value || !TOO_LOW.has(value)) return;
        context.report({
          range: valueRange(occurrence, context.text),
          messageId: 'flagTooLow',
          data: { binary: component.binary, protocol: value === 'VersionTLS10' ? 'TLS 1.0' : 'TLS 1.1', value },
          fixes: [{ title: 'Set --tls-min-version to VersionTLS12', edits: component.editor.setValue(occurrence, 'VersionTLS12'), isPreferred: true, safe: true }],
        });
      },
      resource(resource) {
        if (!isKubeletConfig(resource)) return;
        const node = scalarField(resource, 'tlsMinVersion');
        if (!node || typeof node.value !== 'string' || !TOO_LOW.has(node.value.trim())) return;
        const range = scalarValueRange(node, context.text);
        if (templated(context.text, range)) return;
        const edit = context.editor.replaceScalar(node, 'VersionTLS12');
        context.report({
          range,
          messageId: 'configTooLow',
          data: { protocol: node.value.trim() === 'VersionTLS10' ? 'TLS 1.0' : 'TLS 1.1', value: node.value.trim() },
          fixes: [{ title: 'Set tlsMinVersion to VersionTLS12', edits: edit ? [edit] : undefined, isPreferred: true, safe: true }],
        });
      },
    };
  },
};

export default rule;
