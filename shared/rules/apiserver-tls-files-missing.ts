import type { Rule } from './types';

const CERT = 'tls-cert-file';
const KEY = 'tls-private-key-file';

/**
 * ## What it does
 * Flags a kube-apiserver whose `--tls-cert-file` or `--tls-private-key-file` is missing or empty.
 *
 * ## Why is this bad?
 * Without them the API server serves a self-signed certificate it generates at start-up, so
 * clients cannot verify whom they talk to.
 */
const rule: Rule = {
  meta: {
    id: 'apiserver-tls-files-missing',
    title: 'kube-apiserver without --tls-cert-file / --tls-private-key-file',
    description:
      'A kube-apiserver started without `--tls-cert-file` and `--tls-private-key-file` (or with them empty) serves HTTPS with a self-signed certificate it generates itself. Clients cannot verify it, and API traffic, which carries secrets and tokens, is open to interception.',
    remediation:
      'Add `--tls-cert-file=<path/to/cert>` and `--tls-private-key-file=<path/to/key>` to the kube-apiserver flags. On kubeadm clusters the files are `/etc/kubernetes/pki/apiserver.crt` and `apiserver.key`.',
    defaultSeverity: 'warning',
    category: 'kube-apiserver',
    sources: [
      { kind: 'CIS', id: '1.2.24', note: 'CIS Kubernetes Benchmark 1.12 (1.2.30 in older releases)' },
      { kind: 'KICS', id: 'fa750c81-93c2-4fab-9c6d-d3fd3ce3b89f', note: 'TLS Connection Certificate Not Setup (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_100' },
      { kind: 'kube-bench', id: '1.2.24', note: 'cfg/cis-1.12' },
    ],
    fixable: true,
    examples: {
      bad: 'command:\n  - kube-apiserver\n  - --secure-port=6443',
      good: 'command:\n  - kube-apiserver\n  - --secure-port=6443\n  - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n  - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    },
  },
  create(context) {
    return {
      component(component) {
        if (component.binary !== 'kube-apiserver' || !component.complete) return;
        const missing = [CERT, KEY].filter((flag) => !component.flags.isSet(flag));
        if (missing.length === 0) return;
        const values: Record<string, string> = { [CERT]: context.fixDefaults.tlsCertFile, [KEY]: context.fixDefaults.tlsPrivateKeyFile };
        // Flags that are present but empty are set in place; absent ones are appended.
        const edits = [];
        const toInsert: Array<{ name: string; value: string }> = [];
        for (const flag of missing) {
          const present = component.flags.last(flag);
          if (present) edits.push(component.editor.setValue(present, values[flag]));
          else toInsert.push({ name: flag, value: values[flag] });
        }
        if (toInsert.length) edits.push(component.editor.insert(toInsert));
        const complete = edits.every(Boolean);
        context.report({
          range: component.anchor,
          message: `kube-apiserver is missing ${missing.map((f) => `--${f}`).join(' and ')}: it will serve a self-signed certificate clients cannot verify.`,
          fixes: [
            {
              title: `Add ${missing.map((f) => `--${f}=${values[f]}`).join(' ')}`,
              edits: complete ? edits.flat().filter((e) => e !== undefined) : undefined,
              isPreferred: true,
              safe: true,
            },
          ],
        });
      },
    };
  },
};

export default rule;
