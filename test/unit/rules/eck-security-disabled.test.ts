import { configMapFile, secretFile } from '../../helpers/elastic-files';
import { runRuleTests } from '../../helpers/rule-tester';

/** An Elasticsearch with one node set whose `config` body is indented by 6. */
const es = (config: string, apiVersion = 'elasticsearch.k8s.elastic.co/v1') =>
  `apiVersion: ${apiVersion}\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  version: 8.16.1\n  nodeSets:\n  - name: default\n    count: 1\n    config:\n${config}`;
/** Any other ECK kind with `spec.config` (body indented by 4). */
const eck = (kind: string, apiVersion: string, config: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n${config}`;
const kibana = (config: string) => eck('Kibana', 'kibana.k8s.elastic.co/v1', config);
const MMAP = '      node.store.allow_mmap: false\n';

runRuleTests('eck-security-disabled', {
  valid: [
    { name: 'security on', code: es('      xpack.security.enabled: true\n') },
    { name: 'look-alike: transport selfSignedCertificates (plural) does not turn TLS off', code: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\nspec:\n  transport:\n    tls:\n      selfSignedCertificates:\n        disabled: true\n  nodeSets:\n  - name: a\n    config:\n      node.store.allow_mmap: false\n' },
    { name: 'string "true"', code: es('      xpack.security.http.ssl.enabled: "true"\n') },
    { name: 'look-alike keys', code: es('      xpack.security.http.ssl.enabled_x: false\n      xpack.monitoring.enabled: false\n      xpack.security.authc.anonymous.enabled: false\n      node.store.allow_mmap: false\n') },
    { name: 'a "False" string is not what Elasticsearch reads as false', code: es('      xpack.security.enabled: "False"\n') },
    { name: 'the same setting written twice, differently', code: es('      xpack.security.enabled: false\n      xpack:\n        security:\n          enabled: true\n') },
    { name: 'templated value', code: es('      xpack.security.enabled: {{ .Values.security }}\n') },
    { name: 'Elasticsearch reads nodeSets[].config, not spec.config', code: eck('Elasticsearch', 'elasticsearch.k8s.elastic.co/v1', '    xpack.security.enabled: false\n') },
    { name: 'not an ECK group', code: es('      xpack.security.enabled: false\n', 'elasticsearch.example.com/v1') },
    { name: 'Kibana: an Elasticsearch setting is not checked there', code: kibana('    xpack.security.http.ssl.enabled: false\n') },
    { name: 'Kibana server.ssl on', code: kibana('    server.ssl.enabled: true\n') },
    { name: 'Elastic Maps Server is overridden by the operator', code: eck('ElasticMapsServer', 'maps.k8s.elastic.co/v1alpha1', '    server.ssl.enabled: false\n') },
    { name: 'elasticsearch.yml: security on', code: configMapFile('elasticsearch.yml', 'cluster.name: logs\nxpack.security.enabled: true\n') },
    { name: 'kibana.yml: an Elasticsearch setting is not Kibana\'s', code: configMapFile('kibana.yml', 'xpack.security.http.ssl.enabled: false\nserver.name: kb\n') },
    { name: 'a folded block is not read', code: configMapFile('elasticsearch.yml', 'xpack.security.enabled: false\n', { header: '>' }) },
    { name: 'a quoted value is not read', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  elasticsearch.yml: "xpack.security.enabled: false\\ncluster.name: x\\n"\n' },
    { name: 'a Secret\'s data is base64, not read', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: c}\ndata:\n  elasticsearch.yml: |\n    xpack.security.enabled: false\n    cluster.name: x\n' },
    { name: 'a ConfigMap\'s stringData is not a field', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nstringData:\n  elasticsearch.yml: |\n    xpack.security.enabled: false\n    cluster.name: x\n' },
    { name: 'a key that names another file', code: configMapFile('elasticsearch.yml.example', 'xpack.security.enabled: false\ncluster.name: x\n') },
    { name: 'a resource of another group', code: configMapFile('elasticsearch.yml', 'xpack.security.enabled: false\ncluster.name: x\n').replace('apiVersion: v1', 'apiVersion: example.com/v1') },
    { name: 'a file that is not a mapping', code: configMapFile('elasticsearch.yml', '- xpack.security.enabled: false\n') },
    { name: 'templated value in a chart', code: configMapFile('elasticsearch.yml', 'cluster.name: {{ .Release.Name }}\nxpack.security.enabled: {{ .Values.security.enabled }}\n') },
  ],
  invalid: [
    {
      name: 'dotted key among others',
      code: es(`${MMAP}      xpack.security.http.ssl.enabled: false\n`),
      errors: [{ text: 'xpack.security.http.ssl.enabled: false', line: 12, severity: 'error', messageId: 'httpSslOff', data: { source: 'Elasticsearch' } }],
      output: es(MMAP),
    },
    {
      name: 'nested maps: the emptied parents go, config stays for the others',
      code: es(`${MMAP}      xpack:\n        security:\n          transport:\n            ssl:\n              enabled: false\n`),
      errors: [{ text: 'enabled: false', messageId: 'transportSslOff' }],
      output: es(MMAP),
    },
    {
      name: 'mixed dotted and nested; parents with other keys stay',
      code: es('      xpack.security:\n        enabled: "false"\n        authc.anonymous.roles: x\n'),
      errors: [{ text: 'enabled: "false"', messageId: 'securityOff' }],
      output: es('      xpack.security:\n        authc.anonymous.roles: x\n'),
    },
    {
      name: 'the only setting: config goes too',
      code: es('      xpack.security.enabled: off\n'),
      errors: [{ text: 'xpack.security.enabled: off', messageId: 'securityOff' }],
      output: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  version: 8.16.1\n  nodeSets:\n  - name: default\n    count: 1\n',
    },
    {
      name: 'the last two keys of one map fixed together: the map goes, never left null',
      code: es('      xpack:\n        security:\n          http.ssl.enabled: false\n          transport:\n            ssl.enabled: "false"\n' + MMAP),
      errors: [{ text: 'http.ssl.enabled: false', line: 13, messageId: 'httpSslOff' }, { text: 'ssl.enabled: "false"', line: 15, messageId: 'transportSslOff' }],
      output: es(MMAP),
    },
    {
      name: 'config is the only key of a Kibana spec: spec becomes {}',
      code: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  config:\n    server.ssl.enabled: false\n',
      errors: [{ text: 'server.ssl.enabled: false', messageId: 'kibanaSslOff' }],
      output: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec: {}\n',
    },
    {
      name: 'dotted and nested both false: both reported',
      code: es('      xpack.security.enabled: false\n      xpack: {security: {enabled: false}}\n'),
      errors: [{ text: 'xpack.security.enabled: false', messageId: 'securityOff' }, { text: 'enabled: false', messageId: 'securityOff' }],
      output: es('      xpack.security.enabled: false\n      xpack: {security: {enabled: false}}\n').replace('    config:\n      xpack.security.enabled: false\n      xpack: {security: {enabled: false}}\n', ''),
    },
    {
      name: 'every node set',
      code: `${es('      xpack.security.http.ssl.enabled: false\n')}  - name: hot\n    config:\n      xpack.security.http.ssl.enabled: false\n`,
      errors: [{ text: 'xpack.security.http.ssl.enabled: false', line: 11, messageId: 'httpSslOff' }, { text: 'xpack.security.http.ssl.enabled: false', line: 14, messageId: 'httpSslOff' }],
      output: `${es('      xpack.security.http.ssl.enabled: false\n')}  - name: hot\n    config:\n      xpack.security.http.ssl.enabled: false\n`.replace('    count: 1\n    config:\n      xpack.security.http.ssl.enabled: false\n', '    count: 1\n').replace('    config:\n      xpack.security.http.ssl.enabled: false\n', ''),
    },
    {
      name: 'Kibana server.ssl.enabled, flow style',
      code: kibana('    server: {ssl: {enabled: false}, host: 0.0.0.0}\n'),
      errors: [{ text: 'enabled: false', messageId: 'kibanaSslOff', data: { source: 'Kibana' } }],
      output: kibana('    server: {host: 0.0.0.0}\n'),
    },
    {
      name: 'APM Server',
      code: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    apm-server.ssl.enabled: false\n    apm-server.rum.enabled: true\n'),
      errors: [{ text: 'apm-server.ssl.enabled: false', messageId: 'apmSslOff' }],
      output: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    apm-server.rum.enabled: true\n'),
    },
    {
      name: 'elasticsearch.yml in a ConfigMap, dotted',
      code: configMapFile('elasticsearch.yml', 'cluster.name: logs\nxpack.security.http.ssl.enabled: false\nnetwork.host: 0.0.0.0\n'),
      errors: [{ text: 'xpack.security.http.ssl.enabled: false', line: 8, severity: 'error', messageId: 'httpSslOff', data: { source: 'elasticsearch.yml' } }],
      output: configMapFile('elasticsearch.yml', 'cluster.name: logs\nnetwork.host: 0.0.0.0\n'),
    },
    {
      name: 'kibana.yaml in a Secret\'s stringData, nested (|- block)',
      code: secretFile('kibana.yaml', 'server:\n  host: 0.0.0.0\n  ssl:\n    enabled: false\n', { header: '|-' }),
      errors: [{ text: 'enabled: false', line: 10, messageId: 'kibanaSslOff', data: { source: 'kibana.yaml' } }],
      output: secretFile('kibana.yaml', 'server:\n  host: 0.0.0.0\n', { header: '|-' }),
    },
    {
      name: 'apm-server.yml, mixed dotted and nested',
      code: configMapFile('apm-server.yml', 'apm-server:\n  host: 0.0.0.0:8200\n  ssl.enabled: "false"\n'),
      errors: [{ text: 'ssl.enabled: "false"', line: 9, messageId: 'apmSslOff' }],
      output: configMapFile('apm-server.yml', 'apm-server:\n  host: 0.0.0.0:8200\n'),
    },
    {
      name: 'the file\'s only setting: reported, no fix (the file would be left empty)',
      code: configMapFile('elasticsearch.yml', 'xpack.security.enabled: false\n'),
      errors: [{ text: 'xpack.security.enabled: false', line: 7, messageId: 'securityOff' }],
      output: null,
    },
    {
      name: 'a Helm template: actions elsewhere in the file, a literal false',
      code: configMapFile('elasticsearch.yml', 'cluster.name: {{ .Release.Name }}\nxpack.security.transport.ssl.enabled: false\n', { name: '{{ include "es.fullname" . }}' }),
      errors: [{ text: 'xpack.security.transport.ssl.enabled: false', line: 8, messageId: 'transportSslOff' }],
      output: configMapFile('elasticsearch.yml', 'cluster.name: {{ .Release.Name }}\n', { name: '{{ include "es.fullname" . }}' }),
    },
    {
      name: 'elasticsearch.yml: the last two keys of one map fixed together, the emptied parents go',
      code: configMapFile('elasticsearch.yml', 'xpack:\n  security:\n    http.ssl.enabled: false\n    transport:\n      ssl.enabled: "false"\ncluster.name: x\n'),
      errors: [{ text: 'http.ssl.enabled: false', line: 9, messageId: 'httpSslOff' }, { text: 'ssl.enabled: "false"', line: 11, messageId: 'transportSslOff' }],
      output: configMapFile('elasticsearch.yml', 'cluster.name: x\n'),
    },
    {
      name: 'two files in one ConfigMap, CRLF line endings',
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: stack\r\ndata:\r\n  elasticsearch.yml: |\r\n    xpack.security.enabled: false\r\n    cluster.name: a\r\n  kibana.yml: |\r\n    server.ssl.enabled: false\r\n    server.name: b\r\n',
      errors: [{ text: 'xpack.security.enabled: false', line: 7, messageId: 'securityOff' }, { text: 'server.ssl.enabled: false', line: 10, messageId: 'kibanaSslOff' }],
      output: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: stack\r\ndata:\r\n  elasticsearch.yml: |\r\n    cluster.name: a\r\n  kibana.yml: |\r\n    server.name: b\r\n',
    },
  ],
});
