import { isLoopback } from './helpers';
import { knownValue, removeAllEdits, valueRange } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-controller-manager or kube-scheduler with an explicit non-zero `--port` (its old
 * insecure HTTP port) or an `--address` that is not loopback.
 *
 * ## Why is this bad?
 * That port serves metrics, health and debugging endpoints over plain HTTP with no
 * authentication or authorization at all.
 */
const rule: Rule = {
  meta: {
    id: 'control-plane-insecure-port',
    title: 'kube-controller-manager / kube-scheduler insecure --port or public --address',
    description:
      'Before Kubernetes 1.24 the controller manager and the scheduler also served plain HTTP on `--port` (10252 and 10251 by default) at `--address`, with no TLS, authentication or authorization: anyone who reaches it reads metrics and debugging endpoints (`/debug/pprof`, `/configz`). An explicit non-zero `--port` keeps that listener on, and an `--address` that is not loopback (`0.0.0.0`, a node address) exposes it to the network; both are errors. `--port=0` turns it off; a missing flag is not reported by this rule (newer releases removed the listener, and `control-plane-bind-address-public` judges the secure port); an `--address` does not matter once `--port=0`. Releases from 1.24 on reject both flags, so such a manifest is also outdated. Read from command lines, `sh -c` scripts and kubeadm `controllerManager`/`scheduler` `extraArgs`.',
    remediation:
      'Set `--port=0` and remove `--address` (use `--bind-address=127.0.0.1` for the secure port). On Kubernetes 1.24 and later remove both flags. The fixes do exactly that; they are safe: the insecure listener is never needed by the component itself (kubeadm\'s probes use the secure port).',
    defaultSeverity: 'error',
    category: 'any-component',
    sources: [
      { kind: 'Kubernetes', id: 'kube-controller-manager --port / --address', note: 'insecure serving, deprecated in 1.19/1.20 and removed in 1.24', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/' },
      { kind: 'Kubernetes', id: 'kube-scheduler --port / --address', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/' },
    ],
    messages: {
      insecurePort: '{{binary}} --port={{port}} serves plain HTTP without authentication: set --port=0.',
      publicAddress: '{{binary}} --address={{address}} exposes its insecure HTTP port beyond localhost.',
    },
    fixable: true,
    fixSafety:
      'Safe: the component itself never needs its insecure port (probes use the secure port), and `--address` only placed that port.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command:\n      - kube-scheduler\n      - --address=0.0.0.0\n      - --port=10251',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command:\n      - kube-scheduler\n      - --bind-address=127.0.0.1\n      - --port=0',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-controller-manager' && component.binary !== 'kube-scheduler') return;
        const portFlag = component.flags.last('port');
        const port = knownValue(portFlag)?.trim();
        const portOff = port !== undefined && /^[+]?0+$/.test(port);
        if (portFlag && port !== undefined && /^[+]?\d+$/.test(port) && !portOff) {
          context.report({
            range: valueRange(portFlag, context.text),
            messageId: 'insecurePort',
            data: { binary: component.binary, port },
            fixes: [{ title: 'Set --port to 0', edits: component.editor.setValue(portFlag, '0'), isPreferred: true, safe: true }],
          });
        }
        const addressFlag = component.flags.last('address');
        const address = knownValue(addressFlag)?.trim();
        // With `--port=0` nothing listens at `--address`.
        if (!addressFlag || !address || portOff || isLoopback(address)) return;
        context.report({
          range: valueRange(addressFlag, context.text),
          messageId: 'publicAddress',
          data: { binary: component.binary, address },
          fixes: [{ title: 'Remove --address', edits: removeAllEdits(component, 'address'), isPreferred: true, safe: true }],
        });
      },
    };
  },
};

export default rule;
