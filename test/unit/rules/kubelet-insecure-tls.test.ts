import { pod, runRuleTests } from '../../helpers/rule-tester';

const metricsServer = (args: string[]) => pod(`    image: registry.k8s.io/metrics-server/metrics-server:v0.7.2\n    args:\n${args.map((a) => `    - ${a}\n`).join('')}`);

runRuleTests('kubelet-insecure-tls', {
  valid: [
    { name: 'absent', code: metricsServer(['--secure-port=10250', '--kubelet-preferred-address-types=InternalIP']) },
    { name: '=false', code: metricsServer(['--kubelet-insecure-tls=false']) },
    { name: 'last occurrence wins', code: metricsServer(['--kubelet-insecure-tls', '--kubelet-insecure-tls=false']) },
    { name: 'templated value', code: metricsServer(['--kubelet-insecure-tls={{ .Values.insecure }}']) },
    { name: 'an unparsable value stops the program, nothing to judge', code: metricsServer(['--kubelet-insecure-tls=yes']) },
    { name: 'after --: a positional argument', code: metricsServer(['--', '--kubelet-insecure-tls']) },
    { name: 'mentioned in an echo is still a flag of echo only when it is one', code: pod('    command: [sh, -c, "echo kubelet-insecure-tls"]\n') },
  ],
  invalid: [
    {
      name: 'bare flag in args',
      code: metricsServer(['--secure-port=10250', '--kubelet-insecure-tls']),
      errors: [{ text: '--kubelet-insecure-tls', line: 12, severity: 'warning', data: { flag: '--kubelet-insecure-tls' } }],
      unsafe: true,
      output: metricsServer(['--secure-port=10250']),
    },
    { name: '=true', code: metricsServer(['--kubelet-insecure-tls=true']), errors: [{ text: '--kubelet-insecure-tls=true' }], unsafe: true, output: metricsServer(['--kubelet-insecure-tls=true']).replace('    - --kubelet-insecure-tls=true\n', '') },
    { name: '=1 and =True', code: metricsServer(['--kubelet-insecure-tls=1']) + '---\n' + metricsServer(['"--kubelet-insecure-tls=True"']), errors: [{ text: '--kubelet-insecure-tls=1' }, { text: '"--kubelet-insecure-tls=True"' }], unsafe: true, output: metricsServer([]) + '---\n' + metricsServer([]) },
    {
      name: 'a boolean flag never takes the next argument',
      code: metricsServer(['--kubelet-insecure-tls', 'false']),
      errors: [{ text: '--kubelet-insecure-tls', line: 11 }],
      unsafe: true,
      output: metricsServer(['--kubelet-insecure-tls', 'false']).replace('    - --kubelet-insecure-tls\n', ''),
    },
    {
      name: 'last occurrence wins',
      code: metricsServer(['--kubelet-insecure-tls=false', '--kubelet-insecure-tls']),
      errors: [{ text: '--kubelet-insecure-tls', line: 12 }],
      unsafe: true,
      output: metricsServer([]),
    },
    {
      name: 'command and args, any program',
      code: pod('    command:\n    - /adapter\n    args:\n    - --cert-dir=/tmp\n    - --kubelet-insecure-tls\n'),
      errors: [{ text: '--kubelet-insecure-tls', line: 13 }],
      unsafe: true,
      output: pod('    command:\n    - /adapter\n    args:\n    - --cert-dir=/tmp\n    - --kubelet-insecure-tls\n').replace('    - --kubelet-insecure-tls\n', ''),
    },
    {
      name: 'sh -c script',
      code: pod('    command: ["/bin/sh", "-c", "exec /metrics-server --kubelet-insecure-tls --v=2"]\n'),
      errors: [{ text: '--kubelet-insecure-tls' }],
      unsafe: true,
      output: pod('    command: ["/bin/sh", "-c", "exec /metrics-server --v=2"]\n'),
    },
    {
      name: 'Deployment with a Helm-templated image',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: metrics-server\nspec:\n  template:\n    spec:\n      containers:\n      - name: metrics-server\n        image: "{{ .Values.image }}"\n        args:\n        - --kubelet-insecure-tls\n',
      errors: [{ text: '--kubelet-insecure-tls', line: 12 }],
      unsafe: true,
      output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: metrics-server\nspec:\n  template:\n    spec:\n      containers:\n      - name: metrics-server\n        image: "{{ .Values.image }}"\n        args:\n',
    },
    {
      name: 'embedded: a Cluster API static pod file',
      code: 'apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nspec:\n  files:\n  - path: /etc/kubernetes/manifests/metrics.yaml\n    content: |\n      apiVersion: v1\n      kind: Pod\n      spec:\n        containers:\n        - name: m\n          args: [--kubelet-insecure-tls]\n',
      errors: [{ text: '--kubelet-insecure-tls', line: 12 }],
      unsafe: true,
      output: 'apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nspec:\n  files:\n  - path: /etc/kubernetes/manifests/metrics.yaml\n    content: |\n      apiVersion: v1\n      kind: Pod\n      spec:\n        containers:\n        - name: m\n          args: []\n',
    },
  ],
});
