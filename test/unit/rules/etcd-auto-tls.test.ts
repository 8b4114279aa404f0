import { pod, runRuleTests } from '../../helpers/rule-tester';

/** An etcd static pod: `command` items, then extra container keys (indented by 4). */
const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;
const CERTS = ['--cert-file=/pki/server.crt', '--key-file=/pki/server.key'];

runRuleTests('etcd-auto-tls', {
  valid: [
    { name: 'not set', code: etcd(CERTS) },
    { name: 'explicit false', code: etcd(['--auto-tls=false']) },
    { name: 'last occurrence wins', code: etcd(['--auto-tls=true', '--auto-tls=false']) },
    { name: 'look-alike: --peer-auto-tls is another rule', code: etcd(['--peer-auto-tls=true']) },
    { name: 'look-alike: prefix', code: etcd(['--auto-tls-x=true', '--experimental-auto-tls=true']) },
    { name: 'a flag wins over the variable', code: etcd(['--auto-tls=false'], env(['ETCD_AUTO_TLS', '"true"'])) },
    { name: 'an empty variable is ignored by etcd', code: etcd([], env(['ETCD_AUTO_TLS', '""'])) },
    { name: 'variable from valueFrom is unknown', code: etcd([], '    env:\n    - name: ETCD_AUTO_TLS\n      valueFrom:\n        configMapKeyRef: {name: c, key: k}\n') },
    { name: 'variable from $(OTHER) is unknown', code: etcd([], env(['ETCD_AUTO_TLS', '"$(AUTO)"'])) },
    { name: 'look-alike variable', code: etcd([], env(['ETCD_PEER_AUTO_TLS', '"true"'], ['MY_ETCD_AUTO_TLS', '"true"'])) },
    { name: 'etcd reads a config file: flags are ignored', code: etcd(['--config-file=/etc/etcd.yaml', '--auto-tls=true']) },
    { name: 'config file from ETCD_CONFIG_FILE', code: etcd(['--auto-tls=true'], env(['ETCD_CONFIG_FILE', '/etc/etcd.yaml'])) },
    { name: 'not a boolean etcd accepts', code: etcd(['--auto-tls=yes']) },
    { name: 'templated value', code: etcd(['--auto-tls={{ .Values.autoTls }}']) },
    { name: 'not etcd', code: pod('    command:\n    - etcdctl\n    - --auto-tls=true\n') },
    { name: 'kubeadm: not in extraArgs', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      listen-metrics-urls: http://127.0.0.1:2381\n' },
  ],
  invalid: [
    {
      name: 'block command; removing is safe with certificate files',
      code: etcd([...CERTS, '--auto-tls=true', '--data-dir=/var/lib/etcd']),
      errors: [{ text: '--auto-tls=true', line: 13, severity: 'error', messageId: 'enabled', data: { setting: '--auto-tls=true' } }],
      output: etcd([...CERTS, '--data-dir=/var/lib/etcd']),
    },
    {
      name: 'without certificate files the removal is offered, not applied by fix all',
      code: etcd(['--auto-tls']),
      errors: [{ text: '--auto-tls', messageId: 'enabled' }],
      unsafe: true,
      output: etcd(['--auto-tls']).replace('    - --auto-tls\n', ''),
      alternatives: { 'Remove --auto-tls': pod('    command:\n    - etcd\n') },
    },
    {
      name: 'Go booleans: 1 and TRUE',
      code: etcd(['--auto-tls=1']),
      errors: [{ text: '--auto-tls=1' }],
      unsafe: true,
      output: etcd(['--auto-tls=1']).replace('    - --auto-tls=1\n', ''),
    },
    {
      name: 'duplicates: the fix removes every occurrence',
      code: etcd([...CERTS, '--auto-tls=false', '--auto-tls=TRUE']),
      errors: [{ text: '--auto-tls=TRUE' }],
      output: etcd(CERTS),
    },
    {
      name: 'environment variable',
      code: etcd(CERTS, env(['ETCD_DATA_DIR', '/var/lib/etcd'], ['ETCD_AUTO_TLS', '"true"'])),
      errors: [{ text: 'name: ETCD_AUTO_TLS\n      value: "true"', messageId: 'enabled', data: { setting: 'ETCD_AUTO_TLS=true' } }],
      output: etcd(CERTS, env(['ETCD_DATA_DIR', '/var/lib/etcd'])),
    },
    {
      name: 'environment variable in a flow list',
      code: etcd(CERTS, '    env: [{name: ETCD_AUTO_TLS, value: "True"}, {name: A, value: b}]\n'),
      errors: [{ text: '{name: ETCD_AUTO_TLS, value: "True"}' }],
      output: etcd(CERTS, '    env: [{name: A, value: b}]\n'),
    },
    {
      name: 'flag and variable both true: one finding on the flag, the fix removes both',
      code: etcd([...CERTS, '--auto-tls=true'], env(['ETCD_AUTO_TLS', '"true"'])),
      errors: [{ text: '--auto-tls=true' }],
      output: etcd(CERTS),
    },
    {
      name: 'args-only container (the image runs etcd)',
      code: pod('    image: quay.io/coreos/etcd:v3.5.15\n    args: [--auto-tls=true, --name=a]\n'),
      errors: [{ text: '--auto-tls=true' }],
      unsafe: true,
      output: pod('    image: quay.io/coreos/etcd:v3.5.15\n    args: [--auto-tls=true, --name=a]\n').replace('    args: [--auto-tls=true, --name=a]\n', '    args: [--name=a]\n'),
    },
    {
      name: 'sh -c script',
      code: pod('    command: ["/bin/sh", "-c", "exec etcd --name=a --auto-tls=true"]\n'),
      errors: [{ text: '--auto-tls=true' }],
      unsafe: true,
      output: pod('    command: ["/bin/sh", "-c", "exec etcd --name=a --auto-tls=true"]\n').replace('    command: ["/bin/sh", "-c", "exec etcd --name=a --auto-tls=true"]\n', '    command: ["/bin/sh", "-c", "exec etcd --name=a"]\n'),
      alternatives: { 'Remove --auto-tls': pod('    command: ["/bin/sh", "-c", "exec etcd --name=a"]\n') },
    },
    {
      name: 'kubeadm etcd.local extraArgs (v1beta3 map)',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      auto-tls: "true"\n      listen-metrics-urls: http://127.0.0.1:2381\n',
      errors: [{ text: 'auto-tls: "true"' }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      listen-metrics-urls: http://127.0.0.1:2381\n',
    },
    {
      name: 'kubeadm etcd.local extraArgs (v1beta4 list), last entry wins',
      code: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n    - name: auto-tls\n      value: "false"\n    - name: auto-tls\n      value: "true"\n',
      errors: [{ text: 'name: auto-tls\n      value: "true"' }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n',
    },
  ],
});
