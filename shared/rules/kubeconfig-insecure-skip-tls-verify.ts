import { isMap, isScalar, isSeq } from 'yaml';
import { getString } from '../model/resources';
import { yamlBoolean } from '../model/values';
import { pairAtPath, removeKeyEdits } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags each cluster entry of a kubeconfig (a file, or one kept in a ConfigMap or Secret) with
 * `insecure-skip-tls-verify: true`.
 *
 * ## Why is this bad?
 * The client then sends its credentials to whatever answers at the server address, without
 * checking that it is the cluster's API server.
 */
const rule: Rule = {
  meta: {
    id: 'kubeconfig-insecure-skip-tls-verify',
    title: 'kubeconfig cluster with insecure-skip-tls-verify: true',
    description:
      'A kubeconfig cluster entry with `insecure-skip-tls-verify: true` makes every client that uses it (kubectl, controllers, CI jobs, an operator reading a mounted Secret) skip verifying the API server\'s certificate: a man in the middle receives the user\'s token or client certificate handshake and can act as the API server. Read in kubeconfigs (`kind: Config` with `clusters:`, `apiVersion: v1` or none, as kubectl reads them), also when kept as the literal block (`|`) value of any ConfigMap `data` or Secret `stringData` key, at the real line inside the block. One finding per cluster entry, at the `true` (YAML 1.1 booleans: `true`, `yes`, `on`; a quoted "true" is a string).',
    remediation:
      'Give the cluster entry the API server\'s CA (`certificate-authority-data` or `certificate-authority`) and remove `insecure-skip-tls-verify`. The fix removes the key; it is unsafe (a quick fix only, never applied by fix-all or `--fix`): without a CA the client stops connecting.',
    defaultSeverity: 'warning',
    category: 'kubeconfig',
    sources: [
      { kind: 'Kubernetes', id: 'kubeconfig Cluster.insecure-skip-tls-verify', note: '"skips the validity check for the server\'s certificate. This will make your HTTPS connections insecure."', url: 'https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#Cluster' },
    ],
    messages: { skipVerify: '{{cluster}} insecure-skip-tls-verify: true: clients do not verify the API server\'s certificate.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): without a CA in the cluster entry the client stops connecting.',
    examples: {
      bad: 'apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n      server: https://10.0.0.1:6443\n      insecure-skip-tls-verify: true',
      good: 'apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n      server: https://10.0.0.1:6443\n      certificate-authority-data: LS0tLS1CRUdJTi…',
    },
    triggers: /insecure-skip-tls-verify/,
  },
  create(context) {
    return {
      resource(resource) {
        if (resource.group !== '' || resource.kind !== 'Config' || resource.apiVersion !== 'v1') return;
        const clusters = resource.node.get('clusters', true);
        if (!isSeq(clusters)) return;
        for (const entry of clusters.items) {
          if (!isMap(entry)) continue;
          const found = pairAtPath(entry, ['cluster', 'insecure-skip-tls-verify']);
          const value = found?.pair.value;
          if (!found || !isScalar(value) || !value.range || yamlBoolean(value) !== true) continue;
          const name = getString(entry, 'name', resource.doc);
          context.report({
            range: { start: value.range[0], end: value.range[1] },
            messageId: 'skipVerify',
            data: { cluster: name ? `kubeconfig cluster "${name}"` : 'kubeconfig cluster' },
            fixes: [{ title: 'Remove insecure-skip-tls-verify (set certificate-authority-data)', edits: removeKeyEdits(found, context.editor), isPreferred: true, safe: false }],
          });
        }
      },
    };
  },
};

export default rule;
