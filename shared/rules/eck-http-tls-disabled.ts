import { eckHttpSection, specLinkOf } from '../model/eck-config';
import { getMap, getPair, getString } from '../model/resources';
import { isYamlTrue } from '../model/values';
import { removeUpward } from './helpers';
import type { Rule } from './types';

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
    messages: { httpTlsOff: '{{kind}} serves HTTP without TLS: selfSignedCertificate is disabled and no certificate secret is set.' },
    fixable: true,
    fixSafety:
      'Safe: ECK then issues a self-signed certificate and configures its own clients for it.',
    examples: {
      bad: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true',
      good: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - dns: es.example.com',
    },
  },
  create(context) {
    return {
      resource(resource) {
        const section = eckHttpSection(resource);
        if (!section) return;
        const { doc, spec, http } = section;
        const tls = getMap(http, 'tls', doc);
        const selfSigned = getMap(tls, 'selfSignedCertificate', doc);
        const disabled = getPair(selfSigned, 'disabled');
        if (!tls || !selfSigned || !disabled || !isYamlTrue(disabled.value)) return;
        const secretName = getString(getMap(tls, 'certificate', doc), 'secretName', doc);
        if (secretName && secretName.trim() !== '') return;
        const key = disabled.key;
        const value = disabled.value as { range?: [number, number, number] };
        context.report({
          range: { start: key.range![0], end: value.range![1] },
          messageId: 'httpTlsOff',
          data: { kind: resource.kind },
          fixes: [{ title: 'Remove "disabled: true" (ECK issues a self-signed certificate)', edits: removeUpward([[spec, http], [http, tls], [tls, selfSigned], [selfSigned, disabled]], context.editor, specLinkOf(resource, spec)), isPreferred: true, safe: true }],
        });
      },
    };
  },
};

export default rule;
