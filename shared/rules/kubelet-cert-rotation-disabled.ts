import { isScalar } from 'yaml';
import { isKubeletConfiguration, pairAt } from '../model/kubelet';
import { yamlBoolean } from '../model/values';
import { featureGateSetting, parseGoBool, removeFeatureGateEdits, removeUpward } from './helpers';
import type { Rule } from './types';

const GATE = 'RotateKubeletServerCertificate';

/**
 * ## What it does
 * Flags a kubelet that turns certificate rotation off: `rotateCertificates: false`
 * (`--rotate-certificates=false`), or the `RotateKubeletServerCertificate` feature gate set to
 * false in `featureGates` (`--feature-gates`).
 *
 * ## Why is this bad?
 * Certificates then expire instead of being renewed, and the usual workaround is long-lived
 * certificates or turning verification off.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-cert-rotation-disabled',
    title: 'kubelet certificate rotation turned off',
    description:
      '`rotateCertificates: false` (`--rotate-certificates=false`) stops the kubelet from renewing its client certificate toward the API server (CIS 4.2.10); `featureGates: {RotateKubeletServerCertificate: false}` (`--feature-gates=RotateKubeletServerCertificate=false`) stops it from requesting and renewing its serving certificate (CIS 4.2.11). Only explicit false values are reported: an absent `rotateCertificates` or `serverTLSBootstrap` is the upstream default and is commonly set elsewhere (kubeadm turns rotation on itself). A flag wins over the config file; for repeated `--feature-gates` the last value of the gate wins.',
    remediation:
      'Set `rotateCertificates: true` (`--rotate-certificates=true`), and remove `RotateKubeletServerCertificate: false` from `featureGates` (the gate is on by default).',
    defaultSeverity: 'warning',
    category: 'kubelet',
    sources: [
      { kind: 'CIS', id: '4.2.10', version: '1.12', note: 'Ensure that the --rotate-certificates argument is not set to false' },
      { kind: 'CIS', id: '4.2.11', version: '1.12', note: 'Verify that the RotateKubeletServerCertificate argument is set to true' },
      { kind: 'KICS', id: '52d70f2e-3257-474c-b3dc-8ad9ba6a061a', note: 'Kubelet Client Periodic Certificate Switch Disabled (Medium; also fails when absent)' },
      { kind: 'KICS', id: '1c621b8e-2c6a-44f5-bd6a-fb0fb7ba33e2', note: 'Rotate Kubelet Server Certificate Not Active (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_149' },
      { kind: 'Checkov', id: 'CKV_K8S_112', note: 'RotateKubeletServerCertificate=false in the --feature-gates of the kubelet or kube-controller-manager (Checkov merged its former kubelet check CKV_K8S_150 into it)' },
      { kind: 'kube-bench', id: '4.2.10', version: '1.12', note: 'also 4.2.11' },
    ],
    messages: {
      rotateCertificatesOff: 'rotateCertificates: false: the kubelet will not renew its client certificate before it expires.',
      serverGateOff: 'RotateKubeletServerCertificate: false: the kubelet will not request or renew a CA-signed serving certificate.',
      rotateCertificatesFlagOff: '--rotate-certificates=false: the kubelet will not renew its client certificate before it expires.',
      serverGateFlagOff: 'RotateKubeletServerCertificate=false: the kubelet will not request or renew a CA-signed serving certificate.',
    },
    fixable: true,
    fixSafety:
      'Safe: certificate rotation is the default and needs no other setting.',
    examples: {
      bad: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: false\nfeatureGates:\n  RotateKubeletServerCertificate: false',
      good: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: true',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (!isKubeletConfiguration(resource)) return;
        const rotate = pairAt(resource.node, ['rotateCertificates'], resource.doc);
        const value = rotate?.pair.value;
        if (rotate && isScalar(value) && value.range && yamlBoolean(value) === false) {
          context.report({
            range: { start: rotate.pair.key.range![0], end: value.range[1] },
            messageId: 'rotateCertificatesOff',
            fixes: [{ title: 'Set rotateCertificates to true', edits: [{ start: value.range[0], end: value.range[1], newText: 'true' }], isPreferred: true, safe: true }],
          });
        }
        const gate = pairAt(resource.node, ['featureGates', GATE], resource.doc);
        const gateValue = gate?.pair.value;
        if (gate && isScalar(gateValue) && gateValue.range && yamlBoolean(gateValue) === false) {
          context.report({
            range: { start: gate.pair.key.range![0], end: gateValue.range[1] },
            messageId: 'serverGateOff',
            fixes: [{ title: `Remove ${GATE}: false (the gate is on by default)`, edits: removeUpward(gate.chain, context.editor), isPreferred: true, safe: true }],
          });
        }
      },
      component(component) {
        if (component.binary !== 'kubelet') return;
        const rotate = component.flags.last('rotate-certificates');
        if (rotate && !rotate.unknown && parseGoBool(rotate.value) === false) {
          context.report({
            range: rotate.range,
            messageId: 'rotateCertificatesFlagOff',
            fixes: [{ title: 'Set --rotate-certificates to true', edits: component.editor.setValue(rotate, 'true'), isPreferred: true, safe: true }],
          });
        }
        const gate = featureGateSetting(component, GATE, context.text);
        if (gate?.value === false) {
          context.report({
            range: gate.range,
            messageId: 'serverGateFlagOff',
            fixes: [{ title: `Remove ${GATE}=false from --feature-gates`, edits: removeFeatureGateEdits(component, GATE), isPreferred: true, safe: true }],
          });
        }
      },
    };
  },
};

export default rule;
