import { kubeadmList, kubeadmMap } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const apiserver = (flags: string[]) => pod(`    command:\n    - kube-apiserver\n${flags.map((f) => `    - ${f}\n`).join('')}`);
const external = (endpoints: string) => `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  external:\n    endpoints:\n${endpoints}`;

runRuleTests('apiserver-etcd-plain-http', {
  valid: [
    { name: 'https', code: apiserver(['--etcd-servers=https://10.0.0.5:2379,https://10.0.0.6:2379']) },
    { name: 'loopback http', code: apiserver(['--etcd-servers=http://127.0.0.1:2379']) },
    { name: 'localhost and [::1]', code: apiserver(['--etcd-servers=http://localhost:2379,http://[::1]:2379']) },
    { name: 'last occurrence wins', code: apiserver(['--etcd-servers=http://10.0.0.5:2379', '--etcd-servers=https://10.0.0.5:2379']) },
    { name: 'templated', code: apiserver(['--etcd-servers={{ .Values.etcd }}']) },
    { name: '${…} is unknown', code: apiserver(['--etcd-servers=http://${ETCD_HOST}:2379']) },
    { name: 'another binary', code: pod('    command: [kube-controller-manager, --etcd-servers=http://10.0.0.5:2379]\n') },
    { name: 'kubeadm external https endpoints', code: external('    - https://10.0.0.5:2379\n') },
    { name: 'kubeadm external loopback endpoint', code: external('    - http://127.0.0.1:2379\n') },
    { name: 'kubeadm templated endpoint', code: external('    - "http://{{ .Values.etcdHost }}:2379"\n') },
  ],
  invalid: [
    {
      name: 'plain http to another host',
      code: apiserver(['--etcd-servers=http://10.0.0.5:2379']),
      errors: [{ text: 'http://10.0.0.5:2379', line: 11, severity: 'warning', messageId: 'etcdServers', data: { urls: 'http://10.0.0.5:2379' } }],
      output: null,
    },
    {
      name: 'only the plain non-loopback URLs are named',
      code: apiserver(['--etcd-servers=https://10.0.0.5:2379,http://127.0.0.1:2379,Http://etcd-1.etcd:2379']),
      errors: [{ text: 'https://10.0.0.5:2379,http://127.0.0.1:2379,Http://etcd-1.etcd:2379', messageId: 'etcdServers', data: { urls: 'Http://etcd-1.etcd:2379' } }],
    },
    { name: 'split form', code: apiserver(['--etcd-servers', 'http://10.0.0.5:2379']), errors: [{ text: 'http://10.0.0.5:2379', line: 12, messageId: 'etcdServers' }] },
    { name: 'last occurrence wins', code: apiserver(['--etcd-servers=https://10.0.0.5:2379', '--etcd-servers=http://10.0.0.5:2379']), errors: [{ text: 'http://10.0.0.5:2379', line: 12, messageId: 'etcdServers' }] },
    { name: '$(VAR) host', code: apiserver(['--etcd-servers=http://$(ETCD_HOST):2379']), errors: [{ text: 'http://$(ETCD_HOST):2379', messageId: 'etcdServers' }] },
    { name: 'sh -c', code: pod('    command: [sh, -c, "exec kube-apiserver --etcd-servers=http://0.0.0.0:2379 --v=2"]\n'), errors: [{ text: 'http://0.0.0.0:2379', messageId: 'etcdServers' }] },
    { name: 'kubeadm apiServer.extraArgs, map form', code: kubeadmMap('apiServer', ['etcd-servers: http://10.0.0.5:2379']), errors: [{ text: 'http://10.0.0.5:2379', line: 5, messageId: 'etcdServers' }] },
    { name: 'kubeadm apiServer.extraArgs, list form', code: kubeadmList('apiServer', [['etcd-servers', '"http://10.0.0.5:2379"']]), errors: [{ text: 'http://10.0.0.5:2379', line: 6, messageId: 'etcdServers' }] },
    {
      name: 'kubeadm etcd.external.endpoints: each plain endpoint',
      code: external('    - https://10.0.0.4:2379\n    - http://10.0.0.5:2379\n    - "http://10.0.0.6:2379"\n'),
      errors: [
        { text: 'http://10.0.0.5:2379', line: 7, messageId: 'externalEndpoints', data: { urls: 'http://10.0.0.5:2379' } },
        { text: 'http://10.0.0.6:2379', line: 8, messageId: 'externalEndpoints' },
      ],
    },
    {
      name: 'Cluster API KubeadmControlPlane',
      code: 'apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nspec:\n  kubeadmConfigSpec:\n    clusterConfiguration:\n      etcd:\n        external:\n          endpoints: [http://10.0.0.5:2379]\n',
      errors: [{ text: 'http://10.0.0.5:2379', line: 8, messageId: 'externalEndpoints' }],
    },
    {
      name: 'embedded: the kubeadm-config ConfigMap',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\ndata:\n  ClusterConfiguration: |\n    apiServer:\n      extraArgs:\n        etcd-servers: http://10.0.0.5:2379\n    etcd:\n      external:\n        endpoints:\n        - http://10.0.0.5:2379\n',
      errors: [{ text: 'http://10.0.0.5:2379', line: 10, messageId: 'etcdServers' }, { text: 'http://10.0.0.5:2379', line: 14, messageId: 'externalEndpoints' }],
    },
  ],
});
