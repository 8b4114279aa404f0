import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const API = 'kube-apiserver';

runRuleTests('apiserver-insecure-port', {
  valid: [
    { name: 'absent', code: blockCommand(API, ['--secure-port=6443']) },
    { name: 'set to 0', code: blockCommand(API, ['--insecure-port=0']) },
    { name: 'set to 00', code: flowCommand(API, ['--insecure-port=00']) },
    { name: 'last occurrence wins', code: blockCommand(API, ['--insecure-port=8080', '--insecure-port=0']) },
    { name: 'split form 0', code: blockCommand(API, ['--insecure-port', '"0"']) },
    { name: 'look-alike flags', code: blockCommand(API, ['--insecure-port-x=8080', '--secure-port=8080', '--xinsecure-port=1']) },
    { name: 'another binary', code: blockCommand('kube-scheduler', ['--insecure-port=10251']) },
    { name: 'not a number (the API server would not start)', code: blockCommand(API, ['--insecure-port=http']) },
    { name: 'templated value', code: blockCommand(API, ['--insecure-port={{ .Values.port }}']) },
    { name: 'environment variable', code: blockCommand(API, ['--insecure-port=$(INSECURE_PORT)']) },
    { name: 'kubeadm v1beta3: 0', code: kubeadmMap('apiServer', ['insecure-port: "0"']) },
    { name: 'kubeadm v1beta4: 0', code: kubeadmList('apiServer', [['insecure-port', '"0"']]) },
    { name: 'kubeadm: other section', code: kubeadmMap('scheduler', ['insecure-port: "10251"']) },
    { name: 'old alias --port=0', code: blockCommand(API, ['--port=0']) },
    { name: 'old alias then --insecure-port=0: the last one wins', code: blockCommand(API, ['--port=8080', '--insecure-port=0']) },
    { name: '--port on another binary is its own flag', code: blockCommand('kube-scheduler', ['--port=10251']) },
  ],
  invalid: [
    {
      name: 'old alias --port, removed with --insecure-port by the fix',
      code: blockCommand(API, ['--insecure-port=0', '--v=2', '--port=8080']),
      errors: [{ text: '--port=8080', line: 13, messageId: 'insecurePort', data: { flag: 'port', value: '8080' } }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --port to 0': blockCommand(API, ['--insecure-port=0', '--v=2', '--port=0']) },
    },
    {
      name: 'block command',
      code: blockCommand(API, ['--insecure-port=8080', '--v=2']),
      errors: [{ text: '--insecure-port=8080', line: 11, severity: 'error', messageId: 'insecurePort', data: { flag: 'insecure-port', value: '8080' } }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --insecure-port to 0': blockCommand(API, ['--insecure-port=0', '--v=2']) },
    },
    {
      name: 'flow command',
      code: flowCommand(API, ['--v=2', '--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080' }],
      output: flowCommand(API, ['--v=2']),
    },
    {
      name: 'args only',
      code: argsOnly(API, ['--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080' }],
      output: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args:\n'),
    },
    {
      name: 'split form',
      code: blockCommand(API, ['--insecure-port', '"8080"', '--v=2']),
      errors: [{ text: '--insecure-port\n    - "8080"' }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --insecure-port to 0': blockCommand(API, ['--insecure-port', '"0"', '--v=2']) },
    },
    {
      name: 'sh -c',
      code: shellScript(API, ['--v=2', '--insecure-port=8080', '--secure-port=6443']),
      errors: [{ text: '--insecure-port=8080' }],
      output: shellScript(API, ['--v=2', '--secure-port=6443']),
    },
    {
      name: 'hyperkube',
      code: hyperkube('apiserver', ['--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080' }],
      output: pod('    command:\n    - /hyperkube\n    - apiserver\n'),
    },
    {
      name: 'last occurrence wins; the fix removes every occurrence',
      code: blockCommand(API, ['--insecure-port=0', '--v=2', '--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080' }],
      output: blockCommand(API, ['--v=2']),
    },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('apiServer', ['insecure-port: "8080"', 'v: "2"']),
      errors: [{ text: 'insecure-port: "8080"' }],
      output: kubeadmMap('apiServer', ['v: "2"']),
      alternatives: { 'Set --insecure-port to 0': kubeadmMap('apiServer', ['insecure-port: "0"', 'v: "2"']) },
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('apiServer', [['v', '"2"'], ['insecure-port', '"8080"']]),
      errors: [{ text: 'name: insecure-port\n    value: "8080"' }],
      output: kubeadmList('apiServer', [['v', '"2"']]),
      alternatives: { 'Set --insecure-port to 0': kubeadmList('apiServer', [['v', '"2"'], ['insecure-port', '"0"']]) },
    },
  ],
});
