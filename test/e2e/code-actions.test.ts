// Quick fixes, "Fix all" and suppression comments, applied the way the editor applies them.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as vscode from 'vscode';
import {
  activate, apply, byTitle, codeActions, codeOf, expected, fullRange, open, original, POD, podBaseline, setText,
  waitForDiagnostics, waitForText, waitUntil,
} from './helpers';

const SECURE_PORT = 'apiserver-secure-port-disabled';
const TLS_FILES = 'apiserver-tls-files-missing';

const text = original(POD);
const PORT_LINE = '    - --secure-port=0\n';
const LAST_FLAG = '    - --tls-min-version=VersionTLS12\n';
const TLS_LINES = '    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n';

/** Expected texts, written out as edits of the fixture so every other byte is visibly unchanged. */
const portRemoved = text.replace(PORT_LINE, '');
const port6443 = text.replace(PORT_LINE, '    - --secure-port=6443\n');
const tlsAdded = text.replace(LAST_FLAG, LAST_FLAG + TLS_LINES);
// Fix-all applies safe fixes only: kubeadm's default certificate paths are a guess (unsafe).
const allFixed = portRemoved;
const portLineDisabled = text.replace(PORT_LINE, `    # kube-tls-lint-disable-next-line ${SECURE_PORT}\n${PORT_LINE}`);
const tlsFileDisabled = `# kube-tls-lint-disable ${TLS_FILES}\n${text}`;

/** The unsafe finding fix-all leaves: the TLS files, whose fix inserts default paths. */
const tlsLeft = () => expected(TLS_FILES, 'warning', allFixed, '    - kube-apiserver\n', 'kube-apiserver');

