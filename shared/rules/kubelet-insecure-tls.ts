import { reportTrueBooleanFlags } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags `--kubelet-insecure-tls` (bare or true) on any container: metrics-server,
 * prometheus-adapter and other clients of the kubelet API.
 *
 * ## Why is this bad?
 * The client then accepts any certificate from the kubelets it scrapes: whoever sits between
 * them can read and forge node metrics, and the client's credentials go to whoever answers.
 */
const rule: Rule = {
  meta: {
    id: 'kubelet-insecure-tls',
    title: '--kubelet-insecure-tls: kubelet serving certificates not verified',
    description:
      '`--kubelet-insecure-tls` makes a kubelet client (metrics-server, prometheus-adapter, other aggregated API servers) skip verifying the certificates the kubelets serve. metrics-server documents it as "for testing purposes only", yet many install manifests keep it. The client then talks to any endpoint that answers on the kubelet port, with its own service account credentials. Reported on any container, bare or `=true` (`=1`, `=True`; a boolean flag never takes the next argument, so `--kubelet-insecure-tls false` is still true); `=false` is clean, a templated value is unknown. Read from `command`/`args` and `sh -c` scripts; the last occurrence wins.',
    remediation:
      'Remove the flag and let the kubelets serve verifiable certificates: enable `serverTLSBootstrap: true` in the kubelet configuration and approve the kubelet-serving CSRs, or give the client the CA that signs them (metrics-server: `--kubelet-certificate-authority`). The fix removes the flag; it is unsafe (offered as a quick fix, never applied by fix-all or `--fix`): with self-signed kubelet certificates the client stops working until they are verifiable.',
    defaultSeverity: 'warning',
    category: 'add-ons',
    sources: [
      { kind: 'metrics-server', id: '--kubelet-insecure-tls', note: '"Do not verify CA of serving certificates presented by Kubelets. For testing purposes only."', url: 'https://github.com/kubernetes-sigs/metrics-server#configuration' },
      { kind: 'Kubernetes', id: 'kubelet serving certificate', note: 'serverTLSBootstrap and kubelet-serving CSRs', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' },
    ],
    messages: { insecureTls: '{{flag}}: the kubelets\' serving certificates are not verified, so any endpoint answering on the kubelet port is trusted.' },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): with self-signed kubelet serving certificates the client stops working until they are verifiable.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: metrics-server\n      image: registry.k8s.io/metrics-server/metrics-server:v0.7.2\n      args:\n        - --secure-port=10250\n        - --kubelet-insecure-tls',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: metrics-server\n      image: registry.k8s.io/metrics-server/metrics-server:v0.7.2\n      args:\n        - --secure-port=10250',
    },
    triggers: /kubelet-insecure-tls/,
  },
  create(context) {
    return {
      commandLine(line) {
        reportTrueBooleanFlags(context, line, ['kubelet-insecure-tls'], 'insecureTls');
      },
    };
  },
};

export default rule;
