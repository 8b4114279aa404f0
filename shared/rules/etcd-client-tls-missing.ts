import { etcdFilesRule } from './etcd-helpers';

/**
 * ## What it does
 * Flags an etcd whose `--cert-file` or `--key-file` (or `ETCD_CERT_FILE` / `ETCD_KEY_FILE`)
 * is missing or empty, when the whole command line and environment are visible.
 *
 * ## Why is this bad?
 * Without them etcd serves its clients (the API server) over plain HTTP, or with an
 * auto-generated certificate nobody can verify: every object in the cluster, Secrets
 * included, crosses the network readable.
 */
export default etcdFilesRule(
  {
    id: 'etcd-client-tls-missing',
    title: 'etcd without --cert-file / --key-file',
    description:
      'An etcd started without `--cert-file` and `--key-file` (as flags or as `ETCD_CERT_FILE` / `ETCD_KEY_FILE` variables) cannot serve its client port over TLS with a verifiable certificate. etcd holds every object of the cluster, Secrets included, so its client traffic must be encrypted. Only the exact flags count (`--peer-cert-file` is the peer side). Not reported when etcd reads a `--config-file` (it then ignores flags and variables), when the command line or environment is templated or comes from `envFrom`, or for kubeadm `etcd.local` (kubeadm adds the files itself). When `--listen-client-urls` also serves `http://` beyond localhost the message says so: the files alone do not turn those listeners to TLS, and the fix does not change URLs (clients must switch with them).',
    remediation:
      'Add `--cert-file=<path/to/server.crt>` and `--key-file=<path/to/server.key>` and serve `https://` client URLs. On kubeadm clusters the files are `/etc/kubernetes/pki/etcd/server.crt` and `server.key`; the fix inserts the paths of the `etcdCertFile` / `etcdKeyFile` fix settings.',
    defaultSeverity: 'warning',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.1', version: '1.12', note: 'Ensure that the --cert-file and --key-file arguments are set as appropriate' },
      { kind: 'KICS', id: '075ca296-6768-4322-aea2-ba5063b969a9', note: 'Etcd TLS Certificate Files Not Properly Set (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_116' },
      { kind: 'kube-bench', id: '2.1', version: '1.12', note: 'flag or ETCD_CERT_FILE / ETCD_KEY_FILE' },
    ],
    messages: {
      missing: 'etcd is missing {{flags}}: clients reach it without TLS, or through a certificate they cannot verify.',
      missingAndPlainHttp: 'etcd is missing {{flags}}: clients reach it without TLS, or through a certificate they cannot verify. Its {{listenFlag}} also serve http:// beyond localhost: switch them to https://.',
    },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `etcdCertFile` / `etcdKeyFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --listen-client-urls=http://0.0.0.0:2379',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --listen-client-urls=https://0.0.0.0:2379\n      - --cert-file=/etc/kubernetes/pki/etcd/server.crt\n      - --key-file=/etc/kubernetes/pki/etcd/server.key',
    },
  },
  {
    peer: false,
    cert: 'cert-file',
    listenUrls: 'listen-client-urls',
    key: 'key-file',
    certDefault: 'etcdCertFile',
    keyDefault: 'etcdKeyFile',
  },
);
