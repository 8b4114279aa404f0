import { isScalar } from 'yaml';
import { mergeInsertions } from '../model/edit';
import { hasTemplateActions, isKubeletConfiguration, kindRange, kubeletReadsConfigFile, stringStyleOf } from '../model/kubelet';
import { getPair } from '../model/resources';
import type { TextEdit } from '../model/text';
import { yamlBoolean } from '../model/values';
import { parseGoBool } from './helpers';
import type { FixSpec, Rule } from './types';

const FIELDS = [
  { field: 'tlsCertFile', flag: 'tls-cert-file', fixKey: 'kubeletTlsCertFile' },
  { field: 'tlsPrivateKeyFile', flag: 'tls-private-key-file', fixKey: 'kubeletTlsPrivateKeyFile' },
] as const;

/**
 * ## What it does
 * Flags a `KubeletConfiguration` (or a kubelet container without a config file) that sets
 * neither a serving certificate (`tlsCertFile` / `tlsPrivateKeyFile`) nor `serverTLSBootstrap`.
 *
 * ## Why is this bad?
 * The kubelet then serves its API (exec, logs, port-forward) with a self-signed certificate the
 * API server cannot verify.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-tls-files-missing',
    title: 'kubelet without a serving certificate (tlsCertFile / tlsPrivateKeyFile)',
    description:
      'Without `tlsCertFile` and `tlsPrivateKeyFile` (`--tls-cert-file` / `--tls-private-key-file`) the kubelet generates a self-signed serving certificate, so the API server\'s exec, logs and port-forward connections to it cannot be verified. Not reported when `serverTLSBootstrap: true` (or `--rotate-server-certificates`) has the kubelet request a CA-signed serving certificate from the API server, which makes the files unnecessary. `rotateCertificates` does not exempt it: it only rotates the kubelet\'s client certificate toward the API server, never the certificate it serves. Not reported for templated resources, nor for a kubelet container that reads `--config` / `--config-dir`.',
    remediation:
      'Either set `serverTLSBootstrap: true` and approve the kubelet serving CSRs (recommended on kubeadm clusters), or set `tlsCertFile` and `tlsPrivateKeyFile` to a certificate signed by the CA the API server trusts (`--kubelet-certificate-authority`). Both fixes are offered on request only: the files must exist, and serving CSRs need an approver.',
    defaultSeverity: 'info',
    severityNote:
      'CIS 4.2.9 is a manual check. Most clusters (kubeadm\'s default included) run kubelets with self-signed serving certificates, and the files can also be passed on the kubelet\'s command line, which no manifest shows; the finding is a prompt to decide, not a defect in the file.',
    category: 'kubelet',
    sources: [
      { kind: 'CIS', id: '4.2.9', version: '1.12', note: 'Verify that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate' },
      { kind: 'KICS', id: 'fa750c81-93c2-4fab-9c6d-d3fd3ce3b89f', note: 'TLS Connection Certificate Not Setup (Medium; ignores serverTLSBootstrap)' },
      { kind: 'Checkov', id: 'CKV_K8S_148' },
      { kind: 'kube-bench', id: '4.2.9', version: '1.12' },
    ],
    messages: { missing: 'kubelet without {{missing}} (and no server certificate bootstrap) serves a self-signed certificate the API server cannot verify.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): the certificate paths or `serverTLSBootstrap`/`--rotate-server-certificates` need files or CSR approval that the manifest cannot show.',
    examples: {
      bad: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: true',
      good: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: true\nserverTLSBootstrap: true',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (!isKubeletConfiguration(resource) || hasTemplateActions(resource, context.text)) return;
        const root = resource.node;
        if (yamlBoolean(getPair(root, 'serverTLSBootstrap')?.value) === true) return;
        const missing = FIELDS.filter(({ field }) => {
          const v = getPair(root, field)?.value;
          return !(isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '');
        });
        if (missing.length === 0) return;
        const like = stringStyleOf(root);
        const edits: Array<TextEdit | undefined> = missing.map(({ field, fixKey }) => {
          const present = getPair(root, field);
          const value = context.fixDefaults[fixKey];
          return isScalar(present?.value) && present.value.range && present.value.range[1] > present.value.range[0]
            ? context.editor.replaceScalar(present.value, value)
            : present ? undefined : context.editor.insertPair(root, [field], value, { like });
        });
        const existing = getPair(root, 'serverTLSBootstrap')?.value;
        const bootstrap = existing === undefined
          ? context.editor.insertPair(root, ['serverTLSBootstrap'], 'true', { raw: true })
          : isScalar(existing) && existing.range ? { start: existing.range[0], end: existing.range[1], newText: existing.range[1] > existing.range[0] ? 'true' : ' true' } : undefined;
        context.report({
          range: kindRange(resource),
          messageId: 'missing',
          data: { missing: missing.map((m) => m.field).join(' and ') },
          fixes: [
            { title: `Add ${missing.map((m) => `${m.field}: ${context.fixDefaults[m.fixKey]}`).join(', ')}`, edits: edits.every(Boolean) ? mergeInsertions(edits as TextEdit[]) : undefined, isPreferred: true, safe: false },
            { title: 'Add serverTLSBootstrap: true', edits: bootstrap ? [bootstrap] : undefined, safe: false },
          ],
        });
      },
      component(component) {
        if (component.binary !== 'kubelet' || !component.complete || kubeletReadsConfigFile(component)) return;
        const rotate = component.flags.last('rotate-server-certificates');
        if (rotate && (rotate.unknown || parseGoBool(rotate.value) !== false)) return;
        const missing = FIELDS.filter(({ flag }) => !component.flags.isSet(flag));
        if (missing.length === 0) return;
        const toInsert = missing.filter(({ flag }) => !component.flags.has(flag)).map(({ flag, fixKey }) => ({ name: flag, value: context.fixDefaults[fixKey] }));
        const edits = [
          ...missing.filter(({ flag }) => component.flags.has(flag)).map(({ flag, fixKey }) => component.editor.setValue(component.flags.last(flag)!, context.fixDefaults[fixKey])),
          ...(toInsert.length ? [component.editor.insert(toInsert)] : []),
        ];
        const fixes: FixSpec[] = [
          { title: `Add ${missing.map((m) => `--${m.flag}=${context.fixDefaults[m.fixKey]}`).join(' ')}`, edits: edits.every(Boolean) ? (edits.flat() as TextEdit[]) : undefined, isPreferred: true, safe: false },
          { title: 'Add --rotate-server-certificates=true', edits: rotate ? component.editor.setValue(rotate, 'true') : component.editor.insert([{ name: 'rotate-server-certificates', value: 'true' }]), safe: false },
        ];
        context.report({ range: component.anchor, messageId: 'missing', data: { missing: missing.map((m) => `--${m.flag}`).join(' and ') }, fixes });
      },
    };
  },
};

export default rule;
