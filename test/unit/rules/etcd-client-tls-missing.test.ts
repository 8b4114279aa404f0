import { pod, runRuleTests, withRules } from '../../helpers/rule-tester';

const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;
const CERT = '--cert-file=/etc/kubernetes/pki/etcd/server.crt';
const KEY = '--key-file=/etc/kubernetes/pki/etcd/server.key';
const LISTEN = '--listen-client-urls=https://0.0.0.0:2379';

/** A container with neither command nor args: the image's own command runs. */
const imageOnly = (image: string, extra = '') => pod(`    image: ${image}\n${extra}`);

runRuleTests('etcd-client-tls-missing', {
  valid: [
    { name: 'etcd release image, no command: the files from the environment', code: imageOnly('quay.io/coreos/etcd:v3.5.9', env(['ETCD_CERT_FILE', '/a.crt'], ['ETCD_KEY_FILE', '/a.key'])) },
    { name: 'Kubernetes etcd image, no command: /go-runner runs nothing', code: imageOnly('registry.k8s.io/etcd:3.5.15-0') },
    { name: 'another etcd image, no command: its entrypoint may configure it', code: imageOnly('bitnami/etcd:3.5.16') },
    { name: 'etcd release image, Helm lines that may add a command', code: imageOnly('quay.io/coreos/etcd:v3.5.9', '    {{- with .Values.command }}\n    command: {{ toJson . }}\n    {{- end }}\n') },
    { name: 'both flags', code: etcd([LISTEN, CERT, KEY]) },
    { name: 'split form', code: etcd([LISTEN, '--cert-file', '/a.crt', '--key-file', '/a.key']) },
    { name: 'both variables', code: etcd([LISTEN], env(['ETCD_CERT_FILE', '/a.crt'], ['ETCD_KEY_FILE', '/a.key'])) },
    { name: 'one flag, one variable', code: etcd([LISTEN, CERT], env(['ETCD_KEY_FILE', '/a.key'])) },
    { name: 'a variable from a Secret counts as set', code: etcd([LISTEN, CERT], '    env:\n    - name: ETCD_KEY_FILE\n      valueFrom: {secretKeyRef: {name: s, key: k}}\n') },
    { name: '$(VAR) counts as set', code: etcd([LISTEN, '--cert-file=$(CERT)', KEY]) },
    { name: 'envFrom may set them', code: etcd([LISTEN], '    envFrom:\n    - configMapRef: {name: etcd-env}\n') },
    { name: 'templated command line', code: etcd([LISTEN, '{{ .Values.tlsFlags }}']) },
    { name: 'etcd reads a config file', code: etcd([LISTEN, '--config-file=/etc/etcd/etcd.yaml']) },
    { name: 'not etcd', code: pod('    command:\n    - etcdctl\n    - get\n    - /\n') },
    { name: 'kubeadm etcd.local: kubeadm adds the files', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    dataDir: /var/lib/etcd\n    extraArgs:\n      listen-metrics-urls: http://127.0.0.1:2381\n' },
    { name: 'kubeadm external etcd', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  external:\n    endpoints: [https://10.0.0.1:2379]\n' },
  ],
  invalid: [
    {
      name: 'etcd release image with neither command nor args: etcd runs with no flags, on the image',
      code: imageOnly('quay.io/coreos/etcd:v3.5.9'),
      errors: [{ text: 'quay.io/coreos/etcd:v3.5.9', line: 9, messageId: 'missing' }],
      // No command line to add flags to.
      output: null,
    },
    {
      name: 'etcd release image, plain http:// from the environment',
      code: imageOnly('"gcr.io/etcd-development/etcd:v3.5.17"', env(['ETCD_LISTEN_CLIENT_URLS', 'http://0.0.0.0:2379'])),
      errors: [{ text: '"gcr.io/etcd-development/etcd:v3.5.17"', messageId: 'missingAndPlainHttp', data: { flags: '--cert-file and --key-file', listenFlag: 'ETCD_LISTEN_CLIENT_URLS' } }],
      output: null,
    },
    {
      name: 'neither: both are added with the kubeadm paths',
      code: etcd(['--listen-client-urls=http://0.0.0.0:2379']),
      errors: [
        {
          text: 'etcd',
          line: 10,
          severity: 'warning',
          messageId: 'missingAndPlainHttp', data: { flags: '--cert-file and --key-file', listenFlag: '--listen-client-urls' },
        },
      ],
      output: etcd(['--listen-client-urls=http://0.0.0.0:2379', CERT, KEY]),
    },
    {
      name: 'plain http on loopback only, from the environment: no note about the URLs',
      code: etcd([], env(['ETCD_LISTEN_CLIENT_URLS', '"https://10.0.0.1:2379,http://127.0.0.1:2379,http://[::1]:2379"'])),
      errors: [{ text: 'etcd', messageId: 'missing', data: { flags: '--cert-file and --key-file' } }],
      output: etcd([], env(['ETCD_LISTEN_CLIENT_URLS', '"https://10.0.0.1:2379,http://127.0.0.1:2379,http://[::1]:2379"'])).replace('    - etcd\n', '    - etcd\n    - --cert-file=/etc/kubernetes/pki/etcd/server.crt\n    - --key-file=/etc/kubernetes/pki/etcd/server.key\n'),
    },
    {
      name: 'plain http beyond localhost in the environment',
      code: etcd([], env(['ETCD_LISTEN_CLIENT_URLS', '"http://localhost:2379,http://10.0.0.1:2379"'])),
      errors: [{ text: 'etcd', messageId: 'missingAndPlainHttp' }],
      output: etcd([], env(['ETCD_LISTEN_CLIENT_URLS', '"http://localhost:2379,http://10.0.0.1:2379"'])).replace('    - etcd\n', '    - etcd\n    - --cert-file=/etc/kubernetes/pki/etcd/server.crt\n    - --key-file=/etc/kubernetes/pki/etcd/server.key\n'),
    },
    {
      name: 'look-alike: the peer files do not count',
      code: etcd([LISTEN, '--peer-cert-file=/p.crt', '--peer-key-file=/p.key']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([LISTEN, '--peer-cert-file=/p.crt', '--peer-key-file=/p.key', CERT, KEY]),
    },
    {
      name: 'empty flag is set in place, the missing one appended',
      code: etcd(['--cert-file=', '--listen-client-urls=http://$(POD_IP):2379']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([CERT, '--listen-client-urls=http://$(POD_IP):2379', KEY]),
    },
    {
      name: 'only the key is missing',
      code: etcd([CERT, '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.1:2379']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([CERT, '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.1:2379', KEY]),
    },
    {
      name: 'an empty variable is ignored by etcd',
      code: etcd([CERT], env(['ETCD_LISTEN_CLIENT_URLS', 'https://0.0.0.0:2379'], ['ETCD_KEY_FILE', '""'])),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([CERT, KEY], env(['ETCD_LISTEN_CLIENT_URLS', 'https://0.0.0.0:2379'], ['ETCD_KEY_FILE', '""'])),
    },
    {
      name: 'args-only container, flow args',
      code: pod(`    image: quay.io/coreos/etcd:v3.5.15\n    args: ["${LISTEN}"]\n`),
      errors: [{ text: 'quay.io/coreos/etcd:v3.5.15', messageId: 'missing' }],
      output: pod(`    image: quay.io/coreos/etcd:v3.5.15\n    args: ["${LISTEN}", "${CERT}", "${KEY}"]\n`),
    },
    {
      name: 'no client URL at all (CIS 2.1 has no exception for the localhost default)',
      code: etcd(['--name=a']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd(['--name=a', CERT, KEY]),
    },
    {
      name: 'configured fix paths',
      code: etcd([LISTEN]),
      options: withRules({}, { etcdCertFile: '/certs/tls.crt', etcdKeyFile: '/certs/tls.key' }),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      // The user's own paths: fix-all applies them.
      unsafe: false,
      output: etcd([LISTEN, '--cert-file=/certs/tls.crt', '--key-file=/certs/tls.key']),
    },
  ],
}, { unsafe: true });
