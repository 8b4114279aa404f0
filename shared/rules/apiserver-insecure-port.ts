import type { Component } from '../model/component';
import type { FlagOccurrence } from '../model/flags';
import { imageName, imageTagVersion } from '../model/invocation';
import { knownValue, lastOfAliases, removeOccurrencesEdits, scalarValueRange, templated } from './helpers';
import type { FixSpec, Rule, RuleContext } from './types';

/**
 * ## What it does
 * Flags a kube-apiserver whose effective `--insecure-port` is a non-zero port, or that leaves it
 * out while its image tag names a release before 1.20 (whose default was 8080 on localhost).
 *
 * ## Why is this bad?
 * The insecure port serves the whole API over plain HTTP with no authentication or
 * authorization at all: anyone who reaches it is cluster-admin.
 */
const INSECURE_PORT_FLAGS = ['insecure-port', 'port'];

const rule: Rule = {
  meta: {
    id: 'apiserver-insecure-port',
    title: 'kube-apiserver --insecure-port enabled',
    description:
      'A non-zero `--insecure-port` opens a second API server listener that speaks plain HTTP and skips authentication and authorization: every request on it is treated as cluster-admin. Kubernetes 1.20 forced it to 0 and 1.24 removed the flag, so this appears in manifests for old clusters (and stops newer API servers from starting at all). Its old name `--port` counts as the same setting; the last one written wins. Before 1.20 the default was port 8080 on `127.0.0.1` (any local process, or any container sharing the host network, gets cluster-admin), so a kube-apiserver that sets neither flag is reported too, on its `image`, when the image tag names such a release: the tag `v1.X.Y` (a build suffix such as `-rancher1` or `_coreos.0` allowed) of a `kube-apiserver` or `hyperkube` image, with X below 20. A tag that names no release (`latest`, a digest alone, a template) is not judged, nor is kubeadm configuration (kubeadm passes `--insecure-port=0` itself), a command line with template actions, or a `--version` / `--help` run.',
    remediation:
      'Remove `--insecure-port` (from Kubernetes 1.20 the port is always off). Before 1.20 an absent flag means localhost:8080, so set `--insecure-port=0` there instead (the fix for an absent flag adds it), after moving any local plain-HTTP clients to the secure port (6443).',
    defaultSeverity: 'error',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.19', version: '1.6.0', note: 'dropped from later releases with the flag' },
      { kind: 'KICS', id: 'fa4def8c-1898-4a35-a139-7b76b1acdef0', note: 'Insecure Port Not Properly Set (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_88' },
    ],
    messages: {
      insecurePort: '--{{flag}}={{value}} serves the API over plain HTTP without authentication or authorization.',
      defaultPort: 'kube-apiserver {{release}} without --insecure-port serves the API over plain HTTP on 127.0.0.1:8080 without authentication or authorization (the default before Kubernetes 1.20).',
    },
    fixable: true,
    fixSafety:
      'Safe: removing the flag uses the default (no insecure port since 1.20). Setting it to 0 (for older releases) is offered as an unsafe alternative, and is the only fix when the image tag names a release before 1.20 (removing the flag would keep the default port 8080 open there); adding `--insecure-port=0` to a release before 1.20 that leaves it out is unsafe too (local plain-HTTP clients stop working).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --insecure-port=8080',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --secure-port=6443',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver') return;
        // `--port` is the old name of the same setting (before Kubernetes 1.10 or so).
        const occurrence = lastOfAliases(component, INSECURE_PORT_FLAGS);
        if (!occurrence) {
          reportDefaultPort(context, component);
          return;
        }
        const value = knownValue(occurrence)?.trim();
        // Only a well-formed non-zero port opens the listener; anything else fails to start.
        if (!occurrence || value === undefined || !/^\+?\d+$/.test(value) || /^\+?0+$/.test(value)) return;
        context.report({
          range: occurrence.range,
          messageId: 'insecurePort',
          data: { flag: occurrence.name, value },
          fixes: insecurePortFixes(component.editor, occurrence, INSECURE_PORT_FLAGS.flatMap((n) => component.flags.all(n)), oldRelease(context, component) !== undefined),
        });
      },
    };
  },
};

/** Images whose tag is the Kubernetes release of the kube-apiserver they run. */
const RELEASE_IMAGES = new Set(['kube-apiserver', 'hyperkube']);

/**
 * No `--insecure-port` (nor `--port`): before Kubernetes 1.20 the API server then listened on
 * 127.0.0.1:8080 without authentication. Judged only when the container's image tag names such
 * a release and the whole command line is visible (kubeadm sets `--insecure-port=0` itself).
 */
function reportDefaultPort(context: RuleContext, component: Component): void {
  if (!component.complete || ['version', 'help', 'h'].some((f) => component.flags.has(f))) return;
  const release = oldRelease(context, component);
  const image = component.container?.image;
  if (!release || !image) return;
  context.report({
    range: scalarValueRange(image, context.text),
    messageId: 'defaultPort',
    data: { release },
    // 0 closes the port; local plain-HTTP clients (old health checks, scripts) stop working.
    fixes: [{ title: 'Add --insecure-port=0', edits: component.editor.insert([{ name: 'insecure-port', value: '0' }]), isPreferred: true, safe: false }],
  });
}

/** The release (`1.19.3`) the container's image tag names, when it is one before 1.20. */
function oldRelease(context: RuleContext, component: Component): string | undefined {
  const image = component.container?.image;
  if (!image?.range || typeof image.value !== 'string') return undefined;
  if (!RELEASE_IMAGES.has(imageName(image.value)) || templated(context.text, { start: image.range[0], end: image.range[1] })) return undefined;
  const version = imageTagVersion(image.value);
  if (!version || version.major !== 1 || version.minor >= 20) return undefined;
  return `${version.major}.${version.minor}.${version.patch}`;
}

/**
 * The fixes, built when asked for from the occurrences and the editor alone. Before 1.20 the
 * default was 8080 on localhost, so only 0 closes the port there; it can break local plain-HTTP
 * clients, hence not applied unasked. When the image names such a release, removing the flag
 * would keep the port open: 0 is the only fix.
 */
function insecurePortFixes(editor: Component['editor'], occurrence: FlagOccurrence, all: readonly FlagOccurrence[], oldRelease: boolean): () => FixSpec[] {
  return () => [
    ...(oldRelease ? [] : [{ title: `Remove --${occurrence.name}`, edits: removeOccurrencesEdits(editor, all), isPreferred: true, safe: true }]),
    { title: `Set --${occurrence.name} to 0 (Kubernetes before 1.20)`, edits: editor.setValue(occurrence, '0'), isPreferred: oldRelease, safe: false },
  ];
}

export default rule;
