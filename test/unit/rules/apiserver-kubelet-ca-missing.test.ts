import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';
import { fixAll } from '../../../shared/engine';
import assert from 'node:assert/strict';

const API = 'kube-apiserver';
const FIX = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
const shared = missingFlagCases(API, 'apiserver', ['--kubelet-certificate-authority=/pki/ca.crt'], [FIX], 'info');

// The fix is offered but not safe, so `output` (which applies safe fixes) does not apply:
// each shared invalid case checks its fix through `alternatives` instead.
const invalid = shared.invalid.map(({ output, ...rest }) => ({ ...rest, alternatives: { 'Add --kubelet-certificate-authority': output as string } }));

runRuleTests('apiserver-kubelet-ca-missing', {
  valid: shared.valid,
  invalid: [
    ...invalid,
    {
      name: 'message and severity',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, severity: 'info', message: 'kube-apiserver is missing --kubelet-certificate-authority: it does not verify the kubelets\' serving certificates.' }],
    },
    {
      name: 'look-alikes do not count',
      code: blockCommand(API, ['--kubelet-certificate-authority-x=/a', '--client-ca-file=/b']),
      errors: [{ text: API }],
    },
    {
      name: 'configured path',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { kubeletCertificateAuthority: '/pki/kubelet-ca.crt' }),
      errors: [{ text: API }],
      alternatives: { 'Add --kubelet-certificate-authority=/pki/kubelet-ca.crt': blockCommand(API, ['--v=2', '--kubelet-certificate-authority=/pki/kubelet-ca.crt']) },
    },
  ],
}, { unsafe: true });

describe('apiserver-kubelet-ca-missing fix safety', () => {
  it('is not applied by fix-all (it breaks exec/logs while kubelets serve self-signed certificates)', () => {
    const code = blockCommand(API, ['--v=2']);
    assert.equal(fixAll(code, {}, new Set(['apiserver-kubelet-ca-missing'])).text, code);
  });
});
