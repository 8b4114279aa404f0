// What a finding says about its rule in the editor: the hover, the rule's page in the Markdown
// preview, and turning the rule off in the workspace settings or in .kube-tls-lint.yaml.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  activate, apply, byTitle, codeActions, codeOf, docsPage, expected, fileUri, open, original, POD, podBaseline, setText,
  waitForDiagnostics, waitUntil,
} from './helpers';

const SECURE_PORT = 'apiserver-secure-port-disabled';
const TLS_FILES = 'apiserver-tls-files-missing';
const text = original(POD);
const tlsOnly = [expected(TLS_FILES, 'warning', text, '    - kube-apiserver\n', 'kube-apiserver')];

describe('rule help', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    await activate();
  });

  beforeEach(async () => {
    ({ doc } = await open(POD));
    await setText(doc, text);
    await waitForDiagnostics(doc.uri, podBaseline(text), 'of the pristine fixture');
  });

  async function actionsFor(ruleId: string): Promise<vscode.CodeAction[]> {
    const diagnostic = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === ruleId);
    assert.ok(diagnostic, `no ${ruleId} diagnostic`);
    return codeActions(doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  }

  it('hovers a finding with the rule\'s why, how to fix, sources and page @smoke', async () => {
    const diagnostic = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === SECURE_PORT)!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, diagnostic.range.start.translate(0, 2));
    const ours = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).filter((v) => v.includes(SECURE_PORT));
    assert.strictEqual(ours.length, 1, JSON.stringify(hovers));
    const parts = ours[0].split('\n\n');
    assert.strictEqual(parts[0], "--secure-port=0 turns off the API server's HTTPS listener.");
    assert.ok(parts[1].startsWith(`\`${SECURE_PORT}\` · error · [Documentation](`), parts[1]);
    assert.ok(parts[2].startsWith('**Why:** '), parts[2]);
    assert.ok(parts[3].startsWith('**How to fix:** '), parts[3]);
    assert.strictEqual(parts[4], '**Sources:** KICS 3d24b204-b73d-42cb-b0bf-1a5438c5f71e (Secure Port Set To Zero \\(High\\)) · Checkov CKV\\_K8S\\_89');
  });

  it('"Turn off … in workspace settings" sets the rule off there', async () => {
    const rules = () => vscode.workspace.getConfiguration('kubeTlsLint');
    try {
      await apply(byTitle(await actionsFor(SECURE_PORT), `Turn off ${SECURE_PORT} in workspace settings`));
      assert.deepStrictEqual(rules().inspect('rules')?.workspaceValue, { [SECURE_PORT]: 'off' });
      await waitForDiagnostics(doc.uri, tlsOnly, 'with the rule off in the settings');
    } finally {
      await rules().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(doc.uri, podBaseline(text), 'with the setting removed');
  });

  it('"Turn off … in .kube-tls-lint.yaml" creates the project file', async () => {
    const config = fileUri('.kube-tls-lint.yaml');
    try {
      await apply(byTitle(await actionsFor(SECURE_PORT), `Turn off ${SECURE_PORT} in .kube-tls-lint.yaml`));
      const created = await vscode.workspace.openTextDocument(config);
      assert.strictEqual(created.getText(), `rules:\n  ${SECURE_PORT}: off\n`);
      await created.save();
      await waitForDiagnostics(doc.uri, tlsOnly, 'with the rule off in the project file');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForDiagnostics(doc.uri, podBaseline(text), 'with the project file gone');
  });

  // Last: the preview opens beside the manifest.
  it('"Show documentation" opens the bundled page in the Markdown preview @smoke', async () => {
    const action = byTitle(await actionsFor(SECURE_PORT), `Show documentation for ${SECURE_PORT}`);
    assert.ok(fs.existsSync(vscode.Uri.parse(docsPage(SECURE_PORT)).fsPath), 'the page is shipped');
    await apply(action);
    await waitUntil([vscode.window.tabGroups.onDidChangeTabs], () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes(`${SECURE_PORT}.md`)),
      'a tab with the rule\'s page', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label));
  });
});
