import { pod, runRuleTests } from '../../helpers/rule-tester';

// The seed's (KICS 3d24b204) compliant and non-compliant examples, verbatim.
const seedPod = (command: string, args: string) => `apiVersion: v1
kind: Pod
metadata:
  name: command-demo
  labels:
    purpose: demonstrate-command
spec:
  containers:
    - name: command-demo-container
      image: gcr.io/google_containers/kube-apiserver-amd64:v1.6.0
      command: ${command}
      args: ${args}
  restartPolicy: OnFailure
`;

runRuleTests('apiserver-secure-port-disabled', {
  valid: [
    { name: 'seed compliant: no flag', code: seedPod('["kube-apiserver"]', '[]') },
    { name: 'seed compliant: 6443', code: seedPod('["kube-apiserver","--secure-port=6443"]', '[]') },
    { name: 'last occurrence wins', code: pod('    command:\n    - kube-apiserver\n    - --secure-port=0\n    - --secure-port=6443\n') },
    { name: 'look-alike flag', code: pod('    command:\n    - kube-apiserver\n    - --secure-port-x=0\n    - --insecure-secure-port=0\n') },
    { name: 'not kube-apiserver', code: pod('    command:\n    - kube-scheduler\n    - --secure-port=0\n') },
    { name: 'templated value', code: pod('    command:\n    - kube-apiserver\n    - --secure-port={{ .Values.port }}\n') },
    { name: 'after "--" it is not a flag', code: pod('    command: [kube-apiserver, --, --secure-port=0]\n') },
    { name: 'sh -c: an echo of the flag is not the binary\'s flag', code: pod('    command: [sh, -c, "echo kube-apiserver --secure-port=0; exec kube-apiserver --secure-port=6443"]\n') },
    { name: 'port 10', code: pod('    command: [kube-apiserver, --secure-port=10]\n') },
  ],
  invalid: [
    {
      name: 'seed non-compliant: args flow sequence',
      code: seedPod('["kube-apiserver"]', '["--secure-port=0"]'),
      errors: [{ text: '"--secure-port=0"', line: 12, severity: 'error' }],
      output: seedPod('["kube-apiserver"]', '[]'),
      alternatives: { 'Set --secure-port to 6443': seedPod('["kube-apiserver"]', '["--secure-port=6443"]') },
    },
    {
      name: 'block command with comment, CRLF',
      code: pod('    command:\r\n    - kube-apiserver\r\n    - --secure-port=0 # off\r\n    - --tls-cert-file=/a\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
      errors: [{ text: '--secure-port=0' }],
      output: pod('    command:\r\n    - kube-apiserver\r\n    - --tls-cert-file=/a\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
    },
    {
      name: 'split form across two elements',
      code: pod('    command:\n    - kube-apiserver\n    - --secure-port\n    - "0"\n    - --v=2\n'),
      errors: [{ text: '--secure-port\n    - "0"' }],
      output: pod('    command:\n    - kube-apiserver\n    - --v=2\n'),
      alternatives: { 'Set --secure-port to 6443': pod('    command:\n    - kube-apiserver\n    - --secure-port\n    - "6443"\n    - --v=2\n') },
    },
    {
      name: 'args-only container (image entrypoint)',
      code: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args: [--secure-port=0, --v=2]\n'),
      errors: [{ text: '--secure-port=0' }],
      output: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args: [--v=2]\n'),
    },
    {
      name: 'sh -c script',
      code: pod('    command: ["/bin/sh", "-c"]\n    args:\n    - |\n      exec /usr/local/bin/kube-apiserver --etcd-servers=http://e:2379 \\\n        --secure-port=0\n'),
      errors: [{ text: '--secure-port=0' }],
      output: pod('    command: ["/bin/sh", "-c"]\n    args:\n    - |\n      exec /usr/local/bin/kube-apiserver --etcd-servers=http://e:2379 \\\n')
        .replace('2379 \\\n', '2379 \\\n\n'),
    },
    {
      name: 'hyperkube',
      code: pod('    command:\n    - /hyperkube\n    - apiserver\n    - --secure-port=00\n'),
      errors: [{ text: '--secure-port=00' }],
      output: pod('    command:\n    - /hyperkube\n    - apiserver\n    - --secure-port=00\n').replace('    - --secure-port=00\n', ''),
    },
    {
      name: 'repeated flag: only "set to 6443" is offered (removing the last would expose the earlier one)',
      code: pod('    command:\n    - kube-apiserver\n    - --secure-port=0\n    - "--secure-port=+0"\n'),
      errors: [{ text: '"--secure-port=+0"' }],
      output: pod('    command:\n    - kube-apiserver\n    - --secure-port=0\n    - "--secure-port=6443"\n'),
    },
    {
      name: 'sh -c: the flag of the command that runs the binary is edited, not an earlier echo',
      code: pod('    command: [sh, -c]\n    args:\n    - |\n      echo kube-apiserver --secure-port=0\n      exec kube-apiserver --secure-port=0 --v=2\n'),
      errors: [{ text: '--secure-port=0', line: 13 }],
      output: pod('    command: [sh, -c]\n    args:\n    - |\n      echo kube-apiserver --secure-port=0\n      exec kube-apiserver --v=2\n'),
      alternatives: { 'Set --secure-port to 6443': pod('    command: [sh, -c]\n    args:\n    - |\n      echo kube-apiserver --secure-port=0\n      exec kube-apiserver --secure-port=6443 --v=2\n') },
    },
    {
      name: 'anchored flag: not removed (its alias would dangle), set instead',
      code: pod('    command:\n    - kube-apiserver\n    - &port --secure-port=0\n  - name: d\n    image: busybox\n    args: [*port]\n'),
      errors: [{ text: '--secure-port=0' }],
      output: pod('    command:\n    - kube-apiserver\n    - &port --secure-port=6443\n  - name: d\n    image: busybox\n    args: [*port]\n'),
    },
    {
      name: 'CronJob pod template',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            command: [kube-apiserver, --secure-port=0]\n',
      errors: [{ text: '--secure-port=0' }],
      output: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            command: [kube-apiserver]\n',
    },
  ],
});
