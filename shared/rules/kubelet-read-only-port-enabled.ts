import { isScalar } from 'yaml';
import { isKubeletConfiguration, kubeletReadsConfigFile } from '../model/kubelet';
import { getPair } from '../model/resources';
import { yamlInteger } from '../model/values';
import { isZeroPort } from './helpers';
import { knownValue } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags a kubelet whose read-only port is on: a non-zero `readOnlyPort` in a
 * `KubeletConfiguration`, a non-zero `--read-only-port`, or a kubelet container started without
 * a config file and without the flag (the command-line default is 10255).
 *
 * ## Why is this bad?
 * The read-only port serves pod specs, node details and metrics over plain HTTP with no
 * authentication at all.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-read-only-port-enabled',
    title: 'kubelet read-only port enabled',
    description:
      'The kubelet\'s read-only port (10255 by convention) answers without TLS and without authentication, exposing pod specs (environment variables included), node information and metrics to anyone on the network. An absent `readOnlyPort` in a `KubeletConfiguration` is fine: its default is 0 (some scanners wrongly report it). A kubelet run without `--config` / `--config-dir` falls back to the command-line default, which is 10255, so there a missing `--read-only-port=0` is reported on the binary. A `--read-only-port` flag wins over the config file.',
    remediation:
      'Remove `readOnlyPort` from the `KubeletConfiguration` (or set it to 0). On the command line, set `--read-only-port=0`.',
    defaultSeverity: 'warning',
    category: 'kubelet',
    sources: [
      { kind: 'CIS', id: '4.2.4', version: '1.12', note: 'Verify that if defined, the --read-only-port argument is set to 0' },
      { kind: 'KICS', id: '2940d48a-dc5e-4178-a3f8-bfbd80720b41', note: 'Kubelet Read-Only Port Is Not Set To Zero (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_141', note: 'containers only; fails when the flag is absent' },
      { kind: 'kube-bench', id: '4.2.4', version: '1.12' },
    ],
    messages: {
      configPort: 'readOnlyPort: {{port}} serves the kubelet\'s read-only API over plain HTTP without authentication.',
      flagPort: '--read-only-port={{port}} serves the kubelet\'s read-only API over plain HTTP without authentication.',
      defaultPort: 'kubelet without --config or --read-only-port=0 opens the read-only port 10255 (plain HTTP, no authentication).',
    },
    fixable: true,
    fixSafety:
      'Safe: 0 (off) is the kubelet\'s default; nothing in the cluster needs the read-only port.',
    examples: {
      bad: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255',
      good: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (!isKubeletConfiguration(resource)) return;
        const pair = getPair(resource.node, 'readOnlyPort');
        const port = yamlInteger(pair?.value);
        if (!pair || port === undefined || port === 0 || !isScalar(pair.value) || !pair.value.range) return;
        const value = pair.value;
        const removal = context.editor.removePair(resource.node, pair);
        context.report({
          range: { start: pair.key.range![0], end: value.range![1] },
          messageId: 'configPort',
          data: { port },
          fixes: [
            { title: 'Remove readOnlyPort (the default is 0)', edits: removal ? [removal] : undefined, isPreferred: true, safe: true },
            { title: 'Set readOnlyPort to 0', edits: [{ start: value.range![0], end: value.range![1], newText: '0' }], safe: true },
          ],
        });
      },
      component(component) {
        if (component.binary !== 'kubelet') return;
        const occurrence = component.flags.last('read-only-port');
        if (occurrence) {
          const value = knownValue(occurrence);
          if (value === undefined || isZeroPort(value) || !/^\s*\+?\d+\s*$/.test(value)) return;
          context.report({
            range: occurrence.range,
            messageId: 'flagPort',
            data: { port: value.trim() },
            fixes: [{ title: 'Set --read-only-port to 0', edits: component.editor.setValue(occurrence, '0'), isPreferred: true, safe: true }],
          });
          return;
        }
        // Without a config file the kubelet starts from its command-line defaults: port 10255.
        if (!component.complete || kubeletReadsConfigFile(component)) return;
        context.report({
          range: component.anchor,
          messageId: 'defaultPort',
          fixes: [{ title: 'Add --read-only-port=0', edits: component.editor.insert([{ name: 'read-only-port', value: '0' }]), isPreferred: true, safe: true }],
        });
      },
    };
  },
};

export default rule;
