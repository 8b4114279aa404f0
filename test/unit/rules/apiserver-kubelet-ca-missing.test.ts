import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';
import { fixAll } from '../../../shared/engine';
import assert from 'node:assert/strict';

const API = 'kube-apiserver';
const FIX = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
const shared = missingFlagCases(API, 'apiserver', ['--kubelet-certificate-authority=/pki/ca.crt'], [FIX], 'info');

runRuleTests('apiserver-kubelet-ca-missing', {
  valid: shared.valid,
  // The fix is never safe (it breaks exec/logs while kubelets serve self-signed certificates):
  // `output` is what --unsafe-fixes gives, and fix-all leaves the text as it is.
  invalid: [
    ...shared.invalid,
    {
      name: 'message and severity',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, severity: 'info', messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--kubelet-certificate-authority' } }],
      output: blockCommand(API, ['--v=2', FIX]),
    },
    {
      name: 'look-alikes do not count',
      code: blockCommand(API, ['--kubelet-certificate-authority-x=/a', '--client-ca-file=/b']),
      errors: [{ text: API }],
      output: blockCommand(API, ['--kubelet-certificate-authority-x=/a', '--client-ca-file=/b', FIX]),
    },
    {
      name: 'configured path',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { kubeletCertificateAuthority: '/pki/kubelet-ca.crt' }),
      errors: [{ text: API }],
      // Unsafe even with the user's own path.
      output: blockCommand(API, ['--v=2', '--kubelet-certificate-authority=/pki/kubelet-ca.crt']),
    },
  ],
}, { unsafe: true });

describe('apiserver-kubelet-ca-missing fix safety', () => {
  it('is not applied by fix-all (it breaks exec/logs while kubelets serve self-signed certificates)', () => {
    const code = blockCommand(API, ['--v=2']);
    assert.equal(fixAll(code, {}, new Set(['apiserver-kubelet-ca-missing'])).text, code);
  });
});
