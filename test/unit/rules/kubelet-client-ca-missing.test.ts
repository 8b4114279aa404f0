import { pod, runRuleTests } from '../../helpers/rule-tester';

const kc = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;
const kubelet = (flags: string[]) => pod(`    command:\n    - kubelet\n${flags.map((f) => `    - ${f}\n`).join('')}`);
const CA = '/etc/kubernetes/pki/ca.crt';

runRuleTests('kubelet-client-ca-missing', {
  valid: [
    { name: 'set', code: kc(`authentication:\n  x509:\n    clientCAFile: ${CA}\n`) },
    { name: 'set in flow style', code: kc(`authentication: {x509: {clientCAFile: "${CA}"}}\n`) },
    { name: 'no authentication section, but a Kustomize patch', code: kc('maxPods: 200\n'), options: { kustomizePatch: true } },
    { name: 'no authentication section, kubeadm file', code: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n---\n${kc('maxPods: 200\n')}` },
    { name: 'no authentication section, templated', code: kc('maxPods: 200\n{{- with .Values.kubelet }}\n{{ toYaml . }}\n{{- end }}\n') },
    {
      name: 'no authentication section, in the kubelet-config ConfigMap (kubeadm completes it)',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kubelet-config, namespace: kube-system}\ndata:\n  kubelet: |\n    apiVersion: kubelet.config.k8s.io/v1beta1\n    kind: KubeletConfiguration\n    cgroupDriver: systemd\n`,
    },
    {
      name: 'no authentication section, a Cluster API file beside the configuration kubeadm writes',
      code: `apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nmetadata: {name: w}\nspec:\n  files:\n  - path: /etc/kubernetes/kubelet-extra.yaml\n    content: |\n      apiVersion: kubelet.config.k8s.io/v1beta1\n      kind: KubeletConfiguration\n      maxPods: 200\n`,
    },
    { name: 'flags with a config directory', code: kubelet(['--config-dir=/etc/kubernetes/kubelet.conf.d']) },
    { name: 'kubeadm file: kubeadm sets it', code: `apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n---\n${kc('authentication:\n  webhook: {enabled: true}\n')}` },
    { name: 'templated resource', code: kc('authentication:\n{{ toYaml .Values.auth | indent 2 }}\n') },
    { name: 'look-alike: clientCAFile elsewhere does not count, but this one is set', code: kc(`x509:\n  clientCAFile: ""\nauthentication:\n  x509:\n    clientCAFile: ${CA}\n`) },
    { name: 'flag set', code: kubelet([`--client-ca-file=${CA}`]) },
    { name: 'flags with a config file', code: kubelet(['--config=/var/lib/kubelet/config.yaml']) },
  ],
  invalid: [
    {
      name: 'no authentication section: no client CA (the default is empty)',
      code: kc('maxPods: 200\n'),
      errors: [{ text: 'KubeletConfiguration', line: 2, severity: 'warning', messageId: 'configWithoutClientCa' }],
      output: kc(`maxPods: 200\nauthentication:\n  x509:\n    clientCAFile: ${CA}\n`),
    },
    {
      name: 'no authentication section: quoted like its neighbours, comment kept',
      code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: "KubeletConfiguration"\nmaxPods: 200 # keep\n',
      errors: [{ text: '"KubeletConfiguration"', messageId: 'configWithoutClientCa' }],
      output: `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: "KubeletConfiguration"\nmaxPods: 200 # keep\nauthentication:\n  x509:\n    clientCAFile: "${CA}"\n`,
    },
    {
      name: 'authentication section without x509',
      code: kc('cgroupDriver: systemd\nauthentication:\n  anonymous: {enabled: false}\n'),
      errors: [{ text: 'KubeletConfiguration', severity: 'warning', messageId: 'configWithoutClientCa' }],
      output: kc(`cgroupDriver: systemd\nauthentication:\n  anonymous: {enabled: false}\n  x509:\n    clientCAFile: ${CA}\n`),
    },
    {
      name: 'authentication without x509: nested in its indentation',
      code: kc('authentication:\n    anonymous:\n        enabled: false\n    webhook:\n        enabled: true # keep\nauthorization:\n    mode: Webhook\n'),
      errors: [{ text: 'KubeletConfiguration', messageId: 'configWithoutClientCa' }],
      output: kc(`authentication:\n    anonymous:\n        enabled: false\n    webhook:\n        enabled: true # keep\n    x509:\n        clientCAFile: ${CA}\nauthorization:\n    mode: Webhook\n`),
    },
    {
      name: 'empty x509 flow map',
      code: kc('authentication:\n  x509: {}\n'),
      errors: [{ text: 'KubeletConfiguration', messageId: 'configWithoutClientCa' }],
      output: kc(`authentication:\n  x509: {clientCAFile: ${CA}}\n`),
    },
    {
      name: 'empty value, CRLF',
      code: kc('authentication:\r\n  x509:\r\n    clientCAFile: ""\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
      errors: [{ text: 'clientCAFile: ""', messageId: 'configWithoutClientCa' }],
      output: kc(`authentication:\r\n  x509:\r\n    clientCAFile: "${CA}"\r\n`).replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
    },
    {
      name: 'kubelet container without a config file',
      code: kubelet(['--kubeconfig=/k.conf']),
      errors: [{ text: 'kubelet', messageId: 'flagsWithoutClientCa' }],
      output: kubelet(['--kubeconfig=/k.conf', `--client-ca-file=${CA}`]),
    },
  ],
}, { unsafe: true });
