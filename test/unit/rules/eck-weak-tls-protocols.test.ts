import { configMapFile, secretFile } from '../../helpers/elastic-files';
import { runRuleTests } from '../../helpers/rule-tester';

const eck = (kind: string, apiVersion: string, config: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  version: 8.16.1\n  config:\n${config}`;
const kibana = (config: string) => eck('Kibana', 'kibana.k8s.elastic.co/v1', config);
const es = (config: string) => `apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: es\nspec:\n  nodeSets:\n  - name: default\n    config:\n${config}`;

runRuleTests('eck-weak-tls-protocols', {
  valid: [
    { name: 'TLS 1.2 and 1.3', code: kibana('    server.ssl.supportedProtocols: [TLSv1.2, TLSv1.3]\n') },
    { name: 'a single strong string', code: es('      xpack.security.http.ssl.supported_protocols: TLSv1.3\n') },
    { name: 'look-alike key', code: kibana('    server.ssl.cipherSuites: [TLSv1]\n    supported_protocolz: [TLSv1]\n') },
    { name: 'not an ECK resource', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  supported_protocols: TLSv1\n' },
    { name: 'elasticsearch.yml: TLS 1.2 and 1.3', code: configMapFile('elasticsearch.yml', 'xpack.security.http.ssl.supported_protocols: [TLSv1.3, TLSv1.2]\n') },
  ],
  invalid: [
    {
      name: 'Kibana flow list',
      code: kibana('    server.ssl.supportedProtocols: [TLSv1.1, TLSv1.2]\n'),
      errors: [{ text: 'TLSv1.1', line: 8, severity: 'warning', messageId: 'weakProtocols', data: { setting: 'Kibana server.ssl.supportedProtocols', protocols: 'TLSv1.1' } }],
      output: kibana('    server.ssl.supportedProtocols: [TLSv1.2]\n'),
    },
    {
      name: 'Elasticsearch block list, nested keys',
      code: es('      xpack:\n        security.http.ssl:\n          supported_protocols:\n          - TLSv1\n          - "TLSv1.1"\n          - TLSv1.2\n'),
      errors: [{ text: 'TLSv1' }, { text: '"TLSv1.1"' }],
      output: es('      xpack:\n        security.http.ssl:\n          supported_protocols:\n          - TLSv1.2\n'),
    },
    {
      name: 'only weak versions: the setting goes',
      code: kibana('    server.ssl.supportedProtocols: [TLSv1, TLSv1.1]\n    server.ssl.enabled: true\n'),
      errors: [{ text: 'TLSv1' }, { text: 'TLSv1.1' }],
      output: kibana('    server.ssl.enabled: true\n'),
    },
    {
      name: 'comma-separated string',
      code: es('      xpack.security.transport.ssl.supported_protocols: "TLSv1.2,TLSv1.1"\n'),
      errors: [{ text: '"TLSv1.2,TLSv1.1"', messageId: 'weakProtocols' }],
      output: es('      xpack.security.transport.ssl.supported_protocols: "TLSv1.2"\n'),
    },
    {
      name: 'Beat module in a list',
      code: eck('Beat', 'beat.k8s.elastic.co/v1beta1', '    filebeat.inputs:\n    - type: tcp\n      ssl.supported_protocols: [TLSv1.0]\n      host: 0.0.0.0:9000\n'),
      errors: [{ text: 'TLSv1.0', messageId: 'weakProtocols' }],
      output: eck('Beat', 'beat.k8s.elastic.co/v1beta1', '    filebeat.inputs:\n    - type: tcp\n      host: 0.0.0.0:9000\n'),
    },
    {
      name: 'elasticsearch.yml in a ConfigMap, block list',
      code: configMapFile('elasticsearch.yml', 'xpack.security.http.ssl:\n  enabled: true\n  supported_protocols:\n  - TLSv1.1\n  - TLSv1.2\n'),
      errors: [{ text: 'TLSv1.1', line: 10, messageId: 'weakProtocols', data: { setting: 'elasticsearch.yml xpack.security.http.ssl.supported_protocols', protocols: 'TLSv1.1' } }],
      output: configMapFile('elasticsearch.yml', 'xpack.security.http.ssl:\n  enabled: true\n  supported_protocols:\n  - TLSv1.2\n'),
    },
    {
      name: 'kibana.yml in a Secret, comma-separated string',
      code: secretFile('kibana.yml', 'server.ssl.supportedProtocols: "TLSv1.2,TLSv1"\n'),
      errors: [{ text: '"TLSv1.2,TLSv1"', line: 7, messageId: 'weakProtocols' }],
      output: secretFile('kibana.yml', 'server.ssl.supportedProtocols: "TLSv1.2"\n'),
    },
    {
      name: 'heartbeat.yml: only weak versions in a monitor, the setting goes',
      code: configMapFile('heartbeat.yml', 'heartbeat.monitors:\n- type: http\n  urls: ["https://kb:5601"]\n  ssl.supported_protocols: [TLSv1.1]\n'),
      errors: [{ text: 'TLSv1.1', line: 10, messageId: 'weakProtocols' }],
      output: configMapFile('heartbeat.yml', 'heartbeat.monitors:\n- type: http\n  urls: ["https://kb:5601"]\n'),
    },
  ],
});
