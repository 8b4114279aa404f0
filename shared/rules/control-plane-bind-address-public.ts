import { isMap, isScalar } from 'yaml';
import { Container, getNode, podSpecsOf } from '../model/resources';
import type { Component } from '../model/component';
import { isLoopback, knownValue, valueRange } from './helpers';
import type { Rule, RuleContext } from './types';

/**
 * False when the container's pod has its own network namespace (`hostNetwork` absent or
 * `false`): `0.0.0.0` there is the pod's address, which the kubelet's probes (`httpGet` without
 * `host` goes to the pod IP) and in-cluster scrapers need, not the node's interfaces. A
 * templated `hostNetwork` may be true.
 */
function mayUseHostNetwork(container: Container): boolean {
  const range = container.node.range;
  const spec = podSpecsOf(container.resource).find((s) => s.range && range && s.range[0] <= range[0] && range[1] <= s.range[2]);
  if (!spec) return true;
  const value = getNode(spec, 'hostNetwork', container.resource.doc);
  if (value === undefined || value === null) return false;
  return !(isScalar(value) && (value.value === false || value.value === null));
}

/**
 * Whether the kubelet probes the container on the pod's address: an `httpGet`, `tcpSocket` or
 * `grpc` probe without `host` (a templated probe may be one).
 */
function probesReachPodAddress(container: Container): boolean {
  const doc = container.resource.doc;
  return ['livenessProbe', 'readinessProbe', 'startupProbe'].some((name) => {
    const probe = getNode(container.node, name, doc);
    if (probe === undefined || probe === null) return false;
    if (!isMap(probe)) return true;
    const http = getNode(probe, 'httpGet', doc);
    if (isMap(http)) return getNode(http, 'host', doc) === undefined;
    return getNode(probe, 'tcpSocket', doc) !== undefined || getNode(probe, 'grpc', doc) !== undefined || getNode(probe, 'exec', doc) === undefined;
  });
}

/**
 * ## What it does
 * Flags a kube-controller-manager or kube-scheduler whose `--bind-address` is not a loopback
 * address, or is absent (the default is 0.0.0.0), in kubeadm configuration or in a pod on the
 * host's network (static pods); a pod on the pod network whose probes go to the pod address (a
 * hosted control plane) is not judged.
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
      'The controller manager and the scheduler serve `/metrics`, `/healthz` and debugging endpoints on their secure port (10257 and 10259). With `--bind-address` set to `0.0.0.0` or a node address, those endpoints are reachable from the network, widening the attack surface of two highly privileged components. The benchmark asks for `127.0.0.1`. Without the flag both listen on `0.0.0.0` (the default of the flag in every release that has it), so a command line that leaves it out is reported on the program\'s name (or on the `image` of an args-only container), unless `--secure-port=0` turns the listener off. Not reported for an absent flag: kubeadm configuration (kubeadm writes `--bind-address=127.0.0.1` into the static pods it generates, so only a public value in `extraArgs` counts), command lines with template actions that may add it, and `--version` / `--help` runs. An empty value is not judged (older releases refuse to start with it, newer ones keep the default).',
    remediation:
      'Set `--bind-address=127.0.0.1` (add it when it is missing). If Prometheus scrapes these components from another host, scrape through a local proxy or accept the exposure deliberately and suppress the finding. A pod without `hostNetwork: true` whose probes go to the pod address (an `httpGet`, `tcpSocket` or `grpc` probe without `host`: a hosted control plane such as vcluster, Kamaji or HyperShift) is not reported: there `0.0.0.0` is the pod\'s own address, which those probes need, so keep it and restrict access with a NetworkPolicy instead. Without such probes nothing needs the pod address and the finding stands.',
    defaultSeverity: 'warning',
    severityNote:
      'KICS rates it High. Since Kubernetes 1.20 both components serve only HTTPS with delegated authentication and authorization on that address, and exposing metrics to a scraper is often deliberate, so it is a warning.',
    category: 'any-component',
    sources: [
      { kind: 'CIS', id: '1.3.7', version: '1.12', note: 'kube-controller-manager; 1.4.2 for kube-scheduler' },
      { kind: 'KICS', id: '46a2e9ec-6a5f-4faa-9d39-4ea44d5d87a2', note: 'Bind Address Not Properly Set (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_113', note: 'kube-controller-manager; CKV_K8S_115 for kube-scheduler' },
      { kind: 'Trivy', id: 'KCV0039', note: 'kube-controller-manager; KCV0041 for kube-scheduler' },
      { kind: 'kube-bench', id: '1.3.7', version: '1.12', note: '1.4.2 for kube-scheduler (kube-bench passes an absent flag)' },
    ],
    messages: {
      publicBindAddress: '{{binary}} --bind-address={{value}} exposes its metrics and health endpoints beyond localhost.',
      absentBindAddress: '{{binary}} without --bind-address listens on 0.0.0.0: its metrics and health endpoints are exposed beyond localhost.',
    },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): it changes who can reach the endpoints (remote scrapers, probes).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command:\n      - kube-scheduler\n      - --bind-address=0.0.0.0',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command:\n      - kube-scheduler\n      - --bind-address=127.0.0.1',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-controller-manager' && component.binary !== 'kube-scheduler') return;
        // A hosted control plane (a pod on the pod network whose probes go to the pod IP) needs
        // the pod address; static pods use the host's network and probe 127.0.0.1 themselves.
        if (component.container && !mayUseHostNetwork(component.container) && probesReachPodAddress(component.container)) return;
        // `--secure-port=0` turns the listener off: there is nothing to bind.
        if (/^\+?0+$/.test(knownValue(component.flags.last('secure-port'))?.trim() ?? '')) return;
        const occurrence = component.flags.last('bind-address');
        if (!occurrence) {
          reportAbsent(context, component);
          return;
        }
        const value = knownValue(occurrence)?.trim();
        // An empty value: older releases of the flag library reject it (the program does not
        // start), newer ones keep the default; not judged either way.
        if (!value || isLoopback(value)) return;
        context.report({
          range: valueRange(occurrence, context.text),
          messageId: 'publicBindAddress',
          data: { binary: component.binary, value },
          // Not safe: it changes who can reach the endpoints (remote scrapers, probes).
          fixes: [{ title: 'Set --bind-address to 127.0.0.1', edits: component.editor.setValue(occurrence, '127.0.0.1'), isPreferred: true, safe: false }],
        });
      },
    };
  },
};

/**
 * No `--bind-address`: the default is 0.0.0.0, all interfaces. Judged only on a command line
 * the file shows whole (`complete`): kubeadm writes `--bind-address=127.0.0.1` into the static
 * pods it generates, and template actions may add the flag.
 */
function reportAbsent(context: RuleContext, component: Component): void {
  if (!component.complete || ['version', 'help', 'h'].some((f) => component.flags.has(f))) return;
  context.report({
    range: component.anchor,
    messageId: 'absentBindAddress',
    data: { binary: component.binary },
    fixes: [{ title: 'Add --bind-address=127.0.0.1', edits: component.editor.insert([{ name: 'bind-address', value: '127.0.0.1' }]), isPreferred: true, safe: false }],
  });
}

export default rule;
