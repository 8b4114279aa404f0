import assert from 'node:assert/strict';
import { fixAll, lint } from '../../../shared/engine';
import { kubeadmList, kubeadmMap } from '../../helpers/control-plane';
import { pod, runRuleTests } from '../../helpers/rule-tester';

const etcd = (flags: string[], extra = '') => pod(`    command:\n    - etcd\n${flags.map((f) => `    - ${f}\n`).join('')}${extra}`);
const env = (...vars: Array<[string, string]>) => `    env:\n${vars.map(([n, v]) => `    - name: ${n}\n      value: ${v}\n`).join('')}`;

runRuleTests('etcd-plain-http-urls', {
  valid: [
    { name: 'https everywhere', code: etcd(['--listen-client-urls=https://0.0.0.0:2379', '--listen-peer-urls=https://0.0.0.0:2380', '--initial-cluster=a=https://10.0.0.1:2380,b=https://10.0.0.2:2380']) },
    { name: 'loopback hosts', code: etcd(['--listen-client-urls=http://127.0.0.1:2379,http://localhost:2379,http://[::1]:2379,http://127.9.0.1:2379']) },
    { name: 'loopback metrics', code: etcd(['--listen-metrics-urls=http://127.0.0.1:2381']) },
    { name: 'last occurrence wins', code: etcd(['--listen-client-urls=http://0.0.0.0:2379', '--listen-client-urls=https://0.0.0.0:2379']) },
    { name: 'a flag overrides its variable', code: etcd(['--listen-client-urls=https://0.0.0.0:2379'], env(['ETCD_LISTEN_CLIENT_URLS', 'http://0.0.0.0:2379'])) },
    { name: '${…} is unknown', code: etcd(['--advertise-client-urls=http://${HOST}:2379']) },
    { name: 'templated value', code: etcd(['--advertise-client-urls=http://{{ .Values.host }}:2379']) },
    { name: 'templated variable', code: etcd([], env(['ETCD_ADVERTISE_CLIENT_URLS', '"http://{{ .Values.host }}:2379"'])) },
    { name: 'variable from a Secret', code: etcd([], '    env:\n    - name: ETCD_LISTEN_CLIENT_URLS\n      valueFrom: {secretKeyRef: {name: s, key: k}}\n') },
    { name: 'etcd reads a config file', code: etcd(['--config-file=/etc/etcd.yaml', '--listen-client-urls=http://0.0.0.0:2379']) },
    { name: 'etcd gateway is no member', code: pod('    command: [etcd, gateway, start, --endpoints=http://10.0.0.1:2379]\n') },
    { name: 'not etcd', code: pod('    command: [etcdctl, --endpoints=http://10.0.0.1:2379, get, /]\n') },
    { name: 'kubeadm external https endpoints', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  external:\n    endpoints: [https://10.0.0.1:2379]\n' },
  ],
  invalid: [
    {
      name: 'listen client URLs on every interface',
      code: etcd(['--listen-client-urls=http://0.0.0.0:2379']),
      errors: [{ text: 'http://0.0.0.0:2379', line: 11, severity: 'warning', messageId: 'listenClientUrls', data: { setting: '--listen-client-urls', urls: 'http://0.0.0.0:2379' } }],
      output: null,
    },
    {
      name: 'only the plain non-loopback URLs are named; scheme case-insensitive; [::] and empty hosts',
      code: etcd(['--listen-client-urls=https://10.0.0.1:2379,http://127.0.0.1:2379,HTTP://10.0.0.1:2379,http://[::]:2379,http://:2379']),
      errors: [{ text: 'https://10.0.0.1:2379,http://127.0.0.1:2379,HTTP://10.0.0.1:2379,http://[::]:2379,http://:2379', messageId: 'listenClientUrls', data: { setting: '--listen-client-urls', urls: 'HTTP://10.0.0.1:2379, http://[::]:2379, http://:2379' } }],
    },
    {
      name: 'split form: the value on its own line',
      code: etcd(['--advertise-client-urls', 'http://10.0.0.5:2379']),
      errors: [{ text: 'http://10.0.0.5:2379', line: 12, messageId: 'advertiseClientUrls', data: { setting: '--advertise-client-urls', urls: 'http://10.0.0.5:2379' } }],
    },
    {
      name: 'last occurrence wins',
      code: etcd(['--listen-peer-urls=https://0.0.0.0:2380', '--listen-peer-urls=http://0.0.0.0:2380']),
      errors: [{ text: 'http://0.0.0.0:2380', line: 12, messageId: 'listenPeerUrls' }],
    },
    {
      name: 'one finding per setting',
      code: etcd(['--listen-client-urls=http://0.0.0.0:2379', '--advertise-client-urls=http://10.0.0.5:2379', '--listen-peer-urls=http://0.0.0.0:2380', '--initial-advertise-peer-urls=http://10.0.0.5:2380', '--initial-cluster=a=http://10.0.0.5:2380,b=https://10.0.0.6:2380,c=http://10.0.0.7:2380', '--listen-metrics-urls=http://0.0.0.0:2381']),
      errors: [
        { text: 'http://0.0.0.0:2379', messageId: 'listenClientUrls', severity: 'warning' },
        { text: 'http://10.0.0.5:2379', messageId: 'advertiseClientUrls' },
        { text: 'http://0.0.0.0:2380', messageId: 'listenPeerUrls', data: { setting: '--listen-peer-urls', urls: 'http://0.0.0.0:2380' } },
        { text: 'http://10.0.0.5:2380', messageId: 'initialAdvertisePeerUrls' },
        { text: 'a=http://10.0.0.5:2380,b=https://10.0.0.6:2380,c=http://10.0.0.7:2380', messageId: 'initialCluster', data: { setting: '--initial-cluster', urls: 'http://10.0.0.5:2380, http://10.0.0.7:2380' } },
        { text: 'http://0.0.0.0:2381', severity: 'info', messageId: 'listenMetricsUrls', data: { setting: '--listen-metrics-urls', urls: 'http://0.0.0.0:2381' } },
      ],
    },
    {
      name: '$(POD_IP) does not hide the scheme',
      code: etcd(['--advertise-client-urls=http://$(POD_IP):2379']),
      errors: [{ text: 'http://$(POD_IP):2379', messageId: 'advertiseClientUrls' }],
    },
    {
      name: 'ETCD_* variables, at their values',
      code: etcd([], env(['ETCD_LISTEN_CLIENT_URLS', '"http://0.0.0.0:2379"'], ['ETCD_ADVERTISE_CLIENT_URLS', 'http://$(POD_IP):2379'])),
      errors: [
        { text: 'http://0.0.0.0:2379', line: 13, messageId: 'listenClientUrls', data: { setting: 'ETCD_LISTEN_CLIENT_URLS', urls: 'http://0.0.0.0:2379' } },
        { text: 'http://$(POD_IP):2379', line: 15, messageId: 'advertiseClientUrls' },
      ],
    },
    {
      name: 'sh -c: the value inside the script',
      code: pod('    command: ["/bin/sh", "-c"]\n    args:\n    - exec etcd --name=$(HOSTNAME) --listen-client-urls http://0.0.0.0:2379 --data-dir=/var/lib/etcd\n'),
      errors: [{ text: 'http://0.0.0.0:2379', messageId: 'listenClientUrls' }],
    },
    {
      name: 'kubeadm extraArgs, map form',
      code: kubeadmMap('etcd.local', ['listen-client-urls: "http://0.0.0.0:2379"']),
      errors: [{ text: 'http://0.0.0.0:2379', line: 6, messageId: 'listenClientUrls' }],
    },
    {
      name: 'kubeadm extraArgs, list form',
      code: kubeadmList('etcd.local', [['listen-peer-urls', 'http://10.0.0.5:2380']]),
      errors: [{ text: 'http://10.0.0.5:2380', line: 7, messageId: 'listenPeerUrls' }],
    },
    {
      name: 'embedded: the kubeadm-config ConfigMap, on the real line inside the block',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\ndata:\n  ClusterConfiguration: |\n    etcd:\n      local:\n        extraArgs:\n          listen-client-urls: http://0.0.0.0:2379\n',
      errors: [{ text: 'http://0.0.0.0:2379', line: 11, messageId: 'listenClientUrls' }],
    },
  ],
});

describe('etcd-plain-http-urls: no fix makes it clean', () => {
  it('after every fix the tool offers (unsafe ones too), the plain-http listener is still reported', () => {
    const code = etcd(['--listen-client-urls=http://0.0.0.0:2379', '--advertise-client-urls=http://10.0.0.5:2379']);
    const fixed = fixAll(code, { unsafeFixes: true }).text;
    assert.match(fixed, /--cert-file=/);
    const left = lint(fixed).findings.filter((f) => f.ruleId === 'etcd-plain-http-urls').map((f) => fixed.slice(f.range.start, f.range.end));
    assert.deepEqual(left, ['http://0.0.0.0:2379', 'http://10.0.0.5:2379']);
  });
});
