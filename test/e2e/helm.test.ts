// A Helm chart's templates are not valid YAML until rendered: no syntax errors and no findings
// from template placeholders. Each check first proves the file is linted at all (a real finding
// typed in appears, then goes away), so "no diagnostics" is a published result, not a lag.
import * as assert from 'assert';
import {
  activate, expected, open, original, ours, setText, summary, waitForDiagnostics,
} from './helpers';

const CASES = [
  {
    file: 'charts/tls-demo/templates/apiserver.yaml',
    from: '--secure-port={{ .Values.apiserver.securePort }}',
    to: '--secure-port=0',
    rule: 'apiserver-secure-port-disabled',
    severity: 'error',
  },
  {
    file: 'charts/tls-demo/templates/elasticsearch.yaml',
    from: 'disabled: {{ .Values.elasticsearch.disableSelfSigned }}',
    to: 'disabled: true',
    rule: 'eck-http-tls-disabled',
    severity: 'warning',
  },
];

describe('Helm chart', () => {
  before(async () => {
    await activate();
  });

  for (const c of CASES) {
    it(`${c.file} has no diagnostics`, async () => {
      const text = original(c.file);
      const { doc } = await open(c.file);
      assert.strictEqual(doc.getText(), text);
      const literal = text.replace(c.from, c.to);
      await setText(doc, literal);
      await waitForDiagnostics(doc.uri, [expected(c.rule, c.severity, literal, c.to)], 'with a literal insecure value');
      await setText(doc, text);
      await waitForDiagnostics(doc.uri, [], 'of the chart template');
      assert.deepStrictEqual(summary(ours(doc.uri)), []);
    });
  }

});
