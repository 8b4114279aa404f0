// ECK: the HTTP endpoint with its self-signed certificate disabled is flagged and fixed; the
// transport's `selfSignedCertificates.disabled` and a Kibana with its own certificate are not.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activate, apply, byTitle, codeActions, docsPage, expected, open, original, setText, targetOf,
  waitForDiagnostics,
} from './helpers';

const ECK = 'eck/elasticsearch.yaml';
const RULE = 'eck-http-tls-disabled';
const text = original(ECK);
const HTTP_BLOCK = '  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n  transport:';
const flagged = expected(RULE, 'warning', text, HTTP_BLOCK, 'disabled: true');

describe('ECK', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    await activate();
  });

  beforeEach(async () => {
    ({ doc } = await open(ECK));
    await setText(doc, text);
  });

  it('flags http selfSignedCertificate.disabled only, not transport or a Kibana with its own certificate @smoke', async () => {
    const [diagnostic] = await waitForDiagnostics(doc.uri, [flagged]);
    assert.strictEqual(doc.getText(diagnostic.range), 'disabled: true');
    assert.strictEqual(diagnostic.range.start.line, 13, 'the http setting, not the transport one (line 17) or Kibana\'s');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(diagnostic.message,
      'Elasticsearch serves HTTP without TLS: selfSignedCertificate is disabled and no certificate secret is set.');
    assert.strictEqual(targetOf(diagnostic), docsPage(RULE));
  });

  it('quick fix removes the setting and the maps it leaves empty, keeping transport @smoke', async () => {
    const [diagnostic] = await waitForDiagnostics(doc.uri, [flagged]);
    const actions = await codeActions(doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = byTitle(actions, 'Remove "disabled: true" (ECK issues a self-signed certificate)');
    assert.strictEqual(fix.isPreferred, true);
    await apply(fix);
    assert.strictEqual(doc.getText(), text.replace(HTTP_BLOCK, '  transport:'));
    assert.ok(doc.getText().includes('      selfSignedCertificates:\n        disabled: true\n'), 'transport setting kept');
    await waitForDiagnostics(doc.uri, [], 'after the fix');
  });
});
