import { isMap, isScalar, Scalar, YAMLMap } from 'yaml';
import { hasTemplateActions, isKubeadmFile, isKubeletConfiguration, kindRange, kubeletReadsConfigFile, pairAt, stringStyleOf } from '../model/kubelet';
import { deref, getPair } from '../model/resources';
import type { TextEdit } from '../model/text';
import type { Rule, RuleContext } from './types';

const PATH = ['authentication', 'x509', 'clientCAFile'] as const;

/**
 * ## What it does
 * Flags a `KubeletConfiguration` without `authentication.x509.clientCAFile` (or a kubelet
 * container without `--client-ca-file` and without a config file).
 *
 * ## Why is this bad?
 * The kubelet then cannot authenticate clients by certificate: the API server's client
 * certificate is not checked, and the kubelet API falls back to token or anonymous access.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-client-ca-missing',
    title: 'kubelet without a client CA (authentication.x509.clientCAFile)',
    description:
      'Without `authentication.x509.clientCAFile` (`--client-ca-file`) the kubelet does not verify client certificates, so the API server cannot authenticate to it with its kubelet client certificate and access to the kubelet API (exec, logs, port-forward) rests on tokens or anonymous access alone. An empty value counts as missing. A `KubeletConfiguration` without an `authentication` section has no client CA either (the field\'s default is empty in every release): it is reported on its `kind` value, like one whose `authentication` leaves `x509` out. Not reported in a kubeadm configuration file (kubeadm sets the field to its CA itself), in the kubeadm `kubelet-config` ConfigMap or a Cluster API `files[]` entry (kubeadm completes them or writes the node\'s configuration beside them), in a Kustomize patch, for templated resources, nor for a kubelet container that reads `--config` / `--config-dir` (the file gives the CA).',
    remediation:
      'Set `authentication.x509.clientCAFile` to the cluster CA (`/etc/kubernetes/pki/ca.crt` on kubeadm nodes; the fix inserts the `kubeletClientCAFile` fix setting), or pass `--client-ca-file`.',
    defaultSeverity: 'warning',
    severityNote:
      'KICS rates this High. It is a warning here because the kubelet\'s command line (`--client-ca-file`), which no manifest shows, can supply it, and a config-file fragment (a `--config-dir` drop-in) may be merged with others.',
    category: 'kubelet',
    sources: [
      { kind: 'CIS', id: '4.2.3', version: '1.12', note: 'Ensure that the --client-ca-file argument is set as appropriate' },
      { kind: 'KICS', id: 'e0e00aba-5f1c-4981-a542-9a9563c0ee20', note: 'Client Certificate Authentication Not Setup Properly (High)' },
      { kind: 'Checkov', id: 'CKV_K8S_140' },
      { kind: 'kube-bench', id: '4.2.3', version: '1.12' },
    ],
    messages: {
      configWithoutClientCa: 'kubelet without authentication.x509.clientCAFile cannot verify client certificates: the API server\'s kubelet client certificate is not checked.',
      flagsWithoutClientCa: 'kubelet without --client-ca-file cannot verify client certificates: the API server\'s kubelet client certificate is not checked.',
    },
    fixable: true,
    fixSafety:
      'Unsafe unless the paths are yours: the fix inserts the values of the `kubeletClientCAFile` fix settings. Their defaults (kubeadm\'s paths) are only a guess at where the files are, and a path that does not exist stops the program from starting, so `source.fixAll`, `codeActionsOnSave` and `--fix` apply it only when `.kube-tls-lint.yaml` (`fix:`) or the editor settings give the path; otherwise it is a quick fix, and `--unsafe-fixes` applies it too.',
    examples: {
      bad: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false',
      good: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt',
    },
  },
  create(context) {
    const kubeadmFile = isKubeadmFile(context.text);
    return {
      resource(resource) {
        // A Kustomize patch, or a file kubeadm completes, is merged with what may hold the CA.
        if (!isKubeletConfiguration(resource) || kubeadmFile || context.partialResources || hasTemplateActions(resource, context.text)) return;
        const match = pairAt(resource.node, PATH, resource.doc);
        const value = match?.pair.value;
        if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '') return;
        if (match && !isScalar(value)) return; // not something the kubelet accepts: no guess
        const path = context.fixDefaults.kubeletClientCAFile;
        context.report({
          range: match ? { start: match.pair.key.range![0], end: Math.max(match.pair.key.range![1], (value as Scalar).range?.[1] ?? 0) } : kindRange(resource),
          messageId: 'configWithoutClientCa',
          fixes: [{ title: `Set authentication.x509.clientCAFile: ${path}`, edits: caEdits(context, resource.node, resource.doc, path), isPreferred: true, safe: context.fixConfigured('kubeletClientCAFile') }],
        });
      },
      component(component) {
        if (component.binary !== 'kubelet' || !component.complete || kubeletReadsConfigFile(component)) return;
        if (component.flags.isSet('client-ca-file')) return;
        const path = context.fixDefaults.kubeletClientCAFile;
        const present = component.flags.last('client-ca-file');
        context.report({
          range: component.anchor,
          messageId: 'flagsWithoutClientCa',
          fixes: [{
            title: `Add --client-ca-file=${path}`,
            edits: present ? component.editor.setValue(present, path) : component.editor.insert([{ name: 'client-ca-file', value: path }]),
            isPreferred: true,
            // The default path is a guess: only the user's own path is applied by "fix all".
            safe: context.fixConfigured('kubeletClientCAFile'),
          }],
        });
      },
    };
  },
};

/** Fills in the deepest part of `authentication.x509.clientCAFile` that exists, in its style. */
function caEdits(context: RuleContext, root: YAMLMap, doc: Parameters<typeof deref>[1], path: string): TextEdit[] | undefined {
  let map: YAMLMap = root;
  for (let depth = 0; depth < PATH.length; depth++) {
    const pair = getPair(map, PATH[depth]);
    if (!pair) {
      const edit = context.editor.insertPair(map, PATH.slice(depth), path, { like: stringStyleOf(map) });
      return edit ? [edit] : undefined;
    }
    const value = pair.value;
    if (depth === PATH.length - 1) {
      if (!isScalar(value) || !value.range) return undefined;
      if (value.range[1] > value.range[0]) {
        const edit = context.editor.replaceScalar(value, path);
        return edit ? [edit] : undefined;
      }
      return [{ start: value.range[0], end: value.range[1], newText: ' ' + path }];
    }
    // An alias is shared with other places: never edit through it.
    if (!isMap(value)) return undefined;
    if (value !== deref(value, doc)) return undefined;
    map = value;
  }
  return undefined;
}

export default rule;
