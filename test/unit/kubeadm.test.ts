import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { Component } from '../../shared/model/component';
import { componentsOf } from '../../shared/model/components';
import { SourceEditor } from '../../shared/model/edit';
import { kubeadmProvider } from '../../shared/model/kubeadm';
import { parseYaml } from '../../shared/model/parse';
import { resourcesOf } from '../../shared/model/resources';
import { applyEdits, TextEdit } from '../../shared/model/text';
import { kubeadmList, kubeadmMap } from '../helpers/control-plane';
import { runRuleTests } from '../helpers/rule-tester';

function components(text: string): Component[] {
  const file = parseYaml(text);
  const editor = new SourceEditor(text);
  return file.documents.flatMap((d) => resourcesOf(d)).flatMap((r) => kubeadmProvider(r, file, editor));
}

function only(text: string, binary = 'kube-apiserver'): Component {
  const found = components(text).filter((c) => c.binary === binary);
  assert.equal(found.length, 1, `one ${binary} component`);
  return found[0];
}

/** Applies edits and checks the result is YAML that reads back with the expected extraArgs. */
function apply(text: string, edits: TextEdit[] | undefined): string {
  assert.ok(edits, 'edits expected');
  const out = applyEdits(text, edits);
  for (const doc of parseAllDocuments(out)) assert.deepEqual(doc.errors.map((e) => e.message), []);
  return out;
}

const V1BETA3 = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.29.0
apiServer:
  certSANs: [api.example.com]
  extraArgs:
    secure-port: "6443"
    authorization-mode: Node,RBAC
    profiling:
    audit-log-maxage: 30
controllerManager:
  extraArgs: {bind-address: 0.0.0.0, "feature-gates": 'A=true'}
scheduler: {}
etcd:
  local:
    dataDir: /var/lib/etcd
    extraArgs:
      listen-metrics-urls: http://0.0.0.0:2381
`;

const V1BETA4 = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
  - name: tls-min-version
    value: VersionTLS12
  - name: "secure-port"
    value: "6443"
  - name: secure-port # repeated: the last one wins
    value: "7443"
  - name: enable-admission-plugins
controllerManager:
  extraArgs: [{name: bind-address, value: "127.0.0.1"}]
etcd:
  external:
    endpoints: [https://etcd:2379]
`;

