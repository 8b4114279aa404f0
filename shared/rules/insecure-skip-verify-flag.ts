import { yamlBoolean } from '../model/values';
import { pairAtPath, removeKeyEdits, reportTrueBooleanFlags } from './helpers';
import type { Rule } from './types';

/** Flags that turn certificate verification off in the programs that define them (`--kubelet-insecure-tls` has its own rule). */
const FLAGS = ['insecure-skip-tls-verify', 'insecure-skip-verify', 'tls-skip-verify', 'skip-tls-verify', 'tls-insecure-skip-verify'];
/** Traefik reads its static configuration flags without regard to case. */
const TRAEFIK_FLAG = 'serversTransport.insecureSkipVerify';
const TRAEFIK_GROUPS = new Set(['traefik.io', 'traefik.containo.us']);

/**
 * ## What it does
 * Flags a container flag that turns certificate verification off (`--insecure-skip-tls-verify`
 * and its cousins, Traefik's `--serversTransport.insecureSkipVerify`), and Traefik
 * `ServersTransport` / `ServersTransportTCP` resources with `insecureSkipVerify: true`.
 *
 * ## Why is this bad?
 * TLS without verification encrypts traffic to whoever answers: anyone who can intercept it
 * can impersonate the server and read or change everything, credentials included.
 */
const rule: Rule = {
  meta: {
    id: 'insecure-skip-verify-flag',
    title: 'Certificate verification turned off by a flag or a Traefik ServersTransport',
    description:
      'A client that skips certificate verification accepts any certificate, so TLS no longer proves whom it talks to: a man in the middle reads and changes the traffic and receives the client\'s credentials (a kubeconfig token, a service account token, basic auth). Reported on any container, also inside `sh -c` scripts (e.g. `kubectl --insecure-skip-tls-verify …`): `--insecure-skip-tls-verify`, `--insecure-skip-verify`, `--tls-skip-verify`, `--skip-tls-verify`, `--tls-insecure-skip-verify` and Traefik\'s `--serversTransport.insecureSkipVerify` (any case), bare or true as Go\'s flag parser reads it (`=true`, `=1`, `=True`; the next argument is never its value); `=false` is clean and the last occurrence wins per command. Also Traefik `ServersTransport` (traefik.io or traefik.containo.us) with `spec.insecureSkipVerify: true` and `ServersTransportTCP` with `spec.tls.insecureSkipVerify: true` (YAML 1.1 booleans: `true`, `yes`, `on`; a quoted "true" is a string). `--kubelet-insecure-tls` is the rule `kubelet-insecure-tls`.',
    remediation:
      'Give the client the CA that signs the server\'s certificate (`--certificate-authority`, `--ca-file`, Traefik `rootCAs` / `spec.rootCAsSecrets`) and remove the switch. The fix removes the flag or the key; it is unsafe (a quick fix only, never applied by fix-all or `--fix`): until the CA is configured the client stops connecting.',
    defaultSeverity: 'warning',
    category: 'add-ons',
    sources: [
      { kind: 'Kubernetes', id: 'kubectl --insecure-skip-tls-verify', note: '"the server\'s certificate will not be checked for validity. This will make your HTTPS connections insecure"', url: 'https://kubernetes.io/docs/reference/kubectl/kubectl/' },
      { kind: 'Traefik', id: 'ServersTransport.insecureSkipVerify', note: 'also --serversTransport.insecureSkipVerify; ServersTransportTCP tls.insecureSkipVerify', url: 'https://doc.traefik.io/traefik/routing/services/#insecureskipverify' },
    ],
    messages: {
      skipVerifyFlag: '{{flag}}: server certificates are not verified, so TLS does not prove whom the program talks to.',
      traefikSkipVerifyFlag: '{{flag}}: server certificates are not verified, so TLS does not prove whom Traefik talks to.',
      serversTransport: '{{kind}} {{setting}}: true: Traefik does not verify the backends\' certificates.',
    },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): until the client is given the server\'s CA it stops connecting.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: backup\n      image: bitnami/kubectl:1.31\n      command: [sh, -c, "kubectl --insecure-skip-tls-verify get secrets -A -o yaml > /backup/secrets.yaml"]',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: backup\n      image: bitnami/kubectl:1.31\n      command: [sh, -c, "kubectl --certificate-authority=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt get secrets -A -o yaml > /backup/secrets.yaml"]',
    },
    triggers: /skip-?(?:tls-)?verify|insecureSkipVerify/i,
  },
  create(context) {
    return {
      commandLine(line) {
        reportTrueBooleanFlags(context, line, FLAGS, 'skipVerifyFlag');
        reportTrueBooleanFlags(context, line, [TRAEFIK_FLAG], 'traefikSkipVerifyFlag', true);
      },
      resource(resource) {
        if (!TRAEFIK_GROUPS.has(resource.group)) return;
        const path = resource.kind === 'ServersTransport' ? ['spec', 'insecureSkipVerify'] : resource.kind === 'ServersTransportTCP' ? ['spec', 'tls', 'insecureSkipVerify'] : undefined;
        const found = path && pairAtPath(resource.node, path);
        const value = found?.pair.value;
        if (!found || yamlBoolean(value) !== true || !(value as { range?: unknown }).range) return;
        const [start, end] = (value as { range: [number, number] }).range;
        context.report({
          range: { start, end },
          messageId: 'serversTransport',
          data: { kind: resource.kind, setting: path.slice(1).join('.') },
          fixes: [{ title: `Remove ${path[path.length - 1]}`, edits: removeKeyEdits(found, context.editor), isPreferred: true, safe: false }],
        });
      },
    };
  },
};

export default rule;
