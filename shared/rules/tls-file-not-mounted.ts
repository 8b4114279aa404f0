import { isMap, isScalar, isSeq } from 'yaml';
import { etcdUsesConfigFile } from '../model/etcd';
import type { Binary } from '../model/invocation';
import { deref, getPair } from '../model/resources';
import { effectiveSetting, Setting } from '../model/settings';
import { LineIndex, Range } from '../model/text';
import type { Rule } from './types';

/** The flags of each program that name a certificate, key or CA file it reads. */
const TLS_FILE_FLAGS: Partial<Record<Binary, readonly string[]>> = {
  'kube-apiserver': [
    'tls-cert-file', 'tls-private-key-file', 'client-ca-file', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile',
    'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-certificate-authority',
  ],
  'kube-controller-manager': ['root-ca-file', 'service-account-private-key-file', 'tls-cert-file', 'tls-private-key-file', 'client-ca-file'],
  'kube-scheduler': ['tls-cert-file', 'tls-private-key-file', 'client-ca-file'],
  etcd: ['cert-file', 'key-file', 'trusted-ca-file', 'peer-cert-file', 'peer-key-file', 'peer-trusted-ca-file'],
};

/** A `volumeMounts[]` entry as far as paths go. */
interface Mount {
  path: string;
  /** Mounted with `subPath` onto what looks like a file: covers that path only. */
  fileOnly: boolean;
}

/**
 * Whether `file` lies at or below the mount. A `subPath` mount onto a file name (it has an
 * extension) holds only that file; a directory mount holds everything below `mountPath/`.
 */
export function isUnderMount(file: string, mount: Mount): boolean {
  const base = mount.path.length > 1 ? mount.path.replace(/\/+$/, '') : mount.path;
  if (file === base) return true;
  if (mount.fileOnly) return false;
  return base === '/' ? file.startsWith('/') : file.startsWith(base + '/');
}

/**
 * ## What it does
 * Flags a control-plane container whose certificate, key or CA flag names an absolute path
 * outside every volume it mounts.
 *
 * ## Why is this bad?
 * The program cannot find the file and either fails to start or, for some flags, runs without
 * the check the file was meant to enable.
 */