describe('kubeadm ClusterConfiguration provider', () => {
  describe('reading flags', () => {
    it('v1beta3: one component per section, map entries become flags', () => {
      const all = components(V1BETA3);
      assert.deepEqual(all.map((c) => c.binary), ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);
      for (const c of all) {
        assert.equal(c.origin, 'kubeadm');
        assert.equal(c.complete, false, 'kubeadm adds its own flags: missing-flag rules stay quiet');
      }
      const api = all[0];
      assert.deepEqual(api.flags.occurrences.map((o) => [o.name, o.value]), [
        ['secure-port', '6443'],
        ['authorization-mode', 'Node,RBAC'],
        ['profiling', ''],
        ['audit-log-maxage', '30'],
      ]);
      const occ = api.flags.last('secure-port')!;
      assert.equal(V1BETA3.slice(occ.range.start, occ.range.end), 'secure-port: "6443"');
      assert.equal(V1BETA3.slice(occ.nameWord.range.start, occ.nameWord.range.end), 'secure-port');
      assert.equal(V1BETA3.slice(occ.valueWord!.range.start, occ.valueWord!.range.end), '"6443"');
      assert.equal(api.flags.isSet('profiling'), false, 'a key without a value is empty');
      assert.equal(V1BETA3.slice(api.anchor.start, api.anchor.end), 'extraArgs');
      const kcm = all[1];
      assert.deepEqual(kcm.flags.occurrences.map((o) => [o.name, o.value]), [['bind-address', '0.0.0.0'], ['feature-gates', 'A=true']]);
      assert.equal(V1BETA3.slice(all[2].anchor.start, all[2].anchor.end), 'scheduler', 'no extraArgs: anchored on the section key');
      assert.equal(all[2].flags.occurrences.length, 0);
      assert.deepEqual(all[3].flags.occurrences.map((o) => o.name), ['listen-metrics-urls']);
    });

    it('v1beta4: list items become flags, the last duplicate wins, external etcd has no component', () => {
      const all = components(V1BETA4);
      assert.deepEqual(all.map((c) => c.binary), ['kube-apiserver', 'kube-controller-manager']);
      const api = all[0];
      assert.deepEqual(api.flags.occurrences.map((o) => [o.name, o.value]), [
        ['tls-min-version', 'VersionTLS12'],
        ['secure-port', '6443'],
        ['secure-port', '7443'],
        ['enable-admission-plugins', ''],
      ]);
      assert.equal(api.flags.value('secure-port'), '7443');
      const occ = api.flags.last('secure-port')!;
      assert.equal(V1BETA4.slice(occ.range.start, occ.range.end), 'name: secure-port # repeated: the last one wins\n    value: "7443"');
      assert.equal(V1BETA4.slice(occ.nameWord.range.start, occ.nameWord.range.end), 'secure-port');
      const flow = all[1].flags.last('bind-address')!;
      assert.equal(V1BETA4.slice(flow.range.start, flow.range.end), '{name: bind-address, value: "127.0.0.1"}');
    });

    it('templated values are unknown', () => {
      const text = kubeadmMap('apiServer', ['secure-port: "{{ .Values.port }}"', 'v: "2"']);
      const api = only(text);
      assert.equal(api.flags.last('secure-port')!.unknown, true);
      assert.equal(api.flags.value('secure-port'), undefined);
      assert.equal(api.flags.last('v')!.unknown, false);
    });

    it('only ClusterConfiguration of kubeadm.k8s.io', () => {
      assert.deepEqual(components('apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\napiServer:\n  extraArgs: {secure-port: "0"}\n'), []);
      assert.deepEqual(components('apiVersion: example.com/v1\nkind: ClusterConfiguration\napiServer:\n  extraArgs: {secure-port: "0"}\n'), []);
    });

    it('is registered as a component provider', () => {
      const file = parseYaml(V1BETA3);
      const [resource] = resourcesOf(file.documents[0]);
      assert.equal(componentsOf(resource, file, new SourceEditor(V1BETA3)).length, 4);
    });

    it('skips what kubeadm would reject instead of guessing', () => {
      const text = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    nested: {a: b}\n    ok: "1"\nscheduler:\n  extraArgs: "not a map"\n';
      const all = components(text);
      assert.deepEqual(all.map((c) => c.binary), ['kube-apiserver']);
      assert.deepEqual(all[0].flags.occurrences.map((o) => o.name), ['ok']);
    });
  });

  describe('editing v1beta3 maps', () => {
    it('setValue keeps the quoting and always writes a string', () => {
      const api = only(V1BETA3);
      assert.equal(apply(V1BETA3, api.editor.setValue(api.flags.last('secure-port')!, '7443')), V1BETA3.replace('secure-port: "6443"', 'secure-port: "7443"'));
      assert.equal(apply(V1BETA3, api.editor.setValue(api.flags.last('audit-log-maxage')!, '60')), V1BETA3.replace('audit-log-maxage: 30', 'audit-log-maxage: "60"'));
      assert.equal(api.editor.setValue(api.flags.last('profiling')!, 'false'), undefined, 'no value scalar to replace');
      const kcm = only(V1BETA3, 'kube-controller-manager');
      assert.equal(apply(V1BETA3, kcm.editor.setValue(kcm.flags.last('feature-gates')!, 'B=false')), V1BETA3.replace("'A=true'", "'B=false'"));
    });

    it('remove drops the pair (block and flow)', () => {
      const api = only(V1BETA3);
      assert.equal(apply(V1BETA3, api.editor.remove(api.flags.last('authorization-mode')!)), V1BETA3.replace('    authorization-mode: Node,RBAC\n', ''));
      const kcm = only(V1BETA3, 'kube-controller-manager');
      assert.equal(apply(V1BETA3, kcm.editor.remove(kcm.flags.last('bind-address')!)), V1BETA3.replace('{bind-address: 0.0.0.0, "feature-gates"', '{"feature-gates"'));
    });

    it('insert appends in block style with the neighbours\' indentation; numbers stay strings', () => {
      const api = only(V1BETA3);
      const out = apply(V1BETA3, api.editor.insert([{ name: 'tls-min-version', value: 'VersionTLS12' }, { name: 'insecure-port', value: '0' }]));
      assert.equal(out, V1BETA3.replace('    audit-log-maxage: 30\n', '    audit-log-maxage: 30\n    tls-min-version: VersionTLS12\n    insecure-port: "0"\n'));
    });

    it('insert follows double quotes when the last value is quoted, and CRLF line ends', () => {
      const text = kubeadmMap('apiServer', ['secure-port: "6443" # https', 'v: "2"']).replace(/\n/g, '\r\n');
      const api = only(text);
      const out = apply(text, api.editor.insert([{ name: 'tls-min-version', value: 'VersionTLS12' }]));
      assert.equal(out, text.replace('v: "2"\r\n', 'v: "2"\r\n    tls-min-version: "VersionTLS12"\r\n'));
    });

    it('insert into flow maps, empty or not', () => {
      const kcm = only(V1BETA3, 'kube-controller-manager');
      assert.equal(apply(V1BETA3, kcm.editor.insert([{ name: 'root-ca-file', value: '/pki/ca.crt' }])), V1BETA3.replace("'A=true'}", "'A=true', root-ca-file: '/pki/ca.crt'}"));
      const text = kubeadmMap('apiServer', []).replace('extraArgs:\n', 'extraArgs: {}\n');
      assert.equal(apply(text, only(text).editor.insert([{ name: 'secure-port', value: '6443' }])), text.replace('{}', '{secure-port: "6443"}'));
    });

    it('insert creates extraArgs under a block section that has none', () => {
      const text = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n    certSANs:\n    - a\n    timeoutForControlPlane: 4m0s # slow\nnetworking: {}\n';
      const out = apply(text, only(text).editor.insert([{ name: 'secure-port', value: '6443' }]));
      assert.equal(out, text.replace('4m0s # slow\n', '4m0s # slow\n    extraArgs:\n        secure-port: "6443"\n'));
    });

    it('insert gives up where it cannot place text safely', () => {
      assert.equal(only(V1BETA3, 'kube-scheduler').editor.insert([{ name: 'v', value: '2' }]), undefined, 'flow section');
      const text = kubeadmMap('apiServer', []);
      assert.equal(only(text).editor.insert([{ name: 'v', value: '2' }]), undefined, 'extraArgs without a value');
      const shared = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs: &args\n    v: "2"\ncontrollerManager:\n  extraArgs: *args\n';
      const kcm = only(shared, 'kube-controller-manager');
      assert.deepEqual(kcm.flags.occurrences.map((o) => o.name), ['v'], 'an alias is read');
      assert.equal(kcm.editor.insert([{ name: 'x', value: '1' }]), undefined, 'but never edited');
      assert.equal(kcm.editor.remove(kcm.flags.last('v')!), undefined);
    });
  });

  describe('editing v1beta4 lists', () => {
    it('setValue keeps the quoting and always writes a string', () => {
      const api = only(V1BETA4);
      assert.equal(apply(V1BETA4, api.editor.setValue(api.flags.last('tls-min-version')!, 'VersionTLS13')), V1BETA4.replace('value: VersionTLS12', 'value: VersionTLS13'));
      assert.equal(apply(V1BETA4, api.editor.setValue(api.flags.last('secure-port')!, '8443')), V1BETA4.replace('value: "7443"', 'value: "8443"'));
      assert.equal(api.editor.setValue(api.flags.last('enable-admission-plugins')!, 'X'), undefined, 'an item without a value');
    });

    it('remove drops the item', () => {
      const api = only(V1BETA4);
      const out = apply(V1BETA4, api.editor.remove(api.flags.last('tls-min-version')!));
      assert.equal(out, V1BETA4.replace('  - name: tls-min-version\n    value: VersionTLS12\n', ''));
      const kcm = only(V1BETA4, 'kube-controller-manager');
      assert.equal(apply(V1BETA4, kcm.editor.remove(kcm.flags.last('bind-address')!)), V1BETA4.replace('[{name: bind-address, value: "127.0.0.1"}]', '[]'));
    });

    it('insert appends `- name:` / `value:` items in the list\'s style', () => {
      const text = kubeadmList('apiServer', [['v', '"2"']]);
      const out = apply(text, only(text).editor.insert([{ name: 'secure-port', value: '6443' }]));
      assert.equal(out, kubeadmList('apiServer', [['v', '"2"'], ['secure-port', '"6443"']]));
      const kcm = only(V1BETA4, 'kube-controller-manager');
      const flow = apply(V1BETA4, kcm.editor.insert([{ name: 'root-ca-file', value: '/pki/ca.crt' }]));
      assert.equal(flow, V1BETA4.replace('"127.0.0.1"}]', '"127.0.0.1"}, {name: root-ca-file, value: "/pki/ca.crt"}]'));
    });

    it('insert creates an extraArgs list under a block section that has none', () => {
      const text = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncontrollerManager:\n  extraVolumes: []\n';
      const out = apply(text, only(text, 'kube-controller-manager').editor.insert([{ name: 'bind-address', value: '127.0.0.1' }]));
      assert.equal(out, text + '  extraArgs:\n  - name: bind-address\n    value: 127.0.0.1\n');
    });
  });
});

