import { pod, runRuleTests } from '../../helpers/rule-tester';

const kc = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;
const kubelet = (flags: string[]) => pod(`    command:\n    - kubelet\n${flags.map((f) => `    - ${f}\n`).join('')}`);

runRuleTests('kubelet-tls-files-missing', {
  valid: [
    { name: 'both files', code: kc('tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n') },
    { name: 'serverTLSBootstrap makes them unnecessary', code: kc('serverTLSBootstrap: true\n') },
    { name: 'serverTLSBootstrap as YAML 1.1 yes', code: kc('serverTLSBootstrap: yes\n') },
    { name: 'templated resource', code: kc('{{- toYaml .Values.kubelet | nindent 0 }}\n') },
    { name: 'flags: both files', code: kubelet(['--tls-cert-file=/a.crt', '--tls-private-key-file=/a.key']) },
    { name: 'flags: --rotate-server-certificates', code: kubelet(['--rotate-server-certificates']) },
    { name: 'flags: config file may set them', code: kubelet(['--config=/var/lib/kubelet/config.yaml']) },
  ],
  invalid: [
    {
      name: 'rotateCertificates alone does not provide a serving certificate',
      code: kc('rotateCertificates: true\n'),
      errors: [{ text: 'KubeletConfiguration', line: 2, severity: 'info', message: 'kubelet without tlsCertFile and tlsPrivateKeyFile (and no server certificate bootstrap) serves a self-signed certificate the API server cannot verify.' }],
      alternatives: {
        'Add tlsCertFile': kc('rotateCertificates: true\ntlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n'),
        'Add serverTLSBootstrap: true': kc('rotateCertificates: true\nserverTLSBootstrap: true\n'),
      },
    },
    {
      name: 'explicit serverTLSBootstrap: false; quoted neighbours',
      code: kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: false\ntlsCertFile: "/a.crt"\n'),
      errors: [{ text: 'KubeletConfiguration', message: /^kubelet without tlsPrivateKeyFile / }],
      alternatives: {
        'Add tlsPrivateKeyFile': kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: false\ntlsCertFile: "/a.crt"\ntlsPrivateKeyFile: "/var/lib/kubelet/pki/kubelet.key"\n'),
        'Add serverTLSBootstrap: true': kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: true\ntlsCertFile: "/a.crt"\n'),
      },
    },
    {
      name: 'empty value is set in place',
      code: kc('tlsCertFile: ""\ntlsPrivateKeyFile: /a.key\n'),
      errors: [{ text: 'KubeletConfiguration' }],
      alternatives: { 'Add tlsCertFile': kc('tlsCertFile: "/var/lib/kubelet/pki/kubelet.crt"\ntlsPrivateKeyFile: /a.key\n') },
    },
    {
      name: 'a kubeadm file does not fill these in',
      code: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n---\n${kc('cgroupDriver: systemd\n')}`,
      errors: [{ text: 'KubeletConfiguration' }],
    },
    {
      name: 'kubelet container without a config file',
      code: kubelet(['--kubeconfig=/k.conf']),
      errors: [{ text: 'kubelet', message: /^kubelet without --tls-cert-file and --tls-private-key-file/ }],
      alternatives: {
        'Add --tls-cert-file': kubelet(['--kubeconfig=/k.conf', '--tls-cert-file=/var/lib/kubelet/pki/kubelet.crt', '--tls-private-key-file=/var/lib/kubelet/pki/kubelet.key']),
        'Add --rotate-server-certificates=true': kubelet(['--kubeconfig=/k.conf', '--rotate-server-certificates=true']),
      },
    },
  ],
});
