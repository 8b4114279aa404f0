import { eckConfigs, findSettings, stringItems } from '../model/eck-config';
import type { Rule } from './types';

/** Traffic to these never leaves the pod, so plain HTTP there is not exposed. */
function isLoopback(url: string): boolean {
  const m = /^http:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url.trim());
  const host = (m?.[1] ?? '').toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * ## What it does
 * Flags Kibana `elasticsearch.hosts` entries (dotted or nested in `spec.config`) that use
 * `http://`.
 *
 * ## Why is this bad?
 * Kibana then sends user credentials and every query to Elasticsearch in plain text.
 */
const rule: Rule = {
  meta: {
    id: 'eck-plain-http-hosts',
    title: 'ECK Kibana elasticsearch.hosts over plain http://',
    description:
      'With `elasticsearchRef`, ECK points Kibana at Elasticsearch over HTTPS with the right CA. An `elasticsearch.hosts` entry in `spec.config` overrides that; an `http://` URL makes Kibana send credentials (its own and its users\') and all data in plain text. Loopback URLs (`localhost`, `127.0.0.1`, `[::1]`) never leave the pod and are not reported.',
    remediation:
      'Remove `elasticsearch.hosts` and use `spec.elasticsearchRef`, or use `https://` URLs together with `elasticsearch.ssl.certificateAuthorities`. The fix (switching the scheme to https) is offered on request only: Elasticsearch must serve TLS there and Kibana must trust its CA.',
    defaultSeverity: 'warning',
    category: 'eck',
    sources: [
      { kind: 'Elastic', id: 'kibana-settings', note: 'Kibana elasticsearch.hosts', url: 'https://www.elastic.co/guide/en/kibana/current/settings.html' },
      { kind: 'ECK', id: 'k8s-kibana-es', note: 'Elastic docs: Connect Kibana to an Elasticsearch cluster (elasticsearchRef)', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-kibana-es.html' },
    ],
    fixable: true,
    examples: {
      bad: 'kind: Kibana\nspec:\n  config:\n    elasticsearch.hosts: ["http://es-http.elastic:9200"]',
      good: 'kind: Kibana\nspec:\n  elasticsearchRef:\n    name: es',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (resource.kind !== 'Kibana') return;
        for (const config of eckConfigs(resource)) {
          for (const setting of findSettings(config, 'elasticsearch.hosts', resource.doc)) {
            for (const host of stringItems(setting.pair.value, resource.doc)) {
              const url = String(host.value);
              if (!/^\s*http:\/\//i.test(url) || isLoopback(url) || !host.range) continue;
              const edit = setting.shared ? undefined : context.editor.replaceScalar(host, url.replace(/^(\s*)http:/i, '$1https:'));
              context.report({
                range: { start: host.range[0], end: host.range[1] },
                message: `Kibana elasticsearch.hosts ${url.trim()}: credentials and data go to Elasticsearch in plain text.`,
                fixes: [{ title: 'Use https://', edits: edit ? [edit] : undefined, isPreferred: true, safe: false }],
              });
            }
          }
        }
      },
    };
  },
};

export default rule;
