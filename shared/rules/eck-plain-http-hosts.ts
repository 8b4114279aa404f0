import { isAlias, Scalar } from 'yaml';
import { CONFIG_FILES_NOTE, ConfigSetting, eckConfigsOf, ElasticConfigs, fileConfigsOf, stringItems, walkConfig } from '../model/eck-config';
import type { Resource } from '../model/resources';
import { isLoopbackUrlHost, plainHttpHost, templated } from './helpers';
import type { Rule } from './types';

type Target = 'Elasticsearch' | 'Kibana' | 'Fleet Server';

/**
 * A `spec.config` setting holding URLs of the stack. `*` stands for any one name (an Agent
 * output's), `[]` for the items of a list of maps (`xpack.fleet.outputs[].hosts`).
 */
interface HostSetting {
  name: string;
  target: Target;
}

interface KindSettings {
  group: string;
  settings: HostSetting[];
}

/** Beats and APM Server share libbeat's output and monitoring settings. */
const LIBBEAT: HostSetting[] = [
  { name: 'output.elasticsearch.hosts', target: 'Elasticsearch' },
  { name: 'monitoring.elasticsearch.hosts', target: 'Elasticsearch' },
  { name: 'xpack.monitoring.elasticsearch.hosts', target: 'Elasticsearch' },
];

const KINDS: Record<string, KindSettings> = {
  Kibana: {
    group: 'kibana.k8s.elastic.co',
    settings: [
      { name: 'elasticsearch.hosts', target: 'Elasticsearch' },
      { name: 'monitoring.ui.elasticsearch.hosts', target: 'Elasticsearch' },
      { name: 'xpack.fleet.agents.elasticsearch.hosts', target: 'Elasticsearch' },
      { name: 'xpack.fleet.agents.elasticsearch.host', target: 'Elasticsearch' },
      { name: 'xpack.fleet.agents.fleet_server.hosts', target: 'Fleet Server' },
      { name: 'xpack.fleet.agents.kibana.host', target: 'Kibana' },
      { name: 'xpack.fleet.outputs[].hosts', target: 'Elasticsearch' },
      { name: 'xpack.fleet.fleetServerHosts[].host_urls', target: 'Fleet Server' },
    ],
  },
  Beat: {
    group: 'beat.k8s.elastic.co',
    settings: [...LIBBEAT, { name: 'setup.kibana.host', target: 'Kibana' }],
  },
  Agent: {
    group: 'agent.k8s.elastic.co',
    settings: [{ name: 'outputs.*.hosts', target: 'Elasticsearch' }],
  },
  ApmServer: {
    group: 'apm.k8s.elastic.co',
    settings: [...LIBBEAT, { name: 'apm-server.kibana.host', target: 'Kibana' }],
  },
  EnterpriseSearch: {
    group: 'enterprisesearch.k8s.elastic.co',
    settings: [{ name: 'elasticsearch.host', target: 'Elasticsearch' }],
  },
};

interface Pattern {
  setting: HostSetting;
  /** The segments before the list, or all of them. */
  path: string[];
  /** The segments inside the list item, for `[]` settings. */
  inItem?: string[];
}

const PATTERNS: Record<string, Pattern[]> = Object.fromEntries(
  Object.entries(KINDS).map(([kind, { settings }]) => [
    kind,
    settings.map((setting): Pattern => {
      const [outer, inner] = setting.name.split('[].');
      return inner === undefined ? { setting, path: outer.split('.') } : { setting, path: outer.split('.'), inItem: inner.split('.') };
    }),
  ]),
);

function sameSegments(actual: readonly string[], want: readonly string[]): boolean {
  return actual.length === want.length && want.every((w, i) => w === '*' || w === actual[i]);
}

/** The pattern a setting is, if any: outside lists by its full name, in a list item by the list's name and the key's. */
function matchSetting(setting: ConfigSetting, patterns: readonly Pattern[]): Pattern | undefined {
  return patterns.find((p) => {
    if (!p.inItem) return !setting.item && sameSegments(setting.path, p.path);
    return !!setting.item && sameSegments(setting.local, p.inItem) && sameSegments(setting.path, [...p.path, ...p.inItem]);
  });
}

/** How the setting is named in messages: `*` filled in, list items as `[]`. */
function displayName(setting: ConfigSetting, pattern: Pattern): string {
  if (pattern.inItem) return `${pattern.path.join('.')}[].${pattern.inItem.join('.')}`;
  return setting.path.join('.');
}

/**
 * A plain `http://` URL whose host is written out and is not loopback. A host from a variable
 * (`${ES_HOST}`, `$(…)`) or a template could be anything: not judged.
 */
function isExposedHttp(url: string, node: Scalar, text: string): boolean {
  const host = plainHttpHost(url);
  if (host === undefined || !node.range) return false;
  if (templated(text, { start: node.range[0], end: node.range[1] })) return false;
  // Loopback traffic never leaves the pod, so plain HTTP there is not exposed.
  return host !== '' && !/[${}%]/.test(host) && !isLoopbackUrlHost(host);
}

/**
 * ## What it does
 * Flags `http://` URLs toward Elasticsearch, Kibana or Fleet Server set explicitly in an ECK
 * resource's `spec.config` (dotted or nested): Kibana `elasticsearch.hosts` and its Fleet and
 * monitoring settings, Beat and APM Server outputs, `setup.kibana.host` and
 * `apm-server.kibana.host`, Agent `outputs.*.hosts`, Enterprise Search `elasticsearch.host`.
 *
 * ## Why is this bad?
 * The client then sends its credentials (and, for Kibana, its users') and all data in plain text.
 */
