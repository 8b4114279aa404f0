import { isMap } from 'yaml';
import { isEckGroup } from '../model/eck-config';
import { deref, getMap, getPair, getSeq, getString } from '../model/resources';
import { isYamlTrue } from '../model/values';
import { removeUpward } from './helpers';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags an ECK Logstash whose `api` service (`spec.services[]` entry named `api`) has
 * `tls.selfSignedCertificate.disabled: true` and no `tls.certificate.secretName`.
 *
 * ## Why is this bad?
 * The Logstash API (pipelines, node stats, hot threads) is then served over plain HTTP.
 */
const rule: Rule = {
  meta: {
    id: 'eck-logstash-api-tls-disabled',
    title: 'ECK Logstash API served without TLS',
    description:
      'ECK secures the Logstash monitoring API with a self-signed certificate unless the `api` entry of `spec.services` sets `tls.selfSignedCertificate.disabled: true`. Without a certificate of the user\'s own (`tls.certificate.secretName`) the API is then plain HTTP. Other `spec.services` entries (Beats or HTTP inputs) configure TLS in the pipeline, not here, and are not reported.',
    remediation: 'Remove `disabled: true` so ECK issues a self-signed certificate, or provide one with `tls.certificate.secretName`.',
    defaultSeverity: 'warning',
    category: 'eck',
    sources: [
      { kind: 'ECK', id: 'k8s-logstash-securing-api', note: 'Elastic docs: Securing Logstash API', url: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-logstash-securing-api.html' },
    ],
    messages: { apiTlsOff: 'Logstash serves its API without TLS: the api service disables the self-signed certificate and sets no certificate secret.' },
    fixable: true,
    fixSafety:
      'Safe: ECK then secures the Logstash API with its own certificate.',
    examples: {
      bad: 'apiVersion: logstash.k8s.elastic.co/v1alpha1\nkind: Logstash\nmetadata:\n  name: logstash\nspec:\n  services:\n  - name: api\n    tls:\n      selfSignedCertificate:\n        disabled: true',
      good: 'apiVersion: logstash.k8s.elastic.co/v1alpha1\nkind: Logstash\nmetadata:\n  name: logstash\nspec:\n  services:\n  - name: api\n    tls:\n      certificate:\n        secretName: logstash-api-cert',
    },
  },
  create(context) {
    return {
      resource(resource) {
        if (!isEckGroup(resource.group) || resource.kind !== 'Logstash') return;
        const doc = resource.doc;
        const spec = getMap(resource.node, 'spec', doc);
        for (const raw of getSeq(spec, 'services', doc)?.items ?? []) {
          const service = deref(raw, doc);
          if (!isMap(service) || getString(service, 'name', doc) !== 'api') continue;
          const tls = getMap(service, 'tls', doc);
          const selfSigned = getMap(tls, 'selfSignedCertificate', doc);
          const disabled = getPair(selfSigned, 'disabled');
          if (!tls || !selfSigned || !disabled || !isYamlTrue(disabled.value)) continue;
          const secretName = getString(getMap(tls, 'certificate', doc), 'secretName', doc);
          if (secretName && secretName.trim() !== '') continue;
          const value = disabled.value as { range?: [number, number, number] };
          context.report({
            range: { start: disabled.key.range![0], end: value.range![1] },
            messageId: 'apiTlsOff',
            fixes: [{
              title: 'Remove "disabled: true" (ECK issues a self-signed certificate)',
              edits: raw === service ? removeUpward([[service, tls], [tls, selfSigned], [selfSigned, disabled]], context.editor) : undefined,
              isPreferred: true,
              safe: true,
            }],
          });
        }
      },
    };
  },
};

export default rule;