// The seed rules on kubeadm configurations.
runRuleTests('apiserver-secure-port-disabled', {
  valid: [
    { name: 'kubeadm: 6443', code: kubeadmMap('apiServer', ['secure-port: "6443"']) },
    { name: 'kubeadm: another section', code: kubeadmMap('scheduler', ['secure-port: "0"']) },
    { name: 'kubeadm v1beta4: the last entry wins', code: kubeadmList('apiServer', [['secure-port', '"0"'], ['secure-port', '"6443"']]) },
  ],
  invalid: [
    {
      name: 'kubeadm v1beta3 map',
      code: kubeadmMap('apiServer', ['secure-port: "0"', 'v: "2"']),
      errors: [{ text: 'secure-port: "0"', line: 5 }],
      output: kubeadmMap('apiServer', ['v: "2"']),
      alternatives: { 'Set --secure-port to 6443': kubeadmMap('apiServer', ['secure-port: "6443"', 'v: "2"']) },
    },
    {
      name: 'kubeadm v1beta4 list',
      code: kubeadmList('apiServer', [['v', '"2"'], ['secure-port', '"0"']]),
      errors: [{ text: 'name: secure-port\n    value: "0"' }],
      output: kubeadmList('apiServer', [['v', '"2"']]),
      alternatives: { 'Set --secure-port to 6443': kubeadmList('apiServer', [['v', '"2"'], ['secure-port', '"6443"']]) },
    },
  ],
});

