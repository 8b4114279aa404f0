// Code actions over the protocol: quick fixes, fix all and suppression comments, applied to the
// text exactly as an editor would, then checked by the server again.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { defaultConfig, LintConfig } from '../../shared/config';
import { fixAll } from '../../shared/engine';
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
    // "Fix all" in the light bulb comes without its edit: it is computed when chosen.
    assert.strictEqual(actions[4].edit, undefined);
    const resolved = await client.resolveCodeAction(actions[4]);
    // Safe fixes only: the TLS files' default paths are a guess, left to the quick fix.
    assert.strictEqual(applyWorkspaceEdit(POD_TEXT, URI, resolved.edit), POD_TEXT.replace(PORT_LINE, ''));
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

  it('fixes everything safe with source.fixAll.kube-tls-lint; default paths stay a quick fix', async () => {
    await start(POD_TEXT);
    const actions = (await client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll'])) ?? [];
    assert.deepStrictEqual(actions.map((a) => a.kind), ['source.fixAll.kube-tls-lint']);
    const fixed = applyWorkspaceEdit(POD_TEXT, URI, actions[0].edit);
    assert.strictEqual(fixed, POD_TEXT.replace(PORT_LINE, ''));
    const left = await edit(fixed);
    assert.deepStrictEqual(left.map((d) => d.code), [TLS]);
    // The unsafe fix (kubeadm's default paths) is still offered on the finding itself.
    const quick = byTitle(await actionsFor(left[0]), /^Add --tls-cert-file=/);
    assert.strictEqual(applyWorkspaceEdit(fixed, URI, quick.edit), fixed.replace(LAST_FLAG, LAST_FLAG + TLS_LINES));
    // Nothing safe left to fix: no action.
    assert.deepStrictEqual(await client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.kube-tls-lint']), []);
  });

  it('fixes everything with source.fixAll.kube-tls-lint when the paths are the user\'s', async () => {
    const paths = { tlsCertFile: '/pki/serving.crt', tlsPrivateKeyFile: '/pki/serving.key' };
    await start(POD_TEXT, { ...SEED_SETTINGS, fix: paths });
    const actions = (await client.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll'])) ?? [];
    const fixed = applyWorkspaceEdit(POD_TEXT, URI, actions[0].edit);
    assert.strictEqual(fixed, POD_TEXT.replace(PORT_LINE, '').replace(LAST_FLAG, `${LAST_FLAG}    - --tls-cert-file=/pki/serving.crt\n    - --tls-private-key-file=/pki/serving.key\n`));
    assert.deepStrictEqual(await edit(fixed), []);
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

  function currentDiagnostics(): Promise<Diagnostic[]> {
    return Promise.resolve(client.publishesOf(URI).at(-1)!.diagnostics);
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

  it('a client that cannot resolve edits gets "Fix all" only when it asks for source.fixAll, with its edit', async () => {
    const codeAction = { isPreferredSupport: true, dataSupport: true };
    const diagnostics = await start(POD_TEXT, SEED_SETTINGS, { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, codeAction } });
    const port = diagnostics.find((d) => d.code === PORT)!;
    assert.deepStrictEqual((await actionsFor(port)).map((a) => a.title), [
      'Remove --secure-port (use the default 6443)',
      'Set --secure-port to 6443',
      `Disable ${PORT} for this line`,
      `Disable ${PORT} for this file`,
    ]);
    const [fixAll] = (await client.codeActions(URI, port.range, [], ['source.fixAll'])) ?? [];
    assert.strictEqual(applyWorkspaceEdit(POD_TEXT, URI, fixAll.edit), POD_TEXT.replace(PORT_LINE, ''));
  });

  it('resolving a "Fix all" made for an older version gives it back without an edit', async () => {
    const diagnostics = await start(POD_TEXT);
    const stale = byTitle(await actionsFor(diagnostics.find((d) => d.code === PORT)!), /^Fix all/);
    await edit(`# moved\n${POD_TEXT}`);
    assert.deepStrictEqual(await client.resolveCodeAction(stale), stale);
    // Anything else comes back as it was.
    const other = { title: 'x', kind: 'quickfix', data: { fixAll: { uri: 42 } } };
    assert.deepStrictEqual(await client.resolveCodeAction(other), other);
  });

  describe('cost: the analysis published is reused', () => {
    /** `count` kube-apiservers, each with --secure-port=0 and no serving certificate: two findings on two lines each. */
    function manyPods(count: number): string {
      const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver-${i}\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n${PORT_LINE}`;
      return Array.from({ length: count }, (_, i) => pod(i)).join('---\n');
    }

    it('a whole-document range over 200 findings: no lint, no parse; "Fix all" when chosen starts from them', async () => {
      const text = manyPods(100);
      const diagnostics = await start(text);
      assert.strictEqual(diagnostics.length, 200);
      const whole = { start: { line: 0, character: 0 }, end: { line: 99999, character: 0 } };
      let actions: CodeAction[] = [];
      const calls = await client.engineCallsOf(async () => (actions = (await client.codeActions(URI, whole, diagnostics)) ?? []));
      assert.deepStrictEqual(calls, { lints: 0, parses: 0 });
      const count = (title: string) => actions.filter((a) => a.title === title).length;
      // Per pod: three fixes, one comment per line; per rule one file comment; one "Fix all".
      assert.strictEqual(actions.length, 100 * 5 + 2 + 1);
      assert.deepStrictEqual([count(`Disable ${TLS} for this line`), count(`Disable ${PORT} for this line`)], [100, 100]);
      assert.deepStrictEqual(actions.slice(-3).map((a) => a.title), [`Disable ${TLS} for this file`, `Disable ${PORT} for this file`, 'Fix all auto-fixable kube-tls-lint problems']);
      // The last pod's port comment, found in the same pass as all others.
      const lastPort = actions.filter((a) => a.title === `Disable ${PORT} for this line`)[99];
      const at = text.lastIndexOf(PORT_LINE);
      assert.strictEqual(applyWorkspaceEdit(text, URI, lastPort.edit), `${text.slice(0, at)}    # kube-tls-lint-disable-next-line ${PORT}\n${text.slice(at)}`);

      let resolved: CodeAction | undefined;
      const fixCalls = await client.engineCallsOf(async () => (resolved = await client.resolveCodeAction(actions.at(-1)!)));
      // The first pass is the published analysis: one lint fewer than a fix-all from scratch.
      const stats = { passes: 0 };
      fixAll(text, { config: { ...defaultConfig(), rules: onlyRules(SEED_RULES) as LintConfig['rules'] } }, undefined, stats);
      assert.deepStrictEqual(fixCalls, { lints: stats.passes - 1, parses: stats.passes - 1 });
      const fixed = applyWorkspaceEdit(text, URI, resolved!.edit);
      // Safe fixes only: the TLS files (default paths, unsafe) stay reported.
      assert.strictEqual(fixed, text.split(PORT_LINE).join(''));
      assert.deepStrictEqual((await edit(fixed)).map((d) => d.code), Array(100).fill(TLS));
    });

    it('the light bulb on one finding: no lint, no parse, also after an edit', async () => {
      const diagnostics = await start(POD_TEXT);
      const port = diagnostics.find((d) => d.code === PORT)!;
      assert.deepStrictEqual(await client.engineCallsOf(() => actionsFor(port)), { lints: 0, parses: 0 });
      const moved = await edit(`# moved\n${POD_TEXT}`);
      assert.deepStrictEqual(await client.engineCallsOf(() => actionsFor(moved.find((d) => d.code === PORT)!)), { lints: 0, parses: 0 });
      // Asked for by kind, "Fix all" runs: one lint after the fixes (its first pass is the analysis published).
      const calls = await client.engineCallsOf(() => client.codeActions(URI, port.range, [], ['source.fixAll.kube-tls-lint']));
      assert.deepStrictEqual(calls, { lints: 1, parses: 1 });
    });

    it('a request about the diagnostics of a text edited since does not lint the new text', async () => {
      // A long debounce: the new text is not checked before the request.
      const diagnostics = await start(POD_TEXT, { ...SEED_SETTINGS, debounceMs: 60_000 });
      version++;
      await client.change(URI, version, `# moved\n${POD_TEXT}`);
      let actions: CodeAction[] | null = null;
      const calls = await client.engineCallsOf(async () => (actions = await actionsFor(diagnostics.find((d) => d.code === PORT)!)));
      assert.deepStrictEqual(actions, []);
      assert.deepStrictEqual(calls, { lints: 0, parses: 0 });
    });
  });

  describe('grouped suppressions', () => {
    const FIVE = ['apiserver-client-ca-missing', 'apiserver-etcd-ca-missing', 'apiserver-kubelet-ca-missing', 'apiserver-kubelet-client-cert-missing', TLS];
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: kube-apiserver',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    image: registry.k8s.io/kube-apiserver:v1.31.0',
      '    command: [kube-apiserver, --secure-port=0]',
      '',
    ].join('\n');
    const settings = { rules: onlyRules([...FIVE, PORT]), debounceMs: 0 };
    const DISABLE_LINE = 'Disable all kube-tls-lint findings for this line';

    it('five findings on one item: the fixes, one comment for the line, one file comment per rule', async () => {
      const diagnostics = await start(text, settings);
      const onItem = diagnostics.filter((d) => d.code !== PORT);
      assert.deepStrictEqual(onItem.map((d) => d.code), FIVE);
      const actions = (await client.codeActions(URI, onItem[0].range, onItem)) ?? [];
      assert.deepStrictEqual(actions.map((a) => a.title), [
        'Add --client-ca-file=/etc/kubernetes/pki/ca.crt',
        'Add --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        'Add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
        'Add --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        'Add --tls-cert-file=/etc/kubernetes/pki/apiserver.crt --tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
        DISABLE_LINE,
        ...FIVE.map((id) => `Disable ${id} for this file`),
        'Fix all auto-fixable kube-tls-lint problems',
      ]);
      // The line comment names every rule of the line, the one at --secure-port=0 too.
      const line = byTitle(actions, DISABLE_LINE);
      assert.deepStrictEqual(line.diagnostics?.map((d) => d.code), [...FIVE, PORT]);
      const suppressed = applyWorkspaceEdit(text, URI, line.edit);
      assert.strictEqual(suppressed, text.replace('    command:', `    # kube-tls-lint-disable-next-line ${[...FIVE, PORT].join(', ')}\n    command:`));
      assert.deepStrictEqual(await edit(suppressed), []);
    });

    it('one finding of a line with several rules: its own line comment and the one for all', async () => {
      const diagnostics = await start(text, settings);
      const port = diagnostics.find((d) => d.code === PORT)!;
      const actions = await actionsFor(port);
      assert.deepStrictEqual(actions.map((a) => a.title), [
        'Remove --secure-port (use the default 6443)',
        'Set --secure-port to 6443',
        `Disable ${PORT} for this line`,
        DISABLE_LINE,
        `Disable ${PORT} for this file`,
        'Fix all auto-fixable kube-tls-lint problems',
      ]);
      const own = applyWorkspaceEdit(text, URI, byTitle(actions, `Disable ${PORT} for this line`).edit);
      assert.strictEqual(own, text.replace('    command:', `    # kube-tls-lint-disable-next-line ${PORT}\n    command:`));
      assert.deepStrictEqual((await edit(own)).map((d) => d.code), FIVE);
      // Then the line's other rules join that comment.
      const rest = await client.codeActions(URI, (await currentDiagnostics())[0].range, await currentDiagnostics()) ?? [];
      const all = applyWorkspaceEdit(own, URI, byTitle(rest, DISABLE_LINE).edit);
      assert.strictEqual(all, text.replace('    command:', `    # kube-tls-lint-disable-next-line ${[PORT, ...FIVE].join(', ')}\n    command:`));
      assert.deepStrictEqual(await edit(all), []);
    });
  });

  it('directive words in a quoted item above are data: a comment line of its own is inserted', async () => {
    const quoted = `    - "--event-ttl=1h # kube-tls-lint-disable-next-line ${TLS}"\n`;
    const text = POD_TEXT.replace(PORT_LINE, quoted + PORT_LINE);
    const diagnostics = await start(text);
    const action = byTitle(await actionsFor(diagnostics.find((d) => d.code === PORT)!), `Disable ${PORT} for this line`);
    const suppressed = applyWorkspaceEdit(text, URI, action.edit);
    assert.strictEqual(suppressed, POD_TEXT.replace(PORT_LINE, `${quoted}    # kube-tls-lint-disable-next-line ${PORT}\n${PORT_LINE}`));
    assert.deepStrictEqual((await edit(suppressed)).map((d) => d.code), [TLS]);
  });

  it('a script in a block of a manifest embedded in a literal block takes no line comment; the embedded list does', async () => {
    const text = [
      'apiVersion: controlplane.cluster.x-k8s.io/v1beta1',
      'kind: KubeadmControlPlane',
      'metadata:',
      '  name: cp',
      'spec:',
      '  kubeadmConfigSpec:',
      '    files:',
      '    - path: /etc/kubernetes/manifests/kube-apiserver.yaml',
      '      content: |',
      '        apiVersion: v1',
      '        kind: Pod',
      '        metadata:',
      '          name: kube-apiserver',
      '        spec:',
      '          containers:',
      '          - name: kube-apiserver',
      '            image: registry.k8s.io/kube-apiserver:v1.31.0',
      '            command:',
      '            - sh',
      '            - -c',
      '            - |',
      '              exec kube-apiserver --tls-cert-file=/a.crt --tls-private-key-file=/a.key \\',
      '                --secure-port=0',
      '          - name: second',
      '            image: registry.k8s.io/kube-apiserver:v1.31.0',
      '            command:',
      '            - kube-apiserver',
      '            - --tls-cert-file=/a.crt',
      '            - --tls-private-key-file=/a.key',
      '            - --secure-port=0',
      '',
    ].join('\n');
    const diagnostics = await start(text);
    assert.deepStrictEqual(summary(diagnostics), [
      expected(PORT, 'error', text, '                --secure-port=0', '--secure-port=0'),
      expected(PORT, 'error', text, '            - --secure-port=0', '--secure-port=0'),
    ]);
    const [inScript, inList] = diagnostics;
    let scriptTitles: string[] = [];
    // The embedded manifest is parsed once for the first request, then reused.
    assert.deepStrictEqual(await client.engineCallsOf(async () => (scriptTitles = (await actionsFor(inScript)).map((a) => a.title))), { lints: 0, parses: 1 });
    assert.ok(!scriptTitles.includes(`Disable ${PORT} for this line`), scriptTitles.join(', '));
    assert.ok(scriptTitles.includes(`Disable ${PORT} for this file`), scriptTitles.join(', '));
    let listActions: CodeAction[] = [];
    assert.deepStrictEqual(await client.engineCallsOf(async () => (listActions = await actionsFor(inList))), { lints: 0, parses: 0 });
    const suppressed = applyWorkspaceEdit(text, URI, byTitle(listActions, `Disable ${PORT} for this line`).edit);
    assert.strictEqual(suppressed, text.replace('            - --secure-port=0', `            # kube-tls-lint-disable-next-line ${PORT}\n            - --secure-port=0`));
    assert.deepStrictEqual(summary(await edit(suppressed)), [expected(PORT, 'error', suppressed, '                --secure-port=0', '--secure-port=0')]);
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
