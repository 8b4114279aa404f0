import assert from 'node:assert/strict';
import { elasticStackOf, ElasticsearchFacts } from '../../../shared/model/elastic-stack';
import { parseYaml } from '../../../shared/model/parse';
import { configMapFile, secretFile } from '../../helpers/elastic-files';

const ECK_ES = `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata:
  name: es
  namespace: prod
spec:
  nodeSets:
  - name: hot
    config:
      xpack.security.http.ssl.client_authentication: required
      xpack.security.authc.realms.pki.pki1.truststore.path: certs/clients.p12
  - name: warm
    config:
      xpack.security.http.ssl:
        client_authentication: optional
`;

/** The facts with their ranges shown as the text they cover. */
function shown(text: string, facts: ElasticsearchFacts | undefined) {
  if (!facts) return undefined;
  const { at, notAskingAt, ...rest } = facts;
  return { ...rest, at: text.slice(at.start, at.end), notAskingAt: notAskingAt && text.slice(notAskingAt.start, notAskingAt.end) };
}

describe('the Elastic Stack of one text', () => {
  it('ECK Elasticsearch by name; a namespace not written matches any, a different one does not', () => {
    const stack = elasticStackOf(parseYaml(ECK_ES));
    const facts = { label: 'Elasticsearch es', at: 'es', asksForClientCertificates: true, notAskingAt: undefined, asksOnSomeNodes: false, hasPkiRealm: false };
    assert.deepEqual(shown(ECK_ES, stack.eckElasticsearch('es', 'prod')), facts);
    assert.deepEqual(shown(ECK_ES, stack.eckElasticsearch('es', undefined)), facts);
    assert.equal(stack.eckElasticsearch('es', 'dev'), undefined);
    assert.equal(stack.eckElasticsearch('other', 'prod'), undefined);
    assert.equal(stack.selfManagedElasticsearch('prod'), undefined);
  });

  it('a self-managed Elasticsearch is its elasticsearch.yml, found only when it is the one of its namespace', () => {
    const text = [
      secretFile('elasticsearch.yml', 'xpack.security.authc.realms.pki.p.certificate_authorities: [ca.crt]\n', { name: 'es-a', namespace: 'a' }),
      configMapFile('elasticsearch.yaml', 'cluster.name: b1\n', { name: 'es-b1', namespace: 'b' }),
      configMapFile('elasticsearch.yml', 'cluster.name: b2\n', { name: 'es-b2', namespace: 'b' }),
    ].join('---\n');
    const stack = elasticStackOf(parseYaml(text));
    assert.deepEqual(shown(text, stack.selfManagedElasticsearch('a')), {
      label: 'elasticsearch.yml of Secret es-a',
      at: 'elasticsearch.yml',
      asksForClientCertificates: false,
      notAskingAt: 'elasticsearch.yml',
      hasPkiRealm: true,
    });
    assert.equal(stack.selfManagedElasticsearch('b'), undefined);
    assert.equal(stack.selfManagedElasticsearch(undefined), undefined);
    assert.equal(stack.selfManagedElasticsearch('c'), undefined);
  });

  it('Kibana credentials from a Kibana container\'s environment, by namespace', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kb, namespace: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: ui\n        image: docker.elastic.co/kibana/kibana:8.15.3\n        envFrom:\n        - secretRef: {name: kb-env}\n      - name: proxy\n        image: nginx\n        env:\n        - {name: ELASTICSEARCH_PASSWORD, value: x}\n';
    const stack = elasticStackOf(parseYaml(text));
    assert.equal(stack.kibanaCredentialsFromEnvironment('web'), true);
    assert.equal(stack.kibanaCredentialsFromEnvironment('other'), false);
    const proxyOnly = elasticStackOf(parseYaml(text.replace('        envFrom:\n        - secretRef: {name: kb-env}\n', '')));
    assert.equal(proxyOnly.kibanaCredentialsFromEnvironment('web'), false);
  });
});
