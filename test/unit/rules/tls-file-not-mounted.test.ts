import assert from 'node:assert/strict';
import { lint } from '../../../shared/engine';
import { isUnderMount } from '../../../shared/rules/tls-file-not-mounted';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const mounts = (...paths: string[]) => `    volumeMounts:\n${paths.map((p, i) => `    - name: v${i}\n      mountPath: ${p}\n`).join('')}`;
const envs = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([name, value]) => `    - name: ${name}\n      value: ${value}\n`).join('')}`;
const container = (binary: string, flags: string[], tail = mounts('/etc/kubernetes/pki')) =>
  pod(`    command:\n    - ${binary}\n${flags.map((f) => `    - ${f}\n`).join('')}${tail}`);

runRuleTests('tls-file-not-mounted', {
  valid: [
    { name: 'every file under the mount', code: container('kube-apiserver', ['--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
    { name: 'the mountPath itself with a trailing slash', code: container('kube-scheduler', ['--client-ca-file=/etc/ssl/ca.crt'], mounts('/etc/ssl/')) },
    { name: 'relative paths are not judged', code: container('etcd', ['--cert-file=pki/etcd.crt'], '') },
    { name: 'templated path silences the container', code: container('kube-apiserver', ['--tls-cert-file={{ .Values.cert }}', '--client-ca-file=/outside/ca.crt']) },
    { name: 'templated mount silences the container', code: container('kube-apiserver', ['--tls-cert-file=/outside/a.crt'], '    volumeMounts:\n    - name: v\n      mountPath: {{ .Values.dir }}\n') },
    { name: '$(VAR) expansion is not judged', code: container('etcd', ['--cert-file=$(CERT_DIR)/etcd.crt'], '') },
    { name: 'flags that are not about files', code: container('kube-apiserver', ['--audit-log-path=/var/log/audit.log'], '') },
    { name: 'kubelet is not judged', code: container('kubelet', ['--tls-cert-file=/var/lib/kubelet/pki/k.crt'], '') },
    { name: 'a subPath mount onto the file', code: container('kube-scheduler', ['--tls-cert-file=/etc/s/tls.crt'], '    volumeMounts:\n    - name: v\n      mountPath: /etc/s/tls.crt\n      subPath: tls.crt\n') },
    { name: 'root mount covers everything', code: container('etcd', ['--trusted-ca-file=/etc/etcd/ca.crt'], mounts('/')) },
    { name: 'etcd: ETCD_* variables under the mount', code: container('etcd', [], `${envs(['ETCD_CERT_FILE', '/etc/kubernetes/pki/etcd/server.crt'], ['ETCD_PEER_TRUSTED_CA_FILE', '/etc/kubernetes/pki/etcd/ca.crt'])}${mounts('/etc/kubernetes/pki/etcd')}`) },
    { name: 'etcd: the flag wins over its variable', code: container('etcd', ['--cert-file=/etc/kubernetes/pki/etcd/server.crt'], `${envs(['ETCD_CERT_FILE', '/outside/server.crt'])}${mounts('/etc/kubernetes/pki')}`) },
    { name: 'etcd: a variable from valueFrom silences the container', code: container('etcd', ['--key-file=/outside/server.key'], '    env:\n    - name: ETCD_CERT_FILE\n      valueFrom: {configMapKeyRef: {name: etcd, key: cert}}\n') },
    { name: 'etcd: a configuration file makes flags and variables ignored', code: container('etcd', ['--config-file=/etc/etcd/etcd.conf.yml'], envs(['ETCD_CERT_FILE', '/outside/server.crt'])) },
    { name: 'etcd variables mean nothing to other programs', code: container('kube-apiserver', [], envs(['ETCD_CERT_FILE', '/outside/server.crt'])) },
  ],
  invalid: [
    {
      name: 'a sibling folder with a common prefix does not cover the path',
      code: container('kube-apiserver', ['--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes-pki/apiserver.key'], mounts('/etc/kubernetes-pki')),
      errors: [{ text: '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', line: 11, severity: 'warning', messageId: 'notCoveredByMount', data: { binary: 'kube-apiserver', files: '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt' } }],
      output: null,
    },
    {
      name: 'no volumeMounts at all: every absolute file flag, one per line',
      code: container('etcd', ['--cert-file=/etc/etcd/pki/server.crt', '--key-file', '/etc/etcd/pki/server.key', '--data-dir=/var/lib/etcd'], ''),
      errors: [
        { text: '--cert-file=/etc/etcd/pki/server.crt', messageId: 'noVolumeMounted', data: { binary: 'etcd', files: '--cert-file=/etc/etcd/pki/server.crt' } },
        { text: '/etc/etcd/pki/server.key', line: 13, messageId: 'noVolumeMounted' },
      ],
    },
    {
      name: 'a subPath mount onto a file does not cover its siblings',
      code: container('kube-controller-manager', ['--root-ca-file=/etc/cm/ca.crt', '--service-account-private-key-file=/etc/cm/sa.key'], '    volumeMounts:\n    - name: v\n      mountPath: /etc/cm/ca.crt\n      subPath: ca.crt\n'),
      errors: [{ text: '--service-account-private-key-file=/etc/cm/sa.key', messageId: 'notCoveredByMount' }],
    },
    {
      name: 'shell script: flags on one line make one finding',
      code: pod('    command:\n    - sh\n    - -c\n    - kube-scheduler --tls-cert-file=/s/tls.crt --tls-private-key-file=/s/tls.key\n'),
      errors: [{ text: '--tls-cert-file=/s/tls.crt', messageId: 'noVolumeMounted', data: { binary: 'kube-scheduler', files: '--tls-cert-file=/s/tls.crt, --tls-private-key-file=/s/tls.key' } }],
    },
    {
      name: 'etcd: an ETCD_* variable outside every mount, on its value',
      code: container('etcd', ['--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt'], `${envs(['ETCD_TRUSTED_CA_FILE', '/etc/etcd-ca/ca.crt'], ['ETCD_PEER_KEY_FILE', '/etc/kubernetes/pki/etcd/peer.key'], ['ETCD_KEY_FILE', '"/srv/etcd/server.key"'])}${mounts('/etc/kubernetes/pki')}`),
      errors: [
        { text: '/etc/etcd-ca/ca.crt', line: 14, severity: 'warning', messageId: 'notCoveredByMount', data: { binary: 'etcd', files: 'ETCD_TRUSTED_CA_FILE=/etc/etcd-ca/ca.crt' } },
        { text: '"/srv/etcd/server.key"', line: 18, messageId: 'notCoveredByMount', data: { binary: 'etcd', files: 'ETCD_KEY_FILE=/srv/etcd/server.key' } },
      ],
      output: null,
    },
    {
      name: 'a Deployment is judged like a static pod',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hosted-apiserver\nspec:\n  template:\n    spec:\n      containers:\n      - name: apiserver\n        command: [kube-apiserver, --kubelet-client-certificate=/certs/kubelet.crt]\n        volumeMounts:\n        - {name: pki, mountPath: /etc/kubernetes/pki}\n',
      errors: [{ text: '--kubelet-client-certificate=/certs/kubelet.crt', messageId: 'notCoveredByMount' }],
    },
  ],
});

describe('tls-file-not-mounted details', () => {
  it('points its related location at the container\'s volumeMounts', () => {
    const code = container('kube-apiserver', ['--etcd-cafile=/etc/etcd/ca.crt']);
    const [finding] = lint(code).findings.filter((f) => f.ruleId === 'tls-file-not-mounted');
    assert.deepEqual(finding.related?.map((r) => [code.slice(r.range.start, r.range.end), r.message]), [['volumeMounts', 'the volumeMounts of container "c"']]);
  });

  it('covers a path equal to the mount or below mountPath/ only', () => {
    const dir = { path: '/etc/kubernetes/pki', fileOnly: false };
    assert.deepEqual(['/etc/kubernetes/pki', '/etc/kubernetes/pki/ca.crt', '/etc/kubernetes/pki2/ca.crt', '/etc/kubernetes'].map((p) => isUnderMount(p, dir)), [true, true, false, false]);
    assert.deepEqual(['/a/ca.crt', '/a/ca.crt/x'].map((p) => isUnderMount(p, { path: '/a/ca.crt', fileOnly: true })), [true, false]);
  });
});
