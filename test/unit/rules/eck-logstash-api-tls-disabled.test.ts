import { runRuleTests } from '../../helpers/rule-tester';

const logstash = (services: string) => `apiVersion: logstash.k8s.elastic.co/v1alpha1\nkind: Logstash\nmetadata:\n  name: ls\nspec:\n  version: 8.16.1\n  count: 1\n  services:\n${services}`;
const API_DISABLED = '  - name: api\n    tls:\n      selfSignedCertificate:\n        disabled: true\n';

runRuleTests('eck-logstash-api-tls-disabled', {
  valid: [
    { name: 'own certificate', code: logstash('  - name: api\n    tls:\n      certificate:\n        secretName: ls-api-cert\n      selfSignedCertificate:\n        disabled: true\n') },
    { name: 'another service (pipeline input)', code: logstash('  - name: beats\n    service:\n      spec:\n        ports: [{port: 5044, name: filebeat}]\n    tls:\n      selfSignedCertificate:\n        disabled: true\n') },
    { name: 'disabled: false', code: logstash('  - name: api\n    tls:\n      selfSignedCertificate:\n        disabled: false\n') },
    { name: 'look-alike plural', code: logstash('  - name: api\n    tls:\n      selfSignedCertificates:\n        disabled: true\n') },
    { name: 'string "true" is not a boolean', code: logstash('  - name: api\n    tls:\n      selfSignedCertificate:\n        disabled: "true"\n') },
    { name: 'not Logstash', code: API_DISABLED.replace(/^/, 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata: {name: k}\nspec:\n  services:\n') },
  ],
  invalid: [
    {
      name: 'api service with TLS disabled: tls goes, the service stays',
      code: logstash(`${API_DISABLED}    service:\n      spec:\n        type: ClusterIP\n`),
      errors: [{ text: 'disabled: true', line: 12, severity: 'warning', messageId: 'apiTlsOff' }],
      output: logstash('  - name: api\n    service:\n      spec:\n        type: ClusterIP\n'),
    },
    {
      name: 'subject alt names stay',
      code: logstash('  - name: api\n    tls:\n      selfSignedCertificate:\n        disabled: yes\n        subjectAltNames: [{dns: ls.example.com}]\n'),
      errors: [{ text: 'disabled: yes' }],
      output: logstash('  - name: api\n    tls:\n      selfSignedCertificate:\n        subjectAltNames: [{dns: ls.example.com}]\n'),
    },
  ],
});
