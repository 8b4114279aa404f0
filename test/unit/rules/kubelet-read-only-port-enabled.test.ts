import { pod, runRuleTests } from '../../helpers/rule-tester';

const kc = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;
const kubelet = (flags: string[]) => pod(`    command:\n    - kubelet\n${flags.map((f) => `    - ${f}\n`).join('')}`);

runRuleTests('kubelet-read-only-port-enabled', {
  valid: [
    { name: 'absent from the config file: the default is 0', code: kc('address: 0.0.0.0\n') },
    { name: 'KICS compliant example (JSON)', code: '{\n  "kind": "KubeletConfiguration",\n  "apiVersion": "kubelet.config.k8s.io/v1beta1",\n  "address": "192.168.0.8"\n}\n' },
    { name: 'explicit 0', code: kc('readOnlyPort: 0\n') },
    { name: 'templated value', code: kc('readOnlyPort: {{ .Values.readOnlyPort }}\n') },
    { name: 'look-alike key', code: kc('readOnlyPorts: 10255\nhealthzPort: 10248\n') },
    { name: 'another kind', code: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nreadOnlyPort: 10255\n' },
    { name: 'flag 0', code: kubelet(['--read-only-port=0']) },
    { name: 'last occurrence wins', code: kubelet(['--read-only-port=10255', '--read-only-port=0']) },
    { name: 'absent flag with a config file', code: kubelet(['--config=/var/lib/kubelet/config.yaml']) },
    { name: 'absent flag with a config dir', code: kubelet(['--config-dir=/etc/kubernetes/kubelet.conf.d']) },
    { name: 'templated command line', code: kubelet(['{{ .Values.kubeletFlags }}']) },
    { name: 'flag from $(VAR)', code: kubelet(['--config=/c.yaml', '--read-only-port=$(PORT)']) },
  ],
  invalid: [
    {
      name: 'KICS non-compliant example: removed (default 0)',
      code: kc('address: "192.168.0.8"\nport: 20250\nserializeImagePulls: false\nevictionHard:\n  memory.available: "200Mi"\nreadOnlyPort: 1\n'),
      errors: [{ text: 'readOnlyPort: 1', line: 8, severity: 'warning', messageId: 'configPort', data: { port: 1 } }],
      output: kc('address: "192.168.0.8"\nport: 20250\nserializeImagePulls: false\nevictionHard:\n  memory.available: "200Mi"\n'),
      alternatives: { 'Set readOnlyPort to 0': kc('address: "192.168.0.8"\nport: 20250\nserializeImagePulls: false\nevictionHard:\n  memory.available: "200Mi"\nreadOnlyPort: 0\n') },
    },
    {
      name: 'JSON document',
      code: '{\n  "kind": "KubeletConfiguration",\n  "apiVersion": "kubelet.config.k8s.io/v1beta1",\n  "readOnlyPort": 10255\n}\n',
      errors: [{ text: '"readOnlyPort": 10255', messageId: 'configPort' }],
      output: '{\n  "kind": "KubeletConfiguration",\n  "apiVersion": "kubelet.config.k8s.io/v1beta1"\n}\n',
    },
    {
      name: 'flag on the command line wins over the config file',
      code: kubelet(['--config=/var/lib/kubelet/config.yaml', '--read-only-port=10255']),
      errors: [{ text: '--read-only-port=10255', messageId: 'flagPort', data: { port: '10255' } }],
      output: kubelet(['--config=/var/lib/kubelet/config.yaml', '--read-only-port=0']),
    },
    {
      name: 'split form',
      code: kubelet(['--config=/c.yaml', '--read-only-port', '"10255"']),
      errors: [{ text: '--read-only-port\n    - "10255"', messageId: 'flagPort' }],
      output: kubelet(['--config=/c.yaml', '--read-only-port', '"0"']),
    },
    {
      name: 'no config file and no flag: the command-line default is 10255',
      code: kubelet(['--kubeconfig=/etc/kubernetes/kubelet.conf']),
      errors: [{ text: 'kubelet', messageId: 'defaultPort' }],
      output: kubelet(['--kubeconfig=/etc/kubernetes/kubelet.conf', '--read-only-port=0']),
    },
  ],
});
