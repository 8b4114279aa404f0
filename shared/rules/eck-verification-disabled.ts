import { isMap, isScalar, YAMLMap } from 'yaml';
import { CONFIG_FILES_NOTE, ConfigSetting, ElasticConfigs, endsWith, stringItems, walkConfig } from '../model/eck-config';
import { deref, getPair } from '../model/resources';
import { elasticConfigVisitors, removeUpward } from './helpers';
import type { Rule } from './types';

const SUFFIXES = [['ssl', 'verification_mode'], ['ssl', 'verificationMode']];
/** Kinds that run Beats-style modules, whose checks toward the node's kubelet are the usual case. */
const SHIPPERS = new Set(['Beat', 'Agent']);

/**
 * ## What it does
 * Flags `*.ssl.verification_mode: none` (`verificationMode: none` for Kibana) anywhere in an ECK
 * resource's `spec.config`, dotted or nested, including inside Beat modules and Agent inputs.
 *
 * ## Why is this bad?
 * With verification off the client accepts any certificate: TLS still encrypts, but anyone in
 * the path can impersonate the server.
 */
const rule: Rule = {
  meta: {
    id: 'eck-verification-disabled',
    title: 'ECK spec.config or an Elastic configuration file turns TLS certificate verification off (verification_mode: none)',
    description:
      '`ssl.verification_mode: none` (Kibana: `elasticsearch.ssl.verificationMode: none`; APM Server: `output.elasticsearch.ssl.verification_mode: none`; Elasticsearch: `xpack.security.*.ssl.verification_mode: none`; Beats and Agent: at any depth, modules and inputs included) makes the client accept any certificate, so a man in the middle can read and change the traffic. `certificate` (what ECK itself uses for the transport layer) and `full` verify the certificate and are fine. A Beat module or Agent input whose `hosts` point at the kubelet\'s port 10250 is reported as a hint only: kubelet serving certificates are self-signed on most clusters (kubeadm\'s default), the connection stays on the node, and verification there needs `serverTLSBootstrap` first. ' + CONFIG_FILES_NOTE,
    remediation:
      'Remove the setting (the default is `full`) and give the client the CA it needs (`ssl.certificate_authorities`, or ECK\'s `elasticsearchRef`, which wires the CA in). `certificate` verifies the chain without the host name where names do not match. The fix (removal) is offered on request only: it fails connections until the CA is in place.',
    defaultSeverity: 'warning',
    severityNote: 'Checks toward the node-local kubelet (`hosts` on port 10250) in Beat and Agent configs are reported as hints: see above.',
    category: 'eck',
    sources: [
      { kind: 'Elastic', id: 'ssl-verification-mode', note: 'Elastic docs: SSL verification_mode (full, certificate, none)', url: 'https://www.elastic.co/guide/en/beats/metricbeat/current/configuration-ssl.html' },
      { kind: 'Elastic', id: 'kibana-settings', note: 'Kibana elasticsearch.ssl.verificationMode', url: 'https://www.elastic.co/guide/en/kibana/current/settings.html' },
      { kind: 'ECK', id: 'k8s-transport-settings', note: 'ECK configures transport TLS with verification_mode: certificate', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-transport-settings.html' },
    ],
    messages: {
      verificationNone: '{{source}} {{setting}}: none accepts any certificate: the connection can be intercepted.',
      verificationNoneToKubelet: '{{source}} {{setting}}: none accepts any certificate from the kubelet (port 10250): the connection can be intercepted.',
    },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): verification fails until the client trusts the server\'s CA.',
    examples: {
      bad: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  config:\n    elasticsearch.ssl.verificationMode: none',
      good: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  config:\n    elasticsearch.ssl.verificationMode: full',
    },
  },
  create(context) {
    function check(source: ElasticConfigs) {
      for (const config of source.configs) {
        walkConfig(config, source.doc, (setting) => {
          if (!SUFFIXES.some((s) => endsWith(setting.local, s))) return;
          const value = setting.pair.value;
          if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim().toLowerCase() !== 'none' || !value.range) return;
          const toKubelet = SHIPPERS.has(source.kind) && targetsKubelet(setting, source.doc);
          context.report({
            range: { start: setting.pair.key.range![0], end: value.range[1] },
            messageId: toKubelet ? 'verificationNoneToKubelet' : 'verificationNone',
            data: { source: source.label, setting: setting.path.join('.') },
            severity: toKubelet ? 'hint' : undefined,
            fixes: [{ title: `Remove ${setting.local.join('.')}: none (verify certificates)`, edits: setting.shared ? undefined : removeUpward(setting.chain, context.editor, setting.owner), isPreferred: true, safe: false }],
          });
        });
      }
    }
    return elasticConfigVisitors(check);
  },
};

/** The module or input the setting belongs to has `hosts` on the kubelet's port. */
function targetsKubelet(setting: ConfigSetting, doc: ElasticConfigs['doc']): boolean {
  const owner: YAMLMap | undefined = setting.item;
  if (!owner || !isMap(owner)) return false;
  const hosts = stringItems(deref(getPair(owner, 'hosts')?.value, doc), doc);
  return hosts.length > 0 && hosts.every((h) => /:10250(?:\/|$)/.test(String(h.value).trim()));
}

export default rule;
