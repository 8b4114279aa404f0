import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
const shared = missingFlagCases(API, 'apiserver', ['--etcd-cafile=/pki/etcd-ca.crt'], ['--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt'], 'warning');

runRuleTests('apiserver-etcd-ca-missing', {
  valid: shared.valid,
  invalid: [
    ...shared.invalid,
    {
      name: 'message',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--etcd-cafile' } }],
      output: blockCommand(API, ['--v=2', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt']),
    },
    {
      name: 'look-alikes do not count',
      code: blockCommand(API, ['--trusted-ca-file=/a', '--etcd-cafile-x=/b', '--client-ca-file=/c']),
      errors: [{ text: API }],
      output: blockCommand(API, ['--trusted-ca-file=/a', '--etcd-cafile-x=/b', '--client-ca-file=/c', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt']),
    },
    {
      name: 'configured path',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { apiserverEtcdCafile: '/e/ca.pem' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: API }],
      output: blockCommand(API, ['--v=2', '--etcd-cafile=/e/ca.pem']),
    },
  ],
}, { unsafe: true });
