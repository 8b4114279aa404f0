import { etcdFilesRule } from './etcd-helpers';

/**
 * ## What it does
 * Flags a clustered etcd whose `--peer-cert-file` or `--peer-key-file` (or the `ETCD_PEER_*`
 * variables) is missing or empty.
 *
 * ## Why is this bad?
 * Members replicate every write to each other over the peer port: without peer TLS that
 * replication stream, Secrets included, is readable and forgeable on the network.
 */
export default etcdFilesRule(
  {
    id: 'etcd-peer-tls-missing',
    title: 'Clustered etcd without --peer-cert-file / --peer-key-file',
    description:
      'etcd members replicate all data to each other over the peer port. Without `--peer-cert-file` and `--peer-key-file` (or `ETCD_PEER_CERT_FILE` / `ETCD_PEER_KEY_FILE`) that traffic is plain HTTP or uses an unverifiable auto-generated certificate. Only reported for an etcd that has peers: `--initial-cluster` naming more than one member, `--discovery` / `--discovery-srv`, or any `--peer-*` setting. A single member with default peer URLs is not reported, nor an etcd reading `--config-file`, a templated one, or kubeadm `etcd.local` (kubeadm adds the files itself). When `--listen-peer-urls` also serves `http://` beyond localhost the message says so: the files alone do not turn those listeners to TLS, and the fix does not change URLs (clients must switch with them).',
    remediation:
      'Add `--peer-cert-file=<path/to/peer.crt>` and `--peer-key-file=<path/to/peer.key>` and use `https://` peer URLs. On kubeadm clusters the files are `/etc/kubernetes/pki/etcd/peer.crt` and `peer.key`; the fix inserts the paths of the `etcdPeerCertFile` / `etcdPeerKeyFile` fix settings.',
    defaultSeverity: 'warning',
    severityNote:
      'KICS rates this High. It is a warning here because whether peer traffic leaves the node depends on the cluster layout, which the rule infers from `--initial-cluster`, discovery and `--peer-*` settings.',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.4', version: '1.12', note: 'Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate' },
      { kind: 'KICS', id: '09bb9e96-8da3-4736-b89a-b36814acca60', note: 'Etcd Peer TLS Certificate Files Not Properly Set (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_119' },
      { kind: 'kube-bench', id: '2.4', version: '1.12' },
    ],
    messages: {
      missing: 'etcd is missing {{flags}}: members replicate data to each other without verifiable TLS.',
      missingAndPlainHttp: 'etcd is missing {{flags}}: members replicate data to each other without verifiable TLS. Its {{listenFlag}} also serve http:// beyond localhost: switch them to https://.',
    },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `etcdPeerCertFile` / `etcdPeerKeyFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --initial-cluster=a=https://a:2380,b=https://b:2380',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --initial-cluster=a=https://a:2380,b=https://b:2380\n      - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt\n      - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    },
  },
  {
    peer: true,
    cert: 'peer-cert-file',
    listenUrls: 'listen-peer-urls',
    key: 'peer-key-file',
    certDefault: 'etcdPeerCertFile',
    keyDefault: 'etcdPeerKeyFile',
  },
);
