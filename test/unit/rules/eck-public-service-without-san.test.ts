import { runRuleTests } from '../../helpers/rule-tester';

/** An ECK resource whose `spec.http` body is `http` (indented by 4). */
const eck = (http: string, kind = 'Elasticsearch', apiVersion = 'elasticsearch.k8s.elastic.co/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: logs\nspec:\n  version: 8.16.1\n  http:\n${http}`;
const service = (type: string) => `    service:\n      spec:\n        type: ${type}\n`;

runRuleTests('eck-public-service-without-san', {
  valid: [
    { name: 'ClusterIP (the default)', code: eck(service('ClusterIP')) },
    { name: 'no service type', code: eck('    service:\n      metadata:\n        annotations: {a: b}\n') },
    { name: 'with subject alternative names', code: eck(`${service('LoadBalancer')}    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - dns: logs.example.com\n        - ip: 203.0.113.10\n`) },
    { name: 'a certificate of the user\'s own', code: eck(`${service('NodePort')}    tls:\n      certificate:\n        secretName: logs-public-cert\n`) },
    { name: 'TLS off is another rule\'s', code: eck(`${service('LoadBalancer')}    tls:\n      selfSignedCertificate:\n        disabled: true\n`) },
    { name: 'templated service type', code: eck(service('{{ .Values.service.type }}')) },
    { name: 'the tls section comes from values', code: eck(`${service('LoadBalancer')}    tls:\n      {{- toYaml .Values.tls | nindent 6 }}\n`) },
    { name: 'look-alike: a type value in another case', code: eck(service('loadbalancer')) },
    { name: 'not an ECK group', code: eck(service('LoadBalancer'), 'Elasticsearch', 'elasticsearch.example.com/v1') },
    { name: 'the tls section comes from values, the document followed by another', code: `${eck(`${service('LoadBalancer')}    tls:\n      {{- toYaml .Values.tls | nindent 6 }}\n`)}---\napiVersion: v1\nkind: Service\nmetadata: {name: x}\n` },
    { name: 'Logstash has no spec.http', code: eck(service('LoadBalancer'), 'Logstash', 'logstash.k8s.elastic.co/v1alpha1') },
  ],
  invalid: [
    {
      name: 'template actions in the next document only',
      code: `${eck(service('LoadBalancer'))}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: '{{ .Release.Name }}'}\n`,
      errors: [{ text: 'LoadBalancer', line: 10 }],
    },
    {
      name: 'Elasticsearch behind a LoadBalancer, no tls section',
      code: eck(service('LoadBalancer')),
      errors: [{ text: 'LoadBalancer', line: 10, severity: 'info', data: { resource: 'Elasticsearch logs', type: 'LoadBalancer' } }],
      output: null,
    },
    {
      name: 'Kibana on a NodePort, empty subjectAltNames',
      code: eck(`${service('NodePort')}    tls:\n      selfSignedCertificate:\n        subjectAltNames: []\n`, 'Kibana', 'kibana.k8s.elastic.co/v1'),
      errors: [{ text: 'NodePort', line: 10, messageId: 'exposedWithoutSan' }],
    },
    {
      name: 'subjectAltNames written without items, quoted type',
      code: eck(`    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n${service('"LoadBalancer"')}`, 'ApmServer', 'apm.k8s.elastic.co/v1'),
      errors: [{ text: '"LoadBalancer"', line: 13 }],
    },
    {
      name: 'Fleet Server (Agent) with flow-style service',
      code: eck('    service: {spec: {type: LoadBalancer}}\n', 'Agent', 'agent.k8s.elastic.co/v1alpha1'),
      errors: [{ text: 'LoadBalancer', line: 8, messageId: 'exposedWithoutSan' }],
    },
  ],
});
