import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../../helpers/control-plane';
import { runRuleTests } from '../../helpers/rule-tester';
import { CIS_STRONG_CIPHER_SUITES } from '../../../shared/rules/tls-weak-cipher-suites';

const API = 'kube-apiserver';
const STRONG = CIS_STRONG_CIPHER_SUITES.join(',');
const ETCD_STRONG = CIS_STRONG_CIPHER_SUITES.filter((s) => !/^TLS_(AES|CHACHA20)_/.test(s)).join(',');
const GOOD = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
const WEAK = 'TLS_RSA_WITH_AES_128_CBC_SHA';
const REPLACE = 'Replace with the CIS strong cipher suites';
const KEEP = 'Keep only the strong cipher suites listed';
const kubelet = (body: string) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${body}`;

runRuleTests('tls-weak-cipher-suites', {
  valid: [
    { name: 'absent', code: blockCommand(API, ['--v=2']) },
    { name: 'the whole CIS list', code: blockCommand(API, [`--tls-cipher-suites=${STRONG}`]) },
    { name: 'a subset, with spaces', code: blockCommand(API, [`"--tls-cipher-suites=${GOOD}, TLS_AES_128_GCM_SHA256"`]) },
    { name: 'empty value (Go defaults)', code: blockCommand(API, ['--tls-cipher-suites=']) },
    { name: 'look-alike flag', code: blockCommand(API, [`--tls-cipher-suites-x=${WEAK}`, `--cipher-suites=${WEAK}`]) },
    { name: 'etcd reads --cipher-suites, not --tls-cipher-suites', code: blockCommand('etcd', [`--tls-cipher-suites=${WEAK}`]) },
    { name: 'etcd: last occurrence wins', code: blockCommand('etcd', [`--cipher-suites=${WEAK}`, `--cipher-suites=${GOOD}`]) },
    { name: 'templated value', code: blockCommand(API, ['--tls-cipher-suites={{ .Values.ciphers }}']) },
    { name: 'kubeadm v1beta3: strong', code: kubeadmMap('apiServer', [`tls-cipher-suites: "${GOOD}"`]) },
    { name: 'kubeadm v1beta4: strong', code: kubeadmList('scheduler', [['tls-cipher-suites', GOOD]]) },
    { name: 'KubeletConfiguration: strong', code: kubelet(`tlsCipherSuites: [${GOOD}, TLS_AES_128_GCM_SHA256]\n`) },
    { name: 'KubeletConfiguration: absent or empty', code: kubelet('tlsCipherSuites: []\nreadOnlyPort: 0\n') },
    { name: 'another kind with the same field', code: `apiVersion: v1\nkind: ConfigMap\ntlsCipherSuites: [${WEAK}]\n` },
    { name: 'KubeletConfiguration: templated', code: kubelet('tlsCipherSuites:\n{{- toYaml .Values.ciphers | nindent 2 }}\n') },
  ],
  invalid: [
    {
      name: 'block command: the value is flagged',
      code: blockCommand(API, [`--tls-cipher-suites=${WEAK},${GOOD}`]),
      errors: [{ text: `${WEAK},${GOOD}`, line: 11, severity: 'warning', messageId: 'weakSuite', data: { setting: '--tls-cipher-suites', suites: WEAK } }],
      unsafe: true,
      output: blockCommand(API, [`--tls-cipher-suites=${WEAK},${GOOD}`]).replace('    - --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
      alternatives: {
        [REPLACE]: blockCommand(API, [`--tls-cipher-suites=${STRONG}`]),
        [KEEP]: blockCommand(API, [`--tls-cipher-suites=${GOOD}`]),
      },
    },
    {
      name: 'quoted item in a flow command',
      code: flowCommand(API, [`"--tls-cipher-suites=TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_RC4_128_SHA"`]),
      errors: [{ text: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_RC4_128_SHA', messageId: 'weakSuites' }],
      unsafe: true,
      output: flowCommand(API, [`"--tls-cipher-suites=TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_RC4_128_SHA"`]).replace('    command: [kube-apiserver, "--tls-cipher-suites=TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_RC4_128_SHA"]\n', '    command: [kube-apiserver, "--tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"]\n'),
      alternatives: { [REPLACE]: flowCommand(API, [`"--tls-cipher-suites=${STRONG}"`]) },
    },
    {
      name: 'split form',
      code: blockCommand(API, ['--tls-cipher-suites', WEAK]),
      errors: [{ text: WEAK, messageId: 'weakSuite' }],
      unsafe: true,
      output: blockCommand(API, ['--tls-cipher-suites', WEAK]).replace('    - TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
      alternatives: { [REPLACE]: blockCommand(API, ['--tls-cipher-suites', STRONG]) },
    },
    {
      name: 'only TLS 1.3 names would remain: no "keep" fix',
      code: blockCommand(API, [`--tls-cipher-suites=TLS_AES_128_GCM_SHA256,${WEAK}`]),
      errors: [{ text: `TLS_AES_128_GCM_SHA256,${WEAK}`, messageId: 'weakSuite' }],
      unsafe: true,
      output: blockCommand(API, [`--tls-cipher-suites=TLS_AES_128_GCM_SHA256,${WEAK}`]).replace('    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
      alternatives: { [REPLACE]: blockCommand(API, [`--tls-cipher-suites=${STRONG}`]) },
    },
    { name: 'args only', code: argsOnly(API, [`--tls-cipher-suites=${WEAK}`]), errors: [{ text: WEAK, messageId: 'weakSuite' }], unsafe: true, output: argsOnly(API, [`--tls-cipher-suites=${WEAK}`]).replace('    - --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n') },
    {
      name: 'sh -c',
      code: shellScript(API, [`--tls-cipher-suites=${GOOD},${WEAK}`, '--v=2']),
      errors: [{ text: `${GOOD},${WEAK}`, messageId: 'weakSuite' }],
      unsafe: true,
      output: shellScript(API, [`--tls-cipher-suites=${GOOD},${WEAK}`, '--v=2']).replace('    - exec /usr/local/bin/kube-apiserver --tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA --v=2\n', '    - exec /usr/local/bin/kube-apiserver --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 --v=2\n'),
      alternatives: { [KEEP]: shellScript(API, [`--tls-cipher-suites=${GOOD}`, '--v=2']) },
    },
    { name: 'hyperkube scheduler', code: hyperkube('scheduler', [`--tls-cipher-suites=${WEAK}`]), errors: [{ text: WEAK, messageId: 'weakSuite' }], unsafe: true, output: hyperkube('scheduler', [`--tls-cipher-suites=${WEAK}`]).replace('    - --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n') },
    { name: 'kubelet', code: blockCommand('kubelet', [`--tls-cipher-suites=${WEAK}`]), errors: [{ text: WEAK, messageId: 'weakSuite' }], unsafe: true, output: blockCommand('kubelet', [`--tls-cipher-suites=${WEAK}`]).replace('    - --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n') },
    { name: 'controller manager', code: flowCommand('kube-controller-manager', [`--tls-cipher-suites=${WEAK}`]), errors: [{ text: WEAK, messageId: 'weakSuite' }], unsafe: true, output: flowCommand('kube-controller-manager', [`--tls-cipher-suites=${WEAK}`]).replace('    command: [kube-controller-manager, --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA]\n', '    command: [kube-controller-manager, "--tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"]\n') },
    {
      name: 'etcd --cipher-suites: its fix leaves out the TLS 1.3 names etcd 3.4 rejects',
      code: blockCommand('etcd', [`--cipher-suites=${WEAK}`]),
      errors: [{ text: WEAK, messageId: 'weakSuite', data: { setting: '--cipher-suites', suites: WEAK } }],
      unsafe: true,
      output: blockCommand('etcd', [`--cipher-suites=${WEAK}`]).replace('    - --cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - --cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
      alternatives: { [REPLACE]: blockCommand('etcd', [`--cipher-suites=${ETCD_STRONG}`]) },
    },
    {
      name: 'repeated flags add up: each weak occurrence is flagged, even before a strong one',
      code: blockCommand(API, [`--tls-cipher-suites=${WEAK}`, `--tls-cipher-suites=${GOOD}`]),
      errors: [{ text: WEAK, messageId: 'weakSuite' }],
      unsafe: true,
      output: blockCommand(API, [`--tls-cipher-suites=${WEAK}`, `--tls-cipher-suites=${GOOD}`]).replace('    - --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
    },
    {
      name: 'unknown names are not strong either',
      code: blockCommand(API, [`--tls-cipher-suites=${GOOD},tls_ecdhe_rsa_with_aes_128_gcm_sha256`]),
      errors: [{ text: `${GOOD},tls_ecdhe_rsa_with_aes_128_gcm_sha256`, messageId: 'weakSuite' }],
      unsafe: true,
      output: blockCommand(API, [`--tls-cipher-suites=${GOOD},tls_ecdhe_rsa_with_aes_128_gcm_sha256`]).replace('    - --tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,tls_ecdhe_rsa_with_aes_128_gcm_sha256\n', '    - --tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
    },
    {
      name: 'kubeadm v1beta3 map: inside the quotes',
      code: kubeadmMap('apiServer', [`tls-cipher-suites: "${WEAK},${GOOD}"`]),
      errors: [{ text: `${WEAK},${GOOD}`, messageId: 'weakSuite' }],
      unsafe: true,
      output: kubeadmMap('apiServer', [`tls-cipher-suites: "${WEAK},${GOOD}"`]).replace('    tls-cipher-suites: "TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"\n', '    tls-cipher-suites: "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"\n'),
      alternatives: { [KEEP]: kubeadmMap('apiServer', [`tls-cipher-suites: "${GOOD}"`]) },
    },
    {
      name: 'KubeletConfiguration: block list',
      code: kubelet(`tlsCipherSuites:\n  - ${GOOD}\n  - ${WEAK}\nreadOnlyPort: 0\n`),
      errors: [{ text: `${GOOD}\n  - ${WEAK}`, messageId: 'weakSuite', data: { setting: 'tlsCipherSuites', suites: WEAK } }],
      unsafe: true,
      output: kubelet(`tlsCipherSuites:\n  - ${GOOD}\n  - ${WEAK}\nreadOnlyPort: 0\n`).replace('tlsCipherSuites:\n', 'tlsCipherSuites:\n  - TLS_AES_128_GCM_SHA256\n  - TLS_AES_256_GCM_SHA384\n  - TLS_CHACHA20_POLY1305_SHA256\n  - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n  - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\n  - TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305\n  - TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256\n').replace('  - TLS_RSA_WITH_AES_128_CBC_SHA\n', '  - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n  - TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305\n  - TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
      alternatives: {
        [REPLACE]: kubelet(`tlsCipherSuites:\n${CIS_STRONG_CIPHER_SUITES.map((c) => `  - ${c}\n`).join('')}readOnlyPort: 0\n`),
        [KEEP]: kubelet(`tlsCipherSuites:\n  - ${GOOD}\nreadOnlyPort: 0\n`),
      },
    },
    {
      name: 'KubeletConfiguration: flow list, quoted',
      code: kubelet(`tlsCipherSuites: ["${WEAK}", "${GOOD}"]\n`),
      errors: [{ text: `["${WEAK}", "${GOOD}"]`, messageId: 'weakSuite' }],
      unsafe: true,
      output: kubelet(`tlsCipherSuites: ["${WEAK}", "${GOOD}"]\n`).replace('tlsCipherSuites: ["TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]\n', 'tlsCipherSuites: ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"]\n'),
      alternatives: { [KEEP]: kubelet(`tlsCipherSuites: ["${GOOD}"]\n`) },
    },
    {
      name: 'KubeletConfiguration: comments would be lost, so no fix',
      code: kubelet(`tlsCipherSuites:\n  - ${WEAK} # legacy LB\n`),
      errors: [{ text: WEAK, messageId: 'weakSuite' }],
      output: null,
    },
    {
      name: 'kubeadm v1beta4 list, etcd',
      code: kubeadmList('etcd.local', [['cipher-suites', WEAK]]),
      errors: [{ text: WEAK, messageId: 'weakSuite' }],
      unsafe: true,
      output: kubeadmList('etcd.local', [['cipher-suites', WEAK]]).replace('      value: TLS_RSA_WITH_AES_128_CBC_SHA\n', '      value: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\n'),
      alternatives: { [REPLACE]: kubeadmList('etcd.local', [['cipher-suites', ETCD_STRONG]]) },
    },
  ],
});
