import assert from 'node:assert/strict';
import { lint, LintOptions, ParseCache } from '../../shared/engine';
import { embeddedConfigTextsOf, parseConfigFile } from '../../shared/model/embedded-config';
import { parseYaml } from '../../shared/model/parse';
import { resourcesOf } from '../../shared/model/resources';
import { CommentPlaces } from '../../server/commentPlaces';
import { configMapFile, secretFile } from '../helpers/elastic-files';
import { withRules } from '../helpers/rule-tester';

/** Findings: the outer text each covers, its 1-based line and rule. */
function found(text: string, options?: LintOptions): Array<[string, number, string]> {
  const result = lint(text, options);
  return result.findings.map((f) => [text.slice(f.range.start, f.range.end), result.lines.positionAt(f.range.start).line + 1, f.ruleId]);
}

function filesOf(text: string) {
  const file = parseYaml(text);
  return file.documents.flatMap((d) => resourcesOf(d)).flatMap((r) => embeddedConfigTextsOf(r, file));
}

const ES_OFF = 'xpack.security.enabled: false\ncluster.name: logs\n';

describe('embedded Elastic configuration files', () => {
  it('are found by key name in ConfigMap data and Secret stringData, every product and spelling', () => {
    const text = [
      configMapFile('elasticsearch.yml', 'a: 1\n'),
      'kibana.yaml: |\n    b: 2\n  apm-server.yml: |\n    c: 3\n  auditbeat.yaml: |\n    d: 4\n  elastic-agent.yml: |\n    e: 5\n  notes.txt: |\n    f: 6\n',
    ].join('  ');
    assert.deepEqual(filesOf(text).map((f) => [f.key, f.product, f.text]), [
      ['elasticsearch.yml', 'elasticsearch', 'a: 1\n'],
      ['kibana.yaml', 'kibana', 'b: 2\n'],
      ['apm-server.yml', 'apm-server', 'c: 3\n'],
      ['auditbeat.yaml', 'beat', 'd: 4\n'],
      ['elastic-agent.yml', 'elastic-agent', 'e: 5\n'],
    ]);
    const secret = filesOf(secretFile('packetbeat.yml', 'x: 1\n', { name: 'pb', namespace: 'net' }));
    assert.deepEqual(secret.map((f) => [f.key, f.product, f.holder]), [['packetbeat.yml', 'beat', { kind: 'Secret', name: 'pb', namespace: 'net' }]]);
  });

  it('a file that is not one mapping is not given to rules', () => {
    for (const content of ['just text\n', '- a\n- b\n', 'a: [1\n', 'a: 1\n---\nb: 2\n']) {
      const [embedded] = filesOf(configMapFile('kibana.yml', content));
      assert.ok(embedded, content);
      assert.equal(parseConfigFile(embedded), undefined, content);
    }
  });

  it('a syntax error inside the file is not reported as the manifest\'s', () => {
    assert.deepEqual(found(configMapFile('elasticsearch.yml', 'xpack.security.enabled: false\nbroken: [\n')), []);
  });

  it('findings carry the block they are in', () => {
    const text = configMapFile('elasticsearch.yml', ES_OFF);
    const [finding] = lint(text).findings;
    assert.equal(finding.ruleId, 'eck-security-disabled');
    assert.deepEqual(finding.embeddedIn, { start: text.indexOf('|'), end: text.length });
  });

  it('prefiltered scans read them (no ECK API group in the text)', () => {
    assert.deepEqual(found(configMapFile('elasticsearch.yml', ES_OFF), { prefilter: true }), [['xpack.security.enabled: false', 7, 'eck-security-disabled']]);
  });

  it('suppressions: a comment in the file, the holder\'s annotation, the whole file', () => {
    const text = configMapFile('elasticsearch.yml', `# kube-tls-lint-disable-next-line eck-security-disabled\n${ES_OFF}`);
    assert.deepEqual(found(text), []);
    const annotated = configMapFile('elasticsearch.yml', ES_OFF).replace('  name: stack-config\n', '  name: stack-config\n  annotations:\n    kube-tls-lint.io/disable: eck-security-disabled\n');
    assert.deepEqual(found(annotated), []);
    assert.deepEqual(found(`# kube-tls-lint-disable eck-security-disabled\n${configMapFile('elasticsearch.yml', ES_OFF)}`), []);
  });

  it('"disable for this line": a comment line in the file can go above a finding, and is honoured', () => {
    const text = configMapFile('elasticsearch.yml', `cluster.name: logs\n${ES_OFF.split('\n')[0]}\n`);
    const result = lint(text, { cache: new ParseCache() });
    const [finding] = result.findings;
    const line = result.lines.positionAt(finding.range.start).line;
    assert.equal(new CommentPlaces(result).lineTakesComment(line, finding.embeddedIn), true);
    assert.equal(new CommentPlaces(result).lineTakesComment(line, undefined), false, 'only for findings of the file');
    const disabled = configMapFile('elasticsearch.yml', 'cluster.name: logs\n# kube-tls-lint-disable-next-line eck-security-disabled\nxpack.security.enabled: false\n');
    assert.deepEqual(found(disabled), []);
  });

  it('rule severities configured by the user apply', () => {
    const result = lint(configMapFile('elasticsearch.yml', ES_OFF), withRules({ 'eck-security-disabled': 'info' }));
    assert.deepEqual(result.findings.map((f) => f.severity), ['info']);
  });
});