const rule: Rule = {
  meta: {
    id: 'tls-file-not-mounted',
    title: 'Certificate, key or CA path outside every volumeMount of the container',
    description:
      'A kube-apiserver, kube-controller-manager, kube-scheduler or etcd container names a certificate, key or CA file (`--tls-cert-file`, `--client-ca-file`, `--etcd-cafile`, `--trusted-ca-file`…) at an absolute path that no `volumeMounts[].mountPath` of the container covers. Certificates live on the host or in Secrets, not in the image: the program does not find the file and fails to start, or the client verification the file was meant to turn on is missing. A path is covered when it equals a mountPath or lies below `mountPath/` (`/etc/kubernetes-pki` does not cover `/etc/kubernetes/pki/ca.crt`); a `subPath` mount onto a file name covers that file only. etcd\'s `ETCD_*` variables count as its flags do (`ETCD_CERT_FILE`, `ETCD_TRUSTED_CA_FILE`, `ETCD_PEER_KEY_FILE`…, used when the flag is not given; the finding is then on the variable\'s value), and an etcd given `--config-file` is not judged.',
    remediation:
      'Mount the folder holding the files into the container (e.g. a `hostPath` volume for `/etc/kubernetes/pki` mounted at the same path, or a Secret volume), or correct the flag to a path under an existing mount.',
    defaultSeverity: 'warning',
    category: 'any-component',
    sources: [
      { kind: 'Kubernetes', id: 'volumes', note: 'Kubernetes docs: Volumes (a container sees only what its volumeMounts place in its filesystem)', url: 'https://kubernetes.io/docs/concepts/storage/volumes/' },
    ],
    messages: {
      noVolumeMounted: '{{binary}} reads {{files}}, but the container mounts no volume: the file is not there.',
      notCoveredByMount: '{{binary}} reads {{files}}, but no volumeMount of the container covers it: the file is not there.',
    },
    fixable: false,
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    volumeMounts:\n    - name: certs\n      mountPath: /etc/kubernetes-pki',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    volumeMounts:\n    - name: certs\n      mountPath: /etc/kubernetes/pki',
    },
  },
  create(context) {
    let lines: LineIndex | undefined;
    return {
      component(component) {
        const flags = TLS_FILE_FLAGS[component.binary];
        const container = component.container;
        if (!flags || component.origin !== 'container' || !container) return;
        const doc = container.resource.doc;
        const mountsPair = getPair(container.node, 'volumeMounts');
        const mountsNode = mountsPair ? deref(mountsPair.value, doc) : undefined;
        const mounts: Mount[] = [];
        if (mountsPair && mountsNode !== undefined && mountsNode !== null && !(isScalar(mountsNode) && mountsNode.value === null)) {
          if (!isSeq(mountsNode) || isTemplated(context.text, mountsNode.range)) return;
          for (const item of mountsNode.items) {
            const mount = deref(item, doc);
            if (!isMap(mount)) return;
            const mountPath = deref(mount.get('mountPath', true), doc);
            if (!isScalar(mountPath) || typeof mountPath.value !== 'string' || /[{}$]/.test(mountPath.value)) return;
            const subPath = deref(mount.get('subPath', true), doc) ?? deref(mount.get('subPathExpr', true), doc);
            const hasSubPath = isScalar(subPath) && typeof subPath.value === 'string' && subPath.value !== '';
            mounts.push({ path: mountPath.value, fileOnly: hasSubPath && /\.[A-Za-z0-9]+$/.test(mountPath.value) });
          }
        }
        // etcd given a configuration file ignores its flags and variables: nothing here is read.
        if (component.binary === 'etcd' && etcdUsesConfigFile(component)) return;
        const judged: Array<{ label: string; range: Range; path: string }> = [];
        for (const name of flags) {
          // The flag, or else etcd's `ETCD_*` variable for it (see effectiveSetting).
          const setting = effectiveSetting(component, name);
          if (!setting) continue;
          // A path the template, `valueFrom` or the kubelet's $(VAR) expansion fills in cannot be judged, nor the container's others.
          if (setting.unknown || /[{}$]/.test(setting.value ?? '')) return;
          const path = (setting.value ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
          if (!path.startsWith('/')) continue;
          judged.push({ label: setting.env ? setting.env.name : `--${name}`, range: placeOf(setting), path });
        }
        const outside = judged.filter((j) => !mounts.some((m) => isUnderMount(j.path, m)));
        if (outside.length === 0) return;
        lines ??= new LineIndex(context.text);
        const related = mountsPair?.key && isScalar(mountsPair.key) && mountsPair.key.range
          ? [{ range: { start: mountsPair.key.range[0], end: mountsPair.key.range[1] }, message: `the volumeMounts of container "${container.name ?? component.binary}"` }]
          : [];
        // One finding per line: a shell script may hold several flags on one line.
        const byLine = new Map<number, typeof outside>();
        for (const j of outside) {
          const line = lines.positionAt(j.range.start).line;
          byLine.set(line, [...(byLine.get(line) ?? []), j]);
        }
        for (const group of byLine.values()) {
          const named = group.map((j) => `${j.label}=${j.path}`).join(', ');
          context.report({
            range: group[0].range,
            messageId: mounts.length === 0 ? 'noVolumeMounted' : 'notCoveredByMount',
            data: { binary: component.binary, files: named },
            related,
          });
        }
      },
    };
  },
};

/** Where a finding about the setting points: the flag's value word, or the variable's value. */
function placeOf(setting: Setting): Range {
  if (setting.flag) return (setting.flag.valueWord ?? setting.flag.nameWord).range;
  const node = setting.env?.valueNode;
  return node?.range ? { start: node.range[0], end: node.range[1] } : setting.range;
}

function isTemplated(text: string, range: readonly number[] | undefined | null): boolean {
  return !!range && /\{\{/.test(text.slice(range[0], range[1]));
}

export default rule;
