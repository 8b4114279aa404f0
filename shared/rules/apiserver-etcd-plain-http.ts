import { isScalar, isSeq } from 'yaml';
import { clusterConfigurationsOf } from '../model/kubeadm';
import { getPath } from '../model/resources';
import { plainHttpUrls, scalarValueRange, templated, writtenSetting } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver whose `--etcd-servers` (or kubeadm's `etcd.external.endpoints`) holds
 * an `http://` URL to a host that is not loopback.
 *
 * ## Why is this bad?
 * The API server then talks to etcd in plain text: the etcd client certificate flags are not
 * even used, and every object crosses the network readable.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-etcd-plain-http',
    title: 'kube-apiserver --etcd-servers with plain http:// beyond localhost',
    description:
      'The API server connects to each `--etcd-servers` URL in the scheme it is written with: an `http://` URL to another host means every read and write of the cluster state, Secrets included, crosses the network unencrypted and unauthenticated, whatever `--etcd-certfile`/`--etcd-keyfile`/`--etcd-cafile` say. Read from the flag (command line, `sh -c` scripts, kubeadm `apiServer.extraArgs`) and from kubeadm `etcd.external.endpoints`, which kubeadm turns into that flag. A loopback URL (`http://127.0.0.1:2379`, `localhost`, `[::1]`) never leaves the node and is not reported; a URL behind a template action or `${…}` is unknown.',
    remediation:
      'Serve etcd over TLS (`--cert-file`/`--key-file` and `https://` client URLs) and point `--etcd-servers` at `https://` URLs with `--etcd-certfile`, `--etcd-keyfile` and `--etcd-cafile`. etcd must change first, so the tool offers no automatic fix.',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'Kubernetes', id: 'kube-apiserver --etcd-servers', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
      { kind: 'Kubernetes', id: 'kubeadm ExternalEtcd.endpoints', url: 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-ExternalEtcd' },
      { kind: 'CIS', id: '1.2.23', version: '1.12', note: 'the etcd client certificate flags assume https:// etcd URLs' },
    ],
    messages: {
      etcdServers: 'kube-apiserver --etcd-servers uses plain http:// beyond localhost ({{urls}}): the API server reads and writes every object, Secrets included, unencrypted.',
      externalEndpoints: 'kubeadm etcd.external.endpoints uses plain http:// beyond localhost ({{urls}}): the API server reads and writes every object, Secrets included, unencrypted.',
    },
    fixable: false,
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --etcd-servers=http://10.0.0.5:2379',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --etcd-servers=https://10.0.0.5:2379\n      - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt\n      - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt\n      - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver') return;
        const setting = writtenSetting(component, 'etcd-servers', context.text);
        const urls = setting ? plainHttpUrls(setting.value) : [];
        if (!setting || urls.length === 0) return;
        context.report({ range: setting.range, messageId: 'etcdServers', data: { urls: urls.join(', ') } });
      },
      resource(resource) {
        for (const configuration of clusterConfigurationsOf(resource)) {
          const endpoints = getPath(configuration, ['etcd', 'external', 'endpoints'], resource.doc);
          if (!isSeq(endpoints)) continue;
          for (const item of endpoints.items) {
            if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
            const range = scalarValueRange(item, context.text);
            if (templated(context.text, range)) continue;
            const urls = plainHttpUrls(item.value);
            if (urls.length === 0) continue;
            context.report({ range, messageId: 'externalEndpoints', data: { urls: urls.join(', ') } });
          }
        }
      },
    };
  },
};

export default rule;
