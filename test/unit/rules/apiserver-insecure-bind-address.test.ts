import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const API = 'kube-apiserver';

runRuleTests('apiserver-insecure-bind-address', {
  valid: [
    { name: 'absent', code: blockCommand(API, ['--bind-address=0.0.0.0', '--advertise-address=10.0.0.1']) },
    { name: 'look-alike flags', code: flowCommand(API, ['--insecure-bind-address-x=0.0.0.0', '--bind-address=0.0.0.0']) },
    { name: 'another binary', code: blockCommand('kube-controller-manager', ['--insecure-bind-address=0.0.0.0']) },
    { name: 'kubeadm: other key', code: kubeadmMap('apiServer', ['bind-address: 0.0.0.0']) },
    { name: 'kubeadm: other section', code: kubeadmList('controllerManager', [['insecure-bind-address', '"0.0.0.0"']]) },
  ],
  invalid: [
    {
      name: 'old alias --address, in a shell script',
      code: shellScript(API, ['--address=127.0.0.1', '--v=2']),
      errors: [{ text: '--address=127.0.0.1', messageId: 'set', data: { flag: 'address', value: '127.0.0.1' } }],
      output: shellScript(API, ['--v=2']),
    },
    {
      name: 'block command',
      code: blockCommand(API, ['--insecure-bind-address=0.0.0.0', '--v=2']),
      errors: [{ text: '--insecure-bind-address=0.0.0.0', severity: 'warning', messageId: 'set', data: { flag: 'insecure-bind-address', value: '0.0.0.0' } }],
      output: blockCommand(API, ['--v=2']),
    },
    {
      name: 'even localhost (the benchmark wants it absent)',
      code: flowCommand(API, ['--insecure-bind-address=127.0.0.1', '--v=2']),
      errors: [{ text: '--insecure-bind-address=127.0.0.1', messageId: 'set' }],
      output: flowCommand(API, ['--v=2']),
    },
    {
      name: 'args only, split form',
      code: argsOnly(API, ['--v=2', '--insecure-bind-address', '0.0.0.0']),
      errors: [{ text: '--insecure-bind-address\n    - 0.0.0.0', messageId: 'set' }],
      output: argsOnly(API, ['--v=2']),
    },
    {
      name: 'sh -c',
      code: shellScript(API, ['--insecure-bind-address=0.0.0.0']),
      errors: [{ text: '--insecure-bind-address=0.0.0.0', messageId: 'set' }],
      output: pod('    command: ["/bin/sh", "-c"]\n    args:\n    - exec /usr/local/bin/kube-apiserver\n'),
    },
    {
      name: 'hyperkube',
      code: hyperkube('kube-apiserver', ['--insecure-bind-address=0.0.0.0', '--v=2']),
      errors: [{ text: '--insecure-bind-address=0.0.0.0', messageId: 'set' }],
      output: hyperkube('kube-apiserver', ['--v=2']),
    },
    {
      name: 'templated value: the flag is still set',
      code: blockCommand(API, ['--insecure-bind-address={{ .Values.addr }}', '--v=2']),
      errors: [{ text: '--insecure-bind-address={{ .Values.addr }}', messageId: 'setUnknownValue' }],
      output: blockCommand(API, ['--v=2']),
    },
    {
      name: 'repeated: reported once, every occurrence removed',
      code: blockCommand(API, ['--insecure-bind-address=0.0.0.0', '--v=2', '--insecure-bind-address=127.0.0.1']),
      errors: [{ text: '--insecure-bind-address=127.0.0.1', messageId: 'set' }],
      output: blockCommand(API, ['--v=2']),
    },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('apiServer', ['insecure-bind-address: 0.0.0.0']),
      errors: [{ text: 'insecure-bind-address: 0.0.0.0', messageId: 'set' }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n',
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('apiServer', [['insecure-bind-address', '"0.0.0.0"'], ['v', '"2"']]),
      errors: [{ text: 'name: insecure-bind-address\n    value: "0.0.0.0"', messageId: 'set' }],
      output: kubeadmList('apiServer', [['v', '"2"']]),
    },
  ],
});
