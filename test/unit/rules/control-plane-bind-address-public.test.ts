import * as cp from '../../helpers/control-plane';
import { kubeadmList, kubeadmMap } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

/** The pod on the host's network, as a static pod is: the fixture builders' pods gain `hostNetwork: true`. */
const onHost = (build: (binary: string, flags: readonly string[]) => string) => (binary: string, flags: readonly string[]) =>
  build(binary, flags).replace('spec:\n  containers:', 'spec:\n  hostNetwork: true\n  containers:');
const blockCommand = onHost(cp.blockCommand);
const flowCommand = onHost(cp.flowCommand);
const argsOnly = onHost(cp.argsOnly);
const shellScript = onHost(cp.shellScript);
const hyperkube = onHost(cp.hyperkube);

/** A Deployment running the binary on the pod network (a hosted control plane), with `podSpec` lines added. */
const hosted = (binary: string, flag: string, podSpec = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n${podSpec}      containers:\n      - name: a\n        command: [${binary}, ${flag}]\n        livenessProbe:\n          httpGet: {path: /healthz, port: 10257, scheme: HTTPS}\n`;

const KCM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';
const SET = 'Set --bind-address to 127.0.0.1';
const ADD = '--bind-address=127.0.0.1';

runRuleTests('control-plane-bind-address-public', {
  valid: [
    { name: '127.0.0.1', code: blockCommand(KCM, ['--bind-address=127.0.0.1']) },
    { name: 'other loopback forms', code: flowCommand(SCHED, ['--bind-address=::1']) },
    { name: '127.0.0.0/8', code: blockCommand(SCHED, ['--bind-address=127.0.1.1']) },
    { name: 'localhost', code: blockCommand(SCHED, ['--bind-address=localhost']) },
    { name: 'empty value is the default', code: blockCommand(SCHED, ['--bind-address=']) },
    { name: 'last occurrence wins', code: blockCommand(KCM, ['--bind-address=0.0.0.0', '--bind-address=127.0.0.1']) },
    { name: 'look-alike flags', code: blockCommand(KCM, ['--bind-address-x=0.0.0.0', '--secure-bind-address=0.0.0.0', '--healthz-bind-address=0.0.0.0', '--bind-address=127.0.0.1']) },
    { name: 'split and quoted loopback', code: blockCommand(SCHED, ['"--bind-address"', '"127.0.0.1"']) },
    { name: 'loopback in a sh -c script', code: shellScript(KCM, ['--bind-address=127.0.0.1']) },
    { name: 'loopback, args only', code: argsOnly(KCM, ['--bind-address=127.0.0.1']) },
    // Absent: nothing listens without the secure port, kubeadm writes 127.0.0.1 itself, templates may add it.
    { name: 'absent, secure port off', code: blockCommand(SCHED, ['--secure-port=0']) },
    { name: 'public, secure port off', code: blockCommand(KCM, ['--bind-address=0.0.0.0', '--secure-port', '0']) },
    { name: 'absent: kubeadm v1beta3 extraArgs without it (kubeadm writes 127.0.0.1)', code: kubeadmMap('controllerManager', ['v: "2"']) },
    { name: 'absent: kubeadm v1beta4 extraArgs without it', code: kubeadmList('scheduler', [['v', '"2"']]) },
    { name: 'absent: kubeadm section without extraArgs', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\ncontrollerManager: {}\nscheduler: {}\n' },
    {
      name: 'absent: Cluster API KubeadmControlPlane',
      code: 'apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nmetadata: {name: cp}\nspec:\n  kubeadmConfigSpec:\n    clusterConfiguration:\n      controllerManager:\n        extraArgs: {v: "2"}\n',
    },
    { name: 'absent: Helm flags from a template', code: pod(`    command:\n    - ${KCM}\n    {{- range .Values.flags }}\n    - {{ . }}\n    {{- end }}\n`) },
    { name: 'absent: --version only prints', code: flowCommand(SCHED, ['--version']) },
    { name: 'absent: hosted control plane', code: hosted(KCM, '--v=2') },
    { name: 'the API server must listen publicly', code: blockCommand('kube-apiserver', ['--bind-address=0.0.0.0']) },
    { name: 'templated value', code: blockCommand(KCM, ['--bind-address={{ .Values.bind }}']) },
    { name: 'environment variable', code: blockCommand(KCM, ['--bind-address=$(POD_IP)']) },
    { name: 'kubeadm v1beta3: localhost', code: kubeadmMap('scheduler', ['bind-address: 127.0.0.1']) },
    { name: 'kubeadm v1beta4: localhost', code: kubeadmList('controllerManager', [['bind-address', '"127.0.0.1"']]) },
    // On the pod network 0.0.0.0 is the pod's address, which the kubelet's probes need.
    { name: 'hosted control plane: a Deployment on the pod network', code: hosted(KCM, '--bind-address=0.0.0.0') },
    { name: 'hosted control plane: hostNetwork: false', code: hosted(SCHED, '--bind-address=0.0.0.0', '      hostNetwork: false\n') },
    {
      name: 'hosted control plane with a tcpSocket readiness probe',
      code: hosted(SCHED, '--bind-address=0.0.0.0').replace('livenessProbe:\n          httpGet: {path: /healthz, port: 10257, scheme: HTTPS}', 'readinessProbe:\n          tcpSocket: {port: 10259}'),
    },
  ],
  invalid: [
    // Absent: both listen on 0.0.0.0 by default; reported on the word naming the program.
    {
      name: 'absent: block command',
      code: blockCommand(KCM, ['--v=2']),
      errors: [{ text: KCM, line: 11, severity: 'warning', messageId: 'absentBindAddress', data: { binary: KCM } }],
      output: blockCommand(KCM, ['--v=2', ADD]),
      unsafe: true,
    },
    { name: 'absent: flow command', code: flowCommand(SCHED, ['--v=2']), errors: [{ text: SCHED, messageId: 'absentBindAddress', data: { binary: SCHED } }], output: flowCommand(SCHED, ['--v=2', ADD]), unsafe: true },
    { name: 'absent: only look-alike flags', code: blockCommand(KCM, ['--healthz-bind-address=127.0.0.1', '--secure-bind-address=127.0.0.1']), errors: [{ text: KCM, messageId: 'absentBindAddress' }], output: blockCommand(KCM, ['--healthz-bind-address=127.0.0.1', '--secure-bind-address=127.0.0.1', ADD]), unsafe: true },
    { name: 'absent: args only, on the image', code: argsOnly(SCHED, ['--v=2']), errors: [{ text: `registry.k8s.io/${SCHED}:v1.31.0`, messageId: 'absentBindAddress' }], output: argsOnly(SCHED, ['--v=2', ADD]), unsafe: true },
    { name: 'absent: sh -c, on the script', code: shellScript(KCM, ['--v=2']), errors: [{ text: `exec /usr/local/bin/${KCM} --v=2`, messageId: 'absentBindAddress' }], output: shellScript(KCM, ['--v=2', ADD]), unsafe: true },
    { name: 'absent: hyperkube', code: hyperkube('controller-manager', ['--v=2']), errors: [{ text: '/hyperkube', messageId: 'absentBindAddress' }], output: hyperkube('controller-manager', ['--v=2', ADD]), unsafe: true },
    { name: 'absent: a secure port that is not 0', code: blockCommand(SCHED, ['--secure-port=10259']), errors: [{ text: SCHED, messageId: 'absentBindAddress' }], output: blockCommand(SCHED, ['--secure-port=10259', ADD]), unsafe: true },
    { name: 'absent: a bare Pod on the pod network without probes', code: cp.blockCommand(SCHED, ['--v=2']), errors: [{ text: SCHED, messageId: 'absentBindAddress' }], output: cp.blockCommand(SCHED, ['--v=2', ADD]), unsafe: true },
    // Nothing on the pod network needs the pod address without probes to it: the benchmark's 127.0.0.1 works.
    { name: 'a bare Pod on the pod network, no probes', code: cp.blockCommand(KCM, ['--bind-address=0.0.0.0']), errors: [{ text: '0.0.0.0', line: 11, messageId: 'publicBindAddress' }], unsafe: true, output: cp.blockCommand(KCM, ['--bind-address=0.0.0.0']).replace('    - --bind-address=0.0.0.0\n', '    - --bind-address=127.0.0.1\n') },
    {
      name: 'pod network, but the probe names the host (127.0.0.1 is probed from the pod itself)',
      code: hosted(KCM, '--bind-address=0.0.0.0').replace('httpGet: {path: /healthz,', 'httpGet: {host: 127.0.0.1, path: /healthz,'),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: hosted(KCM, '--bind-address=0.0.0.0').replace('httpGet: {path: /healthz,', 'httpGet: {host: 127.0.0.1, path: /healthz,').replace('        command: [kube-controller-manager, --bind-address=0.0.0.0]\n', '        command: [kube-controller-manager, --bind-address=127.0.0.1]\n'),
    },
    {
      name: 'pod network with an exec probe only',
      code: hosted(KCM, '--bind-address=0.0.0.0').replace('httpGet: {path: /healthz, port: 10257, scheme: HTTPS}', 'exec: {command: [true]}'),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: hosted(KCM, '--bind-address=0.0.0.0').replace('httpGet: {path: /healthz, port: 10257, scheme: HTTPS}', 'exec: {command: [true]}').replace('        command: [kube-controller-manager, --bind-address=0.0.0.0]\n', '        command: [kube-controller-manager, --bind-address=127.0.0.1]\n'),
    },
    {
      name: 'controller manager, block command',
      code: blockCommand(KCM, ['--bind-address=0.0.0.0']),
      errors: [{ text: '0.0.0.0', line: 12, severity: 'warning', messageId: 'publicBindAddress', data: { binary: 'kube-controller-manager', value: '0.0.0.0' } }],
      unsafe: true,
      output: blockCommand(KCM, ['--bind-address=0.0.0.0']).replace('    - --bind-address=0.0.0.0\n', '    - --bind-address=127.0.0.1\n'),
      alternatives: { [SET]: blockCommand(KCM, ['--bind-address=127.0.0.1']) },
    },
    {
      name: 'scheduler, flow command, node address',
      code: flowCommand(SCHED, ['--bind-address=10.0.0.5', '--v=2']),
      errors: [{ text: '10.0.0.5', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: flowCommand(SCHED, ['--bind-address=10.0.0.5', '--v=2']).replace('    command: [kube-scheduler, --bind-address=10.0.0.5, --v=2]\n', '    command: [kube-scheduler, --bind-address=127.0.0.1, --v=2]\n'),
      alternatives: { [SET]: flowCommand(SCHED, ['--bind-address=127.0.0.1', '--v=2']) },
    },
    { name: 'IPv6 any', code: blockCommand(SCHED, ['"--bind-address=::"']), errors: [{ text: '::', messageId: 'publicBindAddress' }], unsafe: true, output: blockCommand(SCHED, ['"--bind-address=::"']).replace('    - "--bind-address=::"\n', '    - "--bind-address=127.0.0.1"\n'), alternatives: { [SET]: blockCommand(SCHED, ['"--bind-address=127.0.0.1"']) } },
    {
      name: 'split form',
      code: blockCommand(KCM, ['--bind-address', '"0.0.0.0"']),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: blockCommand(KCM, ['--bind-address', '"0.0.0.0"']).replace('    - "0.0.0.0"\n', '    - "127.0.0.1"\n'),
      alternatives: { [SET]: blockCommand(KCM, ['--bind-address', '"127.0.0.1"']) },
    },
    {
      name: 'last occurrence wins',
      code: blockCommand(KCM, ['--bind-address=127.0.0.1', '--bind-address=0.0.0.0']),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: blockCommand(KCM, ['--bind-address=127.0.0.1', '--bind-address=0.0.0.0']).replace('    - --bind-address=0.0.0.0\n', '    - --bind-address=127.0.0.1\n'),
    },
    { name: 'args only', code: argsOnly(SCHED, ['--bind-address=0.0.0.0']), errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }], unsafe: true, output: argsOnly(SCHED, ['--bind-address=0.0.0.0']).replace('    - --bind-address=0.0.0.0\n', '    - --bind-address=127.0.0.1\n') },
    {
      name: 'sh -c',
      code: shellScript(KCM, ['--bind-address=0.0.0.0', '--v=2']),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: shellScript(KCM, ['--bind-address=0.0.0.0', '--v=2']).replace('    - exec /usr/local/bin/kube-controller-manager --bind-address=0.0.0.0 --v=2\n', '    - exec /usr/local/bin/kube-controller-manager --bind-address=127.0.0.1 --v=2\n'),
      alternatives: { [SET]: shellScript(KCM, ['--bind-address=127.0.0.1', '--v=2']) },
    },
    { name: 'hyperkube', code: hyperkube('scheduler', ['--bind-address=0.0.0.0']), errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }], unsafe: true, output: hyperkube('scheduler', ['--bind-address=0.0.0.0']).replace('    - --bind-address=0.0.0.0\n', '    - --bind-address=127.0.0.1\n') },
    { name: 'a Deployment on the host network', code: hosted(KCM, '--bind-address=0.0.0.0', '      hostNetwork: true\n'), errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }], unsafe: true, output: hosted(KCM, '--bind-address=0.0.0.0', '      hostNetwork: true\n').replace('        command: [kube-controller-manager, --bind-address=0.0.0.0]\n', '        command: [kube-controller-manager, --bind-address=127.0.0.1]\n') },
    { name: 'templated hostNetwork may be true', code: hosted(SCHED, '--bind-address=0.0.0.0', '      hostNetwork: {{ .Values.hostNetwork }}\n'), errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }], unsafe: true, output: hosted(SCHED, '--bind-address=0.0.0.0', '      hostNetwork: {{ .Values.hostNetwork }}\n').replace('        command: [kube-scheduler, --bind-address=0.0.0.0]\n', '        command: [kube-scheduler, --bind-address=127.0.0.1]\n') },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('controllerManager', ['bind-address: 0.0.0.0']),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: kubeadmMap('controllerManager', ['bind-address: 0.0.0.0']).replace('    bind-address: 0.0.0.0\n', '    bind-address: 127.0.0.1\n'),
      alternatives: { [SET]: kubeadmMap('controllerManager', ['bind-address: 127.0.0.1']) },
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('scheduler', [['bind-address', '"0.0.0.0"']]),
      errors: [{ text: '0.0.0.0', messageId: 'publicBindAddress' }],
      unsafe: true,
      output: kubeadmList('scheduler', [['bind-address', '"0.0.0.0"']]).replace('    value: "0.0.0.0"\n', '    value: "127.0.0.1"\n'),
      alternatives: { [SET]: kubeadmList('scheduler', [['bind-address', '"127.0.0.1"']]) },
    },
  ],
});
