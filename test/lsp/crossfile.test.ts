// Rules across files in the language server: two open documents, and the workspace scan.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver/node';
import { SHOW_RULE_DOCS_COMMAND, TURN_OFF_IN_SETTINGS_COMMAND } from '../../shared/editorCommands';
import { copyFixture, fileUri, fmt, LspClient, onlyRules } from './client';

const ES_URI = 'file:///tmp/kube-tls-lint-lsp-xf/es.yaml';
const KB_URI = 'file:///tmp/kube-tls-lint-lsp-xf/kibana.yaml';
const ES_TLS_ON = 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: quickstart\nspec:\n  version: 8.15.1\n';
const ES_TLS_OFF = `${ES_TLS_ON}  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n`;
const KIBANA = 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  elasticsearchRef:\n    name: quickstart\n';
const SETTINGS = { rules: onlyRules(['eck-ref-plain-http', 'tls-secret-invalid']) };

const crossOf = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'eck-ref-plain-http');

describe('language server: references across files', function () {
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  it('editing the Elasticsearch makes the Kibana\'s diagnostic appear and go', async () => {
    ({ client } = await LspClient.start({ settings: SETTINGS }));
    await client.open(ES_URI, ES_TLS_ON);
    await client.open(KB_URI, KIBANA);
    await client.nextDiagnostics(KB_URI, 0);
    assert.deepStrictEqual(client.current().get(KB_URI) ?? [], []);

    let mark = client.mark();
    await client.change(ES_URI, 2, ES_TLS_OFF);
    const shown = await client.nextDiagnostics(KB_URI, mark, (p) => crossOf(p).length > 0, 'with the reference flagged');
    const [d] = crossOf(shown);
    assert.deepStrictEqual([fmt(d.range), d.severity, d.message], ['6:10-6:20', 2, 'Kibana connects to Elasticsearch "quickstart" over plain HTTP: its HTTP TLS is disabled.']);
    assert.deepStrictEqual(d.relatedInformation?.map((r) => [r.location.uri, fmt(r.location.range), r.message]), [[ES_URI, '9:8-9:22', 'HTTP TLS disabled on Elasticsearch "quickstart"']]);

    mark = client.mark();
    await client.change(ES_URI, 3, ES_TLS_ON);
    await client.nextDiagnostics(KB_URI, mark, (p) => crossOf(p).length === 0, 'without it');
    assert.deepStrictEqual(client.current().get(KB_URI) ?? [], []);

    // Closed (outside every workspace folder), the Elasticsearch no longer counts.
    mark = client.mark();
    await client.change(ES_URI, 4, ES_TLS_OFF);
    await client.nextDiagnostics(KB_URI, mark, (p) => crossOf(p).length > 0, 'flagged again');
    mark = client.mark();
    await client.close(ES_URI);
    await client.nextDiagnostics(KB_URI, mark, (p) => crossOf(p).length === 0, 'without it once the target is closed');
  });

  it('hover on a reference shows what it resolves to; go to definition lands on its metadata.name', async () => {
    ({ client } = await LspClient.start({ settings: SETTINGS }));
    await client.open(ES_URI, ES_TLS_OFF);
    await client.open(KB_URI, KIBANA);
    await client.nextDiagnostics(KB_URI, 0, (p) => crossOf(p).length > 0, 'with the reference flagged');
    const position = { line: 6, character: 14 };
    const hover = await client.connection.sendRequest<{ contents: { value: string }; range: Range } | null>('textDocument/hover', { textDocument: { uri: KB_URI }, position });
    assert.deepStrictEqual([hover?.contents.value, hover && fmt(hover.range)], ['Elasticsearch quickstart — kube-tls-lint-lsp-xf/es.yaml:4 — HTTP TLS off', '6:10-6:20']);
    const definition = await client.connection.sendRequest<{ uri: string; range: Range } | null>('textDocument/definition', { textDocument: { uri: KB_URI }, position });
    assert.deepStrictEqual([definition?.uri, definition && fmt(definition.range)], [ES_URI, '3:8-3:18']);
    const elsewhere = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: KB_URI }, position: { line: 1, character: 2 } });
    assert.strictEqual(elsewhere, null);
  });

  it('the workspace scan resolves references between files on disk, and a changed file re-judges them', async () => {
    const copy = copyFixture('realistic');
    try {
      const stack = path.join(copy.dir, 'eck-observability');
      ({ client } = await LspClient.start({ settings: SETTINGS, folders: [stack] }));
      const kibana = fileUri(path.join(stack, 'kibana.yaml'));
      const ingress = fileUri(path.join(stack, 'ingress.yaml'));
      const shown = await client.nextDiagnostics(kibana, 0, (p) => p.diagnostics.length === 2, 'with two findings');
      assert.deepStrictEqual(shown.diagnostics.map((d) => [d.code, fmt(d.range)]), [['eck-ref-plain-http', '9:10-9:23'], ['tls-secret-invalid', '13:20-13:36']]);
      await client.nextDiagnostics(ingress, 0, (p) => p.diagnostics.some((d) => d.code === 'tls-secret-invalid'), 'with the secret flagged');

      // The Elasticsearch, opened and fixed in the editor: the Kibana (not open) is judged again.
      const esFile = path.join(stack, 'elasticsearch.yaml');
      const esText = readFileSync(esFile, 'utf8');
      const mark = client.mark();
      await client.open(fileUri(esFile), esText.replace('        disabled: true\n', '        disabled: false\n'));
      const after = await client.nextDiagnostics(kibana, mark, (p) => p.diagnostics.length === 1, 'with one finding left');
      assert.deepStrictEqual(after.diagnostics.map((d) => d.code), ['tls-secret-invalid']);

      // The Secret deleted on disk: the Kibana and the Ingress (neither open) lose their findings about it.
      const deleted = client.mark();
      unlinkSync(path.join(stack, 'certificates.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(stack, 'certificates.yaml')), type: 3 }] });
      await client.nextDiagnostics(kibana, deleted, (p) => p.diagnostics.length === 0, 'with nothing left');
      await client.nextDiagnostics(ingress, deleted, (p) => !p.diagnostics.some((d) => d.code === 'tls-secret-invalid'), 'without the secret finding');
    } finally {
      copy.remove();
    }
  });
  it('elastic-mtls-inconsistent: the Kibana\'s file is judged again when its Elasticsearch\'s file changes, is deleted or created', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-lsp-mtls-'));
    const esConfig = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: es-config\ndata:\n  elasticsearch.yml: |\n${body}`;
    const notAsking = esConfig('    xpack.security.http.ssl.enabled: true\n');
    const complete = esConfig('    xpack.security.http.ssl.client_authentication: required\n    xpack.security.authc.realms.pki.pki1.certificate_authorities: [/certs/ca.crt]\n');
    const kibanaText = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kb-config\ndata:\n  kibana.yml: |\n    elasticsearch.ssl.certificate: /certs/kb.crt\n    elasticsearch.ssl.key: /certs/kb.key\n';
    const esFile = path.join(dir, 'es.yaml');
    writeFileSync(esFile, notAsking);
    writeFileSync(path.join(dir, 'kibana.yaml'), kibanaText);
    const esUri = fileUri(esFile);
    const kibana = fileUri(path.join(dir, 'kibana.yaml'));
    const mtlsOf = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'elastic-mtls-inconsistent');
    try {
      ({ client } = await LspClient.start({ settings: { rules: onlyRules(['elastic-mtls-inconsistent']) }, folders: [dir] }));
      const shown = await client.nextDiagnostics(kibana, 0, (p) => mtlsOf(p).length > 0, 'with the client certificate flagged');
      const [d] = mtlsOf(shown);
      assert.deepStrictEqual([fmt(d.range), d.severity, d.message], [
        '6:4-6:48',
        2,
        'kibana.yml elasticsearch.ssl.certificate: elasticsearch.yml of ConfigMap es-config does not ask for client certificates (xpack.security.http.ssl.client_authentication is not optional or required), so the certificate is never presented.',
      ]);
      assert.deepStrictEqual(d.relatedInformation?.map((r) => [r.location.uri, fmt(r.location.range), r.message]), [[esUri, '5:2-5:19', 'elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.']]);

      // Opened, the Kibana's finding inside its kibana.yml block takes a comment there, as the file's own would.
      await client.open(kibana, kibanaText);
      await client.nextDiagnostics(kibana, 0, (p) => p.version === 1, 'of the opened document');
      const actions = (await client.codeActions(kibana, d.range, [d])) ?? [];
      assert.deepStrictEqual(actions.map((a) => a.title).slice(0, 2), ['Disable elastic-mtls-inconsistent for this line', 'Disable elastic-mtls-inconsistent for this file']);
      const lineEdits = actions[0].edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
      assert.deepStrictEqual(lineEdits.map((e) => [fmt(e.range), 'newText' in e ? e.newText : undefined]), [['6:0-6:0', '    # kube-tls-lint-disable-next-line elastic-mtls-inconsistent\n']]);
      await client.close(kibana);

      // The Elasticsearch opened and completed in the editor: the Kibana (not open) loses its finding.
      let mark = client.mark();
      await client.open(esUri, complete);
      await client.nextDiagnostics(kibana, mark, (p) => mtlsOf(p).length === 0, 'without the finding');

      // Back to not asking, saved and closed, then deleted on disk: the finding comes and goes.
      mark = client.mark();
      await client.change(esUri, 2, notAsking);
      await client.nextDiagnostics(kibana, mark, (p) => mtlsOf(p).length === 1, 'flagged again');
      await client.close(esUri);
      mark = client.mark();
      unlinkSync(esFile);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: esUri, type: 3 }] });
      await client.nextDiagnostics(kibana, mark, (p) => mtlsOf(p).length === 0, 'without the finding once the Elasticsearch is deleted');

      // Created again on disk: judged again without a rescan.
      mark = client.mark();
      writeFileSync(esFile, notAsking);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: esUri, type: 1 }] });
      await client.nextDiagnostics(kibana, mark, (p) => mtlsOf(p).length === 1, 'flagged once the Elasticsearch is created');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a finding across files gets the disable comments, the rule\'s documentation and turning it off', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-lsp-xf-actions-'));
    const esUri = fileUri(path.join(dir, 'es.yaml'));
    const kbUri = fileUri(path.join(dir, 'kibana.yaml'));
    try {
      ({ client } = await LspClient.start({ settings: SETTINGS, folders: [dir], initializationOptions: { clientCommands: [SHOW_RULE_DOCS_COMMAND, TURN_OFF_IN_SETTINGS_COMMAND] } }));
      await client.open(esUri, ES_TLS_OFF);
      await client.open(kbUri, KIBANA);
      const shown = await client.nextDiagnostics(kbUri, 0, (p) => crossOf(p).length > 0, 'with the reference flagged');
      const [diagnostic] = crossOf(shown);
      const actions = (await client.codeActions(kbUri, diagnostic.range, [diagnostic])) ?? [];
      assert.deepStrictEqual(actions.map((a) => a.title), [
        'Disable eck-ref-plain-http for this line',
        'Disable eck-ref-plain-http for this file',
        'Show documentation for eck-ref-plain-http',
        'Turn off eck-ref-plain-http in .kube-tls-lint.yaml',
        'Turn off eck-ref-plain-http in workspace settings',
      ]);
      for (const action of actions) assert.deepStrictEqual(action.diagnostics, [diagnostic], action.title);
      const lineEdits = actions[0].edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
      assert.deepStrictEqual(lineEdits.map((e) => [fmt(e.range), 'newText' in e ? e.newText : undefined]), [['6:0-6:0', '    # kube-tls-lint-disable-next-line eck-ref-plain-http\n']]);

      // The comment applied: the finding goes, and with it its actions.
      const mark = client.mark();
      const commented = KIBANA.replace('    name: quickstart\n', '    # kube-tls-lint-disable-next-line eck-ref-plain-http\n    name: quickstart\n');
      await client.change(kbUri, 2, commented);
      await client.nextDiagnostics(kbUri, mark, (p) => crossOf(p).length === 0, 'without the finding');
      const after = (await client.codeActions(kbUri, { start: { line: 7, character: 10 }, end: { line: 7, character: 20 } })) ?? [];
      assert.deepStrictEqual(after.map((a) => a.title), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
