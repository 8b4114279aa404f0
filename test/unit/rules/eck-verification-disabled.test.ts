import { configMapFile, secretFile } from '../../helpers/elastic-files';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const eck = (kind: string, apiVersion: string, config: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n${config}`;
const kibana = (config: string) => eck('Kibana', 'kibana.k8s.elastic.co/v1', config);
const beat = (config: string) => eck('Beat', 'beat.k8s.elastic.co/v1beta1', config);
const KUBELET_MODULE = '    metricbeat.modules:\n    - module: kubernetes\n      period: 10s\n      hosts: ["https://${NODE_NAME}:10250"]\n      bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token\n      ssl.verification_mode: "none"\n';

runRuleTests('eck-verification-disabled', {
  valid: [
    { name: 'certificate verifies the chain', code: kibana('    elasticsearch.ssl.verificationMode: certificate\n') },
    { name: 'full', code: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    output.elasticsearch.ssl.verification_mode: full\n') },
    { name: 'ECK transport default', code: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\nspec:\n  nodeSets:\n  - name: a\n    config:\n      xpack.security.transport.ssl.verification_mode: certificate\n' },
    { name: 'look-alike: not under ssl', code: beat('    verification_mode: none\n    output.elasticsearch.tls.verification_mode: none\n') },
    { name: 'look-alike: value', code: kibana('    elasticsearch.ssl.verificationMode: nonexistent\n') },
    { name: 'templated value', code: kibana('    elasticsearch.ssl.verificationMode: {{ .Values.mode }}\n') },
    { name: 'Elastic Maps Server is overridden by the operator', code: eck('ElasticMapsServer', 'maps.k8s.elastic.co/v1alpha1', '    elasticsearch.ssl.verificationMode: none\n') },
    { name: 'outside spec.config (podTemplate env)', code: 'apiVersion: beat.k8s.elastic.co/v1beta1\nkind: Beat\nmetadata: {name: b}\nspec:\n  podTemplate:\n    spec:\n      ssl.verification_mode: none\n' },
    { name: 'kibana.yml: full', code: configMapFile('kibana.yml', 'elasticsearch.ssl.verificationMode: full\n') },
    { name: 'filebeat.yml: templated value', code: configMapFile('filebeat.yml', 'output.elasticsearch.ssl.verification_mode: {{ .Values.verification }}\n') },
  ],
  invalid: [
    {
      name: 'Kibana toward Elasticsearch (camelCase)',
      code: kibana('    elasticsearch.ssl.verificationMode: none\n'),
      errors: [{ text: 'elasticsearch.ssl.verificationMode: none', line: 8, severity: 'warning', message: 'Kibana elasticsearch.ssl.verificationMode: none accepts any certificate: the connection can be intercepted.' }],
      alternatives: { 'Remove elasticsearch.ssl.verificationMode': 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n' },
    },
    {
      name: 'APM Server output, nested',
      code: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    output:\n      elasticsearch:\n        hosts: [https://es:9200]\n        ssl:\n          verification_mode: NONE\n'),
      errors: [{ text: 'verification_mode: NONE', message: /^ApmServer output\.elasticsearch\.ssl\.verification_mode: none / }],
      alternatives: { 'Remove output.elasticsearch.ssl.verification_mode': eck('ApmServer', 'apm.k8s.elastic.co/v1', '    output:\n      elasticsearch:\n        hosts: [https://es:9200]\n') },
    },
    {
      name: 'Elasticsearch transport',
      code: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\nspec:\n  nodeSets:\n  - name: a\n    config:\n      xpack.security.transport.ssl.verification_mode: none\n',
      errors: [{ text: 'xpack.security.transport.ssl.verification_mode: none' }],
    },
    {
      name: 'Beat module toward the kubelet: a hint',
      code: beat(KUBELET_MODULE),
      errors: [{ text: 'ssl.verification_mode: "none"', severity: 'hint', message: 'Beat metricbeat.modules.ssl.verification_mode: none accepts any certificate from the kubelet (port 10250): the connection can be intercepted.' }],
      alternatives: { 'Remove ssl.verification_mode': beat(KUBELET_MODULE.replace('      ssl.verification_mode: "none"\n', '')) },
    },
    {
      name: 'a configured severity wins over the hint',
      code: beat(KUBELET_MODULE),
      options: withRules({ 'eck-verification-disabled': 'error' }),
      errors: [{ text: 'ssl.verification_mode: "none"', severity: 'error' }],
    },
    {
      name: 'Beat output toward Elasticsearch: a warning',
      code: beat(`${KUBELET_MODULE}    output.elasticsearch:\n      hosts: [https://es-http:9200]\n      ssl:\n        verification_mode: none\n`),
      errors: [{ text: 'ssl.verification_mode: "none"', severity: 'hint' }, { text: 'verification_mode: none', severity: 'warning' }],
    },
    {
      name: 'Agent input stream toward the kubelet',
      code: eck('Agent', 'agent.k8s.elastic.co/v1alpha1', '    inputs:\n    - type: kubernetes/metrics\n      streams:\n      - data_stream.dataset: kubernetes.node\n        hosts: ["https://${env.NODE_NAME}:10250"]\n        ssl:\n          verification_mode: none\n'),
      errors: [{ text: 'verification_mode: none', severity: 'hint' }],
    },
    {
      name: 'kibana.yml in a ConfigMap, dotted',
      code: configMapFile('kibana.yml', 'server.name: kb\nelasticsearch.ssl.verificationMode: none\n'),
      errors: [{ text: 'elasticsearch.ssl.verificationMode: none', line: 8, severity: 'warning', message: 'kibana.yml elasticsearch.ssl.verificationMode: none accepts any certificate: the connection can be intercepted.' }],
      alternatives: { 'Remove elasticsearch.ssl.verificationMode': configMapFile('kibana.yml', 'server.name: kb\n') },
    },
    {
      name: 'metricbeat.yml: a kubelet module is a hint, the output a warning (nested)',
      code: configMapFile('metricbeat.yml', 'metricbeat.modules:\n- module: kubernetes\n  hosts: ["https://${NODE_NAME}:10250"]\n  ssl.verification_mode: none\noutput.elasticsearch:\n  hosts: ["https://es:9200"]\n  ssl:\n    verification_mode: none\n'),
      errors: [
        { text: 'ssl.verification_mode: none', line: 10, severity: 'hint', message: /^metricbeat\.yml metricbeat\.modules\.ssl\.verification_mode: none accepts any certificate from the kubelet/ },
        { text: 'verification_mode: none', line: 14, severity: 'warning' },
      ],
      alternatives: { 'Remove ssl.verification_mode': configMapFile('metricbeat.yml', 'metricbeat.modules:\n- module: kubernetes\n  hosts: ["https://${NODE_NAME}:10250"]\noutput.elasticsearch:\n  hosts: ["https://es:9200"]\n  ssl:\n    verification_mode: none\n') },
    },
    {
      name: 'elastic-agent.yaml in a Secret: an output',
      code: secretFile('elastic-agent.yaml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: ["https://es:9200"]\n    ssl.verification_mode: none\n'),
      errors: [{ text: 'ssl.verification_mode: none', line: 11, severity: 'warning', message: /^elastic-agent\.yaml outputs\.default\.ssl\.verification_mode: none / }],
      alternatives: { 'Remove outputs.default.ssl.verification_mode': secretFile('elastic-agent.yaml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: ["https://es:9200"]\n') },
    },
  ],
});
