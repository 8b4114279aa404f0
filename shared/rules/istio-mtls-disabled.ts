import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { getPair } from '../model/resources';
import { scalarValueRange } from './helpers';
import type { MessageData, Rule, RuleContext, Severity } from './types';

/** The mode scalar at `path` under `map` (block or flow maps, no aliases). */
function modeAt(map: unknown, path: readonly string[]): Scalar | undefined {
  let node: unknown = map;
  for (const key of path) node = isMap(node) ? getPair(node, key)?.value : undefined;
  return isScalar(node) && typeof node.value === 'string' && node.range ? node : undefined;
}

/** The `tls.mode` of a DestinationRule traffic policy and of each of its port-level settings. */
function trafficPolicyModes(policy: unknown, path: string): Array<{ node: Scalar; path: string }> {
  const out: Array<{ node: Scalar; path: string }> = [];
  const mode = modeAt(policy, ['tls', 'mode']);
  if (mode) out.push({ node: mode, path: `${path}.tls.mode` });
  const ports = isMap(policy) ? getPair(policy, 'portLevelSettings')?.value : undefined;
  if (isSeq(ports)) {
    ports.items.forEach((item, i) => {
      const m = modeAt(item, ['tls', 'mode']);
      if (m) out.push({ node: m, path: `${path}.portLevelSettings[${i}].tls.mode` });
    });
  }
  return out;
}

function report(context: RuleContext, node: Scalar, messageId: string, data: MessageData, severity: Severity | undefined, strict: boolean): void {
  const edit = strict ? context.editor.replaceScalar(node, 'STRICT') : undefined;
  context.report({
    range: scalarValueRange(node, context.text),
    messageId,
    data,
    ...(severity ? { severity } : {}),
    // Unsafe: clients without sidecars (or not yet in the mesh) can no longer connect.
    ...(strict ? { fixes: [{ title: 'Set mode to STRICT', edits: edit ? [edit] : undefined, isPreferred: true, safe: false }] } : {}),
  });
}

/**
 * ## What it does
 * Flags Istio `PeerAuthentication` modes `DISABLE` (and `PERMISSIVE`, as info) and
 * `DestinationRule` TLS modes `DISABLE`.
 *
 * ## Why is this bad?
 * Workloads then accept (or send) plain text inside the mesh: traffic between services is
 * readable and the peer's identity is not checked.
 */
const rule: Rule = {
  meta: {
    id: 'istio-mtls-disabled',
    title: 'Istio mutual TLS turned off (PeerAuthentication DISABLE/PERMISSIVE, DestinationRule DISABLE)',
    description:
      'A `PeerAuthentication` (security.istio.io) whose `spec.mtls.mode` or any `spec.portLevelMtls.<port>.mode` is `DISABLE` makes the selected workloads (the whole mesh for one in the root namespace) accept plain text only: no encryption, no peer identity, so authorization policies on principals no longer hold. `PERMISSIVE` still accepts plain text beside mutual TLS (meant for migration) and is reported as info. A `DestinationRule` (networking.istio.io) whose `spec.trafficPolicy.tls.mode`, a `portLevelSettings[].tls.mode`, or the same inside `spec.subsets[].trafficPolicy` is `DISABLE` makes clients send plain text to that host. `STRICT`, `ISTIO_MUTUAL`, `MUTUAL`, `SIMPLE` and `UNSET` are not reported. Each finding points at the mode.',
    remediation:
      'Use `mode: STRICT` in PeerAuthentication once every client runs a sidecar (or ambient mode), and `ISTIO_MUTUAL` (or remove the `tls` block to get automatic mutual TLS) in DestinationRules. The PeerAuthentication fix sets `STRICT`; it is unsafe (a quick fix only, never applied by fix-all or `--fix`): clients outside the mesh can no longer connect. DestinationRules get no automatic fix (the right mode depends on the destination).',
    defaultSeverity: 'warning',
    severityNote: '`PERMISSIVE` is info: mutual TLS still works for clients in the mesh; only plain text from others is still accepted.',
    category: 'service-mesh',
    sources: [
      { kind: 'Istio', id: 'PeerAuthentication.MutualTLS.Mode', note: 'UNSET, DISABLE, PERMISSIVE, STRICT', url: 'https://istio.io/latest/docs/reference/config/security/peer_authentication/' },
      { kind: 'Istio', id: 'DestinationRule ClientTLSSettings.TLSmode', note: 'DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL', url: 'https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-TLSmode' },
    ],
    messages: {
      peerDisable: '{{resource}} {{path}}: DISABLE: workloads accept plain text only, without peer identities.',
      peerPermissive: '{{resource}} {{path}}: PERMISSIVE: workloads still accept plain text beside mutual TLS.',
      destinationDisable: '{{resource}} {{path}}: DISABLE: clients send plain text to this destination.',
    },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): clients without a sidecar can no longer connect once the mode is `STRICT`.',
    examples: {
      bad: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: DISABLE',
      good: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT',
    },
    triggers: /istio\.io/,
  },
  create(context) {
    return {
      resource(resource) {
        const spec = getPair(resource.node, 'spec')?.value;
        const name = resource.name ? ` ${resource.name}` : '';
        if (resource.group === 'security.istio.io' && resource.kind === 'PeerAuthentication') {
          const modes: Array<{ node: Scalar; path: string }> = [];
          const mode = modeAt(spec, ['mtls', 'mode']);
          if (mode) modes.push({ node: mode, path: 'spec.mtls.mode' });
          const ports = isMap(spec) ? getPair(spec, 'portLevelMtls')?.value : undefined;
          if (isMap(ports)) {
            for (const pair of ports.items) {
              const m = modeAt(pair.value, ['mode']);
              if (m && isScalar(pair.key)) modes.push({ node: m, path: `spec.portLevelMtls.${String(pair.key.value)}.mode` });
            }
          }
          for (const { node, path } of modes) {
            if (node.value === 'DISABLE') report(context, node, 'peerDisable', { resource: `PeerAuthentication${name}`, path }, undefined, true);
            else if (node.value === 'PERMISSIVE') report(context, node, 'peerPermissive', { resource: `PeerAuthentication${name}`, path }, 'info', true);
          }
        } else if (resource.group === 'networking.istio.io' && resource.kind === 'DestinationRule') {
          const modes = trafficPolicyModes(isMap(spec) ? getPair(spec, 'trafficPolicy')?.value : undefined, 'spec.trafficPolicy');
          const subsets = isMap(spec) ? getPair(spec, 'subsets')?.value : undefined;
          if (isSeq(subsets)) {
            subsets.items.forEach((subset, i) => modes.push(...trafficPolicyModes(isMap(subset) ? getPair(subset, 'trafficPolicy')?.value : undefined, `spec.subsets[${i}].trafficPolicy`)));
          }
          for (const { node, path } of modes) {
            if (node.value === 'DISABLE') report(context, node, 'destinationDisable', { resource: `DestinationRule${name}`, path }, undefined, false);
          }
        }
      },
    };
  },
};

export default rule;
