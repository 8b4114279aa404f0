import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
const CERT = '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt';
const KEY = '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key';
const shared = missingFlagCases(API, 'kube-apiserver', ['--kubelet-client-certificate=/pki/k.crt', '--kubelet-client-key=/pki/k.key'], [CERT, KEY], 'warning');

runRuleTests('apiserver-kubelet-client-cert-missing', {
  valid: shared.valid,
  invalid: [
    ...shared.invalid,
    {
      name: 'both missing: one finding naming both',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--kubelet-client-certificate and --kubelet-client-key' } }],
      output: blockCommand(API, ['--v=2', CERT, KEY]),
    },
    {
      name: 'only the key missing',
      code: blockCommand(API, ['--kubelet-client-certificate=/pki/k.crt']),
      errors: [{ text: API, messageId: 'missing' }],
      output: blockCommand(API, ['--kubelet-client-certificate=/pki/k.crt', KEY]),
    },
    {
      name: 'look-alikes do not count',
      code: blockCommand(API, ['--kubelet-client-certificate-x=/a', '--proxy-client-key-file=/b', '--kubelet-client-key=/pki/k.key']),
      errors: [{ text: API, messageId: 'missing' }],
      output: blockCommand(API, ['--kubelet-client-certificate-x=/a', '--proxy-client-key-file=/b', '--kubelet-client-key=/pki/k.key', CERT]),
    },
    {
      name: 'configured paths',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { kubeletClientCertificate: '/k/c.pem', kubeletClientKey: '/k/c-key.pem' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: API }],
      output: blockCommand(API, ['--v=2', '--kubelet-client-certificate=/k/c.pem', '--kubelet-client-key=/k/c-key.pem']),
    },
  ],
}, { unsafe: true });
