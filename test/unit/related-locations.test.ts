import assert from 'node:assert/strict';
import { toDiagnostic } from '../../server/analysis';
import { formatSarif, placeFinding } from '../../shared/report/formats';
import { lint } from '../../shared/engine';
import { configMapFile } from '../helpers/elastic-files';

/** A self-managed stack whose Elasticsearch never asks Kibana for its client certificate. */
const TEXT = [
  configMapFile('elasticsearch.yml', 'xpack.security.http.ssl.client_authentication: none\n', { name: 'es-config' }),
  configMapFile('kibana.yml', 'elasticsearch.ssl.certificate: /certs/kibana.crt\nelasticsearch.ssl.key: /certs/kibana.key\n', { name: 'kibana-config' }),
].join('---\n');
const RELATED_MESSAGE = 'elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.';

function finding() {
  const result = lint(TEXT);
  const found = result.findings.filter((f) => f.ruleId === 'elastic-mtls-inconsistent');
  assert.equal(found.length, 1);
  return { result, finding: found[0] };
}

describe('related locations', () => {
  it('the engine gives them in the outer text, also for a finding inside an embedded file', () => {
    const { finding: f } = finding();
    assert.equal(TEXT.slice(f.range.start, f.range.end), 'elasticsearch.ssl.certificate: /certs/kibana.crt');
    assert.deepEqual(f.related?.map((r) => [TEXT.slice(r.range.start, r.range.end), r.message]), [['xpack.security.http.ssl.client_authentication: none', RELATED_MESSAGE]]);
  });

  it('the language server sends them as relatedInformation in the same document', () => {
    const { result, finding: f } = finding();
    const diagnostic = toDiagnostic(f, result, 3, 'file:///w/stack.yaml');
    assert.deepEqual(diagnostic.relatedInformation, [
      { location: { uri: 'file:///w/stack.yaml', range: { start: { line: 6, character: 4 }, end: { line: 6, character: 55 } } }, message: RELATED_MESSAGE },
    ]);
  });

  it('JSON findings and SARIF results carry them, each naming its file (the same one here)', () => {
    const { result, finding: f } = finding();
    const placed = placeFinding('stack.yaml', f, result.lines);
    assert.deepEqual(placed.related, [{ file: 'stack.yaml', message: RELATED_MESSAGE, line: 7, column: 5, endLine: 7, endColumn: 56 }]);
    const sarif = JSON.parse(formatSarif([placed], '0.0.0', '/w'));
    assert.deepEqual(sarif.runs[0].results[0].relatedLocations, [
      { id: 1, message: { text: RELATED_MESSAGE }, physicalLocation: { artifactLocation: { uri: 'stack.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 5, endLine: 7, endColumn: 56 } } },
    ]);
  });

  it('findings without them have no such field', () => {
    const result = lint(configMapFile('elasticsearch.yml', 'xpack.security.enabled: false\ncluster.name: x\n'));
    assert.equal('related' in result.findings[0], false);
    assert.equal('related' in placeFinding('x.yaml', result.findings[0], result.lines), false);
    assert.equal(toDiagnostic(result.findings[0], result, 1, 'file:///x.yaml').relatedInformation, undefined);
  });
});
