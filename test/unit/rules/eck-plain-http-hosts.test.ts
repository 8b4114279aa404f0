import { configMapFile, secretFile } from '../../helpers/elastic-files';
import { runRuleTests } from '../../helpers/rule-tester';

const eck = (kind: string, apiVersion: string, config: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n${config}`;
const kibana = (config: string) => eck('Kibana', 'kibana.k8s.elastic.co/v1', config);
const beat = (config: string) => eck('Beat', 'beat.k8s.elastic.co/v1beta1', config);
const agent = (config: string) => eck('Agent', 'agent.k8s.elastic.co/v1alpha1', config);
const apm = (config: string) => eck('ApmServer', 'apm.k8s.elastic.co/v1', config);
const ent = (config: string) => eck('EnterpriseSearch', 'enterprisesearch.k8s.elastic.co/v1', config);

/** Kibana settings toward Elasticsearch, Fleet Server and Kibana, mixed dotted and nested. */
const FLEET_CONFIG = [
  '    monitoring.ui.elasticsearch.hosts: [http://mon-es:9200]',
  '    xpack.fleet:',
  '      agents:',
  '        elasticsearch.hosts: ["http://es-http.default.svc:9200", "https://es2:9200"]',
  '        fleet_server:',
  "          hosts: ['http://fleet-server-agent-http.default.svc:8220']",
  '        kibana.host: http://kb:5601',
  '    xpack.fleet.agents.elasticsearch.host: "http://es-old:9200"',
  '',
].join('\n');

/** Beat output, monitoring and setup.kibana URLs, one of them on loopback. */
const BEAT_CONFIG = [
  '    output.elasticsearch:',
  '      hosts: ["http://es-http:9200", http://localhost:9200]',
  '    monitoring:',
  '      elasticsearch.hosts: [http://mon-es:9200]',
  '    xpack.monitoring.elasticsearch.hosts: [http://old-mon:9200]',
  '    setup.kibana:',
  '      host: "http://kibana-kb-http:5601"',
  '',
].join('\n');

runRuleTests('eck-plain-http-hosts', {
  valid: [
    { name: 'https', code: kibana('    elasticsearch.hosts: ["https://es-http:9200"]\n') },
    { name: 'upper-case HTTPS', code: kibana('    elasticsearch.hosts: HTTPS://es-http:9200\n') },
    { name: 'loopback never leaves the pod', code: kibana('    elasticsearch.hosts: [http://localhost:9200, "http://127.0.0.1:9200", "http://[::1]:9200", http://LOCALHOST, "http://127.1.2.3"]\n') },
    { name: 'loopback with user info', code: beat('    output.elasticsearch.hosts: ["http://elastic:changeme@localhost:9200"]\n') },
    { name: 'look-alike keys', code: kibana('    elasticsearch.hostsx: [http://es:9200]\n    monitoring.ui.elasticsearch.hostsx: [http://mon:9200]\n    xpack.fleet.agents.elasticsearch.hostsx: [http://es:9200]\n    server.publicBaseUrl: http://kibana.example.com\n') },
    { name: 'a setting of another kind', code: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    elasticsearch.hosts: [http://es:9200]\n') },
    { name: 'Beat settings on a Kibana', code: kibana('    output.elasticsearch.hosts: [http://es:9200]\n    setup.kibana.host: http://kb:5601\n') },
    { name: 'Kibana setting on an Agent', code: agent('    elasticsearch.hosts: [http://es:9200]\n') },
    { name: 'not an ECK group', code: eck('Kibana', 'example.com/v1', '    elasticsearch.hosts: [http://es:9200]\n') },
    { name: 'Beat kind in another ECK group', code: eck('Beat', 'agent.k8s.elastic.co/v1alpha1', '    output.elasticsearch.hosts: [http://es:9200]\n') },
    { name: 'templated', code: kibana('    elasticsearch.hosts: ["{{ .Values.esUrl }}"]\n') },
    { name: 'templated host', code: kibana('    elasticsearch.hosts: ["http://{{ .Values.esHost }}:9200"]\n'), options: { helm: true } },
    { name: 'variables', code: beat('    output.elasticsearch.hosts: ["${ES_URL}", "http://${ES_HOST}:9200", "http://$(ES_HOST):9200"]\n    setup.kibana.host: ${KIBANA_URL}\n') },
    { name: 'no scheme', code: beat('    output.elasticsearch:\n      hosts: ["es-http:9200"]\n    setup.kibana.host: "kibana-kb-http:5601"\n') },
    { name: 'Beat module hosts are not the output', code: beat('    metricbeat.modules:\n    - module: nginx\n      hosts: ["http://nginx:80"]\n    heartbeat.monitors:\n    - type: http\n      hosts: ["http://app:8080"]\n') },
    { name: 'outputs.hosts needs an output name', code: agent('    outputs:\n      hosts: [http://es:9200]\n') },
    { name: 'Agent inputs are not outputs', code: agent('    inputs:\n    - type: httpjson\n      outputs:\n        default:\n          hosts: [http://svc:80]\n') },
    { name: 'xpack.fleet.outputs as a map is not the list', code: kibana('    xpack.fleet.outputs:\n      hosts: [http://es:9200]\n') },
    { name: 'list settings outside a list', code: kibana('    xpack.fleet.packages:\n    - name: apm\n      elasticsearch.hosts: [http://es:9200]\n') },
    { name: 'Fleet hosts over https (ECK recipe)', code: kibana('    xpack.fleet.agents.elasticsearch.hosts: ["https://elasticsearch-es-http.default.svc:9200"]\n    xpack.fleet.agents.fleet_server.hosts: ["https://fleet-server-agent-http.default.svc:8220"]\n    xpack.fleet.outputs:\n      - id: eck-fleet-agent-output-elasticsearch\n        type: elasticsearch\n        hosts:\n          - "https://elasticsearch-es-http.default.svc:9200"\n') },
    { name: 'Logstash output without a scheme', code: kibana('    xpack.fleet.outputs:\n    - id: ls\n      type: logstash\n      hosts: ["logstash:5044"]\n') },
    { name: 'not a string', code: beat('    output.elasticsearch.hosts: [9200, null]\n') },
    { name: 'kibana.yml: https and loopback', code: configMapFile('kibana.yml', 'elasticsearch.hosts: ["https://es:9200", "http://localhost:9200"]\n') },
    { name: 'filebeat.yml: the host comes from a variable', code: configMapFile('filebeat.yml', 'output.elasticsearch.hosts: ["http://${ELASTICSEARCH_HOST}:9200"]\n') },
    { name: 'elasticsearch.yml has no client URLs to check', code: configMapFile('elasticsearch.yml', 'elasticsearch.hosts: ["http://es:9200"]\n') },
    { name: 'kibana.yml: templated host', code: configMapFile('kibana.yml', 'elasticsearch.hosts: ["http://{{ .Values.esHost }}:9200"]\n') },
  ],
  invalid: [
    {
      name: 'dotted key, flow list',
      code: kibana('    elasticsearch.hosts: ["http://es-http.elastic:9200"]\n'),
      errors: [{ text: '"http://es-http.elastic:9200"', line: 8, severity: 'warning', messageId: 'plainHttp', data: { source: 'Kibana', setting: 'elasticsearch.hosts', url: 'http://es-http.elastic:9200', target: 'Elasticsearch' } }],
      unsafe: true,
      output: kibana('    elasticsearch.hosts: ["http://es-http.elastic:9200"]\n').replace('    elasticsearch.hosts: ["http://es-http.elastic:9200"]\n', '    elasticsearch.hosts: ["https://es-http.elastic:9200"]\n'),
      alternatives: { 'Use https://': kibana('    elasticsearch.hosts: ["https://es-http.elastic:9200"]\n') },
    },
    {
      name: 'nested, block list: only the http entry',
      code: kibana('    elasticsearch:\n      hosts:\n      - https://a:9200\n      - HTTP://b:9200\n'),
      errors: [{ text: 'HTTP://b:9200' }],
      unsafe: true,
      output: kibana('    elasticsearch:\n      hosts:\n      - https://a:9200\n      - HTTP://b:9200\n').replace('      - HTTP://b:9200\n', '      - https://b:9200\n'),
      alternatives: { 'Use https://': kibana('    elasticsearch:\n      hosts:\n      - https://a:9200\n      - https://b:9200\n') },
    },
    {
      name: 'a single string',
      code: kibana("    elasticsearch.hosts: 'http://es:9200'\n"),
      errors: [{ text: "'http://es:9200'" }],
      unsafe: true,
      output: kibana("    elasticsearch.hosts: 'http://es:9200'\n").replace('    elasticsearch.hosts: \'http://es:9200\'\n', '    elasticsearch.hosts: \'https://es:9200\'\n'),
      alternatives: { 'Use https://': kibana("    elasticsearch.hosts: 'https://es:9200'\n") },
    },
    {
      name: 'user info is not the host',
      code: kibana('    elasticsearch.hosts: ["http://localhost:pw@es:9200"]\n'),
      errors: [{ text: '"http://localhost:pw@es:9200"' }],
      unsafe: true,
      output: kibana('    elasticsearch.hosts: ["http://localhost:pw@es:9200"]\n').replace('    elasticsearch.hosts: ["http://localhost:pw@es:9200"]\n', '    elasticsearch.hosts: ["https://localhost:pw@es:9200"]\n'),
    },
    {
      name: 'a variable in the port only: the host is known',
      code: beat('    output.elasticsearch.hosts: ["http://es-http:${ES_PORT}"]\n'),
      errors: [{ text: '"http://es-http:${ES_PORT}"' }],
      unsafe: true,
      output: beat('    output.elasticsearch.hosts: ["http://es-http:${ES_PORT}"]\n').replace('    output.elasticsearch.hosts: ["http://es-http:${ES_PORT}"]\n', '    output.elasticsearch.hosts: ["https://es-http:${ES_PORT}"]\n'),
    },
    {
      name: 'Kibana monitoring and Fleet settings, mixed dotted and nested',
      code: kibana(FLEET_CONFIG),
      errors: [
        { text: 'http://mon-es:9200', messageId: 'plainHttp', data: { source: 'Kibana', setting: 'monitoring.ui.elasticsearch.hosts', url: 'http://mon-es:9200', target: 'Elasticsearch' } },
        { text: '"http://es-http.default.svc:9200"', messageId: 'plainHttp', data: { source: 'Kibana', setting: 'xpack.fleet.agents.elasticsearch.hosts', url: 'http://es-http.default.svc:9200', target: 'Elasticsearch' } },
        { text: "'http://fleet-server-agent-http.default.svc:8220'", messageId: 'plainHttp', data: { source: 'Kibana', setting: 'xpack.fleet.agents.fleet_server.hosts', url: 'http://fleet-server-agent-http.default.svc:8220', target: 'Fleet Server' } },
        { text: 'http://kb:5601', messageId: 'plainHttp' },
        { text: '"http://es-old:9200"', messageId: 'plainHttp' },
      ],
      unsafe: true,
      output: kibana(FLEET_CONFIG).replace('    monitoring.ui.elasticsearch.hosts: [http://mon-es:9200]\n', '    monitoring.ui.elasticsearch.hosts: [https://mon-es:9200]\n').replace('        elasticsearch.hosts: ["http://es-http.default.svc:9200", "https://es2:9200"]\n', '        elasticsearch.hosts: ["https://es-http.default.svc:9200", "https://es2:9200"]\n').replace('          hosts: [\'http://fleet-server-agent-http.default.svc:8220\']\n        kibana.host: http://kb:5601\n    xpack.fleet.agents.elasticsearch.host: "http://es-old:9200"\n', '          hosts: [\'https://fleet-server-agent-http.default.svc:8220\']\n        kibana.host: https://kb:5601\n    xpack.fleet.agents.elasticsearch.host: "https://es-old:9200"\n'),
      alternatives: { 'Use https://': kibana(FLEET_CONFIG.replace('[http://mon-es:9200]', '[https://mon-es:9200]')) },
    },
    {
      name: 'Kibana xpack.fleet.outputs[].hosts and fleetServerHosts[].host_urls',
      code: kibana(
        [
          '    xpack.fleet.outputs:',
          '      - id: eck-fleet-agent-output-elasticsearch',
          '        type: elasticsearch',
          '        hosts:',
          '          - "http://elasticsearch-es-http.default.svc:9200"',
          '    xpack.fleet.fleetServerHosts:',
          '    - id: fleet',
          '      host_urls: [http://fleet-server-agent-http.default.svc:8220]',
          '',
        ].join('\n'),
      ),
      errors: [
        { text: '"http://elasticsearch-es-http.default.svc:9200"', line: 12, messageId: 'plainHttp', data: { source: 'Kibana', setting: 'xpack.fleet.outputs[].hosts', url: 'http://elasticsearch-es-http.default.svc:9200', target: 'Elasticsearch' } },
        { text: 'http://fleet-server-agent-http.default.svc:8220', messageId: 'plainHttp' },
      ],
      unsafe: true,
      output: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n    xpack.fleet.outputs:\n      - id: eck-fleet-agent-output-elasticsearch\n        type: elasticsearch\n        hosts:\n          - "https://elasticsearch-es-http.default.svc:9200"\n    xpack.fleet.fleetServerHosts:\n    - id: fleet\n      host_urls: [https://fleet-server-agent-http.default.svc:8220]\n',
    },
    {
      name: 'Beat output, monitoring and setup.kibana',
      code: beat(BEAT_CONFIG),
      errors: [
        { text: '"http://es-http:9200"', messageId: 'plainHttp', data: { source: 'Beat', setting: 'output.elasticsearch.hosts', url: 'http://es-http:9200', target: 'Elasticsearch' } },
        { text: 'http://mon-es:9200', messageId: 'plainHttp' },
        { text: 'http://old-mon:9200', messageId: 'plainHttp' },
        { text: '"http://kibana-kb-http:5601"', messageId: 'plainHttp', data: { source: 'Beat', setting: 'setup.kibana.host', url: 'http://kibana-kb-http:5601', target: 'Kibana' } },
      ],
      unsafe: true,
      output: beat(BEAT_CONFIG).replace('      hosts: ["http://es-http:9200", http://localhost:9200]\n', '      hosts: ["https://es-http:9200", http://localhost:9200]\n').replace('      elasticsearch.hosts: [http://mon-es:9200]\n    xpack.monitoring.elasticsearch.hosts: [http://old-mon:9200]\n', '      elasticsearch.hosts: [https://mon-es:9200]\n    xpack.monitoring.elasticsearch.hosts: [https://old-mon:9200]\n').replace('      host: "http://kibana-kb-http:5601"\n', '      host: "https://kibana-kb-http:5601"\n'),
      alternatives: { 'Use https://': beat(BEAT_CONFIG.replace('"http://es-http:9200"', '"https://es-http:9200"')) },
    },
    {
      name: 'Agent outputs, by any name',
      code: agent('    outputs:\n      default:\n        type: elasticsearch\n        hosts:\n        - http://es-http:9200\n    outputs.monitoring.hosts: ["http://mon-es:9200"]\n'),
      errors: [
        { text: 'http://es-http:9200', messageId: 'plainHttp', data: { source: 'Agent', setting: 'outputs.default.hosts', url: 'http://es-http:9200', target: 'Elasticsearch' } },
        { text: '"http://mon-es:9200"', messageId: 'plainHttp' },
      ],
      unsafe: true,
      output: 'apiVersion: agent.k8s.elastic.co/v1alpha1\nkind: Agent\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n    outputs:\n      default:\n        type: elasticsearch\n        hosts:\n        - https://es-http:9200\n    outputs.monitoring.hosts: ["https://mon-es:9200"]\n',
      alternatives: { 'Use https://': agent('    outputs:\n      default:\n        type: elasticsearch\n        hosts:\n        - https://es-http:9200\n    outputs.monitoring.hosts: ["http://mon-es:9200"]\n') },
    },
    {
      name: 'ApmServer output and apm-server.kibana.host',
      code: apm('    output.elasticsearch.hosts: [http://es:9200]\n    apm-server:\n      kibana:\n        enabled: true\n        host: http://kb:5601\n'),
      errors: [
        { text: 'http://es:9200', messageId: 'plainHttp' },
        { text: 'http://kb:5601', messageId: 'plainHttp', data: { source: 'ApmServer', setting: 'apm-server.kibana.host', url: 'http://kb:5601', target: 'Kibana' } },
      ],
      unsafe: true,
      output: apm('    output.elasticsearch.hosts: [http://es:9200]\n    apm-server:\n      kibana:\n        enabled: true\n        host: http://kb:5601\n').replace('    output.elasticsearch.hosts: [http://es:9200]\n', '    output.elasticsearch.hosts: [https://es:9200]\n').replace('        host: http://kb:5601\n', '        host: https://kb:5601\n'),
    },
    {
      name: 'EnterpriseSearch elasticsearch.host',
      code: ent('    elasticsearch:\n      host: http://es-http.default.svc:9200\n'),
      errors: [{ text: 'http://es-http.default.svc:9200', messageId: 'plainHttp', data: { source: 'EnterpriseSearch', setting: 'elasticsearch.host', url: 'http://es-http.default.svc:9200', target: 'Elasticsearch' } }],
      unsafe: true,
      output: ent('    elasticsearch:\n      host: http://es-http.default.svc:9200\n').replace('      host: http://es-http.default.svc:9200\n', '      host: https://es-http.default.svc:9200\n'),
      alternatives: { 'Use https://': ent('    elasticsearch:\n      host: https://es-http.default.svc:9200\n') },
    },
    {
      name: 'a list shared through an alias: each use is reported',
      code: `${beat('    output.elasticsearch.hosts: &hosts [http://es:9200]\n    monitoring.elasticsearch.hosts: *hosts\n')}`,
      errors: [
        { text: 'http://es:9200', messageId: 'plainHttp' },
        { text: 'http://es:9200', messageId: 'plainHttp' },
      ],
      unsafe: true,
      output: `${beat('    output.elasticsearch.hosts: &hosts [http://es:9200]\n    monitoring.elasticsearch.hosts: *hosts\n')}`.replace('    output.elasticsearch.hosts: &hosts [http://es:9200]\n', '    output.elasticsearch.hosts: &hosts [https://es:9200]\n'),
    },
    {
      name: 'kibana.yml in a ConfigMap (the Elastic Helm chart layout)',
      code: configMapFile('kibana.yml', 'server.host: "0.0.0.0"\nelasticsearch.hosts: ["http://elasticsearch-master:9200"]\n'),
      errors: [{ text: '"http://elasticsearch-master:9200"', line: 8, messageId: 'plainHttp', data: { source: 'kibana.yml', setting: 'elasticsearch.hosts', url: 'http://elasticsearch-master:9200', target: 'Elasticsearch' } }],
      unsafe: true,
      output: configMapFile('kibana.yml', 'server.host: "0.0.0.0"\nelasticsearch.hosts: ["http://elasticsearch-master:9200"]\n').replace('    elasticsearch.hosts: ["http://elasticsearch-master:9200"]\n', '    elasticsearch.hosts: ["https://elasticsearch-master:9200"]\n'),
      alternatives: { 'Use https://': configMapFile('kibana.yml', 'server.host: "0.0.0.0"\nelasticsearch.hosts: ["https://elasticsearch-master:9200"]\n') },
    },
    {
      name: 'filebeat.yml: output and setup.kibana, nested',
      code: configMapFile('filebeat.yml', 'output:\n  elasticsearch:\n    hosts:\n    - http://es-http.logging:9200\nsetup.kibana:\n  host: http://kibana.logging:5601\n'),
      errors: [
        { text: 'http://es-http.logging:9200', line: 10, messageId: 'plainHttp' },
        { text: 'http://kibana.logging:5601', line: 12, messageId: 'plainHttp' },
      ],
      unsafe: true,
      output: configMapFile('filebeat.yml', 'output:\n  elasticsearch:\n    hosts:\n    - http://es-http.logging:9200\nsetup.kibana:\n  host: http://kibana.logging:5601\n').replace('        - http://es-http.logging:9200\n', '        - https://es-http.logging:9200\n').replace('      host: http://kibana.logging:5601\n', '      host: https://kibana.logging:5601\n'),
    },
    {
      name: 'elastic-agent.yml in a Secret: an output',
      code: secretFile('elastic-agent.yml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: [http://es:9200]\n'),
      errors: [{ text: 'http://es:9200', line: 10, messageId: 'plainHttp' }],
      unsafe: true,
      output: secretFile('elastic-agent.yml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: [http://es:9200]\n').replace('        hosts: [http://es:9200]\n', '        hosts: [https://es:9200]\n'),
      alternatives: { 'Use https://': secretFile('elastic-agent.yml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: [https://es:9200]\n') },
    },
  ],
});
