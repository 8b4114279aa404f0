import { isJudgeableEtcd } from '../model/etcd';
import { envNameOf } from '../model/settings';
import { plainHttpUrls, writtenSetting } from './helpers';
import type { Rule, Severity } from './types';

/** The URL settings of an etcd member, the message saying what plain http on each means, and its severity. */
const URL_SETTINGS: ReadonlyArray<{ flag: string; messageId: string; severity?: Severity }> = [
  { flag: 'listen-client-urls', messageId: 'listenClientUrls' },
  { flag: 'advertise-client-urls', messageId: 'advertiseClientUrls' },
  { flag: 'listen-peer-urls', messageId: 'listenPeerUrls' },
  { flag: 'initial-advertise-peer-urls', messageId: 'initialAdvertisePeerUrls' },
  { flag: 'initial-cluster', messageId: 'initialCluster' },
  { flag: 'listen-metrics-urls', messageId: 'listenMetricsUrls', severity: 'info' },
];

/**
 * ## What it does
 * Flags an etcd whose client, peer or metrics URLs (flags or `ETCD_*` variables) hold an
 * `http://` URL whose host is not loopback.
 *
 * ## Why is this bad?
 * Certificate files alone do not make etcd serve TLS: a listener on an `http://` URL stays
 * plain text, so the whole cluster state crosses the network readable.
 */
const rule: Rule = {
  meta: {
    id: 'etcd-plain-http-urls',
    title: 'etcd URLs with plain http:// beyond localhost',
    description:
      'etcd serves each URL in the scheme it is written with: a `http://` URL in `--listen-client-urls`, `--advertise-client-urls`, `--listen-peer-urls`, `--initial-advertise-peer-urls`, `--initial-cluster` (each member\'s URL) or `--listen-metrics-urls` (also as `ETCD_LISTEN_CLIENT_URLS` and the other `ETCD_*` variables) is plain text, whatever certificate files are given. etcd holds every object of the cluster, Secrets included, so a plain client or peer URL on a network address exposes all of it. Loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`) are not reported; `0.0.0.0`, `[::]` and an empty host (`http://:2379`) listen on every interface and are. One finding per setting, on its value, naming the URLs. A URL written with `$(POD_IP)` keeps its `http://` scheme and is reported; one behind a template action or `${…}` is unknown. The metrics URL alone serves only metrics and health, so it is reported as info.',
    remediation:
      'Serve `https://` URLs with `--cert-file`/`--key-file` (clients) and `--peer-cert-file`/`--peer-key-file` (peers), or bind plain listeners to `127.0.0.1` only. Clients (the API server\'s `--etcd-servers`, other members) must switch to `https://` at the same time, so the tool offers no automatic fix.',
    defaultSeverity: 'warning',
    severityNote: 'The metrics URL alone (`--listen-metrics-urls`) is info: it serves metrics and health checks, not the cluster state.',
    category: 'etcd',
    sources: [
      { kind: 'etcd', id: 'configuration flags', note: '--listen-client-urls, --advertise-client-urls, --listen-peer-urls, --initial-cluster, --listen-metrics-urls; ETCD_* variables mirror them', url: 'https://etcd.io/docs/v3.5/op-guide/configuration/' },
      { kind: 'etcd', id: 'transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { kind: 'CIS', id: '2.1', version: '1.12', note: 'the certificate files assume https:// client URLs' },
    ],
    messages: {
      listenClientUrls: 'etcd {{setting}} uses plain http:// beyond localhost ({{urls}}): clients (the API server) read and write every object, Secrets included, unencrypted.',
      advertiseClientUrls: 'etcd {{setting}} uses plain http:// beyond localhost ({{urls}}): clients are told to connect without TLS.',
      listenPeerUrls: 'etcd {{setting}} uses plain http:// beyond localhost ({{urls}}): members replicate every object to each other unencrypted.',
      initialAdvertisePeerUrls: 'etcd {{setting}} uses plain http:// beyond localhost ({{urls}}): the other members are told to connect without TLS.',
      initialCluster: 'etcd {{setting}} uses plain http:// beyond localhost ({{urls}}): members reach each other without TLS.',
      listenMetricsUrls: 'etcd {{setting}} uses plain http:// beyond localhost ({{urls}}): metrics and health are served without TLS.',
    },
    fixable: false,
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --listen-client-urls=http://0.0.0.0:2379\n      - --advertise-client-urls=http://10.0.0.5:2379',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --listen-client-urls=https://0.0.0.0:2379\n      - --advertise-client-urls=https://10.0.0.5:2379\n      - --cert-file=/etc/kubernetes/pki/etcd/server.crt\n      - --key-file=/etc/kubernetes/pki/etcd/server.key',
    },
  },
  create(context) {
    return {
      component(component) {
        if (!isJudgeableEtcd(component)) return;
        for (const { flag, messageId, severity } of URL_SETTINGS) {
          const setting = writtenSetting(component, flag, context.text, envNameOf('etcd', flag));
          if (!setting) continue;
          // `--initial-cluster` is `name=url,name=url`.
          const list = flag === 'initial-cluster' ? setting.value.split(',').map((member) => member.slice(member.indexOf('=') + 1)).join(',') : setting.value;
          const urls = plainHttpUrls(list);
          if (urls.length === 0) continue;
          context.report({
            range: setting.range,
            messageId,
            data: { setting: setting.label, urls: urls.join(', ') },
            ...(severity ? { severity } : {}),
          });
        }
      },
    };
  },
};

export default rule;
