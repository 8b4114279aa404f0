import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
const shared = missingFlagCases(API, 'apiserver', ['--client-ca-file=/pki/ca.crt'], ['--client-ca-file=/etc/kubernetes/pki/ca.crt'], 'warning');

runRuleTests('apiserver-client-ca-missing', {
  valid: shared.valid,
  invalid: [
    ...shared.invalid,
    {
      name: 'message',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--client-ca-file' } }],
      output: blockCommand(API, ['--v=2', '--client-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
    {
      name: 'look-alikes do not count',
      code: blockCommand(API, ['--requestheader-client-ca-file=/pki/front-proxy-ca.crt', '--client-ca-file-x=/a', '--kubelet-client-ca-file=/b']),
      errors: [{ text: API }],
      output: blockCommand(API, ['--requestheader-client-ca-file=/pki/front-proxy-ca.crt', '--client-ca-file-x=/a', '--kubelet-client-ca-file=/b', '--client-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
    {
      name: 'configured path',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { clientCaFile: '/srv/pki/client-ca.pem' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: API }],
      output: blockCommand(API, ['--v=2', '--client-ca-file=/srv/pki/client-ca.pem']),
    },
  ],
}, { unsafe: true });
