import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const API = 'kube-apiserver';
/** A static pod running `image` with a block `command` (the binary, then `flags`). */
const imaged = (image: string, flags: readonly string[], binary = API) =>
  pod(`    image: ${image}\n    command:\n    - ${binary}\n${flags.map((f) => `    - ${f}\n`).join('')}`);
/** The same with only `args`: the image's entrypoint runs the binary. */
const imagedArgs = (image: string, flags: readonly string[]) => pod(`    image: ${image}\n    args:\n${flags.map((f) => `    - ${f}\n`).join('')}`);
const ZERO = '--insecure-port=0';

runRuleTests('apiserver-insecure-port', {
  valid: [
    { name: 'absent', code: blockCommand(API, ['--secure-port=6443']) },
    { name: 'set to 0', code: blockCommand(API, ['--insecure-port=0']) },
    { name: 'set to 00', code: flowCommand(API, ['--insecure-port=00']) },
    { name: 'last occurrence wins', code: blockCommand(API, ['--insecure-port=8080', '--insecure-port=0']) },
    { name: 'split form 0', code: blockCommand(API, ['--insecure-port', '"0"']) },
    { name: 'look-alike flags', code: blockCommand(API, ['--insecure-port-x=8080', '--secure-port=8080', '--xinsecure-port=1']) },
    { name: 'another binary', code: blockCommand('kube-scheduler', ['--insecure-port=10251']) },
    { name: 'not a number (the API server would not start)', code: blockCommand(API, ['--insecure-port=http']) },
    { name: 'templated value', code: blockCommand(API, ['--insecure-port={{ .Values.port }}']) },
    { name: 'environment variable', code: blockCommand(API, ['--insecure-port=$(INSECURE_PORT)']) },
    { name: 'kubeadm v1beta3: 0', code: kubeadmMap('apiServer', ['insecure-port: "0"']) },
    { name: 'kubeadm v1beta4: 0', code: kubeadmList('apiServer', [['insecure-port', '"0"']]) },
    { name: 'kubeadm: other section', code: kubeadmMap('scheduler', ['insecure-port: "10251"']) },
    { name: 'old alias --port=0', code: blockCommand(API, ['--port=0']) },
    { name: 'old alias then --insecure-port=0: the last one wins', code: blockCommand(API, ['--port=8080', '--insecure-port=0']) },
    { name: '--port on another binary is its own flag', code: blockCommand('kube-scheduler', ['--port=10251']) },
    // Absent: judged by the release the image tag names (the insecure port was on by default before 1.20).
    { name: 'absent, 1.20 and later: no insecure port', code: imaged('registry.k8s.io/kube-apiserver:v1.20.0', ['--v=2']) },
    { name: 'absent, 1.31 args only', code: imagedArgs('registry.k8s.io/kube-apiserver:v1.31.0', ['--v=2']) },
    { name: 'absent, before 1.20 but set to 0', code: imaged('k8s.gcr.io/kube-apiserver:v1.19.3', [ZERO]) },
    { name: 'absent, before 1.20 but the old alias is 0', code: imaged('k8s.gcr.io/kube-apiserver:v1.16.0', ['--port=0']) },
    { name: 'tag latest', code: imaged('k8s.gcr.io/kube-apiserver:latest', ['--v=2']) },
    { name: 'tag without patch release', code: imaged('k8s.gcr.io/kube-apiserver:v1.19', ['--v=2']) },
    { name: 'digest only', code: imaged('k8s.gcr.io/kube-apiserver@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', ['--v=2']) },
    { name: 'templated tag', code: imaged('"k8s.gcr.io/kube-apiserver:{{ .Values.version }}"', ['--v=2']) },
    { name: 'templated tag after a release-like prefix', code: imaged('"k8s.gcr.io/kube-apiserver:v1.19.{{ .Values.patch }}"', ['--v=2']) },
    { name: 'an image that is no Kubernetes release', code: imaged('mycorp/api-gateway:v1.2.3', ['--v=2']) },
    { name: 'the registry port is no tag', code: imaged('registry.local:5000/kube-apiserver', ['--v=2']) },
    { name: 'another binary from an old image', code: imaged('k8s.gcr.io/hyperkube:v1.16.2', ['--v=2'], 'kube-scheduler') },
    { name: '--version only prints', code: imaged('k8s.gcr.io/kube-apiserver:v1.18.0', ['--version']) },
    { name: 'Helm flags from a template', code: pod(`    image: k8s.gcr.io/kube-apiserver:v1.18.0\n    command:\n    - ${API}\n    {{- range .Values.flags }}\n    - {{ . }}\n    {{- end }}\n`) },
    { name: 'kubeadm with an old kubernetesVersion (kubeadm passes --insecure-port=0)', code: `${kubeadmMap('apiServer', ['v: "2"'])}kubernetesVersion: v1.18.0\n` },
  ],
  invalid: [
    {
      name: 'absent, 1.19: the default 127.0.0.1:8080, on the image',
      code: imaged('k8s.gcr.io/kube-apiserver:v1.19.3', ['--v=2']),
      errors: [{ text: 'k8s.gcr.io/kube-apiserver:v1.19.3', line: 9, severity: 'error', messageId: 'defaultPort', data: { release: '1.19.3' } }],
      output: imaged('k8s.gcr.io/kube-apiserver:v1.19.3', ['--v=2', ZERO]),
      unsafe: true,
    },
    {
      name: 'absent, arch image, quoted, flow command',
      code: pod(`    image: "registry.k8s.io/kube-apiserver-amd64:v1.18.0"\n    command: [${API}, --v=2]\n`),
      errors: [{ text: 'registry.k8s.io/kube-apiserver-amd64:v1.18.0', messageId: 'defaultPort' }],
      output: pod(`    image: "registry.k8s.io/kube-apiserver-amd64:v1.18.0"\n    command: [${API}, --v=2, ${ZERO}]\n`),
      unsafe: true,
    },
    {
      name: 'absent, args only, with a digest after the tag',
      code: imagedArgs('k8s.gcr.io/kube-apiserver:v1.17.17@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', ['--v=2']),
      errors: [{ text: 'k8s.gcr.io/kube-apiserver:v1.17.17@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', messageId: 'defaultPort' }],
      output: imagedArgs('k8s.gcr.io/kube-apiserver:v1.17.17@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', ['--v=2', ZERO]),
      unsafe: true,
    },
    {
      name: 'absent, hyperkube with a build suffix',
      code: pod('    image: quay.io/coreos/hyperkube:v1.10.4_coreos.0\n    command:\n    - /hyperkube\n    - apiserver\n    - --v=2\n'),
      errors: [{ text: 'quay.io/coreos/hyperkube:v1.10.4_coreos.0', messageId: 'defaultPort', data: { release: '1.10.4' } }],
      output: pod(`    image: quay.io/coreos/hyperkube:v1.10.4_coreos.0\n    command:\n    - /hyperkube\n    - apiserver\n    - --v=2\n    - ${ZERO}\n`),
      unsafe: true,
    },
    {
      name: 'absent, sh -c script in an old image',
      code: pod(`    image: k8s.gcr.io/kube-apiserver:v1.15.12-rc.0\n    command: ["/bin/sh", "-c"]\n    args:\n    - exec /usr/local/bin/${API} --v=2\n`),
      errors: [{ text: 'k8s.gcr.io/kube-apiserver:v1.15.12-rc.0', messageId: 'defaultPort' }],
      output: pod(`    image: k8s.gcr.io/kube-apiserver:v1.15.12-rc.0\n    command: ["/bin/sh", "-c"]\n    args:\n    - exec /usr/local/bin/${API} --v=2 ${ZERO}\n`),
      unsafe: true,
    },
    {
      name: 'set, before 1.20: removing it would keep the default 8080, so 0 is the only fix',
      code: imaged('k8s.gcr.io/kube-apiserver:v1.17.17', ['--port=8080', '--v=2']),
      errors: [{ text: '--port=8080', line: 12, messageId: 'insecurePort' }],
      output: imaged('k8s.gcr.io/kube-apiserver:v1.17.17', ['--port=0', '--v=2']),
      unsafe: true,
    },
    {
      name: 'set, 1.20 and later: removed',
      code: imaged('registry.k8s.io/kube-apiserver:v1.21.0', ['--insecure-port=8080', '--v=2']),
      errors: [{ text: '--insecure-port=8080', messageId: 'insecurePort' }],
      output: imaged('registry.k8s.io/kube-apiserver:v1.21.0', ['--v=2']),
    },
    { name: 'absent, only look-alike flags', code: imaged('k8s.gcr.io/kube-apiserver:v1.19.3', ['--insecure-port-x=0', '--secure-port=6443']), errors: [{ text: 'k8s.gcr.io/kube-apiserver:v1.19.3', messageId: 'defaultPort' }], output: imaged('k8s.gcr.io/kube-apiserver:v1.19.3', ['--insecure-port-x=0', '--secure-port=6443', ZERO]), unsafe: true },
    {
      name: 'old alias --port, removed with --insecure-port by the fix',
      code: blockCommand(API, ['--insecure-port=0', '--v=2', '--port=8080']),
      errors: [{ text: '--port=8080', line: 13, messageId: 'insecurePort', data: { flag: 'port', value: '8080' } }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --port to 0': blockCommand(API, ['--insecure-port=0', '--v=2', '--port=0']) },
    },
    {
      name: 'block command',
      code: blockCommand(API, ['--insecure-port=8080', '--v=2']),
      errors: [{ text: '--insecure-port=8080', line: 11, severity: 'error', messageId: 'insecurePort', data: { flag: 'insecure-port', value: '8080' } }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --insecure-port to 0': blockCommand(API, ['--insecure-port=0', '--v=2']) },
    },
    {
      name: 'flow command',
      code: flowCommand(API, ['--v=2', '--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080', messageId: 'insecurePort' }],
      output: flowCommand(API, ['--v=2']),
    },
    {
      name: 'args only',
      code: argsOnly(API, ['--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080', messageId: 'insecurePort' }],
      output: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args:\n'),
    },
    {
      name: 'split form',
      code: blockCommand(API, ['--insecure-port', '"8080"', '--v=2']),
      errors: [{ text: '--insecure-port\n    - "8080"', messageId: 'insecurePort' }],
      output: blockCommand(API, ['--v=2']),
      alternatives: { 'Set --insecure-port to 0': blockCommand(API, ['--insecure-port', '"0"', '--v=2']) },
    },
    {
      name: 'sh -c',
      code: shellScript(API, ['--v=2', '--insecure-port=8080', '--secure-port=6443']),
      errors: [{ text: '--insecure-port=8080', messageId: 'insecurePort' }],
      output: shellScript(API, ['--v=2', '--secure-port=6443']),
    },
    {
      name: 'hyperkube',
      code: hyperkube('apiserver', ['--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080', messageId: 'insecurePort' }],
      output: pod('    command:\n    - /hyperkube\n    - apiserver\n'),
    },
    {
      name: 'last occurrence wins; the fix removes every occurrence',
      code: blockCommand(API, ['--insecure-port=0', '--v=2', '--insecure-port=8080']),
      errors: [{ text: '--insecure-port=8080', messageId: 'insecurePort' }],
      output: blockCommand(API, ['--v=2']),
    },
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('apiServer', ['insecure-port: "8080"', 'v: "2"']),
      errors: [{ text: 'insecure-port: "8080"', messageId: 'insecurePort' }],
      output: kubeadmMap('apiServer', ['v: "2"']),
      alternatives: { 'Set --insecure-port to 0': kubeadmMap('apiServer', ['insecure-port: "0"', 'v: "2"']) },
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('apiServer', [['v', '"2"'], ['insecure-port', '"8080"']]),
      errors: [{ text: 'name: insecure-port\n    value: "8080"', messageId: 'insecurePort' }],
      output: kubeadmList('apiServer', [['v', '"2"']]),
      alternatives: { 'Set --insecure-port to 0': kubeadmList('apiServer', [['v', '"2"'], ['insecure-port', '"0"']]) },
    },
  ],
});
