import { etcdMustBeTrueRule } from './etcd-helpers';

/**
 * ## What it does
 * Flags an etcd whose `--client-cert-auth` (or `ETCD_CLIENT_CERT_AUTH`) is false, or absent
 * when the whole command line and environment are visible.
 *
 * ## Why is this bad?
 * Without client certificate authentication anyone who can reach the client port can read
 * and write every key, Secrets included.
 */
export default etcdMustBeTrueRule(
  {
    id: 'etcd-client-cert-auth-disabled',
    title: 'etcd --client-cert-auth not true',
    description:
      'etcd has no other authentication on its client port by default: unless `--client-cert-auth=true` (or `ETCD_CLIENT_CERT_AUTH=true`) makes it require a certificate signed by `--trusted-ca-file`, anyone who reaches port 2379 reads and writes the whole cluster state. An explicit false is reported where it is set (a flag wins over the variable); a missing setting is reported on the etcd binary, only for a container whose command line and environment are fully visible (not templated, no `envFrom`, no `--config-file`). kubeadm `etcd.local` is only reported for an explicit false in `extraArgs`: kubeadm sets it to true itself. The deprecated `--ca-file` (`ETCD_CA_FILE`) of etcd before 3.4 requires client certificates by itself, so an etcd that sets it is not reported.',
    remediation:
      'Set `--client-cert-auth=true` together with `--trusted-ca-file=<CA that signs client certificates>`, and give every client (the API server\'s `--etcd-certfile` / `--etcd-keyfile`) a certificate. The fix is applied by "fix all" only when `--trusted-ca-file` is already set; otherwise it is offered on request, since clients without certificates would be locked out.',
    defaultSeverity: 'warning',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.2', version: '1.12', note: 'Ensure that the --client-cert-auth argument is set to true' },
      { kind: 'KICS', id: '9391103a-d8d7-4671-ac5d-606ba7ccb0ac', note: 'Etcd Client Certificate Authentication Set To False (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_117' },
      { kind: 'kube-bench', id: '2.2', version: '1.12', note: 'flag or ETCD_CLIENT_CERT_AUTH' },
    ],
    messages: {
      disabled: 'etcd {{setting}}: any client that reaches the client port can read and write every key, Secrets included.',
      missing: 'etcd is missing --client-cert-auth=true: any client that reaches the client port can read and write every key, Secrets included.',
    },
    fixable: true,
    fixSafety:
      'Safe when `--trusted-ca-file` (or `ETCD_TRUSTED_CA_FILE`, or kubeadm) names the CA to verify clients against; otherwise unsafe (etcd would reject every client).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --listen-client-urls=https://0.0.0.0:2379\n      - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n      - --client-cert-auth=false',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --listen-client-urls=https://0.0.0.0:2379\n      - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n      - --client-cert-auth=true',
    },
  },
  {
    peer: false,
    flag: 'client-cert-auth',
    caFlag: 'trusted-ca-file',
    impliedBy: 'ca-file',
  },
);
