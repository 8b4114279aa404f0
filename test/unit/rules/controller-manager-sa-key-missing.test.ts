import { blockCommand, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const KCM = 'kube-controller-manager';
const FIX = '--service-account-private-key-file=/etc/kubernetes/pki/sa.key';
const shared = missingFlagCases(KCM, 'controller-manager', ['--service-account-private-key-file=/pki/sa.key'], [FIX], 'warning');

runRuleTests('controller-manager-sa-key-missing', {
  valid: shared.valid,
  invalid: [
    ...shared.invalid,
    {
      name: 'message',
      code: blockCommand(KCM, ['--v=2']),
      errors: [{ text: KCM, messageId: 'missing', data: { binary: 'kube-controller-manager', flags: '--service-account-private-key-file' } }],
      output: blockCommand(KCM, ['--v=2', FIX]),
    },
    {
      name: 'the API server\'s public-key flag does not count',
      code: blockCommand(KCM, ['--service-account-key-file=/pki/sa.pub', '--cluster-signing-key-file=/pki/ca.key']),
      errors: [{ text: KCM }],
      output: blockCommand(KCM, ['--service-account-key-file=/pki/sa.pub', '--cluster-signing-key-file=/pki/ca.key', FIX]),
    },
    {
      name: 'configured path',
      code: blockCommand(KCM, ['--v=2']),
      options: withRules({}, { serviceAccountPrivateKeyFile: '/pki/sa-signer.key' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: KCM }],
      output: blockCommand(KCM, ['--v=2', '--service-account-private-key-file=/pki/sa-signer.key']),
    },
  ],
}, { unsafe: true });
