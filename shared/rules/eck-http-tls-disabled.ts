import { isMap, isScalar, Pair, YAMLMap } from 'yaml';
import { specLinkOf } from '../model/eck-config';
import { contentEnd, SourceEditor } from '../model/edit';
import type { TextEdit } from '../model/text';
import { getMap, getPair, getString } from '../model/resources';
import type { Rule } from './types';

/** ECK kinds whose `spec.http.tls` configures the HTTP endpoint's certificate. */
export const ECK_HTTP_KINDS = new Set(['Elasticsearch', 'Kibana', 'ApmServer', 'EnterpriseSearch', 'Agent', 'ElasticMapsServer', 'PackageRegistry']);

export function isEckGroup(group: string): boolean {
  return group.endsWith('.k8s.elastic.co');
}

/** YAML booleans Kubernetes' decoder reads as true (it follows YAML 1.1 for plain scalars). */
export function isYamlTrue(node: unknown): boolean {
  if (!isScalar(node)) return false;
  if (node.value === true) return true;
  return node.type === 'PLAIN' && typeof node.value === 'string' && /^(y|Y|yes|Yes|YES|on|On|ON)$/.test(node.value);
}

/**
 * ## What it does
 * Flags an ECK resource whose HTTP endpoint has its self-signed certificate disabled and no
 * certificate of the user's own, which means plain HTTP.
 */
const rule: Rule = {
  meta: {
    id: 'eck-http-tls-disabled',
    title: 'ECK HTTP TLS disabled (selfSignedCertificate.disabled: true)',
    description:
      'With `spec.http.tls.selfSignedCertificate.disabled: true` and no `spec.http.tls.certificate.secretName`, the ECK operator serves the resource\'s HTTP endpoint over plain HTTP: credentials and data cross the network unencrypted. (The transport-layer setting `spec.transport.tls.selfSignedCertificates.disabled` does not turn TLS off and is not flagged.)',
    remediation:
      'Remove `disabled: true` so ECK issues a self-signed certificate, or provide your own with `spec.http.tls.certificate.secretName`.',
    defaultSeverity: 'warning',
    category: 'eck',
    sources: [
      { kind: 'ECK', id: 'k8s-disable-tls', note: 'Elastic docs: Secure HTTP communications / Disable TLS', url: 'https://www.elastic.co/docs/deploy-manage/security/secure-http-communications' },
    ],
    fixable: true,
    fixSafety:
      'Safe: ECK then issues a self-signed certificate and configures its own clients for it.',
    examples: {
      bad: 'spec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true',
      good: 'spec:\n  http:\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - dns: es.example.com',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (!isEckGroup(resource.group) || !ECK_HTTP_KINDS.has(resource.kind)) return;
        const doc = resource.doc;
        const spec = getMap(resource.node, 'spec', doc);
        const http = getMap(spec, 'http', doc);
        const tls = getMap(http, 'tls', doc);
        const selfSigned = getMap(tls, 'selfSignedCertificate', doc);
        const disabled = getPair(selfSigned, 'disabled');
        if (!spec || !http || !tls || !selfSigned || !disabled || !isYamlTrue(disabled.value)) return;
        const secretName = getString(getMap(tls, 'certificate', doc), 'secretName', doc);
        if (secretName && secretName.trim() !== '') return;
        const key = disabled.key;
        const value = disabled.value as { range?: [number, number, number] };
        context.report({
          range: { start: key.range![0], end: value.range![1] },
          message: `${resource.kind} serves HTTP without TLS: selfSignedCertificate is disabled and no certificate secret is set.`,
          fixes: [{ title: 'Remove "disabled: true" (ECK issues a self-signed certificate)', edits: removeUpward([[spec, http], [http, tls], [tls, selfSigned], [selfSigned, disabled]], context.editor, specLinkOf(resource, spec)), isPreferred: true, safe: true }],
        });
      },
    };
  },
};

/**
 * Removes the innermost pair, and each parent pair that would be left empty by it
 * (`selfSignedCertificate`, `tls`, `http`), never the first map of the chain (`spec`) itself.
 * When that map would be left empty, `owner` (its own [map, pair], e.g. the root and `spec`)
 * lets the removal write `spec: {}` instead of leaving a null `spec:` behind; without it no
 * fix is offered for that case.
 */
export function removeUpward(chain: Array<[YAMLMap, YAMLMap | Pair]>, editor: SourceEditor, owner?: [YAMLMap, Pair]) {
  // chain[i] = [parent map, child]; the last entry's child is the `disabled` pair.
  let level = chain.length - 1;
  while (level > 0 && chain[level][0].items.length === 1) level--;
  const [parent, child] = chain[level];
  const pair = isMap(child) ? parent.items.find((p) => p.value === child) : child;
  if (!pair) return undefined;
  if (parent.items.length === 1 && !parent.flow) {
    const edit = owner ? emptyBlockMap(owner[1], parent, editor) : undefined;
    return edit ? [edit] : undefined;
  }
  const edit = editor.removePair(parent, pair);
  return edit ? [edit] : undefined;
}

/** Rewrites `key:` + a block map that is about to lose its last pair as `key: {}`. */
function emptyBlockMap(owner: Pair, map: YAMLMap, editor: SourceEditor): TextEdit | undefined {
  const key = owner.key;
  const end = contentEnd(map);
  if (!isScalar(key) || !key.range || owner.value !== map || !map.range || end === undefined) return undefined;
  // Only a colon and line breaks between the key and the map: nothing (a comment, an anchor, a tag) is lost.
  if (!/^[ \t]*:[ \t]*(\r?\n[ \t]*)+$/.test(editor.text.slice(key.range[1], map.range[0]))) return undefined;
  if (editor.text.slice(map.range[0], end).includes('#')) return undefined;
  return { start: key.range[1], end, newText: ': {}' };
}

export default rule;
