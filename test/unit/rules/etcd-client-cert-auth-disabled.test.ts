import { pod, runRuleTests } from '../../helpers/rule-tester';

const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;
const CA = '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt';
const LISTEN = '--listen-client-urls=https://0.0.0.0:2379';
const kubeadm = (args: string) => `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n${args}`;

runRuleTests('etcd-client-cert-auth-disabled', {
  valid: [
    { name: 'true', code: etcd([CA, '--client-cert-auth=true']) },
    { name: 'bare boolean flag', code: etcd([CA, '--client-cert-auth']) },
    { name: 'last occurrence wins', code: etcd([CA, '--client-cert-auth=false', '--client-cert-auth=true']) },
    { name: 'variable', code: etcd([CA], env(['ETCD_CLIENT_CERT_AUTH', '"true"'])) },
    { name: 'a flag wins over a false variable', code: etcd([CA, '--client-cert-auth=true'], env(['ETCD_CLIENT_CERT_AUTH', '"false"'])) },
    { name: 'look-alike: the peer flag is another rule', code: etcd([CA, '--client-cert-auth=true', '--peer-client-cert-auth=false']) },
    { name: 'missing but envFrom may set it', code: etcd([LISTEN, CA], '    envFrom:\n    - secretRef: {name: etcd}\n') },
    { name: 'missing but templated', code: etcd([LISTEN, CA, '{{- include "etcd.flags" . }}']) },
    { name: 'variable from valueFrom', code: etcd([LISTEN, CA], '    env:\n    - name: ETCD_CLIENT_CERT_AUTH\n      valueFrom: {configMapKeyRef: {name: c, key: auth}}\n') },
    { name: 'config file', code: etcd(['--config-file=/etc/etcd.yaml', '--client-cert-auth=false']) },
    { name: 'kubeadm sets it itself', code: kubeadm('      listen-metrics-urls: http://127.0.0.1:2381\n') },
    { name: 'not a Go boolean (etcd would not start)', code: etcd([CA, '--client-cert-auth=no']) },
    { name: 'deprecated --ca-file (etcd before 3.4) requires client certificates', code: etcd([LISTEN, '-ca-file=/etc/etcd/ca.crt', '-cert-file=/c.crt', '-key-file=/c.key']) },
    { name: 'deprecated --ca-file wins over an explicit false', code: etcd([LISTEN, '--ca-file', '/etc/etcd/ca.crt', '--client-cert-auth=false']) },
    { name: 'deprecated ETCD_CA_FILE variable', code: etcd([LISTEN], env(['ETCD_CA_FILE', '/etc/etcd/ca.crt'])) },
  ],
  invalid: [
    {
      name: 'explicit false with a CA: set to true',
      code: etcd([CA, '--client-cert-auth=false']),
      errors: [{ text: '--client-cert-auth=false', line: 12, severity: 'warning', messageId: 'disabled', data: { setting: '--client-cert-auth=false' } }],
      output: etcd([CA, '--client-cert-auth=true']),
    },
    {
      name: 'explicit false without a CA: the fix is only offered',
      code: etcd(['--client-cert-auth=False']),
      errors: [{ text: '--client-cert-auth=False', messageId: 'disabled' }],
      unsafe: true,
      output: etcd(['--client-cert-auth=False']).replace('    - --client-cert-auth=False\n', '    - --client-cert-auth=true\n'),
      alternatives: { 'Set --client-cert-auth to true': etcd(['--client-cert-auth=true']) },
    },
    {
      name: 'missing: reported on the binary, added with a CA',
      code: etcd([LISTEN, CA]),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      output: etcd([LISTEN, CA, '--client-cert-auth=true']),
    },
    {
      name: 'an empty deprecated --ca-file does not count',
      code: etcd([LISTEN, '--ca-file=']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      unsafe: true,
      output: etcd([LISTEN, '--ca-file=']).replace('    - --ca-file=\n', '    - --ca-file=\n    - --client-cert-auth=true\n'),
      alternatives: { 'Add --client-cert-auth=true': etcd([LISTEN, '--ca-file=', '--client-cert-auth=true']) },
    },
    {
      name: 'the peer CA does not count for clients',
      code: etcd([LISTEN, '--peer-ca-file=/etc/etcd/peer-ca.crt']),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      unsafe: true,
      output: etcd([LISTEN, '--peer-ca-file=/etc/etcd/peer-ca.crt']).replace('    - --peer-ca-file=/etc/etcd/peer-ca.crt\n', '    - --peer-ca-file=/etc/etcd/peer-ca.crt\n    - --client-cert-auth=true\n'),
      alternatives: { 'Add --client-cert-auth=true': etcd([LISTEN, '--peer-ca-file=/etc/etcd/peer-ca.crt', '--client-cert-auth=true']) },
    },
    {
      name: 'missing without a CA: offered only',
      code: etcd([LISTEN]),
      errors: [{ text: 'etcd', messageId: 'missing' }],
      unsafe: true,
      output: etcd([LISTEN]).replace('    - --listen-client-urls=https://0.0.0.0:2379\n', '    - --listen-client-urls=https://0.0.0.0:2379\n    - --client-cert-auth=true\n'),
      alternatives: { 'Add --client-cert-auth=true': etcd([LISTEN, '--client-cert-auth=true']) },
    },
    {
      name: 'false variable, CA from a variable',
      code: etcd([], env(['ETCD_TRUSTED_CA_FILE', '/ca.crt'], ['ETCD_CLIENT_CERT_AUTH', '"false"'])),
      errors: [{ text: 'name: ETCD_CLIENT_CERT_AUTH\n      value: "false"', messageId: 'disabled' }],
      output: etcd([], env(['ETCD_TRUSTED_CA_FILE', '/ca.crt'], ['ETCD_CLIENT_CERT_AUTH', '"true"'])),
    },
    {
      name: 'last entry of a duplicated variable wins',
      code: etcd([CA], env(['ETCD_CLIENT_CERT_AUTH', '"true"'], ['ETCD_CLIENT_CERT_AUTH', "'0'"])),
      errors: [{ text: "name: ETCD_CLIENT_CERT_AUTH\n      value: '0'", messageId: 'disabled' }],
      output: etcd([CA], env(['ETCD_CLIENT_CERT_AUTH', '"true"'], ['ETCD_CLIENT_CERT_AUTH', "'true'"])),
    },
    {
      name: 'a false flag wins over a true variable',
      code: etcd([CA, '--client-cert-auth=false'], env(['ETCD_CLIENT_CERT_AUTH', '"true"'])),
      errors: [{ text: '--client-cert-auth=false', messageId: 'disabled' }],
      output: etcd([CA, '--client-cert-auth=true'], env(['ETCD_CLIENT_CERT_AUTH', '"true"'])),
    },
    {
      name: 'kubeadm extraArgs explicit false (kubeadm passes the CA)',
      code: kubeadm('      client-cert-auth: "false"\n'),
      errors: [{ text: 'client-cert-auth: "false"', messageId: 'disabled' }],
      output: kubeadm('      client-cert-auth: "true"\n'),
    },
  ],
});
