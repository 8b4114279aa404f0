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
      errors: [{ text: 'elasticsearch.ssl.verificationMode: none', line: 8, severity: 'warning', messageId: 'verificationNone', data: { source: 'Kibana', setting: 'elasticsearch.ssl.verificationMode' } }],
      unsafe: true,
      output: kibana('    elasticsearch.ssl.verificationMode: none\n').replace('  config:\n    elasticsearch.ssl.verificationMode: none\n', ''),
      alternatives: { 'Remove elasticsearch.ssl.verificationMode': 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n' },
    },
    {
      name: 'APM Server output, nested',
      code: eck('ApmServer', 'apm.k8s.elastic.co/v1', '    output:\n      elasticsearch:\n        hosts: [https://es:9200]\n        ssl:\n          verification_mode: NONE\n'),
      errors: [{ text: 'verification_mode: NONE', messageId: 'verificationNone' }],
      unsafe: true,
      output: 'apiVersion: apm.k8s.elastic.co/v1\nkind: ApmServer\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n    output:\n      elasticsearch:\n        hosts: [https://es:9200]\n',
      alternatives: { 'Remove output.elasticsearch.ssl.verification_mode': eck('ApmServer', 'apm.k8s.elastic.co/v1', '    output:\n      elasticsearch:\n        hosts: [https://es:9200]\n') },
    },
    {
      name: 'Elasticsearch transport',
      code: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\nspec:\n  nodeSets:\n  - name: a\n    config:\n      xpack.security.transport.ssl.verification_mode: none\n',
      errors: [{ text: 'xpack.security.transport.ssl.verification_mode: none', messageId: 'verificationNone' }],
      unsafe: true,
      output: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\nspec:\n  nodeSets:\n  - name: a\n',
    },
    {
      name: 'Beat module toward the kubelet: a hint',
      code: beat(KUBELET_MODULE),
      errors: [{ text: 'ssl.verification_mode: "none"', severity: 'hint', messageId: 'verificationNoneToKubelet', data: { source: 'Beat', setting: 'metricbeat.modules.ssl.verification_mode' } }],
      unsafe: true,
      output: beat(KUBELET_MODULE).replace('      ssl.verification_mode: "none"\n', ''),
      alternatives: { 'Remove ssl.verification_mode': beat(KUBELET_MODULE.replace('      ssl.verification_mode: "none"\n', '')) },
    },
    {
      name: 'a configured severity wins over the hint',
      code: beat(KUBELET_MODULE),
      options: withRules({ 'eck-verification-disabled': 'error' }),
      errors: [{ text: 'ssl.verification_mode: "none"', messageId: 'verificationNoneToKubelet', severity: 'error' }],
      unsafe: true,
      output: beat(KUBELET_MODULE).replace('      ssl.verification_mode: "none"\n', ''),
    },
    {
      name: 'Beat output toward Elasticsearch: a warning',
      code: beat(`${KUBELET_MODULE}    output.elasticsearch:\n      hosts: [https://es-http:9200]\n      ssl:\n        verification_mode: none\n`),
      errors: [{ text: 'ssl.verification_mode: "none"', messageId: 'verificationNoneToKubelet', severity: 'hint' }, { text: 'verification_mode: none', messageId: 'verificationNone', severity: 'warning' }],
      unsafe: true,
      output: beat(`${KUBELET_MODULE}    output.elasticsearch:\n      hosts: [https://es-http:9200]\n      ssl:\n        verification_mode: none\n`).replace('      ssl.verification_mode: "none"\n', '').replace('      ssl:\n        verification_mode: none\n', ''),
    },
    {
      name: 'Agent input stream toward the kubelet',
      code: eck('Agent', 'agent.k8s.elastic.co/v1alpha1', '    inputs:\n    - type: kubernetes/metrics\n      streams:\n      - data_stream.dataset: kubernetes.node\n        hosts: ["https://${env.NODE_NAME}:10250"]\n        ssl:\n          verification_mode: none\n'),
      errors: [{ text: 'verification_mode: none', messageId: 'verificationNoneToKubelet', severity: 'hint' }],
      unsafe: true,
      output: 'apiVersion: agent.k8s.elastic.co/v1alpha1\nkind: Agent\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n    inputs:\n    - type: kubernetes/metrics\n      streams:\n      - data_stream.dataset: kubernetes.node\n        hosts: ["https://${env.NODE_NAME}:10250"]\n',
    },
    {
      name: 'kibana.yml in a ConfigMap, dotted',
      code: configMapFile('kibana.yml', 'server.name: kb\nelasticsearch.ssl.verificationMode: none\n'),
      errors: [{ text: 'elasticsearch.ssl.verificationMode: none', line: 8, severity: 'warning', messageId: 'verificationNone', data: { source: 'kibana.yml', setting: 'elasticsearch.ssl.verificationMode' } }],
      unsafe: true,
      output: configMapFile('kibana.yml', 'server.name: kb\nelasticsearch.ssl.verificationMode: none\n').replace('    elasticsearch.ssl.verificationMode: none\n', ''),
      alternatives: { 'Remove elasticsearch.ssl.verificationMode': configMapFile('kibana.yml', 'server.name: kb\n') },
    },
    {
      name: 'metricbeat.yml: a kubelet module is a hint, the output a warning (nested)',
      code: configMapFile('metricbeat.yml', 'metricbeat.modules:\n- module: kubernetes\n  hosts: ["https://${NODE_NAME}:10250"]\n  ssl.verification_mode: none\noutput.elasticsearch:\n  hosts: ["https://es:9200"]\n  ssl:\n    verification_mode: none\n'),
      errors: [
        { text: 'ssl.verification_mode: none', line: 10, severity: 'hint', messageId: 'verificationNoneToKubelet' },
        { text: 'verification_mode: none', line: 14, messageId: 'verificationNone', severity: 'warning' },
      ],
      unsafe: true,
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stack-config\ndata:\n  metricbeat.yml: |\n    metricbeat.modules:\n    - module: kubernetes\n      hosts: ["https://${NODE_NAME}:10250"]\n    output.elasticsearch:\n      hosts: ["https://es:9200"]\n',
      alternatives: { 'Remove ssl.verification_mode': configMapFile('metricbeat.yml', 'metricbeat.modules:\n- module: kubernetes\n  hosts: ["https://${NODE_NAME}:10250"]\noutput.elasticsearch:\n  hosts: ["https://es:9200"]\n  ssl:\n    verification_mode: none\n') },
    },
    {
      name: 'elastic-agent.yaml in a Secret: an output',
      code: secretFile('elastic-agent.yaml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: ["https://es:9200"]\n    ssl.verification_mode: none\n'),
      errors: [{ text: 'ssl.verification_mode: none', line: 11, severity: 'warning', messageId: 'verificationNone' }],
      unsafe: true,
      output: secretFile('elastic-agent.yaml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: ["https://es:9200"]\n    ssl.verification_mode: none\n').replace('        ssl.verification_mode: none\n', ''),
      alternatives: { 'Remove outputs.default.ssl.verification_mode': secretFile('elastic-agent.yaml', 'outputs:\n  default:\n    type: elasticsearch\n    hosts: ["https://es:9200"]\n') },
    },
  ],
});
