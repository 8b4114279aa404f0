import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
const CERT = '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt';
const KEY = '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key';
const shared = missingFlagCases(API, 'apiserver', ['--etcd-certfile=/pki/e.crt', '--etcd-keyfile=/pki/e.key'], [CERT, KEY], 'warning');

runRuleTests('apiserver-etcd-client-cert-missing', {
  valid: shared.valid,
  invalid: [
    ...shared.invalid,
    {
      name: 'message',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--etcd-certfile and --etcd-keyfile' } }],
      output: blockCommand(API, ['--v=2', CERT, KEY]),
    },
    {
      name: 'etcd\'s own flag names do not count (--cert-file is not --etcd-certfile)',
      code: blockCommand(API, ['--cert-file=/a', '--key-file=/b', '--etcd-certfile-x=/c', '--etcd-keyfile=/pki/e.key']),
      errors: [{ text: API, messageId: 'missing' }],
      output: blockCommand(API, ['--cert-file=/a', '--key-file=/b', '--etcd-certfile-x=/c', '--etcd-keyfile=/pki/e.key', CERT]),
    },
    {
      name: 'configured paths',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { apiserverEtcdCertfile: '/e/c.pem', apiserverEtcdKeyfile: '/e/k.pem' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: API }],
      output: blockCommand(API, ['--v=2', '--etcd-certfile=/e/c.pem', '--etcd-keyfile=/e/k.pem']),
    },
  ],
}, { unsafe: true });
