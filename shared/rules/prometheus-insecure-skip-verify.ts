import { isMap, isScalar, isSeq } from 'yaml';
import { CONFIG_FILE_GROUP } from '../model/embedded';
import { getPair } from '../model/resources';
import { yamlBoolean } from '../model/values';
import { FoundPair, removeKeyEdits } from './helpers';
import type { Rule } from './types';

/** A `tlsConfig` (or `tls_config`) map turning verification on, and where it is. */
interface Hit {
  found: FoundPair;
  path: string;
}

/** Every `<tlsKey>.<skipKey>: true` at any depth under `node` (aliases are not followed). */
function insecureTlsConfigs(node: unknown, path: string, tlsKey: string, skipKey: string, out: Hit[] = []): Hit[] {
  if (isSeq(node)) {
    node.items.forEach((item, i) => insecureTlsConfigs(item, `${path}[${i}]`, tlsKey, skipKey, out));
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      const here = path ? `${path}.${key}` : key;
      if (key === tlsKey && isMap(pair.value)) {
        const skip = getPair(pair.value, skipKey);
        if (skip && isScalar(skip.value) && skip.value.range && yamlBoolean(skip.value) === true) {
          out.push({ found: { map: pair.value, pair: skip, owner: [node, pair] }, path: here });
        }
      }
      insecureTlsConfigs(pair.value, here, tlsKey, skipKey, out);
    }
  }
  return out;
}

/**
 * ## What it does
 * Flags `insecureSkipVerify: true` in any `tlsConfig` of a Prometheus Operator resource, and
 * `insecure_skip_verify: true` in any `tls_config` of Prometheus or Alertmanager configuration
 * kept in a ConfigMap or Secret.
 *
 * ## Why is this bad?
 * Prometheus then sends its scrape credentials (bearer tokens, basic auth) to any endpoint that
 * answers, and trusts whatever metrics or alerts it gets back.
 */
const rule: Rule = {
  meta: {
    id: 'prometheus-insecure-skip-verify',
    title: 'Prometheus / Prometheus Operator TLS with insecureSkipVerify: true',
    description:
      'A `tlsConfig` with `insecureSkipVerify: true` makes Prometheus (or Alertmanager, Thanos Ruler) accept any certificate from the endpoint it scrapes, writes to or alerts: its credentials (often a service account token with cluster-wide read access, as for the kubelet and API server scrape jobs) go to whoever answers. Read in every Prometheus Operator resource (group `monitoring.coreos.com`, any kind and version: ServiceMonitor, PodMonitor, Probe, ScrapeConfig, Prometheus, PrometheusAgent, Alertmanager, AlertmanagerConfig, ThanosRuler…) at any depth under `spec` (endpoints, remoteWrite, scrapeClasses, apiserverConfig, HTTP configs), and in Prometheus/Alertmanager configuration text kept as the literal block (`|`) of a `prometheus.yml`, `prometheus.yaml`, `alertmanager.yml` or `alertmanager.yaml` key of a ConfigMap `data` or Secret `stringData` (`tls_config.insecure_skip_verify` at any depth, at the real line inside the block). Reported at the `true` (YAML 1.1 booleans: `true`, `yes`, `on`; a quoted "true" is a string).',
    remediation:
      'Give the TLS configuration the CA that signs the target\'s certificate (`ca` / `caFile` in a `tlsConfig`, `ca_file` in a `tls_config`; for the kubelet and API server, the service account\'s `ca.crt`) and `serverName` if the address is not in the certificate, then remove `insecureSkipVerify`. The fix removes the key; it is unsafe (a quick fix only, never applied by fix-all or `--fix`): without a CA the scrape or write fails.',
    defaultSeverity: 'warning',
    category: 'add-ons',
    sources: [
      { kind: 'Prometheus', id: 'Prometheus Operator SafeTLSConfig.insecureSkipVerify', note: 'TLSConfig embeds SafeTLSConfig', url: 'https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.SafeTLSConfig' },
      { kind: 'Prometheus', id: 'tls_config.insecure_skip_verify', note: '"Disable validation of the server certificate."', url: 'https://prometheus.io/docs/prometheus/latest/configuration/configuration/#tls_config' },
    ],
    messages: { skipVerify: '{{resource}} {{setting}}: true: the endpoint\'s certificate is not verified, so credentials go to whoever answers.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): without a CA the scrape, remote write or notification fails.',
    examples: {
      bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector: {matchLabels: {app: web}}\n  endpoints:\n    - port: https\n      scheme: https\n      tlsConfig:\n        insecureSkipVerify: true',
      good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector: {matchLabels: {app: web}}\n  endpoints:\n    - port: https\n      scheme: https\n      tlsConfig:\n        serverName: web.default.svc\n        ca:\n          configMap: {name: web-ca, key: ca.crt}',
    },
    triggers: /insecureSkipVerify|insecure_skip_verify/,
  },
  create(context) {
    return {
      resource(resource) {
        let hits: Hit[] = [];
        if (resource.group === 'monitoring.coreos.com') {
          hits = insecureTlsConfigs(getPair(resource.node, 'spec')?.value, 'spec', 'tlsConfig', 'insecureSkipVerify');
        } else if (resource.group === CONFIG_FILE_GROUP && (resource.kind === 'PrometheusConfig' || resource.kind === 'AlertmanagerConfig')) {
          hits = insecureTlsConfigs(resource.node, '', 'tls_config', 'insecure_skip_verify');
        }
        const what = resource.group === CONFIG_FILE_GROUP ? (resource.kind === 'PrometheusConfig' ? 'Prometheus configuration' : 'Alertmanager configuration') : `${resource.kind}${resource.name ? ` ${resource.name}` : ''}`;
        for (const { found, path } of hits) {
          const value = found.pair.value as { range: [number, number] };
          const key = String(found.pair.key.value);
          context.report({
            range: { start: value.range[0], end: value.range[1] },
            messageId: 'skipVerify',
            data: { resource: what, setting: `${path}.${key}` },
            fixes: [{ title: `Remove ${key} (configure a CA)`, edits: removeKeyEdits(found, context.editor), isPreferred: true, safe: false }],
          });
        }
      },
    };
  },
};

export default rule;
