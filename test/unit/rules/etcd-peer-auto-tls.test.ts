import { pod, runRuleTests } from '../../helpers/rule-tester';

const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;
const PEER_FILES = ['--peer-cert-file=/p.crt', '--peer-key-file=/p.key'];

runRuleTests('etcd-peer-auto-tls', {
  valid: [
    { name: 'not set', code: etcd(PEER_FILES) },
    { name: 'false', code: etcd(['--peer-auto-tls=false']) },
    { name: 'last wins', code: etcd(['--peer-auto-tls', '--peer-auto-tls=false']) },
    { name: 'look-alike: --auto-tls is the client rule', code: etcd(['--auto-tls=true']) },
    { name: 'a flag wins over the variable', code: etcd(['--peer-auto-tls=false'], env(['ETCD_PEER_AUTO_TLS', '"true"'])) },
    { name: 'config file', code: etcd(['--config-file=/c.yaml', '--peer-auto-tls=true']) },
  ],
  invalid: [
    {
      name: 'bare flag with peer files: removed',
      code: etcd([...PEER_FILES, '--peer-auto-tls']),
      errors: [{ text: '--peer-auto-tls', severity: 'warning', messageId: 'enabled', data: { setting: '--peer-auto-tls=true' } }],
      output: etcd(PEER_FILES),
    },
    {
      name: 'without peer files: offered only',
      code: etcd(['--peer-auto-tls=true', '--name=a']),
      errors: [{ text: '--peer-auto-tls=true' }],
      unsafe: true,
      output: etcd(['--peer-auto-tls=true', '--name=a']).replace('    - --peer-auto-tls=true\n', ''),
      alternatives: { 'Remove --peer-auto-tls': etcd(['--name=a']) },
    },
    {
      name: 'variable',
      code: etcd(PEER_FILES, env(['ETCD_PEER_AUTO_TLS', '"true"'], ['ETCD_NAME', 'a'])),
      errors: [{ text: 'name: ETCD_PEER_AUTO_TLS\n      value: "true"', messageId: 'enabled' }],
      output: etcd(PEER_FILES, env(['ETCD_NAME', 'a'])),
    },
  ],
});
