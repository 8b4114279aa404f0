import type { FlagOccurrence } from '../model/flags';
import type { Range, TextEdit } from '../model/text';
import { listItems, parseGoBool, valueRange } from './helpers';
import type { Rule } from './types';

const GATE = 'RotateKubeletServerCertificate';

/**
 * ## What it does
 * Flags a kube-controller-manager whose `--feature-gates` turn `RotateKubeletServerCertificate` off.
 *
 * ## Why is this bad?
 * The controller manager then stops approving kubelet serving-certificate requests, so kubelets
 * keep (or fall back to self-signed) certificates that are never renewed.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-server-cert-rotation-disabled',
    title: 'kube-controller-manager disables RotateKubeletServerCertificate',
    description:
      '`--feature-gates=RotateKubeletServerCertificate=false` on the controller manager turns off the signing of kubelet serving certificates requested through the certificates API. Kubelets then keep long-lived or self-signed serving certificates that are never rotated, and the API server cannot verify them.',
    remediation: `Remove \`${GATE}=false\` from \`--feature-gates\` (the gate is on by default) or set it to true.`,
    defaultSeverity: 'warning',
    category: 'kube-controller-manager',
    sources: [
      { kind: 'CIS', id: '1.3.6', note: 'CIS Kubernetes Benchmark 1.12' },
      { kind: 'KICS', id: '1c621b8e-2c6a-44f5-bd6a-fb0fb7ba33e2', note: 'Rotate Kubelet Server Certificate Not Active (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_112' },
      { kind: 'kube-bench', id: '1.3.6', note: 'cfg/cis-1.12' },
    ],
    messages: { gateOff: 'RotateKubeletServerCertificate=false: the controller manager will not sign rotated kubelet serving certificates.' },
    fixable: true,
    fixSafety:
      'Safe: removing `RotateKubeletServerCertificate=false` restores the gate\'s default (on).',
    examples: {
      bad: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager\n      - --feature-gates=${GATE}=false`,
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n      - kube-controller-manager',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-controller-manager') return;
        // Repeated --feature-gates flags merge, key by key, the later one winning.
        let effective: { occurrence: FlagOccurrence; value: boolean | undefined; start: number; end: number } | undefined;
        const all = component.flags.all('feature-gates');
        for (const occurrence of all) {
          if (occurrence.unknown || occurrence.value === undefined) {
            effective = undefined; // a template could set the gate: the outcome is unknown
            continue;
          }
          for (const item of listItems(occurrence.value)) {
            const eq = item.text.indexOf('=');
            if (eq < 0 || item.text.slice(0, eq).trim() !== GATE) continue;
            effective = { occurrence, value: parseGoBool(item.text.slice(eq + 1)), start: item.start, end: item.end };
          }
        }
        if (!effective || effective.value !== false) return;
        context.report({
          range: gateRange(effective.occurrence, effective.start, effective.end, context.text),
          messageId: 'gateOff',
          fixes: [{ title: `Remove ${GATE}=false from --feature-gates`, edits: removeGate(), isPreferred: true, safe: true }],
        });

        /** Drops the gate from every occurrence; an occurrence left empty goes away. */
        function removeGate(): TextEdit[] | undefined {
          const edits: TextEdit[] = [];
          for (const occurrence of all) {
            const items = listItems(occurrence.value ?? '');
            const rest = items.filter((i) => i.text.slice(0, Math.max(0, i.text.indexOf('='))).trim() !== GATE);
            if (rest.length === items.length) continue;
            const e = rest.length === 0 ? component.editor.remove(occurrence) : component.editor.setValue(occurrence, rest.map((i) => i.text).join(','));
            if (!e) return undefined;
            edits.push(...e);
          }
          return edits;
        }
      },
    };
  },
};

/** The `RotateKubeletServerCertificate=false` text itself, when the value is written literally. */
function gateRange(occurrence: FlagOccurrence, start: number, end: number, text: string): Range {
  const value = valueRange(occurrence, text);
  if (text.slice(value.start, value.end) !== occurrence.value) return value;
  return { start: value.start + start, end: value.start + end };
}

export default rule;