describe('code actions', () => {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;

  before(async () => {
    await activate();
  });

  // Every test starts from the pristine fixture text with its two findings published.
  beforeEach(async () => {
    ({ doc, editor } = await open(POD));
    await setText(doc, text);
    await waitForDiagnostics(doc.uri, podBaseline(text), 'of the pristine fixture');
  });

  async function actionsFor(ruleId: string): Promise<{ diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
    // Asked for at the diagnostic's range, as the light bulb does.
    const diagnostic = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === ruleId);
    assert.ok(diagnostic, `no ${ruleId} diagnostic`);
    const actions = await codeActions(doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    for (const a of actions) assert.ok(a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind), `"${a.title}" is not a quick fix`);
    return { diagnostic, actions };
  }

  async function applyAndCheck(action: vscode.CodeAction, want: string, diagnostics: string[]): Promise<void> {
    await apply(action);
    assert.strictEqual(doc.getText(), want, `text after "${action.title}"`);
    await waitForDiagnostics(doc.uri, diagnostics, `after "${action.title}"`);
  }

  it('secure-port: preferred quick fix removes the flag @smoke', async () => {
    // (vscode.executeCodeActionProvider does not convert CodeAction.diagnostics back, so the
    // link to the diagnostic is checked by the LSP protocol tests, not here.)
    const { actions } = await actionsFor(SECURE_PORT);
    const fix = byTitle(actions, 'Remove --secure-port (use the default 6443)');
    assert.strictEqual(fix.isPreferred, true);
    await applyAndCheck(fix, portRemoved, podBaseline(text).filter((d) => d.startsWith(TLS_FILES)));
  });

  it('secure-port: alternative quick fix sets 6443', async () => {
    const { actions } = await actionsFor(SECURE_PORT);
    const fix = byTitle(actions, 'Set --secure-port to 6443');
    assert.notStrictEqual(fix.isPreferred, true);
    await applyAndCheck(fix, port6443, [expected(TLS_FILES, 'warning', port6443, '    - kube-apiserver\n', 'kube-apiserver')]);
  });

  it('tls-files-missing: quick fix adds both flags in the list\'s style', async () => {
    const { actions } = await actionsFor(TLS_FILES);
    const fix = byTitle(actions,
      'Add --tls-cert-file=/etc/kubernetes/pki/apiserver.crt --tls-private-key-file=/etc/kubernetes/pki/apiserver.key');
    assert.strictEqual(fix.isPreferred, true);
    await applyAndCheck(fix, tlsAdded, [expected(SECURE_PORT, 'error', tlsAdded, PORT_LINE, '--secure-port=0')]);
  });

  it('fix all via vscode.executeCodeActionProvider with source.fixAll.kube-tls-lint @smoke', async () => {
    const actions = await codeActions(doc.uri, fullRange(doc), 'source.fixAll.kube-tls-lint');
    assert.strictEqual(actions.length, 1, `fix-all actions: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
    assert.strictEqual(actions[0].kind?.value, 'source.fixAll.kube-tls-lint');
    await applyAndCheck(actions[0], allFixed, [tlsLeft()]);
  });

  it('fix all from the light bulb: offered without its edit, computed when resolved', async () => {
    const diagnostic = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === SECURE_PORT);
    assert.ok(diagnostic, `no ${SECURE_PORT} diagnostic`);
    // No kind, as the light bulb asks; the command resolves the actions it returns, as choosing one does.
    const actions = await codeActions(doc.uri, diagnostic.range);
    const fix = byTitle(actions, 'Fix all auto-fixable kube-tls-lint problems');
    assert.strictEqual(fix.kind?.value, 'source.fixAll.kube-tls-lint');
    await applyAndCheck(fix, allFixed, [tlsLeft()]);
  });

  it('fix all via the editor command (editor.action.fixAll)', async () => {
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.fixAll');
    await waitForText(doc, allFixed, 'after editor.action.fixAll');
    await waitForDiagnostics(doc.uri, [tlsLeft()], 'after editor.action.fixAll');
  });

  it('fix all on save (editor.codeActionsOnSave)', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
    const onSave = { 'source.fixAll.kube-tls-lint': 'explicit' };
    const inForce = (want: unknown) =>
      waitUntil(
        [vscode.workspace.onDidChangeConfiguration],
        () => JSON.stringify(vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get('codeActionsOnSave') ?? {}) === JSON.stringify(want),
        `editor.codeActionsOnSave to be ${JSON.stringify(want)}`,
      );
    await config.update('codeActionsOnSave', onSave, vscode.ConfigurationTarget.Global, true);
    try {
      await inForce(onSave);
      // Save participants run only on a dirty document (the text on disk is the fixture's).
      // Made dirty through a text with other findings, so the findings waited for below are
      // those of the current version (a code action request about older ones gets nothing).
      if (!doc.isDirty) {
        await setText(doc, portRemoved);
        await waitForDiagnostics(doc.uri, podBaseline(text).filter((d) => d.startsWith(TLS_FILES)), 'with the port flag removed');
        await setText(doc, text);
        await waitForDiagnostics(doc.uri, podBaseline(text), 'of the pristine fixture');
      }
      assert.ok(doc.isDirty, 'the document must be dirty for the save participants to run');
      assert.ok(await doc.save(), 'save failed');
      // Awaited as events, not read at once: on a busy machine the edits of the save
      // participant can reach this extension host after the save has answered.
      await waitForText(doc, allFixed, 'after save');
      await waitUntil([vscode.workspace.onDidSaveTextDocument], () => readFileSync(doc.uri.fsPath, 'utf8') === allFixed, 'the fixed text on disk',
        () => readFileSync(doc.uri.fsPath, 'utf8'));
      await waitForDiagnostics(doc.uri, [tlsLeft()], 'after save');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
      await inForce({});
      // Put the pristine text back on disk for the tests that read the file from disk.
      await setText(doc, text);
      await doc.save();
    }
  });

  it('suppression: "disable for this line" inserts an indented next-line comment', async () => {
    const { actions } = await actionsFor(SECURE_PORT);
    const fix = byTitle(actions, new RegExp(`${SECURE_PORT}.*for this line`));
    assert.notStrictEqual(fix.isPreferred, true, 'a suppression is never the preferred fix');
    await applyAndCheck(fix, portLineDisabled,
      [expected(TLS_FILES, 'warning', portLineDisabled, '    - kube-apiserver\n', 'kube-apiserver')]);
  });

  it('suppression: "disable for this file" inserts a comment at the top', async () => {
    const { actions } = await actionsFor(TLS_FILES);
    const fix = byTitle(actions, new RegExp(`${TLS_FILES}.*for this file`));
    assert.notStrictEqual(fix.isPreferred, true, 'a suppression is never the preferred fix');
    await applyAndCheck(fix, tlsFileDisabled, [expected(SECURE_PORT, 'error', tlsFileDisabled, PORT_LINE, '--secure-port=0')]);
  });
});
