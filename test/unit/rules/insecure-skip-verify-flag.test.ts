import { pod, runRuleTests } from '../../helpers/rule-tester';

const container = (args: string[]) => pod(`    image: example/tool:1.0\n    args:\n${args.map((a) => `    - ${a}\n`).join('')}`);
const transport = (spec: string, kind = 'ServersTransport', group = 'traefik.io/v1alpha1') => `apiVersion: ${group}\nkind: ${kind}\nmetadata:\n  name: backends\nspec:\n${spec}`;

runRuleTests('insecure-skip-verify-flag', {
  valid: [
    { name: '=false', code: container(['--insecure-skip-tls-verify=false', '--tls-skip-verify=0']) },
    { name: 'last occurrence wins', code: container(['--insecure-skip-verify', '--insecure-skip-verify=false']) },
    { name: 'templated', code: container(['--skip-tls-verify={{ .Values.skip }}']) },
    { name: 'look-alikes', code: container(['--insecure-skip-tls-verify-for-tests=true', '--verify-tls', '--skip-verify-signature']) },
    { name: '--kubelet-insecure-tls has its own rule', code: container(['--kubelet-insecure-tls']) },
    { name: 'Traefik: false, absent, quoted "true" is a string', code: transport('  insecureSkipVerify: false\n') + '---\n' + transport('  serverName: x\n') + '---\n' + transport('  insecureSkipVerify: "true"\n') },
    { name: 'other groups', code: transport('  insecureSkipVerify: true\n', 'ServersTransport', 'example.com/v1') },
    { name: 'ServersTransportTCP: the key belongs under tls', code: transport('  insecureSkipVerify: true\n', 'ServersTransportTCP') },
  ],
  invalid: [
    {
      name: 'bare flag',
      code: container(['--insecure-skip-tls-verify', '--v=2']),
      errors: [{ text: '--insecure-skip-tls-verify', line: 11, severity: 'warning', messageId: 'skipVerifyFlag', data: { flag: '--insecure-skip-tls-verify' } }],
      unsafe: true,
      output: container(['--v=2']),
    },
    {
      name: 'each flag of the list, =true and =1; the next word is never the value',
      code: container(['--insecure-skip-verify=true', '--tls-skip-verify=1', '--skip-tls-verify', 'false', '--tls-insecure-skip-verify=True']),
      errors: [{ text: '--insecure-skip-verify=true', messageId: 'skipVerifyFlag' }, { text: '--tls-skip-verify=1', messageId: 'skipVerifyFlag' }, { text: '--skip-tls-verify', messageId: 'skipVerifyFlag' }, { text: '--tls-insecure-skip-verify=True', messageId: 'skipVerifyFlag' }],
      unsafe: true,
      output: container(['--insecure-skip-verify=true', '--tls-skip-verify=1', '--skip-tls-verify', 'false', '--tls-insecure-skip-verify=True']).replace('    - --insecure-skip-verify=true\n    - --tls-skip-verify=1\n    - --skip-tls-verify\n', '').replace('    - --tls-insecure-skip-verify=True\n', ''),
    },
    {
      name: 'Traefik static flag, any case',
      code: container(['--entryPoints.web.address=:80', '--serverstransport.insecureskipverify=true']),
      errors: [{ text: '--serverstransport.insecureskipverify=true', messageId: 'traefikSkipVerifyFlag', data: { flag: '--serverstransport.insecureskipverify=true' } }],
      unsafe: true,
      output: container(['--entryPoints.web.address=:80']),
    },
    { name: 'last occurrence wins', code: container(['--insecure-skip-verify=false', '--insecure-skip-verify']), errors: [{ text: '--insecure-skip-verify', line: 12, messageId: 'skipVerifyFlag' }], unsafe: true, output: container(['--insecure-skip-verify=false', '--insecure-skip-verify']).replace('    - --insecure-skip-verify=false\n    - --insecure-skip-verify\n', '') },
    {
      name: 'kubectl in an sh -c script',
      code: pod('    command:\n    - /bin/sh\n    - -c\n    - |\n      set -e\n      kubectl --insecure-skip-tls-verify get secrets -A > /backup/s.yaml\n'),
      errors: [{ text: '--insecure-skip-tls-verify', line: 14, messageId: 'skipVerifyFlag' }],
      unsafe: true,
      output: pod('    command:\n    - /bin/sh\n    - -c\n    - |\n      set -e\n      kubectl get secrets -A > /backup/s.yaml\n'),
    },
    {
      name: 'Traefik ServersTransport, YAML 1.1 booleans',
      code: transport('  serverName: backend.internal\n  insecureSkipVerify: true\n') + '---\n' + transport('  insecureSkipVerify: yes\n', 'ServersTransport', 'traefik.containo.us/v1alpha1'),
      errors: [
        { text: 'true', line: 7, messageId: 'serversTransport', data: { kind: 'ServersTransport', setting: 'insecureSkipVerify' } },
        { text: 'yes', line: 14, messageId: 'serversTransport' },
      ],
      unsafe: true,
      output: transport('  serverName: backend.internal\n') + '---\n' + transport('  {}\n', 'ServersTransport', 'traefik.containo.us/v1alpha1').replace('spec:\n  {}\n', 'spec: {}\n'),
    },
    {
      name: 'Traefik ServersTransportTCP',
      code: transport('  tls:\n    insecureSkipVerify: on\n', 'ServersTransportTCP'),
      errors: [{ text: 'on', line: 7, messageId: 'serversTransport', data: { kind: 'ServersTransportTCP', setting: 'tls.insecureSkipVerify' } }],
      unsafe: true,
      output: transport('  tls: {}\n', 'ServersTransportTCP'),
    },
    {
      name: 'embedded: a Cluster API static pod file',
      code: 'apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nspec:\n  files:\n  - path: /etc/kubernetes/manifests/probe.yaml\n    content: |\n      apiVersion: v1\n      kind: Pod\n      spec:\n        containers:\n        - name: m\n          args: [--tls-skip-verify]\n',
      errors: [{ text: '--tls-skip-verify', line: 12, messageId: 'skipVerifyFlag' }],
      unsafe: true,
      output: 'apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nspec:\n  files:\n  - path: /etc/kubernetes/manifests/probe.yaml\n    content: |\n      apiVersion: v1\n      kind: Pod\n      spec:\n        containers:\n        - name: m\n          args: []\n',
    },
  ],
});
