import { runRuleTests } from '../../helpers/rule-tester';

const serviceMonitor = (tls: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  endpoints:\n  - port: https\n    scheme: https\n    tlsConfig:\n${tls}`;
const configMap = (key: string, body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: prometheus-server\ndata:\n  ${key}: |\n${body.replace(/^(?=.)/gm, '    ')}`;
const SCRAPE = 'global:\n  scrape_interval: 30s\nscrape_configs:\n- job_name: kubelet\n  scheme: https\n  tls_config:\n    ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n';

runRuleTests('prometheus-insecure-skip-verify', {
  valid: [
    { name: 'a CA', code: serviceMonitor('      ca:\n        configMap: {name: web-ca, key: ca.crt}\n') },
    { name: 'false', code: serviceMonitor('      insecureSkipVerify: false\n') },
    { name: 'a quoted "true" is a string', code: serviceMonitor('      insecureSkipVerify: "true"\n') },
    { name: 'templated', code: serviceMonitor('      insecureSkipVerify: {{ .Values.insecure }}\n') },
    { name: 'outside spec', code: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: x\n  annotations: {}\nstatus:\n  tlsConfig: {insecureSkipVerify: true}\nspec: {}\n' },
    { name: 'another group', code: serviceMonitor('      insecureSkipVerify: true\n').replace('monitoring.coreos.com/v1', 'example.com/v1') },
    { name: 'Prometheus configuration with a CA', code: configMap('prometheus.yml', SCRAPE) },
    { name: 'Prometheus configuration under another key is not read as such', code: configMap('rules.yml', SCRAPE + '    insecure_skip_verify: true\n') },
  ],
  invalid: [
    {
      name: 'ServiceMonitor endpoint',
      code: serviceMonitor('      insecureSkipVerify: true\n'),
      errors: [{ text: 'true', line: 12, severity: 'warning', messageId: 'skipVerify', data: { resource: 'ServiceMonitor web', setting: 'spec.endpoints[0].tlsConfig.insecureSkipVerify' } }],
      unsafe: true,
      output: serviceMonitor('      {}\n').replace('    tlsConfig:\n      {}\n', '    tlsConfig: {}\n'),
    },
    {
      name: 'any kind and version, at any depth under spec, YAML 1.1 booleans',
      code: 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\nspec:\n  remoteWrite:\n  - url: https://mimir.example.com/api/v1/push\n    tlsConfig:\n      insecureSkipVerify: yes\n      serverName: mimir\n  apiserverConfig:\n    host: https://10.0.0.1:6443\n    tlsConfig: {insecureSkipVerify: on}\n---\napiVersion: monitoring.coreos.com/v1alpha1\nkind: ScrapeConfig\nmetadata:\n  name: nodes\nspec:\n  httpSDConfigs:\n  - url: https://sd.example.com\n    tlsConfig:\n      insecureSkipVerify: True\n',
      errors: [
        { text: 'yes', line: 9, messageId: 'skipVerify' },
        { text: 'on', line: 13, messageId: 'skipVerify' },
        { text: 'True', line: 23, messageId: 'skipVerify' },
      ],
      unsafe: true,
      output: 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\nspec:\n  remoteWrite:\n  - url: https://mimir.example.com/api/v1/push\n    tlsConfig:\n      serverName: mimir\n  apiserverConfig:\n    host: https://10.0.0.1:6443\n    tlsConfig: {}\n---\napiVersion: monitoring.coreos.com/v1alpha1\nkind: ScrapeConfig\nmetadata:\n  name: nodes\nspec:\n  httpSDConfigs:\n  - url: https://sd.example.com\n    tlsConfig: {}\n',
    },
    {
      name: 'prometheus.yml in a ConfigMap: the real line inside the block',
      code: configMap('prometheus.yml', SCRAPE + '    insecure_skip_verify: true\n'),
      errors: [{ text: 'true', line: 14, messageId: 'skipVerify', data: { resource: 'Prometheus configuration', setting: 'scrape_configs[0].tls_config.insecure_skip_verify' } }],
      unsafe: true,
      output: configMap('prometheus.yml', SCRAPE),
    },
    {
      name: 'alertmanager.yaml in a Secret stringData, at any depth',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager\nstringData:\n  alertmanager.yaml: |\n    receivers:\n    - name: hook\n      webhook_configs:\n      - url: https://hooks.example.com/alert\n        http_config:\n          tls_config:\n            insecure_skip_verify: yes\n',
      errors: [{ text: 'yes', line: 13, messageId: 'skipVerify' }],
      unsafe: true,
      output: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager\nstringData:\n  alertmanager.yaml: |\n    receivers:\n    - name: hook\n      webhook_configs:\n      - url: https://hooks.example.com/alert\n        http_config:\n          tls_config: {}\n',
    },
  ],
});
