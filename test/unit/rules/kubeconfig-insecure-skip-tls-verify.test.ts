import { runRuleTests } from '../../helpers/rule-tester';

const kubeconfig = (clusters: string, apiVersion = 'apiVersion: v1\n') =>
  `${apiVersion}kind: Config\nclusters:\n${clusters}contexts:\n- name: admin@prod\n  context: {cluster: prod, user: admin}\ncurrent-context: admin@prod\n`;
const cluster = (name: string, extra: string) => `- name: ${name}\n  cluster:\n    server: https://10.0.0.1:6443\n${extra}`;
const inConfigMap = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ci-kubeconfig\ndata:\n  config: |\n${body.replace(/^(?=.)/gm, '    ')}`;

runRuleTests('kubeconfig-insecure-skip-tls-verify', {
  valid: [
    { name: 'a CA', code: kubeconfig(cluster('prod', '    certificate-authority-data: LS0tLS1CRUdJTg==\n')) },
    { name: 'false', code: kubeconfig(cluster('prod', '    insecure-skip-tls-verify: false\n')) },
    { name: 'a quoted "true" is a string', code: kubeconfig(cluster('prod', '    insecure-skip-tls-verify: "true"\n')) },
    { name: 'templated', code: kubeconfig(cluster('prod', '    insecure-skip-tls-verify: {{ .Values.insecure }}\n')) },
    { name: 'not a kubeconfig', code: 'apiVersion: example.com/v1\nkind: Config\nclusters:\n' + cluster('prod', '    insecure-skip-tls-verify: true\n') },
    { name: 'a Secret\'s base64 data is not read', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  config: YXBpVmVyc2lvbjogdjEK\n' },
    { name: 'a ConfigMap block that is no kubeconfig', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  notes: |\n    clusters:\n    - insecure-skip-tls-verify: true\n' },
  ],
  invalid: [
    {
      name: 'one cluster entry',
      code: kubeconfig(cluster('prod', '    insecure-skip-tls-verify: true\n')),
      errors: [{ text: 'true', line: 7, severity: 'warning', data: { cluster: 'kubeconfig cluster "prod"' } }],
      unsafe: true,
      output: kubeconfig(cluster('prod', '')),
    },
    {
      name: 'one finding per cluster entry, YAML 1.1 booleans',
      code: kubeconfig(cluster('prod', '    insecure-skip-tls-verify: yes\n') + cluster('staging', '    insecure-skip-tls-verify: false\n') + cluster('dev', '    insecure-skip-tls-verify: on\n')),
      errors: [{ text: 'yes', line: 7 }, { text: 'on', line: 15, messageId: 'skipVerify' }],
      unsafe: true,
      output: 'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://10.0.0.1:6443\n- name: staging\n  cluster:\n    server: https://10.0.0.1:6443\n    insecure-skip-tls-verify: false\n- name: dev\n  cluster:\n    server: https://10.0.0.1:6443\ncontexts:\n- name: admin@prod\n  context: {cluster: prod, user: admin}\ncurrent-context: admin@prod\n',
    },
    {
      name: 'a kubeconfig file without apiVersion, with a suppressed entry',
      code: kubeconfig(cluster('prod', '    insecure-skip-tls-verify: true\n') + cluster('lab', '    # kube-tls-lint-disable-next-line kubeconfig-insecure-skip-tls-verify\n    insecure-skip-tls-verify: true\n'), ''),
      errors: [{ text: 'true', line: 6, data: { cluster: 'kubeconfig cluster "prod"' } }],
      unsafe: true,
      output: kubeconfig(cluster('prod', '') + cluster('lab', '    # kube-tls-lint-disable-next-line kubeconfig-insecure-skip-tls-verify\n    insecure-skip-tls-verify: true\n'), ''),
    },
    {
      name: 'embedded in a ConfigMap without apiVersion: the real line inside the block',
      code: inConfigMap(kubeconfig(cluster('prod', '    insecure-skip-tls-verify: true\n'), '')),
      errors: [{ text: 'true', line: 12, data: { cluster: 'kubeconfig cluster "prod"' } }],
      unsafe: true,
      output: inConfigMap(kubeconfig(cluster('prod', ''), '')),
    },
    {
      name: 'embedded in a Secret stringData with apiVersion',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: kubeconfig\nstringData:\n  value: |\n${kubeconfig(cluster('prod', '    insecure-skip-tls-verify: true\n')).replace(/^(?=.)/gm, '    ')}`,
      errors: [{ text: 'true', line: 13 }],
      unsafe: true,
      output: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: kubeconfig\nstringData:\n  value: |\n    apiVersion: v1\n    kind: Config\n    clusters:\n    - name: prod\n      cluster:\n        server: https://10.0.0.1:6443\n    contexts:\n    - name: admin@prod\n      context: {cluster: prod, user: admin}\n    current-context: admin@prod\n',
    },
  ],
});
