import type { IndexedResource } from '../crossfile/index';
import type { SecretUse } from '../crossfile/facts';
import type { Rule } from './types';

const USABLE_TYPES = new Set(['kubernetes.io/tls', 'Opaque']);

/** Whether a Secret holds what the reference needs: `tls.crt` and `tls.key`, or a CA ECK issues from. */
function holds(secret: NonNullable<IndexedResource['facts']['secret']>, use: SecretUse): boolean {
  if (secret.type !== undefined && !USABLE_TYPES.has(secret.type)) return false;
  const has = (...keys: string[]) => keys.every((k) => secret.keys.includes(k));
  if (use === 'eck-transport') return has('ca.crt', 'ca.key');
  return has('tls.crt', 'tls.key') || (use === 'eck-http' && has('ca.crt', 'ca.key'));
}

const NEEDS: Record<SecretUse, string> = {
  tls: 'tls.crt and tls.key',
  'eck-http': 'tls.crt and tls.key (or ca.crt and ca.key)',
  'eck-transport': 'ca.crt and ca.key',
};

/**
 * ## What it does
 * Flags a certificate reference (ECK, Ingress) to a Secret of the workspace that holds no
 * usable certificate.
 */
const rule: Rule = {
  meta: {
    id: 'tls-secret-invalid',
    title: 'Certificate secret reference to a Secret without a usable certificate',
    description:
      'ECK `spec.http.tls.certificate.secretName`, Logstash `services[].tls.certificate.secretName` and Ingress `spec.tls[].secretName` name a Secret that must hold `tls.crt` and `tls.key` (in `data` or `stringData`, with type `kubernetes.io/tls`, `Opaque` or none); for ECK `spec.http` a `ca.crt` and `ca.key` also do (ECK issues the certificate from that CA), and ECK `spec.transport.tls.certificate.secretName` must hold `ca.crt` and `ca.key`. When the named Secret is among the files read and does not, ECK refuses the resource or the ingress controller falls back to its default, self-signed certificate. A cert-manager `Certificate` writing that Secret makes a `tls.crt`/`tls.key` reference valid (not a transport one: cert-manager writes no `ca.key`). Nothing is reported when neither the Secret nor a Certificate is among the files: secrets often live outside git.',
    remediation:
      'Put the certificate and key under `tls.crt` and `tls.key` (e.g. `kubectl create secret tls`), or the CA under `ca.crt` and `ca.key` for ECK transport certificates, or let a cert-manager Certificate write the Secret.',
    defaultSeverity: 'warning',
    category: 'any-component',
    sources: [
      { kind: 'Kubernetes', id: 'tls-secrets', note: 'Kubernetes docs: Secrets, TLS secrets', url: 'https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets' },
      { kind: 'ECK', id: 'custom-http-certificate', note: 'Elastic docs: Secure HTTP communications, your own certificate', url: 'https://www.elastic.co/docs/deploy-manage/security/secure-http-communications' },
    ],
    messages: {
      secretLacksKeys: '{{field}} names Secret "{{name}}", which holds no {{needs}}.',
      issuedSecretLacksKeys: '{{field}} names the Secret cert-manager writes for "{{name}}", which holds no {{needs}}.',
    },
    fixable: false,
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ingress\nspec:\n  tls:\n  - secretName: web-cert\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-cert\ndata:\n  cert.pem: LS0t…',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ingress\nspec:\n  tls:\n  - secretName: web-cert\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-cert\ntype: kubernetes.io/tls\ndata:\n  tls.crt: LS0t…\n  tls.key: LS0t…',
    },
    // Judged across files only (see crossFile).
    triggers: /(?!)/,
  },
  create() {
    return {};
  },
  crossFile(index, report) {
    for (const referrer of index.all) {
      for (const ref of referrer.facts.secretRefs) {
        const namespace = referrer.facts.namespace;
        const secrets = index.find('Secret', ref.name, namespace, (g) => g === '');
        const issued = index.all.some((r) => r.facts.certificateSecretName === ref.name && r.facts.group === 'cert-manager.io' && (namespace === undefined || r.facts.namespace === undefined || r.facts.namespace === namespace));
        if (issued && ref.use !== 'eck-transport') continue;
        if (secrets.some((s) => s.facts.secret && holds(s.facts.secret, ref.use))) continue;
        const secret = secrets[0];
        if (!secret && !issued) continue;
        report({
          file: referrer.file,
          place: ref.place,
          messageId: secret ? 'secretLacksKeys' : 'issuedSecretLacksKeys',
          data: { field: ref.field, name: ref.name, needs: NEEDS[ref.use] },
          related: secret ? [{ file: secret.file, place: secret.facts.namePlace, message: `Secret "${ref.name}"` }] : [],
          silenced: ref.silenced,
        });
      }
    }
  },
};

export default rule;
