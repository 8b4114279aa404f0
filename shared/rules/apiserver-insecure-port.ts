import { knownValue, lastOfAliases, removeAllEdits } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver whose effective `--insecure-port` is a non-zero port.
 *
 * ## Why is this bad?
 * The insecure port serves the whole API over plain HTTP with no authentication or
 * authorization at all: anyone who reaches it is cluster-admin.
 */
const INSECURE_PORT_FLAGS = ['insecure-port', 'port'];

const rule: Rule = {
  meta: {
    id: 'apiserver-insecure-port',
    title: 'kube-apiserver --insecure-port enabled',
    description:
      'A non-zero `--insecure-port` opens a second API server listener that speaks plain HTTP and skips authentication and authorization: every request on it is treated as cluster-admin. Kubernetes 1.20 forced it to 0 and 1.24 removed the flag, so this appears in manifests for old clusters (and stops newer API servers from starting at all). Its old name `--port` counts as the same setting; the last one written wins.',
    remediation:
      'Remove `--insecure-port` (from Kubernetes 1.20 the port is always off). Before 1.20 an absent flag means localhost:8080, so set `--insecure-port=0` there instead, after moving any local plain-HTTP clients to the secure port (6443).',
    defaultSeverity: 'error',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.19', version: '1.6.0', note: 'dropped from later releases with the flag' },
      { kind: 'KICS', id: 'fa4def8c-1898-4a35-a139-7b76b1acdef0', note: 'Insecure Port Not Properly Set (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_88' },
    ],
    messages: { insecurePort: '--{{flag}}={{value}} serves the API over plain HTTP without authentication or authorization.' },
    fixable: true,
    fixSafety:
      'Safe: removing the flag uses the default (no insecure port since 1.20). Setting it to 0 (for older releases) is offered as an unsafe alternative.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --insecure-port=8080',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver') return;
        // `--port` is the old name of the same setting (before Kubernetes 1.10 or so).
        const occurrence = lastOfAliases(component, INSECURE_PORT_FLAGS);
        const value = knownValue(occurrence)?.trim();
        // Only a well-formed non-zero port opens the listener; anything else fails to start.
        if (!occurrence || value === undefined || !/^\+?\d+$/.test(value) || /^\+?0+$/.test(value)) return;
        context.report({
          range: occurrence.range,
          messageId: 'insecurePort',
          data: { flag: occurrence.name, value },
          fixes: [
            { title: `Remove --${occurrence.name}`, edits: removeAllEdits(component, INSECURE_PORT_FLAGS), isPreferred: true, safe: true },
            // Before 1.20 the default was 8080 on localhost, so only 0 closes the port there; it
            // can break local plain-HTTP clients, hence not applied unasked.
            { title: `Set --${occurrence.name} to 0 (Kubernetes before 1.20)`, edits: component.editor.setValue(occurrence, '0'), safe: false },
          ],
        });
      },
    };
  },
};

export default rule;
