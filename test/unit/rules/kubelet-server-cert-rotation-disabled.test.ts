import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { runRuleTests } from '../../helpers/rule-tester';

const KCM = 'kube-controller-manager';
const OFF = 'RotateKubeletServerCertificate=false';

runRuleTests('kubelet-server-cert-rotation-disabled', {
  valid: [
    { name: 'absent', code: blockCommand(KCM, ['--v=2']) },
    { name: 'other gates', code: blockCommand(KCM, ['--feature-gates=SomeGate=false,RotateKubeletServerCertificate=true']) },
    { name: 'turned back on later in the same flag', code: blockCommand(KCM, [`--feature-gates=${OFF},RotateKubeletServerCertificate=true`]) },
    { name: 'turned back on by a later flag (gates merge)', code: blockCommand(KCM, [`--feature-gates=${OFF}`, '--feature-gates=RotateKubeletServerCertificate=true']) },
    { name: 'look-alike gate', code: blockCommand(KCM, ['--feature-gates=RotateKubeletServerCertificateX=false,RotateKubeletClientCertificate=false']) },
    { name: 'look-alike flag', code: blockCommand(KCM, [`--feature-gates-x=${OFF}`]) },
    { name: 'another binary', code: blockCommand('kube-apiserver', [`--feature-gates=${OFF}`]) },
    { name: 'a later templated flag may turn it on', code: blockCommand(KCM, [`--feature-gates=${OFF}`, '--feature-gates={{ .Values.gates }}']) },
    { name: 'kubeadm: other gates', code: kubeadmMap('controllerManager', ['feature-gates: "A=true"']) },
  ],
  invalid: [
    {
      name: 'block command: only the gate is flagged, the fix removes it',
      code: blockCommand(KCM, [`--feature-gates=A=true,${OFF},B=false`]),
      errors: [{ text: OFF, line: 11, severity: 'warning', messageId: 'gateOff' }],
      output: blockCommand(KCM, ['--feature-gates=A=true,B=false']),
    },
    {
      name: 'the only gate: the flag goes',
      code: flowCommand(KCM, [`--feature-gates=${OFF}`, '--v=2']),
      errors: [{ text: OFF }],
      output: flowCommand(KCM, ['--v=2']),
    },
    {
      name: 'Go spelling of false, spaces',
      code: blockCommand(KCM, ['"--feature-gates=A=true, RotateKubeletServerCertificate=0"']),
      errors: [{ text: 'RotateKubeletServerCertificate=0' }],
      output: blockCommand(KCM, ['"--feature-gates=A=true"']),
    },
    {
      name: 'turned off by a later flag; every mention is removed',
      code: blockCommand(KCM, ['--feature-gates=RotateKubeletServerCertificate=true,A=true', `--feature-gates=${OFF}`]),
      errors: [{ text: OFF }],
      output: blockCommand(KCM, ['--feature-gates=A=true']),
    },
    {
      name: 'split form',
      code: blockCommand(KCM, ['--feature-gates', OFF]),
      errors: [{ text: OFF }],
      output: blockCommand(KCM, []),
    },
    { name: 'args only', code: argsOnly(KCM, [`--feature-gates=${OFF}`]), errors: [{ text: OFF }], output: argsOnly(KCM, [`--feature-gates=${OFF}`]).replace('    - --feature-gates=RotateKubeletServerCertificate=false\n', '') },
    {
      name: 'sh -c',
      code: shellScript(KCM, [`--feature-gates=A=true,${OFF}`, '--v=2']),
      errors: [{ text: OFF }],
      output: shellScript(KCM, ['--feature-gates=A=true', '--v=2']),
    },
    { name: 'hyperkube', code: hyperkube('controller-manager', [`--feature-gates=${OFF}`]), errors: [{ text: OFF }], output: hyperkube('controller-manager', [`--feature-gates=${OFF}`]).replace('    - --feature-gates=RotateKubeletServerCertificate=false\n', '') },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('controllerManager', [`feature-gates: "A=true,${OFF}"`]),
      errors: [{ text: OFF }],
      output: kubeadmMap('controllerManager', ['feature-gates: "A=true"']),
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('controllerManager', [['v', '"2"'], ['feature-gates', OFF]]),
      errors: [{ text: OFF }],
      output: kubeadmList('controllerManager', [['v', '"2"']]),
    },
  ],
});
