import { isScalar, isSeq } from 'yaml';
import type { Component } from '../model/component';
import type { FlagOccurrence } from '../model/flags';
import { getPair } from '../model/resources';
import { isKubeletConfig, knownValue, listItems, rewriteStringSeq, templated, valueRange } from './helpers';
import type { Rule } from './types';

/** CIS Kubernetes Benchmark 1.12, 1.2.29: the cipher suites it accepts (TLS 1.3 and ECDHE with AEAD). */
export const CIS_STRONG_CIPHER_SUITES: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];
const STRONG = new Set(CIS_STRONG_CIPHER_SUITES);
/** TLS 1.3 suites cannot be configured in Go; a list of only these leaves TLS 1.2 with none. */
const isTls13 = (name: string) => /^TLS_(AES|CHACHA20)_/.test(name);
/** etcd 3.4 does not know the TLS 1.3 names, so its fix lists only the TLS 1.2 ones. */
const ETCD_STRONG = CIS_STRONG_CIPHER_SUITES.filter((n) => !isTls13(n));

/**
 * ## What it does
 * Flags `--tls-cipher-suites` (etcd: `--cipher-suites`) values that allow a cipher suite
 * outside the CIS list of strong ones, on any control-plane component or kubelet, and a
 * KubeletConfiguration's `tlsCipherSuites`.
 *
 * ## Why is this bad?
 * RSA key exchange has no forward secrecy, CBC suites have a history of padding-oracle
 * attacks, and 3DES/RC4 are broken.
 */
const rule: Rule = {
  meta: {
    id: 'tls-weak-cipher-suites',
    title: 'TLS cipher suites outside the CIS strong list',
    description:
      'A `--tls-cipher-suites` list (etcd: `--cipher-suites`) with suites that are not in the CIS Benchmark\'s strong list lets clients negotiate them: RSA key exchange (no forward secrecy), CBC modes (padding-oracle attacks such as Lucky13), 3DES (Sweet32) or RC4. Checked on kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and etcd flags, and on `tlsCipherSuites` in a KubeletConfiguration. The Kubernetes components add up repeated `--tls-cipher-suites` flags, so every occurrence is checked.',
    remediation: `Use only strong suites, for example \`--tls-cipher-suites=${CIS_STRONG_CIPHER_SUITES.join(',')}\`, or remove the flag to use Go's defaults. Check first that every client (old load balancers, monitoring agents) supports ECDHE with AES-GCM or ChaCha20.`,
    defaultSeverity: 'warning',
    category: 'any-component',
    sources: [
      { kind: 'CIS', id: '1.2.29', version: '1.12', note: 'kube-apiserver; 4.2.12 for the kubelet' },
      { kind: 'KICS', id: '510d5810-9a30-443a-817d-5c1fa527b110', note: 'Weak TLS Cipher Suites (Medium)' },
      { kind: 'Checkov', id: 'CKV_K8S_105', note: 'kube-apiserver; CKV_K8S_151 for the kubelet' },
      { kind: 'kube-bench', id: '1.2.29', version: '1.12' },
    ],
    messages: {
      weakSuite: '{{setting}} allows cipher suite outside the CIS strong list: {{suites}}.',
      weakSuites: '{{setting}} allows cipher suites outside the CIS strong list: {{suites}}.',
    },
    fixable: true,
    fixSafety:
      'Unsafe (a quick fix only; `--unsafe-fixes` applies it): clients that only speak the removed suites can no longer connect.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n      - kube-apiserver\n      - --tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    },
  },
  create(context) {
    return {
      component(component) {
        const flag = component.binary === 'etcd' ? 'cipher-suites' : 'tls-cipher-suites';
        for (const occurrence of checkedOccurrences(component, flag)) {
          const value = knownValue(occurrence);
          if (value === undefined) continue;
          const suites = listItems(value).map((i) => i.text);
          const weak = suites.filter((s) => !STRONG.has(s));
          if (weak.length === 0) continue;
          const kept = suites.filter((s) => STRONG.has(s));
          const strongList = component.binary === 'etcd' ? ETCD_STRONG : CIS_STRONG_CIPHER_SUITES;
          context.report({
            range: valueRange(occurrence, context.text),
            messageId: weak.length > 1 ? 'weakSuites' : 'weakSuite',
            data: { setting: `--${flag}`, suites: weak.join(', ') },
            fixes: [
              // Not safe: clients that only speak the removed suites can no longer connect.
              { title: 'Replace with the CIS strong cipher suites', edits: component.editor.setValue(occurrence, strongList.join(',')), isPreferred: true, safe: false },
              {
                title: 'Keep only the strong cipher suites listed',
                edits: kept.some((s) => !isTls13(s)) ? component.editor.setValue(occurrence, kept.join(',')) : undefined,
                safe: false,
              },
            ],
          });
        }
      },
      resource(resource) {
        if (!isKubeletConfig(resource)) return;
        const seq = getPair(resource.node, 'tlsCipherSuites')?.value;
        if (!isSeq(seq) || !seq.range || seq.items.length === 0) return;
        const items = seq.items;
        if (!items.every((i) => isScalar(i) && typeof i.value === 'string' && i.range)) return;
        const first = items[0] as { range: [number, number, number] };
        const last = items[items.length - 1] as { range: [number, number, number] };
        const range = seq.flow ? { start: seq.range[0], end: seq.range[1] } : { start: first.range[0], end: last.range[1] };
        if (templated(context.text, range)) return;
        const suites = items.map((i) => String((i as { value: string }).value).trim());
        const weak = suites.filter((s) => !STRONG.has(s));
        if (weak.length === 0) return;
        const kept = suites.filter((s) => STRONG.has(s));
        context.report({
          range,
          messageId: weak.length > 1 ? 'weakSuites' : 'weakSuite',
          data: { setting: 'tlsCipherSuites', suites: weak.join(', ') },
          fixes: [
            { title: 'Replace with the CIS strong cipher suites', edits: rewriteStringSeq(seq, CIS_STRONG_CIPHER_SUITES, context.editor), isPreferred: true, safe: false },
            { title: 'Keep only the strong cipher suites listed', edits: kept.some((s) => !isTls13(s)) ? rewriteStringSeq(seq, kept, context.editor) : undefined, safe: false },
          ],
        });
      },
    };
  },
};

/**
 * Kubernetes components parse the flag as a string slice, which appends on repetition, so
 * every occurrence takes effect; etcd's parser replaces, so only its last one counts.
 */
function checkedOccurrences(component: Component, flag: string): readonly FlagOccurrence[] {
  if (component.binary === 'etcd') {
    const last = component.flags.last(flag);
    return last ? [last] : [];
  }
  return component.flags.all(flag);
}

export default rule;
