import { isScalar } from 'yaml';
import { yamlBoolean } from '../model/values';
import { pairAtPath, removeKeyEdits } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags an `APIService` with `spec.insecureSkipTLSVerify: true`.
 *
 * ## Why is this bad?
 * The API server then proxies requests (with the requesting user's identity) to the
 * extension API server without verifying its certificate.
 */
const rule: Rule = {
  meta: {
    id: 'apiservice-insecure-skip-tls-verify',
    title: 'APIService with insecureSkipTLSVerify: true',
    description:
      'An `APIService` (apiregistration.k8s.io, any version) registers an aggregated API (metrics.k8s.io, custom.metrics.k8s.io, …): the API server forwards every request for that group to the backing service, with the caller\'s identity in headers. With `spec.insecureSkipTLSVerify: true` it does not verify that service\'s certificate, so whoever answers at the service address receives those requests and can answer in its name. The Kubernetes API reference calls it "strongly discouraged". Reported at the `true` (YAML 1.1 booleans as Kubernetes reads them: `true`, `True`, `yes`, `on`; a quoted "true" is a string); clean when false or absent.',
    remediation:
      'Set `spec.caBundle` to the CA that signs the service\'s serving certificate (cert-manager\'s CA injector can fill it in) and remove `insecureSkipTLSVerify`. The fix removes the key; it is unsafe (a quick fix only, never applied by fix-all or `--fix`): without a `caBundle` the aggregated API becomes unavailable.',
    defaultSeverity: 'warning',
    category: 'add-ons',
    sources: [
      { kind: 'Kubernetes', id: 'APIServiceSpec.insecureSkipTLSVerify', note: '"This is strongly discouraged. You should use the CABundle instead."', url: 'https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/api-service-v1/' },
    ],
    messages: { skipVerify: '{{apiService}} insecureSkipTLSVerify: true: the API server does not verify the extension API server\'s certificate.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): without a `caBundle` the aggregated API becomes unavailable.',
    examples: {
      bad: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service: {name: metrics-server, namespace: kube-system}\n  group: metrics.k8s.io\n  version: v1beta1\n  insecureSkipTLSVerify: true\n  groupPriorityMinimum: 100\n  versionPriority: 100',
      good: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service: {name: metrics-server, namespace: kube-system}\n  group: metrics.k8s.io\n  version: v1beta1\n  caBundle: LS0tLS1CRUdJTi…\n  groupPriorityMinimum: 100\n  versionPriority: 100',
    },
    triggers: /insecureSkipTLSVerify/,
  },
  create(context) {
    return {
      resource(resource) {
        if (resource.group !== 'apiregistration.k8s.io' || resource.kind !== 'APIService') return;
        const found = pairAtPath(resource.node, ['spec', 'insecureSkipTLSVerify']);
        const value = found?.pair.value;
        if (!found || !isScalar(value) || !value.range || yamlBoolean(value) !== true) return;
        context.report({
          range: { start: value.range[0], end: value.range[1] },
          messageId: 'skipVerify',
          data: { apiService: resource.name ? `APIService ${resource.name}` : 'APIService' },
          fixes: [{ title: 'Remove insecureSkipTLSVerify (set a caBundle)', edits: removeKeyEdits(found, context.editor), isPreferred: true, safe: false }],
        });
      },
    };
  },
};

export default rule;