const rule: Rule = {
  meta: {
    id: 'eck-plain-http-hosts',
    title: 'ECK spec.config or an Elastic configuration file connects to Elasticsearch, Kibana or Fleet Server over plain http://',
    description:
      'With `elasticsearchRef`, `kibanaRef` and `fleetServerRef`, ECK points each client at the other stack components over HTTPS with the right CA. A URL set explicitly in `spec.config` overrides that; an `http://` one makes the client send credentials (its own, its users\' or enrollment and API keys) and all data in plain text. Checked, dotted or nested: Kibana `elasticsearch.hosts`, `monitoring.ui.elasticsearch.hosts`, `xpack.fleet.agents.elasticsearch.hosts` (`.host` in 7.x releases), `xpack.fleet.agents.fleet_server.hosts`, `xpack.fleet.agents.kibana.host`, `xpack.fleet.outputs[].hosts` and `xpack.fleet.fleetServerHosts[].host_urls`; Beat and APM Server `output.elasticsearch.hosts`, `monitoring.elasticsearch.hosts` (`xpack.monitoring.*` too), Beat `setup.kibana.host` and APM Server `apm-server.kibana.host`; Agent `outputs.*.hosts`; Enterprise Search `elasticsearch.host`. Each URL of a list is judged on its own. Loopback URLs (`localhost`, `127.0.0.0/8`, `[::1]`) never leave the pod and are not reported, nor URLs whose host comes from a variable (`${ES_HOST}`) or a template. A host without a scheme (`es-http:9200`) is not reported either: Beats then use their `protocol` setting. ' + CONFIG_FILES_NOTE,
    remediation:
      'Remove the URL and use the ECK reference (`spec.elasticsearchRef`, `spec.kibanaRef`, `spec.fleetServerRef`), or use `https://` together with the CA (`ssl.certificate_authorities`; Kibana: `elasticsearch.ssl.certificateAuthorities`). The fix (switching the scheme to https) is offered on request only: the server must serve TLS there (ECK-managed Elasticsearch, Kibana and Fleet Server do by default) and the client must trust its CA.',
    defaultSeverity: 'warning',
    category: 'eck',
    sources: [
      { kind: 'Elastic', id: 'kibana-settings', note: 'Kibana elasticsearch.hosts, monitoring.ui.elasticsearch.hosts', url: 'https://www.elastic.co/guide/en/kibana/current/settings.html' },
      { kind: 'Elastic', id: 'fleet-settings-kb', note: 'Kibana xpack.fleet.agents.*.hosts, xpack.fleet.outputs, xpack.fleet.fleetServerHosts', url: 'https://www.elastic.co/guide/en/kibana/current/fleet-settings-kb.html' },
      { kind: 'Elastic', id: 'elasticsearch-output', note: 'Beats output.elasticsearch.hosts (scheme http or https)', url: 'https://www.elastic.co/guide/en/beats/filebeat/current/elasticsearch-output.html' },
      { kind: 'ECK', id: 'k8s-kibana-es', note: 'Elastic docs: Connect Kibana to an Elasticsearch cluster (elasticsearchRef)', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-kibana-es.html' },
      { kind: 'ECK', id: 'k8s-elastic-agent-fleet-configuration', note: 'Elastic docs: Fleet settings of Kibana on ECK (https URLs of the ECK services)', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-elastic-agent-fleet-configuration.html' },
    ],
    messages: { plainHttp: '{{source}} {{setting}} {{url}}: credentials and data go to {{target}} in plain text.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): the server must serve HTTPS and the client trust its CA first.',
    examples: {
      bad: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  config:\n    elasticsearch.hosts: ["http://es-http.elastic:9200"]',
      good: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  elasticsearchRef:\n    name: es',
    },
  },
  create(context) {
    function check(source: ElasticConfigs) {
      const patterns = PATTERNS[source.kind];
      if (!patterns) return;
      for (const config of source.configs) {
        walkConfig(config, source.doc, (setting) => {
          const pattern = matchSetting(setting, patterns);
          if (!pattern) return;
          for (const host of stringItems(setting.pair.value, source.doc)) {
            const url = String(host.value);
            if (!isExposedHttp(url, host, context.text) || !host.range) continue;
            // A list or URL reached through an alias is shared with other places: never edited.
            const edit = setting.shared || isAlias(setting.pair.value) ? undefined : context.editor.replaceScalar(host, url.replace(/^(\s*)http:/i, '$1https:'));
            context.report({
              range: { start: host.range[0], end: host.range[1] },
              messageId: 'plainHttp',
              data: { source: source.label, setting: displayName(setting, pattern), url: url.trim(), target: pattern.setting.target },
              fixes: [{ title: 'Use https://', edits: edit ? [edit] : undefined, isPreferred: true, safe: false }],
            });
          }
        });
      }
    }
    return {
      resource(resource: Resource) {
        const kind = KINDS[resource.kind];
        if (!kind || resource.group !== kind.group) return;
        const source = eckConfigsOf(resource);
        if (source) check(source);
      },
      configFile(file) {
        check(fileConfigsOf(file));
      },
    };
  },
};

export default rule;