runRuleTests('apiserver-tls-files-missing', {
  valid: [
    { name: 'kubeadm v1beta3 (kubeadm always sets the serving certificate)', code: kubeadmMap('apiServer', ['v: "2"']) },
    { name: 'kubeadm v1beta4', code: kubeadmList('apiServer', [['v', '"2"']]) },
    { name: 'kubeadm: empty value is kubeadm\'s business too', code: kubeadmMap('apiServer', ['tls-cert-file: ""']) },
  ],
  invalid: [],
});

const KCP_V1BETA1 = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata:
  name: prod-control-plane
spec:
  replicas: 3
  version: v1.30.2
  kubeadmConfigSpec:
    clusterConfiguration:
      apiServer:
        extraArgs:
          cloud-provider: external
          secure-port: "0"
      controllerManager:
        extraArgs:
          bind-address: 0.0.0.0
      etcd:
        local:
          extraArgs:
            auto-tls: "true"
    initConfiguration:
      nodeRegistration:
        kubeletExtraArgs:
          cloud-provider: external
          read-only-port: "10255"
    joinConfiguration:
      nodeRegistration:
        kubeletExtraArgs:
          tls-min-version: VersionTLS10
`;

const KCP_V1BETA2 = `apiVersion: controlplane.cluster.x-k8s.io/v1beta2
kind: KubeadmControlPlaneTemplate
metadata:
  name: tpl
spec:
  template:
    spec:
      kubeadmConfigSpec:
        clusterConfiguration:
          apiServer:
            extraArgs:
            - name: insecure-port
              value: "8080"
`;

const KUBEADM_JOIN = `apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
nodeRegistration:
  name: worker-1
  kubeletExtraArgs:
  - name: rotate-certificates
    value: "false"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
nodeRegistration:
  kubeletExtraArgs:
    read-only-port: "0"
