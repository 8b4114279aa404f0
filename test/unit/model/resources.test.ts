import assert from 'node:assert/strict';
import { parseYaml } from '../../../shared/model/parse';
import { containersOf, podSpecsOf, resourcesOf } from '../../../shared/model/resources';

const resources = (text: string) => parseYaml(text).documents.flatMap((d) => resourcesOf(d));
const containerNames = (text: string) => resources(text).flatMap((r) => containersOf(r).map((c) => `${r.kind}/${c.name}`));

const POD_SPEC = 'containers:\n- name: c\n  image: x\n';
const indent = (text: string, n: number) => text.replace(/^(?=.)/gm, ' '.repeat(n));

describe('model/resources', () => {
  it('any mapping with string apiVersion and kind is a resource; group from apiVersion', () => {
    const [es, pod] = resources('apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\n---\napiVersion: v1\nkind: Pod\n---\nkind: Pod\n---\napiVersion: 1\nkind: Pod\n');
    assert.deepEqual([es.group, es.kind, es.name], ['elasticsearch.k8s.elastic.co', 'Elasticsearch', 'es']);
    assert.deepEqual([pod.group, pod.kind, pod.name], ['', 'Pod', undefined]);
    assert.equal(resources('apiVersion: v1\nkind: Pod\n---\nkind: Pod\n---\napiVersion: 1\nkind: Pod\n').length, 1);
  });

  it('kind: List items are resources of their own (nested lists too)', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n- apiVersion: v1\n  kind: PodList\n  items:\n  - apiVersion: v1\n    kind: Pod\n- not-a-map\n';
    assert.deepEqual(resources(text).map((r) => r.kind), ['List', 'Service', 'PodList', 'Pod']);
  });

  it('the disable annotation lists rule ids', () => {
    const [r] = resources('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    kube-tls-lint.io/disable: " a, b ,c"\n');
    assert.deepEqual([...r.disabledRules], ['a', 'b', 'c']);
  });

  it('pod specs of every workload kind, CronJob and PodTemplate', () => {
    const cases: Array<[string, string]> = [
      ['Pod', `spec:\n${indent(POD_SPEC, 2)}`],
      ['PodTemplate', `template:\n  spec:\n${indent(POD_SPEC, 4)}`],
      ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].map(
        (kind): [string, string] => [kind, `spec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}`],
      ),
      ['CronJob', `spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(POD_SPEC, 10)}`],
      // Workload-shaped custom resources (Argo Rollouts, OpenKruise) count too.
      ['Rollout', `spec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}`],
    ];
    for (const [kind, body] of cases) {
      const [r] = resources(`apiVersion: x/v1\nkind: ${kind}\nmetadata: {name: w}\n${body}`);
      assert.equal(podSpecsOf(r).length, 1, kind);
      assert.deepEqual(containersOf(r).map((c) => c.name), ['c'], kind);
    }
  });

  it('no pod spec: a Pod without spec, a ConfigMap holding a pod-like map', () => {
    assert.deepEqual(containerNames('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n'), []);
    assert.deepEqual(containerNames(`apiVersion: v1\nkind: ConfigMap\ndata:\n  spec:\n${indent(POD_SPEC, 4)}`), []);
  });

  it('containers, initContainers and ephemeralContainers, in start order', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  ephemeralContainers:\n  - name: e\n  containers:\n  - name: c\n  initContainers:\n  - name: i\n  - not-a-map\n';
    assert.deepEqual(containerNames(text), ['Pod/i', 'Pod/c', 'Pod/e']);
  });

  it('containers and their fields through aliases', () => {
    const text = 'apiVersion: v1\nkind: Pod\nx-base: &base\n  name: shared\n  command: &cmd [kube-apiserver]\nspec:\n  containers:\n  - *base\n  - name: own\n    command: *cmd\n';
    const [r] = resources(text);
    const containers = containersOf(r);
    assert.deepEqual(containers.map((c) => c.name), ['shared', 'own']);
    assert.equal(containers[1].command, containers[0].command);
  });
});
