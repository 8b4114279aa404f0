// What a finding says about its rule over the protocol: the hover (why, how to fix, sources, the
// bundled page), the diagnostic's link to that page, and the code actions to read the page or to
// turn the rule off for the project or in the workspace settings.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CreateFile, Diagnostic, Hover, MarkupContent, TextDocumentEdit } from 'vscode-languageserver/node';
import { RULES_BY_ID } from '../../shared/rules';
import { applyWorkspaceEdit, DEFAULT_CAPABILITIES, FIXTURES, LspClient, onlyRules, REPO, SEED_RULES } from './client';

const POD_TEXT = readFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), 'utf8');
const PORT = 'apiserver-secure-port-disabled';
const TLS = 'apiserver-tls-files-missing';
const SETTINGS = { rules: onlyRules(SEED_RULES), debounceMs: 0, workspaceScan: { enable: false } };
const CLIENT_COMMANDS = ['kube-tls-lint.showRuleDocumentation', 'kube-tls-lint.turnOffRuleInSettings'];
const CAPABILITIES: ClientCapabilities = {
  ...DEFAULT_CAPABILITIES,
  workspace: { ...DEFAULT_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
};
const CHANGED = 2;
const CREATED = 1;

function docPage(ruleId: string): string {
  return pathToFileURL(path.join(REPO, 'docs', 'rules', `${ruleId}.md`)).href;
}

describe('rule help: hover, documentation and turning a rule off (stdio)', () => {
  let client: LspClient;
  let dir: string;
  let uri: string;
  let configFile: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-rule-help-'));
    uri = pathToFileURL(path.join(dir, 'kube-apiserver.yaml')).href;
    configFile = path.join(dir, '.kube-tls-lint.yaml');
  });

  afterEach(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: { capabilities?: ClientCapabilities; clientCommands?: string[]; text?: string } = {}): Promise<Diagnostic[]> {
    const text = options.text ?? POD_TEXT;
    writeFileSync(path.join(dir, 'kube-apiserver.yaml'), text);
    ({ client } = await LspClient.start({
      folders: [dir],
      settings: SETTINGS,
      capabilities: options.capabilities ?? CAPABILITIES,
      initializationOptions: { clientCommands: options.clientCommands ?? CLIENT_COMMANDS },
    }));
    await client.open(uri, text);
    return (await client.nextDiagnostics(uri, 0, (p) => p.version === 1)).diagnostics;
  }

  function hover(line: number, character: number): Promise<Hover | null> {
    return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  it('hovers a finding with its message, the rule\'s why, how to fix, sources and bundled page', async () => {
    const diagnostics = await start();
    const port = diagnostics.find((d) => d.code === PORT)!;
    const meta = RULES_BY_ID.get(PORT)!.meta;
    const result = await hover(port.range.start.line, port.range.start.character + 3);
    assert.deepStrictEqual(result, {
      contents: {
        kind: 'markdown',
        value: [
          "--secure-port=0 turns off the API server's HTTPS listener.",
          `\`${PORT}\` · error · [Documentation](${docPage(PORT)})`,
          `**Why:** ${meta.description}`,
          `**How to fix:** ${meta.remediation}`,
          '**Sources:** KICS 3d24b204-b73d-42cb-b0bf-1a5438c5f71e (Secure Port Set To Zero \\(High\\)) · Checkov CKV\\_K8S\\_89',
        ].join('\n\n'),
      },
      range: port.range,
    });
    // Off every finding: no hover.
    assert.strictEqual(await hover(0, 0), null);
  });

  it('hovers in plain text for a client without markdown', async () => {
    const diagnostics = await start({ capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, hover: { contentFormat: ['plaintext'] } } } });
    const port = diagnostics.find((d) => d.code === PORT)!;
    const result = await hover(port.range.end.line, port.range.end.character);
    const contents = result!.contents as MarkupContent;
    assert.strictEqual(contents.kind, 'plaintext');
    assert.strictEqual(contents.value.split('\n').slice(0, 2).join('\n'), `--secure-port=0 turns off the API server's HTTPS listener.\n${PORT} (error)`);
    assert.match(contents.value, /\nSources: KICS 3d24b204-b73d-42cb-b0bf-1a5438c5f71e, Checkov CKV_K8S_89$/);
  });

  it('links each diagnostic to its rule\'s bundled page, which exists', async () => {
    const diagnostics = await start();
    for (const d of diagnostics) {
      assert.strictEqual(d.codeDescription?.href, docPage(String(d.code)));
      assert.match(readFileSync(new URL(d.codeDescription.href), 'utf8'), new RegExp(`^# ${d.code}\\n`));
    }
  });

  it('offers the documentation and turning the rule off, after the comments, with exact commands', async () => {
    const diagnostics = await start();
    const port = diagnostics.find((d) => d.code === PORT)!;
    const actions = (await client.codeActions(uri, port.range, [port])) ?? [];
    assert.deepStrictEqual(actions.map((a) => a.title), [
      'Remove --secure-port (use the default 6443)',
      'Set --secure-port to 6443',
      `Disable ${PORT} for this line`,
      `Disable ${PORT} for this file`,
      `Show documentation for ${PORT}`,
      `Turn off ${PORT} in .kube-tls-lint.yaml`,
      `Turn off ${PORT} in workspace settings`,
      'Fix all auto-fixable kube-tls-lint problems',
    ]);
    const [docs, , settings] = actions.slice(4);
    assert.deepStrictEqual(docs.command, { title: `Show documentation for ${PORT}`, command: 'kube-tls-lint.showRuleDocumentation', arguments: [PORT] });
    assert.deepStrictEqual(settings.command, { title: `Turn off ${PORT} in workspace settings`, command: 'kube-tls-lint.turnOffRuleInSettings', arguments: [PORT, uri] });
    for (const action of actions.slice(4, 7)) assert.deepStrictEqual(action.diagnostics, [port]);
  });

  it('creates .kube-tls-lint.yaml when chosen, and the rule is off once it is written', async () => {
    const diagnostics = await start();
    const port = diagnostics.find((d) => d.code === PORT)!;
    const offer = ((await client.codeActions(uri, port.range, [port])) ?? []).find((a) => a.title === `Turn off ${PORT} in .kube-tls-lint.yaml`)!;
    // Nothing is read or computed for the light bulb: the edit comes when chosen.
    assert.strictEqual(offer.edit, undefined);
    const resolved = await client.resolveCodeAction(offer);
    const configUri = pathToFileURL(configFile).href;
    const changes = resolved.edit!.documentChanges as [CreateFile, TextDocumentEdit];
    assert.deepStrictEqual(changes, [
      { kind: 'create', uri: configUri },
      { textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `rules:\n  ${PORT}: off\n` }] },
    ]);
    writeFileSync(configFile, applyWorkspaceEdit('', configUri, resolved.edit));
    const mark = client.mark();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CREATED }] });
    const after = await client.nextDiagnostics(uri, mark, (p) => !p.diagnostics.some((d) => d.code === PORT));
    assert.deepStrictEqual(after.diagnostics.map((d) => d.code), [TLS]);
  });

  it('edits an existing .kube-tls-lint.yaml minimally, keeping its comments, and edits it inline without resolve support', async () => {
    const config = '# team settings\nrules:\n  ingress-tls-missing: hint  # dev clusters\nexclude:\n  - vendor/**\n';
    writeFileSync(configFile, config);
    const noResolve = { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, codeAction: { isPreferredSupport: true } } };
    const diagnostics = await start({ capabilities: noResolve });
    const tls = diagnostics.find((d) => d.code === TLS)!;
    const action = ((await client.codeActions(uri, tls.range, [tls])) ?? []).find((a) => a.title === `Turn off ${TLS} in .kube-tls-lint.yaml`)!;
    const configUri = pathToFileURL(configFile).href;
    assert.deepStrictEqual(action.edit, {
      documentChanges: [
        { textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 2, character: 43 }, end: { line: 2, character: 43 } }, newText: `\n  ${TLS}: off` }] },
      ],
    });
    assert.strictEqual(
      applyWorkspaceEdit(config, configUri, action.edit),
      `# team settings\nrules:\n  ingress-tls-missing: hint  # dev clusters\n  ${TLS}: off\nexclude:\n  - vendor/**\n`,
    );
    writeFileSync(configFile, applyWorkspaceEdit(config, configUri, action.edit));
    const mark = client.mark();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    const after = await client.nextDiagnostics(uri, mark, (p) => !p.diagnostics.some((d) => d.code === TLS));
    assert.deepStrictEqual(after.diagnostics.map((d) => d.code), [PORT]);
    // Off in the project file now: not offered again.
    const titles = ((await client.codeActions(uri, after.diagnostics[0].range, after.diagnostics)) ?? []).map((a) => a.title);
    assert.ok(titles.includes(`Turn off ${PORT} in .kube-tls-lint.yaml`) && !titles.includes(`Turn off ${TLS} in .kube-tls-lint.yaml`), titles.join(', '));
  });

  it('offers no command a client did not list, and no file it cannot create', async () => {
    const plain = { ...CAPABILITIES, workspace: { ...CAPABILITIES.workspace, workspaceEdit: { documentChanges: true } }, textDocument: { ...CAPABILITIES.textDocument, codeAction: { isPreferredSupport: true } } };
    const diagnostics = await start({ capabilities: plain, clientCommands: [] });
    const port = diagnostics.find((d) => d.code === PORT)!;
    const titles = ((await client.codeActions(uri, port.range, [port])) ?? []).map((a) => a.title);
    assert.deepStrictEqual(titles, ['Remove --secure-port (use the default 6443)', 'Set --secure-port to 6443', `Disable ${PORT} for this line`, `Disable ${PORT} for this file`]);
  });
});

