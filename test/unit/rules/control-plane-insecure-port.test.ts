import { kubeadmList, kubeadmMap } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const cmd = (binary: string, flags: string[]) => pod(`    command:\n    - ${binary}\n${flags.map((f) => `    - ${f}\n`).join('')}`);
const KCM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';

runRuleTests('control-plane-insecure-port', {
  valid: [
    { name: '--port=0', code: cmd(KCM, ['--port=0', '--bind-address=127.0.0.1']) },
    { name: 'no flag at all', code: cmd(SCHED, ['--bind-address=127.0.0.1']) },
    { name: 'loopback --address', code: cmd(SCHED, ['--address=127.0.0.1', '--address=localhost']) },
    { name: '--address with --port=0: nothing listens', code: cmd(KCM, ['--address=0.0.0.0', '--port=0']) },
    { name: 'last occurrence wins', code: cmd(KCM, ['--port=10252', '--port=0']) },
    { name: 'templated', code: cmd(SCHED, ['--port={{ .Values.port }}', '--address={{ .Values.address }}']) },
    { name: '$(VAR)', code: cmd(SCHED, ['--port=$(PORT)']) },
    { name: 'kube-apiserver has its own rule', code: cmd('kube-apiserver', ['--port=8080', '--address=0.0.0.0']) },
    { name: 'kubeadm --port=0', code: kubeadmMap('scheduler', ['port: "0"']) },
  ],
  invalid: [
    {
      name: 'explicit insecure port',
      code: cmd(SCHED, ['--port=10251']),
      errors: [{ text: '10251', line: 11, severity: 'error', messageId: 'insecurePort', data: { binary: 'kube-scheduler', port: '10251' } }],
      output: cmd(SCHED, ['--port=0']),
    },
    {
      name: 'public --address (default port)',
      code: cmd(KCM, ['--address=0.0.0.0', '--v=2']),
      errors: [{ text: '0.0.0.0', line: 11, messageId: 'publicAddress', data: { binary: 'kube-controller-manager', address: '0.0.0.0' } }],
      output: cmd(KCM, ['--v=2']),
    },
    {
      name: 'both',
      code: cmd(KCM, ['--address=10.0.0.5', '--port=10252']),
      errors: [{ text: '10.0.0.5', messageId: 'publicAddress' }, { text: '10252', messageId: 'insecurePort' }],
      output: cmd(KCM, ['--port=0']),
    },
    { name: 'split form: the value on its own line', code: cmd(SCHED, ['--port', '10251']), errors: [{ text: '10251', line: 12, messageId: 'insecurePort' }], output: cmd(SCHED, ['--port', '"0"']) },
    { name: 'last occurrence wins', code: cmd(SCHED, ['--port=0', '--port=10251']), errors: [{ text: '10251', line: 12, messageId: 'insecurePort' }], output: cmd(SCHED, ['--port=0', '--port=0']) },
    {
      name: 'sh -c',
      code: pod('    command: [sh, -c, "exec kube-scheduler --address=0.0.0.0 --v=2"]\n'),
      errors: [{ text: '0.0.0.0', messageId: 'publicAddress' }],
      output: pod('    command: [sh, -c, "exec kube-scheduler --v=2"]\n'),
    },
    { name: 'kubeadm map form', code: kubeadmMap('controllerManager', ['port: "10252"']), errors: [{ text: '10252', line: 5, messageId: 'insecurePort' }], output: kubeadmMap('controllerManager', ['port: "0"']) },
    { name: 'kubeadm list form', code: kubeadmList('scheduler', [['address', '0.0.0.0']]), errors: [{ text: '0.0.0.0', line: 6, messageId: 'publicAddress' }], output: kubeadmList('scheduler', [['address', '0.0.0.0']]).replace('  - name: address\n    value: 0.0.0.0\n', '') },
    {
      name: 'embedded: kubeadm-config ConfigMap',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\ndata:\n  ClusterConfiguration: |\n    scheduler:\n      extraArgs:\n        port: "10251"\n',
      errors: [{ text: '10251', line: 10, messageId: 'insecurePort' }],
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\ndata:\n  ClusterConfiguration: |\n    scheduler:\n      extraArgs:\n        port: "0"\n',
    },
  ],
});
