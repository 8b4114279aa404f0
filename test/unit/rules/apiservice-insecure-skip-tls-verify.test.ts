import { runRuleTests } from '../../helpers/rule-tester';

const apiService = (spec: string, apiVersion = 'apiregistration.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service:\n    name: metrics-server\n    namespace: kube-system\n  group: metrics.k8s.io\n  version: v1beta1\n${spec}  groupPriorityMinimum: 100\n`;

runRuleTests('apiservice-insecure-skip-tls-verify', {
  valid: [
    { name: 'caBundle', code: apiService('  caBundle: LS0tLS1CRUdJTg==\n') },
    { name: 'false', code: apiService('  insecureSkipTLSVerify: false\n') },
    { name: 'absent', code: apiService('') },
    { name: 'a quoted "true" is a string', code: apiService('  insecureSkipTLSVerify: "true"\n') },
    { name: 'templated', code: apiService('  insecureSkipTLSVerify: {{ .Values.insecure }}\n') },
    { name: 'another group', code: apiService('  insecureSkipTLSVerify: true\n', 'example.com/v1') },
  ],
  invalid: [
    {
      name: 'true',
      code: apiService('  insecureSkipTLSVerify: true\n'),
      errors: [{ text: 'true', line: 11, severity: 'warning', messageId: 'skipVerify', data: { apiService: 'APIService v1beta1.metrics.k8s.io' } }],
      unsafe: true,
      output: apiService(''),
    },
    { name: 'YAML 1.1: yes, on, True', code: apiService('  insecureSkipTLSVerify: yes\n') + '---\n' + apiService('  insecureSkipTLSVerify: on\n', 'apiregistration.k8s.io/v1beta1') + '---\n' + apiService('  insecureSkipTLSVerify: True\n'), errors: [{ text: 'yes' }, { text: 'on' }, { text: 'True' }], unsafe: true, output: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service:\n    name: metrics-server\n    namespace: kube-system\n  group: metrics.k8s.io\n  version: v1beta1\n  groupPriorityMinimum: 100\n---\napiVersion: apiregistration.k8s.io/v1beta1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service:\n    name: metrics-server\n    namespace: kube-system\n  group: metrics.k8s.io\n  version: v1beta1\n  groupPriorityMinimum: 100\n---\napiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service:\n    name: metrics-server\n    namespace: kube-system\n  group: metrics.k8s.io\n  version: v1beta1\n  groupPriorityMinimum: 100\n' },
    {
      name: 'inside a Helm if block',
      code: `{{- if .Values.enabled }}\n${apiService('  insecureSkipTLSVerify: true\n')}{{- end }}\n`,
      errors: [{ text: 'true', line: 12 }],
      unsafe: true,
      output: `{{- if .Values.enabled }}\n${apiService('  insecureSkipTLSVerify: true\n')}{{- end }}\n`.replace('  insecureSkipTLSVerify: true\n', ''),
    },
    {
      name: 'flow spec',
      code: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1.custom.example.com}\nspec: {group: custom.example.com, version: v1, insecureSkipTLSVerify: true, service: {name: s, namespace: n}}\n',
      errors: [{ text: 'true', line: 4 }],
      unsafe: true,
      output: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1.custom.example.com}\nspec: {group: custom.example.com, version: v1, service: {name: s, namespace: n}}\n',
    },
    {
      name: 'inside a List',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apiregistration.k8s.io/v1\n  kind: APIService\n  metadata: {name: v1.x.io}\n  spec:\n    insecureSkipTLSVerify: true\n',
      errors: [{ text: 'true', line: 8 }],
      unsafe: true,
      output: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apiregistration.k8s.io/v1\n  kind: APIService\n  metadata: {name: v1.x.io}\n  spec: {}\n',
    },
  ],
});
