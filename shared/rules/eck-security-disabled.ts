import { isScalar } from 'yaml';
import { CONFIG_FILES_NOTE, ConfigSetting, ElasticConfigs, findSettings } from '../model/eck-config';
import { yamlBoolean } from '../model/values';
import { elasticConfigVisitors, removeUpward } from './helpers';
import type { Rule } from './types';

/** The settings that turn security or TLS off, per ECK kind, and the message saying what that does. */
const SETTINGS: Record<string, ReadonlyArray<{ path: string; messageId: string }>> = {
  Elasticsearch: [
    { path: 'xpack.security.enabled', messageId: 'securityOff' },
    { path: 'xpack.security.http.ssl.enabled', messageId: 'httpSslOff' },
    { path: 'xpack.security.transport.ssl.enabled', messageId: 'transportSslOff' },
  ],
  Kibana: [{ path: 'server.ssl.enabled', messageId: 'kibanaSslOff' }],
  ApmServer: [{ path: 'apm-server.ssl.enabled', messageId: 'apmSslOff' }],
};

/**
 * ## What it does
 * Flags ECK `spec.config` settings that turn security or TLS off (`xpack.security.enabled`,
 * `xpack.security.http.ssl.enabled`, `xpack.security.transport.ssl.enabled`,
 * Kibana `server.ssl.enabled`, APM Server `apm-server.ssl.enabled` set to false), written
 * as dotted keys, nested maps or a mix.
 *
 * ## Why is this bad?
 * ECK sets these up securely; a user setting in `spec.config` wins over the operator's.
 */
const rule: Rule = {
  meta: {
    id: 'eck-security-disabled',
    title: 'ECK spec.config or an Elastic configuration file turns security or TLS off',
    description:
      'ECK secures Elasticsearch, Kibana and APM Server by default, but `spec.config` (`spec.nodeSets[].config` for Elasticsearch) overrides the operator: `xpack.security.enabled: false` removes authentication and TLS, `xpack.security.http.ssl.enabled: false` and Kibana\'s `server.ssl.enabled: false` serve plain HTTP, `xpack.security.transport.ssl.enabled: false` leaves node-to-node traffic unencrypted, and `apm-server.ssl.enabled: false` takes agent data over plain HTTP. Dotted keys and nested maps are the same setting. The YAML boolean false is reported, and so is the quoted string "false": ECK passes `spec.config` to the stack as text, and Elasticsearch, Kibana and APM Server all read "false" as false. When the same setting is written twice with different values, nothing is reported. ' + CONFIG_FILES_NOTE,
    remediation: 'Remove the setting so ECK\'s secure default applies, or set it to true. To run without TLS on purpose, disable the self-signed certificate through `spec.http.tls` instead, which ECK supports.',
    defaultSeverity: 'error',
    category: 'eck',
    sources: [
      { kind: 'ECK', id: 'k8s-reserved-settings', note: 'Elastic docs: Settings managed by ECK (xpack.security.enabled, xpack.security.http/transport.ssl.enabled; user values are unsupported but applied)', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-reserved-settings.html' },
      { kind: 'Elastic', id: 'security-settings', note: 'Elasticsearch security settings: xpack.security.*.ssl.enabled', url: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-settings.html' },
      { kind: 'Elastic', id: 'kibana-settings', note: 'Kibana server.ssl.enabled', url: 'https://www.elastic.co/guide/en/kibana/current/settings.html' },
    ],
    messages: {
      securityOff: '{{source}} xpack.security.enabled: false turns Elasticsearch security off: no authentication and no TLS.',
      httpSslOff: '{{source}} xpack.security.http.ssl.enabled: false serves the Elasticsearch REST API over plain HTTP.',
      transportSslOff: '{{source}} xpack.security.transport.ssl.enabled: false sends node-to-node traffic unencrypted and unauthenticated.',
      kibanaSslOff: '{{source}} server.ssl.enabled: false serves Kibana over plain HTTP.',
      apmSslOff: '{{source}} apm-server.ssl.enabled: false has APM Server accept agent data over plain HTTP.',
    },
    fixable: true,
    fixSafety:
      'Safe: removing the setting restores ECK\'s secure default, which ECK configures end to end.',
    examples: {
      bad: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  nodeSets:\n  - name: default\n    config:\n      xpack.security.http.ssl.enabled: false',
      good: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  nodeSets:\n  - name: default\n    config:\n      node.store.allow_mmap: false',
    },
  },
  create(context) {
    function check(source: ElasticConfigs) {
      const wanted = SETTINGS[source.kind];
      if (!wanted) return;
      for (const config of source.configs) {
        for (const { path, messageId } of wanted) {
          const found = findSettings(config, path, source.doc);
          // Written twice with different values: which one wins is up to the operator's merge.
          if (found.length === 0 || !found.every((s) => yamlBoolean(s.pair.value, { strings: true }) === false)) continue;
          for (const setting of found) report(setting, messageId, source.label);
        }
      }
    }
    function report(setting: ConfigSetting, messageId: string, sourceLabel: string) {
      const value = setting.pair.value;
      if (!isScalar(value) || !value.range) return;
      context.report({
        range: { start: setting.pair.key.range![0], end: value.range[1] },
        messageId,
        data: { source: sourceLabel },
        fixes: [{ title: `Remove ${setting.path.join('.')}: false (the secure default applies)`, edits: setting.shared ? undefined : removeUpward(setting.chain, context.editor, setting.owner), isPreferred: true, safe: true }],
      });
    }
    return elasticConfigVisitors(check);
  },
};

export default rule;