describe('kubeTlsLint/report (stdio)', () => {
  it('renders the findings a client sends, with the links it gives', async () => {
    const { client } = await LspClient.start();
    try {
      const finding = { file: 'a/pod.yaml', link: 'command:vscode.open?x', ruleId: PORT, severity: 'error', message: 'm <b>', line: 2, column: 3, endLine: 2, endColumn: 9 };
      const html = await client.connection.sendRequest<string>('kubeTlsLint/report', { findings: [finding], files: 1 });
      assert.match(html, /<p id="summary" data-total="1" data-files="1">/);
      assert.ok(html.includes('<a href="command:vscode.open?x">a/pod.yaml:2:3</a>'), html);
      assert.ok(html.includes('m &lt;b&gt;'));
      assert.match(html, /<section data-group="folder">[\s\S]*<tr data-key="a" data-count="1">/);
      // Bad input gets an empty report, never a crash.
      assert.match(await client.connection.sendRequest<string>('kubeTlsLint/report', { findings: 'x' }), /data-total="0" data-files="0"/);
      assert.match(await client.connection.sendRequest<string>('kubeTlsLint/report', { findings: [null, 3, { ...finding, severity: 'bad' }, finding], files: 1 }), /data-total="1" data-files="1"/);
    } finally {
      await client.stop();
    }
  });
});
