import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { runRuleTests } from '../../helpers/rule-tester';

const API = 'kube-apiserver';

runRuleTests('apiserver-kubelet-https-disabled', {
  valid: [
    { name: 'absent', code: blockCommand(API, ['--v=2']) },
    { name: 'true', code: blockCommand(API, ['--kubelet-https=true']) },
    { name: 'bare boolean flag', code: flowCommand(API, ['--kubelet-https']) },
    { name: 'last occurrence wins', code: blockCommand(API, ['--kubelet-https=false', '--kubelet-https=True']) },
    { name: 'a boolean flag never takes the next word as its value', code: blockCommand(API, ['--kubelet-https', 'false']) },
    { name: 'look-alike flag', code: blockCommand(API, ['--kubelet-https-x=false', '--kubelet-http=false']) },
    { name: 'another binary', code: blockCommand('kubelet', ['--kubelet-https=false']) },
    { name: 'not a Go boolean', code: blockCommand(API, ['--kubelet-https=no']) },
    { name: 'templated value', code: blockCommand(API, ['--kubelet-https={{ .Values.https }}']) },
    { name: 'kubeadm v1beta3: true', code: kubeadmMap('apiServer', ['kubelet-https: "true"']) },
  ],
  invalid: [
    {
      name: 'block command',
      code: blockCommand(API, ['--kubelet-https=false', '--v=2']),
      errors: [{ text: '--kubelet-https=false', severity: 'warning', messageId: 'kubeletHttpsOff' }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --kubelet-https to true': blockCommand(API, ['--kubelet-https=true', '--v=2']) },
    },
    {
      name: 'Go spellings of false',
      code: flowCommand(API, ['--kubelet-https=0', '--kubelet-https=F']),
      errors: [{ text: '--kubelet-https=F' }],
      output: flowCommand(API, []),
    },
    { name: 'args only', code: argsOnly(API, ['--kubelet-https=FALSE']), errors: [{ text: '--kubelet-https=FALSE' }], output: argsOnly(API, ['--kubelet-https=FALSE']).replace('    - --kubelet-https=FALSE\n', '') },
    {
      name: 'sh -c',
      code: shellScript(API, ['--kubelet-https=false', '--v=2']),
      errors: [{ text: '--kubelet-https=false' }],
      output: shellScript(API, ['--v=2']),
    },
    { name: 'hyperkube', code: hyperkube('apiserver', ['--kubelet-https=false']), errors: [{ text: '--kubelet-https=false' }], output: hyperkube('apiserver', ['--kubelet-https=false']).replace('    - --kubelet-https=false\n', '') },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('apiServer', ['kubelet-https: "false"', 'v: "2"']),
      errors: [{ text: 'kubelet-https: "false"' }],
      output: kubeadmMap('apiServer', ['v: "2"']),
      alternatives: { 'Set --kubelet-https to true': kubeadmMap('apiServer', ['kubelet-https: "true"', 'v: "2"']) },
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('apiServer', [['v', '"2"'], ['kubelet-https', '"false"']]),
      errors: [{ text: 'name: kubelet-https\n    value: "false"' }],
      output: kubeadmList('apiServer', [['v', '"2"']]),
    },
  ],
});
