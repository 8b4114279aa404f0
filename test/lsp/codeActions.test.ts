// Code actions over the protocol: quick fixes, fix all and suppression comments, applied to the
// text exactly as an editor would, then checked by the server again.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { applyWorkspaceEdit, DEFAULT_CAPABILITIES, expected, FIXTURES, LspClient, onlyRules, SEED_RULES, summary } from './client';

const POD_TEXT = readFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), 'utf8');
const URI = 'file:///tmp/kube-tls-lint-lsp-test/actions.yaml';
const PORT = 'apiserver-secure-port-disabled';
const TLS = 'apiserver-tls-files-missing';
const PORT_LINE = '    - --secure-port=0\n';
const LAST_FLAG = '    - --client-ca-file=/etc/kubernetes/pki/ca.crt\n';
const TLS_LINES = '    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n';
const SEED_SETTINGS = { rules: onlyRules(SEED_RULES), debounceMs: 0 };

describe('code actions (stdio)', () => {
  let client: LspClient;
  let version: number;

  afterEach(async () => {
    await client?.stop();
  });

  async function start(text: string, settings: Record<string, unknown> = SEED_SETTINGS, capabilities = DEFAULT_CAPABILITIES): Promise<Diagnostic[]> {
    ({ client } = await LspClient.start({ settings, capabilities }));
    version = 1;
    await client.open(URI, text);
    return (await client.nextDiagnostics(URI, 0)).diagnostics;
  }

  /** Sends the new text and returns its diagnostics. */
  async function edit(text: string): Promise<Diagnostic[]> {
    const mark = client.mark();
    version++;
    await client.change(URI, version, text);
    const v = version;
    return (await client.nextDiagnostics(URI, mark, (p) => p.version === v)).diagnostics;
  }

  async function actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await client.codeActions(URI, diagnostic.range, [diagnostic])) ?? [];
  }

  function byTitle(actions: CodeAction[], title: string | RegExp): CodeAction {
    const found = actions.filter((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
    assert.strictEqual(found.length, 1, `one action ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
    return found[0];
  }

  it('offers the rule\'s fixes (preferred first) and suppressions, tied to the diagnostic', async () => {
    const diagnostics = await start(POD_TEXT);
    const port = diagnostics.find((d) => d.code === PORT)!;
    const actions = await actionsFor(port);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Remove --secure-port (use the default 6443)', 'quickfix', true],
      ['Set --secure-port to 6443', 'quickfix', false],
      [`Disable ${PORT} for this line`, 'quickfix', false],
      [`Disable ${PORT} for this file`, 'quickfix', false],
      ['Fix all auto-fixable kube-tls-lint problems', 'source.fixAll.kube-tls-lint', false],
    ]);
    for (const action of actions.filter((a) => a.kind === 'quickfix')) assert.deepStrictEqual(action.diagnostics, [port]);
    // Versioned edits: the editor refuses them if the document changed meanwhile.
    const change = actions[0].edit!.documentChanges![0] as { textDocument: { uri: string; version: number } };
    assert.deepStrictEqual(change.textDocument, { uri: URI, version: 1 });

    assert.strictEqual(applyWorkspaceEdit(POD_TEXT, URI, actions[0].edit), POD_TEXT.replace(PORT_LINE, ''));
    assert.strictEqual(applyWorkspaceEdit(POD_TEXT, URI, actions[1].edit), POD_TEXT.replace(PORT_LINE, '    - --secure-port=6443\n'));
    const removed = POD_TEXT.replace(PORT_LINE, '');
    assert.deepStrictEqual(summary(await edit(removed)), [expected(TLS, 'warning', removed, '    - kube-apiserver\n', 'kube-apiserver')]);
  });

  it('inserts the fix values from the settings', async () => {
    const diagnostics = await start(POD_TEXT, { ...SEED_SETTINGS, fix: { tlsCertFile: '/pki/serving.crt', tlsPrivateKeyFile: '' } });
    const actions = await actionsFor(diagnostics.find((d) => d.code === TLS)!);
    const fix = byTitle(actions, /^Add --tls-cert-file/);
    assert.strictEqual(fix.isPreferred, true);
    const fixed = applyWorkspaceEdit(POD_TEXT, URI, fix.edit);
    assert.strictEqual(fixed, POD_TEXT.replace(LAST_FLAG, `${LAST_FLAG}    - --tls-cert-file=/pki/serving.crt\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n`));
  });

  it('fixes everything with source.fixAll.kube-tls-lint', async () => {
    await start(POD_TEXT);
    const actions = (await client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll'])) ?? [];
    assert.deepStrictEqual(actions.map((a) => a.kind), ['source.fixAll.kube-tls-lint']);
    const fixed = applyWorkspaceEdit(POD_TEXT, URI, actions[0].edit);
    assert.strictEqual(fixed, POD_TEXT.replace(PORT_LINE, '').replace(LAST_FLAG, LAST_FLAG + TLS_LINES));
    assert.deepStrictEqual(await edit(fixed), []);
    // Nothing left to fix: no action.
    assert.deepStrictEqual(await client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.kube-tls-lint']), []);
    // Quick fixes only: no fix-all.
    assert.deepStrictEqual(await client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, [], ['quickfix']), []);
  });

  it('"Disable <rule> for this line" inserts an indented comment the server honours', async () => {
    const diagnostics = await start(POD_TEXT);
    const action = byTitle(await actionsFor(diagnostics.find((d) => d.code === PORT)!), `Disable ${PORT} for this line`);
    const suppressed = applyWorkspaceEdit(POD_TEXT, URI, action.edit);
    assert.strictEqual(suppressed, POD_TEXT.replace(PORT_LINE, `    # kube-tls-lint-disable-next-line ${PORT}\n${PORT_LINE}`));
    assert.deepStrictEqual(summary(await edit(suppressed)), [expected(TLS, 'warning', suppressed, '    - kube-apiserver\n', 'kube-apiserver')]);
  });

  it('"Disable <rule> for this file" puts the comment on top', async () => {
    const diagnostics = await start(POD_TEXT);
    const action = byTitle(await actionsFor(diagnostics.find((d) => d.code === TLS)!), `Disable ${TLS} for this file`);
    const suppressed = applyWorkspaceEdit(POD_TEXT, URI, action.edit);
    assert.strictEqual(suppressed, `# kube-tls-lint-disable ${TLS}\n${POD_TEXT}`);
    assert.deepStrictEqual(summary(await edit(suppressed)), [expected(PORT, 'error', suppressed, '--secure-port=0')]);
    // A second rule joins the same comment instead of stacking another one.
    const port = (await client.codeActions(URI, (await currentDiagnostics())[0].range, await currentDiagnostics())) ?? [];
    const twice = applyWorkspaceEdit(suppressed, URI, byTitle(port, `Disable ${PORT} for this file`).edit);
    assert.strictEqual(twice, `# kube-tls-lint-disable ${TLS}, ${PORT}\n${POD_TEXT}`);
    assert.deepStrictEqual(await edit(twice), []);
  });

  async function currentDiagnostics(): Promise<Diagnostic[]> {
    return client.publishesOf(URI).at(-1)!.diagnostics;
  }

  it('adds the rule to a next-line comment already above the line (keeping its reason)', async () => {
    const text = POD_TEXT.replace(PORT_LINE, `    # kube-tls-lint-disable-next-line ${TLS} -- checked by hand\n${PORT_LINE}`);
    const diagnostics = await start(text);
    const action = byTitle(await actionsFor(diagnostics.find((d) => d.code === PORT)!), `Disable ${PORT} for this line`);
    const suppressed = applyWorkspaceEdit(text, URI, action.edit);
    assert.strictEqual(suppressed, POD_TEXT.replace(PORT_LINE, `    # kube-tls-lint-disable-next-line ${TLS}, ${PORT} -- checked by hand\n${PORT_LINE}`));
    assert.deepStrictEqual((await edit(suppressed)).map((d) => d.code), [TLS]);
  });

  it('keeps CRLF line endings in suppression comments', async () => {
    const crlf = POD_TEXT.replace(/\n/g, '\r\n');
    const diagnostics = await start(crlf);
    const actions = await actionsFor(diagnostics.find((d) => d.code === PORT)!);
    const suppressed = applyWorkspaceEdit(crlf, URI, byTitle(actions, `Disable ${PORT} for this line`).edit);
    assert.strictEqual(suppressed, crlf.replace(PORT_LINE.replace('\n', '\r\n'), `    # kube-tls-lint-disable-next-line ${PORT}\r\n${PORT_LINE.replace('\n', '\r\n')}`));
  });

  it('offers no line comment inside a block scalar (it would change the script)', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: kube-apiserver',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    image: registry.k8s.io/kube-apiserver:v1.31.0',
      '    command:',
      '    - sh',
      '    - -c',
      '    - |',
      '      exec kube-apiserver \\',
      '        --tls-cert-file=/a.crt --tls-private-key-file=/a.key \\',
      '        --secure-port=0',
      '',
    ].join('\n');
    const diagnostics = await start(text);
    assert.deepStrictEqual(summary(diagnostics), [expected(PORT, 'error', text, '--secure-port=0')]);
    const titles = (await actionsFor(diagnostics[0])).map((a) => a.title);
    assert.ok(!titles.includes(`Disable ${PORT} for this line`), titles.join(', '));
    assert.ok(titles.includes(`Disable ${PORT} for this file`), titles.join(', '));
  });

  it('inside a manifest embedded in a literal block, the line comment goes into the block and is honoured', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: kubeadm-config',
      '  namespace: kube-system',
      'data:',
      '  ClusterConfiguration: |',
      '    apiVersion: kubeadm.k8s.io/v1beta3',
      '    kind: ClusterConfiguration',
      '    apiServer:',
      '      extraArgs:',
      '        secure-port: "0"',
      '',
    ].join('\n');
    const diagnostics = await start(text);
    assert.deepStrictEqual(summary(diagnostics), [expected(PORT, 'error', text, 'secure-port: "0"')]);
    const action = byTitle(await actionsFor(diagnostics[0]), `Disable ${PORT} for this line`);
    const suppressed = applyWorkspaceEdit(text, URI, action.edit);
    assert.strictEqual(suppressed, text.replace('        secure-port: "0"', `        # kube-tls-lint-disable-next-line ${PORT}\n        secure-port: "0"`));
    assert.deepStrictEqual(await edit(suppressed), []);
  });

  it('answers a request about an older version with nothing', async () => {
    const diagnostics = await start(POD_TEXT);
    const port = diagnostics.find((d) => d.code === PORT)!;
    const moved = `# moved\n${POD_TEXT}`;
    const fresh = await edit(moved);
    assert.deepStrictEqual(await actionsFor(port), [], 'diagnostics of version 1 against version 2');
    const actions = await actionsFor(fresh.find((d) => d.code === PORT)!);
    assert.strictEqual(applyWorkspaceEdit(moved, URI, actions[0].edit), moved.replace(PORT_LINE, ''));
  });

  it('uses plain `changes` for clients without versioned edits', async () => {
    const diagnostics = await start(POD_TEXT, SEED_SETTINGS, { ...DEFAULT_CAPABILITIES, workspace: { configuration: true } });
    const [action] = await actionsFor(diagnostics.find((d) => d.code === PORT)!);
    assert.strictEqual(action.edit?.documentChanges, undefined);
    assert.strictEqual(applyWorkspaceEdit(POD_TEXT, URI, action.edit), POD_TEXT.replace(PORT_LINE, ''));
  });
});