`;

describe('kubeadm configurations embedded in Cluster API resources, and kubelet flags', () => {
  it('KubeadmControlPlane v1beta1: control-plane sections and both nodeRegistrations, map form', () => {
    const all = components(KCP_V1BETA1);
    assert.deepEqual(all.map((c) => c.binary), ['kube-apiserver', 'kube-controller-manager', 'etcd', 'kubelet', 'kubelet']);
    assert.ok(all.every((c) => c.origin === 'kubeadm' && !c.complete));
    assert.equal(all[0].flags.value('secure-port'), '0');
    assert.equal(all[3].flags.value('read-only-port'), '10255');
    assert.equal(all[4].flags.value('tls-min-version'), 'VersionTLS10');
  });

  it('KubeadmControlPlaneTemplate v1beta2 reads the list form', () => {
    const api = only(KCP_V1BETA2);
    assert.equal(api.flags.value('insecure-port'), '8080');
  });

  it('kubeadm InitConfiguration and JoinConfiguration give kubelet flags from nodeRegistration', () => {
    const all = components(KUBEADM_JOIN);
    assert.deepEqual(all.map((c) => `${c.binary}:${c.flags.value('rotate-certificates') ?? c.flags.value('read-only-port')}`), ['kubelet:false', 'kubelet:0']);
  });

  it('a Cluster API resource without kubeadm configurations, or of another kind, has no components', () => {
    assert.deepEqual(components(KCP_V1BETA1.replace('kind: KubeadmControlPlane', 'kind: MachineDeployment')), []);
    assert.deepEqual(components('apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfig\nspec:\n  files: []\n'), []);
  });
});

runRuleTests('apiserver-secure-port-disabled', {
  valid: [],
  invalid: [
    {
      name: 'Cluster API KubeadmControlPlane',
      code: KCP_V1BETA1,
      errors: [{ text: 'secure-port: "0"', line: 13 }],
      output: KCP_V1BETA1.replace('          secure-port: "0"\n', ''),
    },
  ],
});

runRuleTests('kubelet-read-only-port-enabled', {
  valid: [{ name: 'kubeadm InitConfiguration: read-only-port 0', code: KUBEADM_JOIN }],
  invalid: [
    {
      name: 'Cluster API initConfiguration.nodeRegistration.kubeletExtraArgs',
      code: KCP_V1BETA1,
      errors: [{ text: 'read-only-port: "10255"', line: 25, messageId: 'flagPort' }],
      output: KCP_V1BETA1.replace('          read-only-port: "10255"\n', '          read-only-port: "0"\n'),
    },
  ],
});

runRuleTests('tls-min-version-too-low', {
  valid: [],
  invalid: [{ name: 'Cluster API joinConfiguration kubelet', code: KCP_V1BETA1, errors: [{ text: 'VersionTLS10', line: 29, messageId: 'flagTooLow' }], output: KCP_V1BETA1.replace('          tls-min-version: VersionTLS10\n', '          tls-min-version: VersionTLS12\n') }],
});

runRuleTests('apiserver-insecure-port', {
  valid: [],
  invalid: [{ name: 'Cluster API v1beta2 list form', code: KCP_V1BETA2, errors: [{ text: 'name: insecure-port\n              value: "8080"', line: 12, messageId: 'insecurePort' }], output: KCP_V1BETA2.replace('            - name: insecure-port\n              value: "8080"\n', '') }],
});

runRuleTests('kubelet-cert-rotation-disabled', {
  valid: [],
  invalid: [{ name: 'kubeadm JoinConfiguration v1beta4', code: KUBEADM_JOIN, errors: [{ text: 'name: rotate-certificates\n    value: "false"', line: 6, messageId: 'rotateCertificatesFlagOff' }], output: KUBEADM_JOIN.replace('    value: "false"\n', '    value: "true"\n') }],
});

runRuleTests('control-plane-bind-address-public', {
  valid: [],
  invalid: [{ name: 'Cluster API controllerManager', code: KCP_V1BETA1, errors: [{ text: '0.0.0.0', line: 16, messageId: 'publicBindAddress' }], unsafe: true, output: KCP_V1BETA1.replace('          bind-address: 0.0.0.0\n', '          bind-address: 127.0.0.1\n') }],
});

runRuleTests('etcd-auto-tls', {
  valid: [],
  invalid: [{ name: 'Cluster API etcd.local', code: KCP_V1BETA1, errors: [{ text: 'auto-tls: "true"', line: 20 }], output: KCP_V1BETA1.replace('            auto-tls: "true"\n', '') }],
});
