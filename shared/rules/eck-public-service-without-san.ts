import { isScalar, isSeq } from 'yaml';
import { eckHttpSection } from '../model/eck-config';
import { getMap, getNode, getPair, getString, nodeRange } from '../model/resources';
import { isYamlTrue } from '../model/values';
import { sectionEnd, templated } from './helpers';
import type { Rule } from './types';

/** Service types that make the endpoint reachable from outside the cluster network. */
const EXTERNAL_TYPES = new Set(['LoadBalancer', 'NodePort']);

/**
 * ## What it does
 * Flags an ECK resource exposed through a `LoadBalancer` or `NodePort` Service with the
 * operator's self-signed certificate and no `subjectAltNames`.
 *
 * ## Why is this bad?
 * The certificate names only the in-cluster Service: clients outside cannot verify it for the
 * external address, and often end up turning verification off.
 */
const rule: Rule = {
  meta: {
    id: 'eck-public-service-without-san',
    title: 'ECK resource exposed through a LoadBalancer or NodePort without subject alternative names',
    description:
      'ECK issues a self-signed certificate for the HTTP endpoint that names only the in-cluster Service (`<name>-<kind>-http.<namespace>.svc`…). When `spec.http.service.spec.type` is `LoadBalancer` or `NodePort`, clients reach the resource by an external IP address or DNS name the certificate does not list: they cannot verify it, and the usual way out is turning verification off. The Elastic guide to securing HTTP communications recommends listing those names in `spec.http.tls.selfSignedCertificate.subjectAltNames`. Not reported with subject alternative names, with a certificate of the user\'s own (`spec.http.tls.certificate.secretName`), or with TLS off (`selfSignedCertificate.disabled`, which `eck-http-tls-disabled` reports); nor when template actions write the `http` section.',
    remediation:
      'List the external names under `spec.http.tls.selfSignedCertificate.subjectAltNames` (`- dns: es.example.com`, `- ip: 203.0.113.10`), or provide a certificate issued for them with `spec.http.tls.certificate.secretName`.',
    defaultSeverity: 'info',
    severityNote: 'Only clients outside the cluster are affected, and whether they verify the certificate is up to them.',
    category: 'eck',
    sources: [
      { kind: 'ECK', id: 'secure-http-communications', note: 'Elastic docs: Secure HTTP communications / Reserve static IP and custom domain (subjectAltNames)', url: 'https://www.elastic.co/docs/deploy-manage/security/secure-http-communications' },
    ],
    messages: { exposedWithoutSan: '{{resource}} is exposed through a {{type}} Service with the operator\'s self-signed certificate and no subjectAltNames: clients that reach it by its external IP address or DNS name cannot verify the certificate.' },
    fixable: false,
    examples: {
      bad: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  http:\n    service:\n      spec:\n        type: LoadBalancer',
      good: 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  http:\n    service:\n      spec:\n        type: LoadBalancer\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - dns: es.example.com',
    },
  },
  create(context) {
    return {
      resource(resource) {
        const section = eckHttpSection(resource);
        if (!section) return;
        const { doc, spec, http } = section;
        const type = getNode(getMap(getMap(http, 'service', doc), 'spec', doc), 'type', doc);
        if (!isScalar(type) || typeof type.value !== 'string' || !EXTERNAL_TYPES.has(type.value) || !type.range) return;
        // Template actions in the section (up to what follows it) may write the certificate or the names.
        const start = nodeRange(http)?.start;
        if (start === undefined || templated(context.text, { start, end: sectionEnd(context.text, start, [spec, resource.node]) })) return;
        const tls = getMap(http, 'tls', doc);
        const secretName = getString(getMap(tls, 'certificate', doc), 'secretName', doc);
        if (secretName && secretName.trim() !== '') return;
        const selfSigned = getMap(tls, 'selfSignedCertificate', doc);
        if (isYamlTrue(getPair(selfSigned, 'disabled')?.value)) return;
        const names = getNode(selfSigned, 'subjectAltNames', doc);
        if (isSeq(names) && names.items.length > 0) return;
        context.report({
          range: { start: type.range[0], end: type.range[1] },
          messageId: 'exposedWithoutSan',
          data: { resource: resource.name ? `${resource.kind} ${resource.name}` : resource.kind, type: String(type.value) },
        });
      },
    };
  },
};

export default rule;
