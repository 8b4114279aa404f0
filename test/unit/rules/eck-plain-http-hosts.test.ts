import { runRuleTests } from '../../helpers/rule-tester';

const eck = (kind: string, apiVersion: string, config: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n${config}`;
const kibana = (config: string) => eck('Kibana', 'kibana.k8s.elastic.co/v1', config);

runRuleTests('eck-plain-http-hosts', {
  valid: [
    { name: 'https', code: kibana('    elasticsearch.hosts: ["https://es-http:9200"]\n') },
    { name: 'upper-case HTTPS', code: kibana('    elasticsearch.hosts: HTTPS://es-http:9200\n') },
    { name: 'loopback never leaves the pod', code: kibana('    elasticsearch.hosts: [http://localhost:9200, "http://127.0.0.1:9200", "http://[::1]:9200"]\n') },
    { name: 'look-alike key', code: kibana('    elasticsearch.hostsx: [http://es:9200]\n    monitoring.ui.elasticsearch.hosts: [http://mon:9200]\n') },
    { name: 'not Kibana', code: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    elasticsearch.hosts: [http://es:9200]\n') },
    { name: 'templated', code: kibana('    elasticsearch.hosts: ["{{ .Values.esUrl }}"]\n') },
  ],
  invalid: [
    {
      name: 'dotted key, flow list',
      code: kibana('    elasticsearch.hosts: ["http://es-http.elastic:9200"]\n'),
      errors: [{ text: '"http://es-http.elastic:9200"', line: 8, severity: 'warning', message: 'Kibana elasticsearch.hosts http://es-http.elastic:9200: credentials and data go to Elasticsearch in plain text.' }],
      alternatives: { 'Use https://': kibana('    elasticsearch.hosts: ["https://es-http.elastic:9200"]\n') },
    },
    {
      name: 'nested, block list: only the http entry',
      code: kibana('    elasticsearch:\n      hosts:\n      - https://a:9200\n      - HTTP://b:9200\n'),
      errors: [{ text: 'HTTP://b:9200' }],
      alternatives: { 'Use https://': kibana('    elasticsearch:\n      hosts:\n      - https://a:9200\n      - https://b:9200\n') },
    },
    {
      name: 'a single string',
      code: kibana("    elasticsearch.hosts: 'http://es:9200'\n"),
      errors: [{ text: "'http://es:9200'" }],
    },
  ],
});
