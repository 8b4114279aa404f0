import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { runRuleTests } from '../../helpers/rule-tester';

const KCM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';
const SET = 'Set --bind-address to 127.0.0.1';

runRuleTests('control-plane-bind-address-public', {
  valid: [
    { name: 'absent (kube-bench accepts the default)', code: blockCommand(KCM, ['--v=2']) },
    { name: '127.0.0.1', code: blockCommand(KCM, ['--bind-address=127.0.0.1']) },
    { name: 'other loopback forms', code: flowCommand(SCHED, ['--bind-address=::1']) },
    { name: '127.0.0.0/8', code: blockCommand(SCHED, ['--bind-address=127.0.1.1']) },
    { name: 'localhost', code: blockCommand(SCHED, ['--bind-address=localhost']) },
    { name: 'empty value is the default', code: blockCommand(SCHED, ['--bind-address=']) },
    { name: 'last occurrence wins', code: blockCommand(KCM, ['--bind-address=0.0.0.0', '--bind-address=127.0.0.1']) },
    { name: 'look-alike flags', code: blockCommand(KCM, ['--bind-address-x=0.0.0.0', '--secure-bind-address=0.0.0.0', '--healthz-bind-address=0.0.0.0']) },
    { name: 'the API server must listen publicly', code: blockCommand('kube-apiserver', ['--bind-address=0.0.0.0']) },
    { name: 'templated value', code: blockCommand(KCM, ['--bind-address={{ .Values.bind }}']) },
    { name: 'environment variable', code: blockCommand(KCM, ['--bind-address=$(POD_IP)']) },
    { name: 'kubeadm v1beta3: localhost', code: kubeadmMap('scheduler', ['bind-address: 127.0.0.1']) },
    { name: 'kubeadm v1beta4: localhost', code: kubeadmList('controllerManager', [['bind-address', '"127.0.0.1"']]) },
  ],
  invalid: [
    {
      name: 'controller manager, block command',
      code: blockCommand(KCM, ['--bind-address=0.0.0.0']),
      errors: [{ text: '0.0.0.0', line: 11, severity: 'warning', message: 'kube-controller-manager --bind-address=0.0.0.0 exposes its metrics and health endpoints beyond localhost.' }],
      alternatives: { [SET]: blockCommand(KCM, ['--bind-address=127.0.0.1']) },
    },
    {
      name: 'scheduler, flow command, node address',
      code: flowCommand(SCHED, ['--bind-address=10.0.0.5', '--v=2']),
      errors: [{ text: '10.0.0.5', message: /^kube-scheduler --bind-address=10\.0\.0\.5/ }],
      alternatives: { [SET]: flowCommand(SCHED, ['--bind-address=127.0.0.1', '--v=2']) },
    },
    { name: 'IPv6 any', code: blockCommand(SCHED, ['"--bind-address=::"']), errors: [{ text: '::' }], alternatives: { [SET]: blockCommand(SCHED, ['"--bind-address=127.0.0.1"']) } },
    {
      name: 'split form',
      code: blockCommand(KCM, ['--bind-address', '"0.0.0.0"']),
      errors: [{ text: '0.0.0.0' }],
      alternatives: { [SET]: blockCommand(KCM, ['--bind-address', '"127.0.0.1"']) },
    },
    {
      name: 'last occurrence wins',
      code: blockCommand(KCM, ['--bind-address=127.0.0.1', '--bind-address=0.0.0.0']),
      errors: [{ text: '0.0.0.0' }],
    },
    { name: 'args only', code: argsOnly(SCHED, ['--bind-address=0.0.0.0']), errors: [{ text: '0.0.0.0' }] },
    {
      name: 'sh -c',
      code: shellScript(KCM, ['--bind-address=0.0.0.0', '--v=2']),
      errors: [{ text: '0.0.0.0' }],
      alternatives: { [SET]: shellScript(KCM, ['--bind-address=127.0.0.1', '--v=2']) },
    },
    { name: 'hyperkube', code: hyperkube('scheduler', ['--bind-address=0.0.0.0']), errors: [{ text: '0.0.0.0' }] },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('controllerManager', ['bind-address: 0.0.0.0']),
      errors: [{ text: '0.0.0.0' }],
      alternatives: { [SET]: kubeadmMap('controllerManager', ['bind-address: 127.0.0.1']) },
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('scheduler', [['bind-address', '"0.0.0.0"']]),
      errors: [{ text: '0.0.0.0' }],
      alternatives: { [SET]: kubeadmList('scheduler', [['bind-address', '"127.0.0.1"']]) },
    },
  ],
});
