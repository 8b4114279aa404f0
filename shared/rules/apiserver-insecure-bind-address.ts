import { lastOfAliases, removeAllEdits } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver that sets `--insecure-bind-address` at all.
 *
 * ## Why is this bad?
 * It chooses the interface of the unauthenticated plain-HTTP port; set to anything but
 * localhost it puts that port on the network.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-insecure-bind-address',
    title: 'kube-apiserver --insecure-bind-address set',
    description:
      '`--insecure-bind-address` is the address of the API server\'s insecure port, which serves the whole API over plain HTTP with no authentication or authorization. Setting it (typically to `0.0.0.0`) exposes that port beyond localhost. The benchmark requires it to be absent; it was removed in Kubernetes 1.24. Its old name `--address` counts as the same setting; the last one written wins.',
    remediation: 'Remove `--insecure-bind-address` (and `--insecure-port`); serve clients on the secure port only.',
    defaultSeverity: 'warning',
    severityNote:
      'KICS rates it High. The address only matters while an insecure port is open, which `apiserver-insecure-port` already reports as an error; on its own the flag is a warning.',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.18', version: '1.6.0', note: 'dropped from later releases with the flag' },
      { kind: 'KICS', id: 'b9380fd3-5ffe-4d10-9290-13e18e71eee1', note: 'Insecure Bind Address Set (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_86' },
    ],
    messages: {
      set: '--{{flag}}={{value}} is set: it places the unauthenticated plain-HTTP port on that address.',
      setUnknownValue: '--{{flag}} is set: it places the unauthenticated plain-HTTP port on that address.',
    },
    fixable: true,
    fixSafety:
      'Safe: the flag only matters for the insecure port, which is off by default.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --insecure-bind-address=0.0.0.0',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver') return;
        // `--address` is the old name of the same setting.
        const occurrence = lastOfAliases(component, ['insecure-bind-address', 'address']);
        if (!occurrence) return;
        const known = !occurrence.unknown && occurrence.value !== undefined;
        context.report({
          range: occurrence.range,
          messageId: known ? 'set' : 'setUnknownValue',
          data: known ? { flag: occurrence.name, value: occurrence.value! } : { flag: occurrence.name },
          fixes: [{ title: `Remove --${occurrence.name}`, edits: removeAllEdits(component, ['insecure-bind-address', 'address']), isPreferred: true, safe: true }],
        });
      },
    };
  },
};

export default rule;
