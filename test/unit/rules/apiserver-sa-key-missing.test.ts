import { blockCommand, kubeadmList, missingFlagCases } from '../../helpers/control-plane';
import { runRuleTests, withRules } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
const FIX = '--service-account-key-file=/etc/kubernetes/pki/sa.pub';
const shared = missingFlagCases(API, 'apiserver', ['--service-account-key-file=/pki/sa.pub'], [FIX], 'warning');

runRuleTests('apiserver-sa-key-missing', {
  valid: [
    ...shared.valid,
    { name: 'several key files', code: blockCommand(API, ['--service-account-key-file=/pki/old.pub', '--service-account-key-file=/pki/sa.pub']) },
    { name: 'quoted, split over two items', code: blockCommand(API, ['"--service-account-key-file"', '"/pki/sa.pub"']) },
    {
      name: 'Cluster API KubeadmControlPlane (kubeadm passes the flag)',
      code: 'apiVersion: controlplane.cluster.x-k8s.io/v1beta2\nkind: KubeadmControlPlane\nmetadata: {name: cp}\nspec:\n  kubeadmConfigSpec:\n    clusterConfiguration:\n      apiServer:\n        extraArgs:\n        - name: v\n          value: "2"\n',
    },
    { name: 'kubeadm v1beta4 with other extraArgs', code: kubeadmList('apiServer', [['service-account-issuer', 'https://kubernetes.default.svc']]) },
  ],
  invalid: [
    ...shared.invalid,
    {
      name: 'message',
      code: blockCommand(API, ['--v=2']),
      errors: [{ text: API, messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--service-account-key-file' } }],
      output: blockCommand(API, ['--v=2', FIX]),
    },
    {
      name: 'the signing key and the controller manager\'s flag do not count',
      code: blockCommand(API, ['--service-account-signing-key-file=/pki/sa.key', '--service-account-private-key-file=/pki/sa.key', '--service-account-key-file-x=/pki/sa.pub']),
      errors: [{ text: API }],
      output: blockCommand(API, ['--service-account-signing-key-file=/pki/sa.key', '--service-account-private-key-file=/pki/sa.key', '--service-account-key-file-x=/pki/sa.pub', FIX]),
    },
    {
      name: 'configured path',
      code: blockCommand(API, ['--v=2']),
      options: withRules({}, { serviceAccountKeyFile: '/pki/sa-verify.pub' }),
      // The user's own path: fix-all applies it.
      unsafe: false,
      errors: [{ text: API }],
      output: blockCommand(API, ['--v=2', '--service-account-key-file=/pki/sa-verify.pub']),
    },
  ],
}, { unsafe: true });
