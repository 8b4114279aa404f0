import assert from 'node:assert/strict';
import { imageName, imageRepository, imageTagVersion, Invocation, invocationOf } from '../../../shared/model/invocation';
import { parseYaml } from '../../../shared/model/parse';
import { containersOf, resourcesOf } from '../../../shared/model/resources';

/** The invocation of the first container of a pod whose container body is given (indented by 4). */
function invocation(body: string): { text: string; inv: Invocation | undefined } {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n${body}`;
  const file = parseYaml(text);
  const [container] = containersOf(resourcesOf(file.documents[0])[0]);
  return { text, inv: invocationOf(container, file.maskedText, file.templateRanges) };
}

/** binary, how it was found, the anchor's source text and the flag words. */
function summary(body: string) {
  const { text, inv } = invocation(body);
  if (!inv) return undefined;
  const anchor = text.slice(inv.anchor.range![0], inv.anchor.range![1]);
  return { binary: inv.binary, via: inv.via, anchor, words: inv.words.map((w) => w.value) };
}

describe('model/invocation: which binary a container runs', () => {
  it('command[0] by basename', () => {
    assert.deepEqual(summary('    command: [kube-apiserver, --v=2]\n'), { binary: 'kube-apiserver', via: 'command', anchor: 'kube-apiserver', words: ['--v=2'] });
    assert.deepEqual(summary('    command: ["/usr/local/bin/kube-apiserver"]\n    args: [--a=1]\n'), { binary: 'kube-apiserver', via: 'command', anchor: '"/usr/local/bin/kube-apiserver"', words: ['--a=1'] });
    assert.equal(summary('    command: [kube-controller-manager]\n')?.binary, 'kube-controller-manager');
    assert.equal(summary('    command: [/usr/bin/etcd]\n')?.binary, 'etcd');
  });

  it('names must match exactly', () => {
    for (const head of ['kube-apiserver-x', 'my-kube-apiserver', 'apiserver', 'kube-apiserver.sh', '/kube-apiserver/run']) {
      assert.equal(summary(`    command: [${head}, --v=2]\n`), undefined, head);
    }
  });

  it('hyperkube with kube-apiserver or apiserver, also split over command and args', () => {
    assert.deepEqual(summary('    command: [/hyperkube, kube-apiserver, --v=2]\n'), { binary: 'kube-apiserver', via: 'hyperkube', anchor: '/hyperkube', words: ['--v=2'] });
    assert.deepEqual(summary('    command: [hyperkube]\n    args: [apiserver, --v=2]\n'), { binary: 'kube-apiserver', via: 'hyperkube', anchor: 'hyperkube', words: ['--v=2'] });
    assert.equal(summary('    command: [hyperkube, kubelet]\n')?.binary, 'kubelet');
    assert.equal(summary('    command: [hyperkube, proxy]\n'), undefined);
    assert.equal(summary('    command: [hyperkube]\n'), undefined);
  });

  it('shell scripts: sh/bash/-c/-ec, exec, env and assignments, paths', () => {
    const cases: Array<[string, string[]]> = [
      ['    command: [sh, -c, "kube-apiserver --v=2"]\n', ['--v=2']],
      ['    command: [/bin/bash, -ec, "exec /usr/local/bin/kube-apiserver --a=1"]\n', ['--a=1']],
      ['    command: ["/bin/sh", "-xc"]\n    args: ["env GOGC=50 exec kube-apiserver --a=1"]\n', ['--a=1']],
      ['    command: [sh]\n    args: [-c, "FOO=1 kube-apiserver --a=1 --b 2"]\n', ['--a=1', '--b', '2']],
      ['    command: [ash, -c, "set -e; mkdir -p /x && exec kube-apiserver --a=1 > /log 2>&1"]\n', ['--a=1']],
      ['    command: [sh, -c, "/hyperkube apiserver --a=1"]\n', ['--a=1']],
      ['    command: [sh, -c]\n    args:\n    - |\n      exec kube-apiserver \\\n        --a=1 \\\n        --b="x y"\n', ['--a=1', '--b=x y']],
      ['    command: [sh, -c]\n    args:\n    - >-\n      exec kube-apiserver\n      --a=1\n', ['--a=1']],
    ];
    for (const [body, words] of cases) {
      const s = summary(body);
      assert.equal(s?.binary, 'kube-apiserver', body);
      assert.equal(s?.via, 'shell', body);
      assert.deepEqual(s?.words, words, body);
    }
  });

  it('wrappers: go-runner, nice, ionice, env and the like run the binary after their options', () => {
    const cases: Array<[string, string, string, string[]]> = [
      ['    command: ["/go-runner", "--log-file=/var/log/kube-apiserver.log", "--also-stdout=false", "--redirect-stderr=true",\n      "/usr/local/bin/kube-apiserver", "--v=2"]\n', 'kube-apiserver', '"/usr/local/bin/kube-apiserver"', ['--v=2']],
      ['    command: [/go-runner]\n    args: [--log-file=/var/log/kube-scheduler.log, --also-stdout, /usr/local/bin/kube-scheduler, --v=2]\n', 'kube-scheduler', '/usr/local/bin/kube-scheduler', ['--v=2']],
      ['    command: [/go-runner, -log-file, /var/log/etcd.log, --, etcd, --name=a]\n', 'etcd', 'etcd', ['--name=a']],
      ['    command: [nice, -n, "-19", ionice, -c2, -n0, etcd, --name=a]\n', 'etcd', 'etcd', ['--name=a']],
      ['    command: [env, -u, HOME, GOGC=50, kube-controller-manager, --v=2]\n', 'kube-controller-manager', 'kube-controller-manager', ['--v=2']],
      ['    command: [/usr/bin/tini, --, /hyperkube, apiserver, --v=2]\n', 'kube-apiserver', '/hyperkube', ['--v=2']],
    ];
    for (const [body, binary, anchor, words] of cases) {
      assert.deepEqual(summary(body), { binary, via: body.includes('hyperkube') ? 'hyperkube' : 'wrapper', anchor, words }, body);
    }
    const script = summary('    command: [/bin/sh, -c]\n    args:\n    - |\n      exec nice -n -19 ionice -c2 -n0 etcd \\\n        --logger=zap \\\n        --client-cert-auth=true\n');
    assert.deepEqual(script && { binary: script.binary, via: script.via, words: script.words }, { binary: 'etcd', via: 'shell', words: ['--logger=zap', '--client-cert-auth=true'] });
  });

  it('wrappers that run nothing, or something else', () => {
    for (const body of [
      '    command: [/go-runner, --log-file=/var/log/x.log]\n',
      '    command: [/go-runner, --log-file=/var/log/x.log, /usr/local/bin/kube-proxy, --v=2]\n',
      '    command: [nice, -n, "5"]\n',
      '    command: [etcd, gateway, start, --endpoints=10.0.0.1:2379]\n',
      '    command: [sh, -c, "exec nice -n -18 etcd grpc-proxy start --listen-addr 127.0.0.1:9977"]\n',
      '    image: quay.io/coreos/etcd:v3.5.0\n    args: [grpc-proxy, start, --endpoints=10.0.0.1:2379]\n',
      '    command: [sh, -c, "command -v kube-apiserver && echo found"]\n',
      '    command: [sh, -c, "if command -V etcd; then sleep 1; fi"]\n',
    ]) {
      assert.equal(summary(body), undefined, body);
    }
  });

  it('shell scripts that do not run the binary', () => {
    for (const body of [
      '    command: [sh, -c, "echo kube-apiserver --v=2"]\n',
      '    command: [sh, -c, "# kube-apiserver --v=2\\nsleep 1"]\n',
      '    command: [sh, /run-kube-apiserver.sh]\n',
      '    command: [sh, -c]\n',
      '    command: [python, -c, "kube-apiserver"]\n',
    ]) {
      assert.equal(summary(body), undefined, body);
    }
  });

  it('script words carry their exact source ranges', () => {
    const { text, inv } = invocation('    command: [sh, -c]\n    args:\n    - |\n      echo kube-apiserver --a=1\n      exec kube-apiserver --a=1 --b=2\n');
    assert.ok(inv);
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    assert.deepEqual(inv.words.map((w) => [text.slice(w.range.start, w.range.end), lineOf(w.range.start), w.located]), [
      ['--a=1', 11, true],
      ['--b=2', 11, true],
    ]);
    assert.equal(text.slice(inv.head!.range.start, inv.head!.range.end), 'kube-apiserver');
    assert.equal(lineOf(inv.head!.range.start), 11);
  });

  it('args-only containers: the image names the binary', () => {
    assert.deepEqual(summary('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args: [--v=2]\n'), { binary: 'kube-apiserver', via: 'image', anchor: 'registry.k8s.io/kube-apiserver:v1.31.0', words: ['--v=2'] });
    assert.deepEqual(summary('    image: gcr.io/google_containers/kube-apiserver-amd64:v1.6.0\n    args: [kube-apiserver, --v=2]\n')?.words, ['--v=2']);
    assert.equal(summary('    image: k8s.gcr.io/hyperkube:v1.18.0\n    args: [apiserver, --v=2]\n')?.via, 'hyperkube');
  });

  it('image-only without args is not judged (the image\'s own defaults are unknown)', () => {
    assert.equal(summary('    image: registry.k8s.io/kube-apiserver:v1.31.0\n'), undefined);
    assert.equal(summary('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args: []\n'), undefined);
  });

  it('an explicit command wins over the image', () => {
    assert.equal(summary('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: [/bin/true]\n    args: [--v=2]\n'), undefined);
  });

  it('unreadable command lines are skipped: map items, aliases', () => {
    assert.equal(summary('    command: [kube-apiserver, {a: 1}]\n'), undefined);
    assert.equal(summary('    command: [&b kube-apiserver, *b]\n'), undefined);
  });

  it('templated: actions in command/args, or whole-line actions in or right after the container', () => {
    const templated = (body: string) => invocation(body).inv?.templated;
    assert.equal(templated('    command: [kube-apiserver]\n'), false);
    assert.equal(templated('    image: "{{ .Values.image }}"\n    command: [kube-apiserver]\n'), false);
    assert.equal(templated('    command: [kube-apiserver, "{{ .Values.flag }}"]\n'), true);
    assert.equal(templated('    command: [kube-apiserver]\n    args: {{ toJson .Values.args }}\n'), true);
    assert.equal(templated('    command: [kube-apiserver]\n    args:\n    {{- toYaml .Values.args | nindent 4 }}\n'), true);
    assert.equal(templated('    command:\n    - kube-apiserver\n    {{- include "flags" . | nindent 4 }}\n'), true);
    assert.equal(templated('    {{- if .Values.x }}\n    image: x\n    {{- end }}\n    command: [kube-apiserver]\n'), true);
    // Closing a block around the whole container says nothing about its flags.
    assert.equal(templated('    command: [kube-apiserver]\n  {{- end }}\n'), false);
  });

  it('imageName strips registry, tag, digest and architecture', () => {
    assert.equal(imageName('registry.k8s.io/kube-apiserver:v1.31.0'), 'kube-apiserver');
    assert.equal(imageName('localhost:5000/kube-apiserver'), 'kube-apiserver');
    assert.equal(imageName('k8s.gcr.io/kube-apiserver-arm64:v1.20@sha256:0123'), 'kube-apiserver');
    assert.equal(imageName('kube-apiserver-amd64'), 'kube-apiserver');
    assert.equal(imageName('example.com/kube-apiserver-proxy:1'), 'kube-apiserver-proxy');
  });

  it('imageTagVersion: only a tag that names a release', () => {
    assert.deepEqual(imageTagVersion('k8s.gcr.io/kube-apiserver:v1.19.3'), { major: 1, minor: 19, patch: 3 });
    assert.deepEqual(imageTagVersion('registry.k8s.io/kube-apiserver-amd64:v1.18.0@sha256:0123'), { major: 1, minor: 18, patch: 0 });
    assert.deepEqual(imageTagVersion('quay.io/coreos/hyperkube:v1.10.4_coreos.0'), { major: 1, minor: 10, patch: 4 });
    assert.deepEqual(imageTagVersion('rancher/hyperkube:v1.18.20-rancher1'), { major: 1, minor: 18, patch: 20 });
    for (const image of ['k8s.gcr.io/kube-apiserver:latest', 'k8s.gcr.io/kube-apiserver:v1.19', 'k8s.gcr.io/kube-apiserver:1.19.3', 'localhost:5000/kube-apiserver', 'k8s.gcr.io/kube-apiserver@sha256:0123', 'k8s.gcr.io/kube-apiserver:v1.19.3rc']) {
      assert.equal(imageTagVersion(image), undefined, image);
    }
  });

  it('imageRepository: without tag or digest', () => {
    assert.equal(imageRepository('Quay.io/coreos/etcd:v3.5.9@sha256:0123'), 'quay.io/coreos/etcd');
    assert.equal(imageRepository('localhost:5000/etcd'), 'localhost:5000/etcd');
  });

  it('neither command nor args: only etcd release images run their program (with no flags)', () => {
    assert.deepEqual(summary('    image: quay.io/coreos/etcd:v3.5.9\n'), { binary: 'etcd', via: 'image', anchor: 'quay.io/coreos/etcd:v3.5.9', words: [] });
    assert.equal(summary('    image: gcr.io/etcd-development/etcd:v3.5.17\n    env: [{name: ETCD_NAME, value: a}]\n')?.binary, 'etcd');
    // The Kubernetes images run /go-runner (or nothing) without a command; look-alikes and wrappers are no release image.
    for (const image of ['registry.k8s.io/kube-apiserver:v1.31.0', 'k8s.gcr.io/kube-apiserver:v1.19.3', 'registry.k8s.io/kube-scheduler:v1.31.0', 'registry.k8s.io/etcd:3.5.15-0', 'bitnami/etcd:3.5', 'k8s.gcr.io/hyperkube:v1.17.0', 'quay.io/coreos/etcd-operator:v0.9.4']) {
      assert.equal(summary(`    image: ${image}\n`), undefined, image);
    }
    // Empty lists are unset for the kubelet: the image's own command still runs.
    assert.deepEqual(summary('    image: quay.io/coreos/etcd:v3.5.9\n    command: []\n    args: []\n')?.words, []);
  });
});
