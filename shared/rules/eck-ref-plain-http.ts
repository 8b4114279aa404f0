import { refTargetKind } from '../crossfile/facts';
import { isEckGroup } from '../model/eck-config';
import type { Rule } from './types';

/**
 * ## What it does
 * Flags an ECK association (`elasticsearchRef`, `kibanaRef`…) naming a resource of the
 * workspace whose HTTP endpoint has TLS turned off.
 */
const rule: Rule = {
  meta: {
    id: 'eck-ref-plain-http',
    title: 'ECK association to a resource whose HTTP TLS is off',
    description:
      'An ECK resource\'s `elasticsearchRef`, `kibanaRef`, `enterpriseSearchRef`, `fleetServerRef` (an Agent) or Logstash/Agent `elasticsearchRefs[]` names a resource, found in another file or the same one, whose HTTP TLS is disabled (as `eck-http-tls-disabled` defines it). The association then runs over plain HTTP: the credentials ECK provisions for it and all the data cross the network unencrypted, although only the target\'s own setting shows it. References with a `secretName` (external clusters) and to resources not among the files read are not judged.',
    remediation:
      'Turn HTTP TLS back on in the referenced resource (remove `selfSignedCertificate.disabled: true`, or give it `spec.http.tls.certificate.secretName`); ECK then sets up the association over HTTPS with the right CA.',
    defaultSeverity: 'warning',
    category: 'eck',
    sources: [
      { kind: 'ECK', id: 'associations', note: 'Elastic docs: connecting Kibana, APM Server, Agent… to Elasticsearch with elasticsearchRef', url: 'https://www.elastic.co/docs/deploy-manage/deploy/cloud-on-k8s/connect-to-elasticsearch' },
    ],
    messages: { plainRef: '{{referrer}} connects to {{kind}} "{{name}}" over plain HTTP: its HTTP TLS is disabled.' },
    fixable: false,
    examples: {
      bad: '# es.yaml\napiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n---\n# kibana.yaml\napiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  elasticsearchRef:\n    name: quickstart',
      good: '# es.yaml\napiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  version: 8.15.0\n---\n# kibana.yaml\napiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  elasticsearchRef:\n    name: quickstart',
    },
    // Judged across files only (see crossFile).
    triggers: /(?!)/,
  },
  create() {
    return {};
  },
  crossFile(index, report) {
    for (const referrer of index.all) {
      if (!isEckGroup(referrer.facts.group)) continue;
      for (const ref of referrer.facts.refs) {
        const kind = refTargetKind(ref.field);
        if (!kind) continue;
        const targets = index.find(kind, ref.name, ref.namespace ?? referrer.facts.namespace, isEckGroup);
        const plain = targets.find((t) => t.facts.httpTlsOff);
        if (!plain) continue;
        report({
          file: referrer.file,
          place: ref.place,
          messageId: 'plainRef',
          data: { referrer: referrer.facts.kind, kind, name: ref.name },
          related: [{ file: plain.file, place: plain.facts.httpTlsOff!, message: `HTTP TLS disabled on ${kind} "${ref.name}"` }],
          silenced: ref.silenced,
        });
      }
    }
  },
};

export default rule;
