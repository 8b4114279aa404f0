import { knownValue, valueRange } from './helpers';
import type { Rule } from './types';

/** Addresses that only listen on the node itself. */
export function isLoopback(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (a === 'localhost' || a === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(a)) return true;
  return /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * ## What it does
 * Flags a kube-controller-manager or kube-scheduler whose `--bind-address` is not a loopback
 * address.
 *
 * ## Why is this bad?
 * Their secure port (metrics, health, debug endpoints) then listens on the node's network
 * interfaces instead of localhost only.
 */
const rule: Rule = {
  meta: {
    id: 'control-plane-bind-address-public',
    title: 'kube-controller-manager / kube-scheduler --bind-address not on localhost',
    description:
      'The controller manager and the scheduler serve `/metrics`, `/healthz` and debugging endpoints on their secure port (10257 and 10259). With `--bind-address` set to `0.0.0.0` or a node address, those endpoints are reachable from the network, widening the attack surface of two highly privileged components. The benchmark asks for `127.0.0.1`.',
    remediation:
      'Set `--bind-address=127.0.0.1`. If Prometheus scrapes these components from another host, scrape through a local proxy or accept the exposure deliberately and suppress the finding. In a pod without `hostNetwork` (a hosted control plane) the kubelet probes the pod IP, so keep the pod address there and restrict access with a NetworkPolicy instead.',
    defaultSeverity: 'warning',
    severityNote:
      'KICS rates it High. Since Kubernetes 1.20 both components serve only HTTPS with delegated authentication and authorization on that address, and exposing metrics to a scraper is often deliberate, so it is a warning.',
    category: 'any-component',
    sources: [
      { kind: 'CIS', id: '1.3.7', note: 'CIS Kubernetes Benchmark 1.12 (kube-controller-manager; 1.4.2 for kube-scheduler)' },
      { kind: 'KICS', id: '46a2e9ec-6a5f-4faa-9d39-4ea44d5d87a2', note: 'Bind Address Not Properly Set (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_113', note: 'kube-controller-manager; CKV_K8S_115 for kube-scheduler' },
      { kind: 'kube-bench', id: '1.3.7', note: 'cfg/cis-1.12; 1.4.2 for kube-scheduler' },
    ],
    fixable: true,
    examples: {
      bad: 'command:\n  - kube-scheduler\n  - --bind-address=0.0.0.0',
      good: 'command:\n  - kube-scheduler\n  - --bind-address=127.0.0.1',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-controller-manager' && component.binary !== 'kube-scheduler') return;
        const occurrence = component.flags.last('bind-address');
        const value = knownValue(occurrence)?.trim();
        // An empty value is the default (all interfaces) like an absent flag, which CIS accepts.
        if (!occurrence || !value || isLoopback(value)) return;
        context.report({
          range: valueRange(occurrence, context.text),
          message: `${component.binary} --bind-address=${value} exposes its metrics and health endpoints beyond localhost.`,
          // Not safe: it changes who can reach the endpoints (remote scrapers, probes).
          fixes: [{ title: 'Set --bind-address to 127.0.0.1', edits: component.editor.setValue(occurrence, '127.0.0.1'), isPreferred: true, safe: false }],
        });
      },
    };
  },
};

export default rule;
