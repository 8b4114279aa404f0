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
      errors: [{ text: 'KubeletConfiguration', line: 2, severity: 'info', messageId: 'missing', data: { missing: 'tlsCertFile and tlsPrivateKeyFile' } }],
      unsafe: true,
      output: kc('rotateCertificates: true\n').replace('rotateCertificates: true\n', 'rotateCertificates: true\ntlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n'),
      alternatives: {
        'Add tlsCertFile': kc('rotateCertificates: true\ntlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n'),
        'Add serverTLSBootstrap: true': kc('rotateCertificates: true\nserverTLSBootstrap: true\n'),
      },
    },
    {
      name: 'explicit serverTLSBootstrap: false; quoted neighbours',
      code: kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: false\ntlsCertFile: "/a.crt"\n'),
      errors: [{ text: 'KubeletConfiguration', messageId: 'missing' }],
      unsafe: true,
      output: kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: false\ntlsCertFile: "/a.crt"\n').replace('tlsCertFile: "/a.crt"\n', 'tlsCertFile: "/a.crt"\ntlsPrivateKeyFile: "/var/lib/kubelet/pki/kubelet.key"\n'),
      alternatives: {
        'Add tlsPrivateKeyFile': kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: false\ntlsCertFile: "/a.crt"\ntlsPrivateKeyFile: "/var/lib/kubelet/pki/kubelet.key"\n'),
        'Add serverTLSBootstrap: true': kc('clusterDomain: "cluster.local"\nserverTLSBootstrap: true\ntlsCertFile: "/a.crt"\n'),
      },
    },
    {
      name: 'empty value is set in place',
      code: kc('tlsCertFile: ""\ntlsPrivateKeyFile: /a.key\n'),
      errors: [{ text: 'KubeletConfiguration' }],
      unsafe: true,
      output: kc('tlsCertFile: ""\ntlsPrivateKeyFile: /a.key\n').replace('tlsCertFile: ""\n', 'tlsCertFile: "/var/lib/kubelet/pki/kubelet.crt"\n'),
      alternatives: { 'Add tlsCertFile': kc('tlsCertFile: "/var/lib/kubelet/pki/kubelet.crt"\ntlsPrivateKeyFile: /a.key\n') },
    },
    {
      name: 'a kubeadm file does not fill these in',
      code: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n---\n${kc('cgroupDriver: systemd\n')}`,
      errors: [{ text: 'KubeletConfiguration' }],
      unsafe: true,
      output: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n---\n${kc('cgroupDriver: systemd\n')}`.replace('cgroupDriver: systemd\n', 'cgroupDriver: systemd\ntlsCertFile: /var/lib/kubelet/pki/kubelet.crt\ntlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n'),
    },
    {
      name: 'kubelet container without a config file',
      code: kubelet(['--kubeconfig=/k.conf']),
      errors: [{ text: 'kubelet', messageId: 'missing' }],
      unsafe: true,
      output: kubelet(['--kubeconfig=/k.conf']).replace('    - --kubeconfig=/k.conf\n', '    - --kubeconfig=/k.conf\n    - --tls-cert-file=/var/lib/kubelet/pki/kubelet.crt\n    - --tls-private-key-file=/var/lib/kubelet/pki/kubelet.key\n'),
      alternatives: {
        'Add --tls-cert-file': kubelet(['--kubeconfig=/k.conf', '--tls-cert-file=/var/lib/kubelet/pki/kubelet.crt', '--tls-private-key-file=/var/lib/kubelet/pki/kubelet.key']),
        'Add --rotate-server-certificates=true': kubelet(['--kubeconfig=/k.conf', '--rotate-server-certificates=true']),
      },
    },
  ],
});
