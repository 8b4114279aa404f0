// The language server over stdio: capabilities, diagnostics while typing, settings, robustness.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { expected, FIXTURES, LspClient, onlyRules, REPO, SEED_RULES, summary } from './client';

const WORKSPACE = path.join(FIXTURES, 'workspace');
const POD_TEXT = readFileSync(path.join(WORKSPACE, 'control-plane', 'kube-apiserver.yaml'), 'utf8');
const ECK_TEXT = readFileSync(path.join(WORKSPACE, 'eck', 'elasticsearch.yaml'), 'utf8');
// Documents outside every workspace folder: only their text counts.
const POD_URI = 'file:///tmp/kube-tls-lint-lsp-test/pod.yaml';
const DOCS = pathToFileURL(path.join(REPO, 'docs', 'rules')).href + '/';
const SEED_SETTINGS = { rules: onlyRules(SEED_RULES) };

function podFindings(text: string, tlsSeverity = 'warning', portSeverity = 'error'): string[] {
  return [
    expected('apiserver-tls-files-missing', tlsSeverity, text, '    - kube-apiserver\n', 'kube-apiserver'),
    expected('apiserver-secure-port-disabled', portSeverity, text, '--secure-port=0'),
  ].sort();
}

describe('language server (stdio)', function () {
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  it('announces its capabilities', async () => {
    const started = await LspClient.start();
    client = started.client;
    const caps = started.init.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepStrictEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.kube-tls-lint'], resolveProvider: true });
    assert.strictEqual(caps.hoverProvider, true);
    assert.deepStrictEqual(caps.executeCommandProvider, { commands: ['kube-tls-lint.server.scanWorkspace'] });
    assert.strictEqual(started.init.serverInfo?.name, 'kube-tls-lint');
  });

  it('publishes exact diagnostics when a document opens', async () => {
    ({ client } = await LspClient.start({ settings: SEED_SETTINGS }));
    await client.open(POD_URI, POD_TEXT);
    const published = await client.nextDiagnostics(POD_URI, 0);
    assert.strictEqual(published.version, 1);
    assert.deepStrictEqual(summary(published.diagnostics), podFindings(POD_TEXT));
    const port = published.diagnostics.find((d) => d.code === 'apiserver-secure-port-disabled') as Diagnostic;
    assert.deepStrictEqual(port, {
      range: { start: { line: 15, character: 6 }, end: { line: 15, character: 21 } },
      severity: 1,
      source: 'kube-tls-lint',
      code: 'apiserver-secure-port-disabled',
      // The page shipped next to the server: it opens offline.
      codeDescription: { href: `${DOCS}apiserver-secure-port-disabled.md` },
      message: port.message,
      data: { version: 1 },
    });
    assert.match(typeof port.message === 'string' ? port.message : port.message.value, /--secure-port=0/);
  });

  it('gives a big document just opened the findings first, then the syntax errors of every document', async () => {
    ({ client } = await LspClient.start({ settings: SEED_SETTINGS }));
    // 64 K characters and more: ConfigMaps no rule reports on, one broken, and the insecure pod.
    const configMap = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n${Array.from({ length: 40 }, (_, j) => `  key-${j}: value-of-some-length\n`).join('')}`;
    const filler = Array.from({ length: 60 }, (_, i) => configMap(i));
    filler[30] = filler[30].replace('  name: settings-30\n', '  name: {broken\n');
    const text = [...filler, POD_TEXT].join('---\n');
    assert.ok(text.length >= 64 * 1024, `${text.length} characters`);
    const from = client.mark();
    await client.open(POD_URI, text);
    const first = await client.nextDiagnostics(POD_URI, from);
    assert.strictEqual(first.version, 1);
    assert.deepStrictEqual(summary(first.diagnostics), podFindings(text));
    const whole = await client.nextDiagnostics(POD_URI, from, (p) => p !== first);
    assert.strictEqual(whole.version, 1);
    const syntax = whole.diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.strictEqual(syntax.length, 1, summary(whole.diagnostics).join('\n'));
    // The parser places the unclosed flow map at the start of the line after it.
    assert.deepStrictEqual(syntax[0].range.start, { line: text.slice(0, text.indexOf('{broken')).split('\n').length, character: 0 });
    assert.deepStrictEqual(summary(whole.diagnostics.filter((d) => d.code !== 'yaml-syntax')), podFindings(text));
    assert.strictEqual(client.publishesOf(POD_URI, from).length, 2);
  });

  it('ends a burst of 50 edits with diagnostics of the final text only', async () => {
    ({ client } = await LspClient.start({ settings: { ...SEED_SETTINGS, debounceMs: 25 } }));
    await client.open(POD_URI, POD_TEXT);
    await client.nextDiagnostics(POD_URI, 0, (p) => p.version === 1);
    const mark = client.mark();
    // Version v has v-1 comment lines on top: every finding moves down one line per edit.
    const textOf = (version: number) => '# edit\n'.repeat(version - 1) + POD_TEXT;
    for (let version = 2; version <= 51; version++) await client.change(POD_URI, version, textOf(version));
    await client.nextDiagnostics(POD_URI, mark, (p) => p.version === 51, 'for version 51');
    const after = client.publishesOf(POD_URI, mark);
    let previous = 1;
    for (const p of after) {
      assert.ok(p.version! > previous, `versions must only grow: ${after.map((x) => x.version).join(',')}`);
      previous = p.version!;
      assert.deepStrictEqual(summary(p.diagnostics), podFindings(textOf(p.version!)), `diagnostics published for version ${p.version}`);
    }
    assert.ok(after.length < 10, `debounced: ${after.length} publishes for 50 edits`);
  });

  it('clears the diagnostics of a closed document outside the workspace', async () => {
    ({ client } = await LspClient.start({ settings: SEED_SETTINGS }));
    await client.open(POD_URI, POD_TEXT);
    await client.nextDiagnostics(POD_URI, 0, (p) => p.diagnostics.length === 2);
    const mark = client.mark();
    await client.close(POD_URI);
    const cleared = await client.nextDiagnostics(POD_URI, mark);
    assert.deepStrictEqual(cleared.diagnostics, []);
  });

  it('finds nothing in YAML that is not Kubernetes (GitHub workflow, docker-compose), with every rule on', async () => {
    ({ client } = await LspClient.start());
    for (const file of ['.github/workflows/ci.yml', 'docker-compose.yml']) {
      const uri = `file:///tmp/kube-tls-lint-lsp-test/${path.basename(file)}`;
      await client.open(uri, readFileSync(path.join(WORKSPACE, file), 'utf8'));
      const published = await client.nextDiagnostics(uri, 0);
      assert.deepStrictEqual(published.diagnostics, [], file);
    }
  });

  it('finds nothing in Helm chart templates, by language or by path, with every rule on', async () => {
    ({ client } = await LspClient.start());
    const templates = path.join(WORKSPACE, 'charts', 'web', 'templates');
    for (const name of ['deployment.yaml', 'kube-apiserver.yaml', 'elasticsearch.yaml']) {
      const text = readFileSync(path.join(templates, name), 'utf8');
      const byLanguage = `untitled:helm-${name}`;
      await client.open(byLanguage, text, 'helm');
      assert.deepStrictEqual((await client.nextDiagnostics(byLanguage, 0)).diagnostics, [], `${name} as helm`);
      const byPath = `file://${path.join(templates, name)}`;
      await client.open(byPath, text, 'yaml');
      assert.deepStrictEqual((await client.nextDiagnostics(byPath, 0)).diagnostics, [], `${name} under a chart`);
    }
  });

  it('publishes related locations in the same document (a Kibana configuration file and its Elasticsearch)', async () => {
    ({ client } = await LspClient.start({ settings: { rules: onlyRules(['elastic-mtls-inconsistent']) } }));
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: es-config}\ndata:\n  elasticsearch.yml: |\n    cluster.name: logs\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kb-config}\ndata:\n  kibana.yml: |\n    elasticsearch.ssl.certificate: /certs/kb.crt\n    elasticsearch.ssl.key: /certs/kb.key\n',
    ].join('---\n');
    await client.open(POD_URI, text);
    const published = await client.nextDiagnostics(POD_URI, 0);
    assert.deepStrictEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.relatedInformation]),
      [['elastic-mtls-inconsistent', 12, 4, [{ location: { uri: POD_URI, range: { start: { line: 4, character: 2 }, end: { line: 4, character: 19 } } }, message: 'elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.' }]]],
    );
  });

  it('reports a YAML syntax error of a manifest once', async () => {
    ({ client } = await LspClient.start({ settings: { ...SEED_SETTINGS, debounceMs: 0 } }));
    await client.open(POD_URI, ECK_TEXT);
    await client.nextDiagnostics(POD_URI, 0, (p) => p.diagnostics.length === 1);
    const mark = client.mark();
    const broken = ECK_TEXT.replace('  version: 8.15.0', '  version: [8.15.0');
    await client.change(POD_URI, 2, broken);
    const published = await client.nextDiagnostics(POD_URI, mark, (p) => p.version === 2);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['yaml-syntax']);
  });

  it('applies settings changes live: rule off, severity changed, disabled', async () => {
    ({ client } = await LspClient.start({ settings: SEED_SETTINGS }));
    await client.open(POD_URI, POD_TEXT);
    await client.nextDiagnostics(POD_URI, 0, (p) => p.diagnostics.length === 2);

    let mark = client.mark();
    await client.configurationChanged({ rules: onlyRules(SEED_RULES, { 'apiserver-secure-port-disabled': 'off', 'apiserver-tls-files-missing': 'error' }) });
    let published = await client.nextDiagnostics(POD_URI, mark);
    assert.deepStrictEqual(summary(published.diagnostics), [expected('apiserver-tls-files-missing', 'error', POD_TEXT, '    - kube-apiserver\n', 'kube-apiserver')]);

    mark = client.mark();
    await client.configurationChanged({ rules: onlyRules(SEED_RULES, { 'apiserver-secure-port-disabled': 'hint' }) });
    published = await client.nextDiagnostics(POD_URI, mark);
    assert.deepStrictEqual(summary(published.diagnostics), podFindings(POD_TEXT, 'warning', 'hint'));

    mark = client.mark();
    await client.configurationChanged({ ...SEED_SETTINGS, enable: false });
    published = await client.nextDiagnostics(POD_URI, mark);
    assert.deepStrictEqual(published.diagnostics, []);
  });

  it('warns once per invalid setting and falls back to the defaults', async () => {
    ({ client } = await LspClient.start({
      settings: { rules: { ...onlyRules(SEED_RULES), 'no-such-rule': 'error', 'apiserver-secure-port-disabled': 'loud' }, debounceMs: 'fast', maxFileSizeKb: -1 },
    }));
    await client.open(POD_URI, POD_TEXT);
    const published = await client.nextDiagnostics(POD_URI, 0);
    assert.deepStrictEqual(summary(published.diagnostics), podFindings(POD_TEXT));
    const warnings = client.shownMessages;
    assert.strictEqual(warnings.filter((m) => m.includes('unknown rule "no-such-rule"')).length, 1, warnings.join('\n'));
    assert.strictEqual(warnings.filter((m) => m.includes('"apiserver-secure-port-disabled" must be one of')).length, 1, warnings.join('\n'));
    assert.strictEqual(warnings.filter((m) => m.includes('kubeTlsLint.debounceMs')).length, 1, warnings.join('\n'));
    assert.strictEqual(warnings.filter((m) => m.includes('kubeTlsLint.maxFileSizeKb')).length, 1, warnings.join('\n'));
    // A second document of the same folder reuses the cached settings: no repeated warnings.
    await client.open('untitled:second', ECK_TEXT);
    await client.nextDiagnostics('untitled:second', 0);
    assert.strictEqual(client.shownMessages.length, 4, client.shownMessages.join('\n'));
  });

  it('takes pushed settings from clients that cannot be asked (no workspace/configuration)', async () => {
    ({ client } = await LspClient.start({ capabilities: {} }));
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { kubeTlsLint: { rules: onlyRules(SEED_RULES, { 'apiserver-tls-files-missing': 'off' }) } },
    });
    await client.open(POD_URI, POD_TEXT);
    const published = await client.nextDiagnostics(POD_URI, 0);
    assert.deepStrictEqual(summary(published.diagnostics), [expected('apiserver-secure-port-disabled', 'error', POD_TEXT, '--secure-port=0')]);
  });

  it('skips a file over the size cap with one information diagnostic at 0:0', async () => {
    ({ client } = await LspClient.start({ settings: { maxFileSizeKb: 1 } }));
    const big = POD_TEXT + '#'.repeat(2048) + '\n';
    await client.open(POD_URI, big);
    const published = await client.nextDiagnostics(POD_URI, 0);
    assert.strictEqual(published.diagnostics.length, 1);
    const [info] = published.diagnostics;
    assert.deepStrictEqual(info.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.strictEqual(info.severity, 3);
    assert.match(typeof info.message === 'string' ? info.message : info.message.value, /over the 1 KB size limit/);
  });

  it('survives bad requests: unknown documents, out-of-range positions, unknown methods', async () => {
    ({ client } = await LspClient.start({ settings: SEED_SETTINGS }));
    const far = { start: { line: 9999, character: 9999 }, end: { line: -1, character: -5 } };
    assert.deepStrictEqual(await client.codeActions('file:///nowhere.yaml', far), []);
    await client.change('file:///never-opened.yaml', 3, 'x');
    await client.close('file:///never-opened.yaml');
    await assert.rejects(client.connection.sendRequest('kubeTlsLint/noSuchMethod', {}));
    await client.open(POD_URI, POD_TEXT);
    await client.nextDiagnostics(POD_URI, 0);
    const actions = await client.codeActions(POD_URI, far);
    assert.ok(Array.isArray(actions));
    // Still serving after all that.
    const mark = client.mark();
    await client.change(POD_URI, 2, ECK_TEXT);
    const published = await client.nextDiagnostics(POD_URI, mark, (p) => p.version === 2);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['eck-http-tls-disabled']);
  });
});
