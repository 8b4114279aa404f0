import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const KCM = 'kube-controller-manager';
const shared = missingFlagCases(KCM, 'controller-manager', ['--root-ca-file=/pki/ca.crt'], ['--root-ca-file=/etc/kubernetes/pki/ca.crt'], 'warning');

runRuleTests('controller-manager-root-ca-missing', {
  valid: shared.valid,
  invalid: [
    ...shared.invalid,
    {
      name: 'message',
      code: blockCommand(KCM, ['--v=2']),
      errors: [{ text: KCM, messageId: 'missing', data: { binary: 'kube-controller-manager', flags: '--root-ca-file' } }],
      output: blockCommand(KCM, ['--v=2', '--root-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
    {
      name: 'look-alikes do not count',
      code: blockCommand(KCM, ['--cluster-signing-cert-file=/a', '--root-ca-file-x=/b', '--client-ca-file=/c']),
      errors: [{ text: KCM }],
      output: blockCommand(KCM, ['--cluster-signing-cert-file=/a', '--root-ca-file-x=/b', '--client-ca-file=/c', '--root-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
    {
      name: 'configured path',
      code: blockCommand(KCM, ['--v=2']),
      options: withRules({}, { rootCaFile: '/pki/root.pem' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: KCM }],
      output: blockCommand(KCM, ['--v=2', '--root-ca-file=/pki/root.pem']),
    },
  ],
}, { unsafe: true });
