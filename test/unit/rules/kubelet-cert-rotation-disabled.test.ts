import { pod, runRuleTests } from '../../helpers/rule-tester';

const kc = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;
const kubelet = (flags: string[]) => pod(`    command:\n    - kubelet\n${flags.map((f) => `    - ${f}\n`).join('')}`);

runRuleTests('kubelet-cert-rotation-disabled', {
  valid: [
    { name: 'absent: not reported (the default, set by kubeadm)', code: kc('cgroupDriver: systemd\n') },
    { name: 'true', code: kc('rotateCertificates: true\nserverTLSBootstrap: true\n') },
    { name: 'serverTLSBootstrap: false is the default, not reported', code: kc('serverTLSBootstrap: false\n') },
    { name: 'gate true', code: kc('featureGates:\n  RotateKubeletServerCertificate: true\n') },
    { name: 'a string is not a boolean the kubelet accepts', code: kc('rotateCertificates: "false"\n') },
    { name: 'look-alike gate', code: kc('featureGates:\n  RotateKubeletServerCertificateX: false\n') },
    { name: 'flags true', code: kubelet(['--rotate-certificates', '--feature-gates=RotateKubeletServerCertificate=true']) },
    { name: 'last --feature-gates value of the gate wins', code: kubelet(['--feature-gates=RotateKubeletServerCertificate=false', '--feature-gates=A=true,RotateKubeletServerCertificate=true']) },
    { name: 'controller manager gate is another rule', code: pod('    command:\n    - kube-controller-manager\n    - --feature-gates=RotateKubeletServerCertificate=false\n') },
  ],
  invalid: [
    {
      name: 'rotateCertificates: false is flipped',
      code: kc('rotateCertificates: false # off\n'),
      errors: [{ text: 'rotateCertificates: false', line: 3, severity: 'warning', messageId: 'rotateCertificatesOff' }],
      output: kc('rotateCertificates: true # off\n'),
    },
    {
      name: 'YAML 1.1 off',
      code: kc('rotateCertificates: off\n'),
      errors: [{ text: 'rotateCertificates: off', messageId: 'rotateCertificatesOff' }],
      output: kc('rotateCertificates: true\n'),
    },
    {
      name: 'gate false: removed with its emptied parent',
      code: kc('featureGates:\n  RotateKubeletServerCertificate: false\nrotateCertificates: true\n'),
      errors: [{ text: 'RotateKubeletServerCertificate: false', messageId: 'serverGateOff' }],
      output: kc('rotateCertificates: true\n'),
    },
    {
      name: 'gate false among others, flow map',
      code: kc('featureGates: {GracefulNodeShutdown: true, RotateKubeletServerCertificate: false}\n'),
      errors: [{ text: 'RotateKubeletServerCertificate: false', messageId: 'serverGateOff' }],
      output: kc('featureGates: {GracefulNodeShutdown: true}\n'),
    },
    {
      name: 'both in one file',
      code: kc('rotateCertificates: false\nfeatureGates:\n  A: true\n  RotateKubeletServerCertificate: False\n'),
      errors: [{ text: 'rotateCertificates: false', messageId: 'rotateCertificatesOff' }, { text: 'RotateKubeletServerCertificate: False', messageId: 'serverGateOff' }],
      output: kc('rotateCertificates: true\nfeatureGates:\n  A: true\n'),
    },
    {
      name: 'flag --rotate-certificates=false',
      code: kubelet(['--rotate-certificates=false']),
      errors: [{ text: '--rotate-certificates=false', messageId: 'rotateCertificatesFlagOff' }],
      output: kubelet(['--rotate-certificates=true']),
    },
    {
      name: 'flag --feature-gates: only the gate is pointed at and removed',
      code: kubelet(['--feature-gates=A=true,RotateKubeletServerCertificate=false,B=false']),
      errors: [{ text: 'RotateKubeletServerCertificate=false', messageId: 'serverGateFlagOff' }],
      output: kubelet(['--feature-gates=A=true,B=false']),
    },
  ],
});
