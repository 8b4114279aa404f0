import { folderOf } from '../crossfile/facts';
import type { Component } from '../model/component';
import { clusterConfigurationsOf } from '../model/kubeadm';
import { getPair, getString, Resource } from '../model/resources';
import type { RelatedLocation } from './types';
import type { Rule } from './types';


/**
 * ## What it does
 * Flags etcd trusting the same CA file as the one the API server accepts client certificates
 * from (static pods of one folder, or one kubeadm ClusterConfiguration, also one embedded in a Cluster
 * API resource).
 */
const rule: Rule = {
  meta: {
    id: 'etcd-ca-shared-with-apiserver',
    title: 'etcd trusts the same CA as the API server\'s clients',
    description:
      'etcd\'s `--trusted-ca-file` is the same file as kube-apiserver\'s `--client-ca-file`: every client certificate the cluster CA signs (each kubelet\'s, each user\'s) is then also accepted by etcd, which holds every Secret of the cluster. The CIS benchmark asks for a CA of etcd\'s own. Judged between the etcd and kube-apiserver static pods of one folder (plain string equality of the paths; etcd\'s `ETCD_TRUSTED_CA_FILE` counts when the flag is not given, and an etcd given `--config-file` is not judged), and within one kubeadm ClusterConfiguration (also one a Cluster API KubeadmControlPlane, KubeadmConfig or their templates embed as `clusterConfiguration`), where the API server\'s client CA is `<certificatesDir>/ca.crt` unless `apiServer.extraArgs` sets another.',
    remediation:
      'Give etcd a CA of its own (kubeadm: `/etc/kubernetes/pki/etcd/ca.crt`), sign etcd\'s server, peer and the API server\'s etcd client certificates with it, and point `--trusted-ca-file` (and the API server\'s `--etcd-cafile`) at it.',
    defaultSeverity: 'info',
    category: 'etcd',
    sources: [
      { kind: 'CIS', id: '2.7', version: '1.12', note: 'a unique Certificate Authority is used for etcd' },
      { kind: 'kube-bench', id: '2.7', version: '1.12' },
    ],
    messages: { sharedCa: 'etcd trusts {{ca}}, the CA the API server accepts client certificates from: any client certificate of the cluster can reach etcd.' },
    fixable: false,
    examples: {
      bad: '# etcd.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --trusted-ca-file=/etc/kubernetes/pki/ca.crt\n---\n# kube-apiserver.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --client-ca-file=/etc/kubernetes/pki/ca.crt',
      good: '# etcd.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    command:\n      - etcd\n      - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt\n---\n# kube-apiserver.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --client-ca-file=/etc/kubernetes/pki/ca.crt',
    },
  },
  create(context) {
    // kubeadm lists apiServer before etcd: the API server of each configuration is seen first.
    const apiservers = new Map<Resource, Component>();
    return {
      component(component) {
        // A kubeadm ClusterConfiguration, or the one a Cluster API resource embeds (one per resource).
        if (component.origin !== 'kubeadm') return;
        const configuration = clusterConfigurationsOf(component.resource)[0];
        if (!configuration) return;
        if (component.binary === 'kube-apiserver') {
          apiservers.set(component.resource, component);
          return;
        }
        if (component.binary !== 'etcd') return;
        const trusted = component.flags.last('trusted-ca-file');
        if (!trusted || trusted.unknown || !trusted.value?.trim()) return;
        const apiserverFlag = apiservers.get(component.resource)?.flags.last('client-ca-file');
        if (apiserverFlag?.unknown) return;
        const doc = component.resource.doc;
        const certificatesDir = getPair(configuration, 'certificatesDir', doc);
        const dir = (getString(configuration, 'certificatesDir', doc) ?? '/etc/kubernetes/pki').replace(/\/+$/, '');
        const clientCa = apiserverFlag?.value?.trim() || `${dir}/ca.crt`;
        if (trusted.value.trim() !== clientCa) return;
        const word = trusted.valueWord ?? trusted.nameWord;
        const related: RelatedLocation[] = [];
        if (apiserverFlag) {
          const at = apiserverFlag.valueWord ?? apiserverFlag.nameWord;
          related.push({ range: at.range, message: `kube-apiserver --client-ca-file=${clientCa}` });
        } else if (certificatesDir?.value && (certificatesDir.value as { range?: number[] }).range) {
          const r = (certificatesDir.value as { range: number[] }).range;
          related.push({ range: { start: r[0], end: r[1] }, message: `kube-apiserver's client CA is ${clientCa}` });
        }
        context.report({ range: word.range, messageId: 'sharedCa', data: { ca: clientCa }, related });
      },
    };
  },
  crossFile(index, report) {
    const apiservers = index.all.filter((r) => r.facts.apiserverClientCa);
    if (apiservers.length === 0) return;
    for (const etcd of index.all) {
      const trusted = etcd.facts.etcdTrustedCa;
      if (!trusted) continue;
      const apiserver = apiservers.find((a) => folderOf(a.file) === folderOf(etcd.file) && a.facts.apiserverClientCa!.value === trusted.value);
      if (!apiserver) continue;
      report({
        file: etcd.file,
        place: trusted.place,
        messageId: 'sharedCa',
        data: { ca: trusted.value },
        related: [{ file: apiserver.file, place: apiserver.facts.apiserverClientCa!.place, message: `kube-apiserver --client-ca-file=${trusted.value}` }],
        silenced: trusted.silenced,
      });
    }
  },
};

export default rule;
