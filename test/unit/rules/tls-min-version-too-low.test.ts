import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { runRuleTests } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;

runRuleTests('tls-min-version-too-low', {
  valid: [
    { name: 'absent', code: blockCommand(API, ['--v=2']) },
    { name: 'TLS 1.2', code: blockCommand(API, ['--tls-min-version=VersionTLS12']) },
    { name: 'TLS 1.3', code: flowCommand('kubelet', ['--tls-min-version=VersionTLS13']) },
    { name: 'last occurrence wins', code: blockCommand(API, ['--tls-min-version=VersionTLS10', '--tls-min-version=VersionTLS12']) },
    { name: 'look-alike flags', code: blockCommand(API, ['--tls-min-version-x=VersionTLS10', '--min-tls-version=VersionTLS10']) },
    { name: 'etcd only accepts TLS1.2 and TLS1.3', code: blockCommand('etcd', ['--tls-min-version=TLS1.2']) },
    { name: 'templated value', code: blockCommand(API, ['--tls-min-version={{ .Values.tls }}']) },
    { name: 'environment variable', code: blockCommand(API, ['--tls-min-version=$(TLS_MIN)']) },
    { name: 'kubeadm v1beta3: TLS 1.2', code: kubeadmMap('controllerManager', ['tls-min-version: VersionTLS12']) },
    { name: 'kubeadm v1beta4: TLS 1.3', code: kubeadmList('apiServer', [['tls-min-version', 'VersionTLS13']]) },
    { name: 'KubeletConfiguration: TLS 1.2', code: kubelet('tlsMinVersion: VersionTLS12\n') },
    { name: 'KubeletConfiguration: absent', code: kubelet('readOnlyPort: 0\n') },
    { name: 'KubeletConfiguration: templated', code: kubelet('tlsMinVersion: {{ .Values.tls }}\n') },
    { name: 'another kind', code: 'apiVersion: v1\nkind: ConfigMap\ntlsMinVersion: VersionTLS10\n' },
  ],
  invalid: [
    {
      name: 'block command, TLS 1.0',
      code: blockCommand(API, ['--tls-min-version=VersionTLS10']),
      errors: [{ text: 'VersionTLS10', line: 11, severity: 'warning', messageId: 'flagTooLow', data: { binary: 'kube-apiserver', protocol: 'TLS 1.0', value: 'VersionTLS10' } }],
      output: blockCommand(API, ['--tls-min-version=VersionTLS12']),
    },
    {
      name: 'flow command, quoted, TLS 1.1',
      code: flowCommand(API, ['"--tls-min-version=VersionTLS11"']),
      errors: [{ text: 'VersionTLS11', messageId: 'flagTooLow' }],
      output: flowCommand(API, ['"--tls-min-version=VersionTLS12"']),
    },
    {
      name: 'split form',
      code: blockCommand(API, ['--tls-min-version', 'VersionTLS10']),
      errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }],
      output: blockCommand(API, ['--tls-min-version', 'VersionTLS12']),
    },
    {
      name: 'last occurrence wins',
      code: blockCommand(API, ['--tls-min-version=VersionTLS12', '--tls-min-version=VersionTLS10']),
      errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }],
      output: blockCommand(API, ['--tls-min-version=VersionTLS12', '--tls-min-version=VersionTLS12']),
    },
    { name: 'args only kubelet', code: argsOnly('kubelet', ['--tls-min-version=VersionTLS10']), errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }], output: argsOnly('kubelet', ['--tls-min-version=VersionTLS12']) },
    { name: 'sh -c', code: shellScript(API, ['--tls-min-version=VersionTLS11', '--v=2']), errors: [{ text: 'VersionTLS11', messageId: 'flagTooLow' }], output: shellScript(API, ['--tls-min-version=VersionTLS12', '--v=2']) },
    { name: 'hyperkube controller-manager', code: hyperkube('controller-manager', ['--tls-min-version=VersionTLS10']), errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }], output: hyperkube('controller-manager', ['--tls-min-version=VersionTLS10']).replace('    - --tls-min-version=VersionTLS10\n', '    - --tls-min-version=VersionTLS12\n') },
    { name: 'scheduler', code: blockCommand('kube-scheduler', ['--tls-min-version=VersionTLS10']), errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }], output: blockCommand('kube-scheduler', ['--tls-min-version=VersionTLS10']).replace('    - --tls-min-version=VersionTLS10\n', '    - --tls-min-version=VersionTLS12\n') },
    {
      name: 'kubeadm v1beta3 map, plain value',
      code: kubeadmMap('apiServer', ['tls-min-version: VersionTLS10']),
      errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }],
      output: kubeadmMap('apiServer', ['tls-min-version: VersionTLS12']),
    },
    {
      name: 'kubeadm v1beta3 map, quoted value',
      code: kubeadmMap('scheduler', ["tls-min-version: 'VersionTLS11'"]),
      errors: [{ text: 'VersionTLS11', messageId: 'flagTooLow' }],
      output: kubeadmMap('scheduler', ["tls-min-version: 'VersionTLS12'"]),
    },
    {
      name: 'KubeletConfiguration field',
      code: kubelet('tlsMinVersion: VersionTLS10\nreadOnlyPort: 0\n'),
      errors: [{ text: 'VersionTLS10', line: 3, messageId: 'configTooLow', data: { protocol: 'TLS 1.0', value: 'VersionTLS10' } }],
      output: kubelet('tlsMinVersion: VersionTLS12\nreadOnlyPort: 0\n'),
    },
    {
      name: 'KubeletConfiguration field, quoted',
      code: kubelet('tlsMinVersion: "VersionTLS11"\n'),
      errors: [{ text: 'VersionTLS11', messageId: 'configTooLow' }],
      output: kubelet('tlsMinVersion: "VersionTLS12"\n'),
    },
    {
      name: 'kubeadm v1beta4 list, last entry wins',
      code: kubeadmList('apiServer', [['tls-min-version', '"VersionTLS12"'], ['tls-min-version', '"VersionTLS10"']]),
      errors: [{ text: 'VersionTLS10', messageId: 'flagTooLow' }],
      output: kubeadmList('apiServer', [['tls-min-version', '"VersionTLS12"'], ['tls-min-version', '"VersionTLS12"']]),
    },
  ],
});
