// Shared helpers for the extension-host tests (not a test file itself: no `.test.` in the name).
// Every wait is on an editor event (diagnostics, text changes) with a guard timer that only turns
// a hang into a failure with the last state seen; nothing sleeps.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kube-tls-lint.kube-tls-lint';
export const SOURCE = 'kube-tls-lint';
/** Guard for one wait; generous because the first lint includes server start-up. */
export const GUARD_MS = Number(process.env.E2E_WAIT_MS || 30000);
/** `vsix` when the extension under test was installed from the packaged .vsix (set by run-offline.sh). */
export const MODE = process.env.E2E_MODE || 'dev';

/** The pristine fixtures in the repo: the workspace is a temporary copy the tests may change. */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'fixtures', 'workspace');

export function original(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

export async function activate(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

/** Our diagnostics only (other extensions may lint YAML too). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

/** The rule's page shipped in the extension: a diagnostic's link opens it offline. */
export function docsPage(ruleId: string): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', `${ruleId}.md`).toString(true);
}

export function targetOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' && code !== null ? code.target.toString(true) : undefined;
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** `rule-id severity line:char-line:char` (0-based), sorted: compact and exact for assertions. */
export function summary(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${codeOf(d)} ${SEVERITY[d.severity]} ${fmtRange(d.range)}`)
    .sort();
}

export function fmtRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The range of the only occurrence of `needle` in `text`, as a VS Code range. */
export function rangeIn(text: string, needle: string): vscode.Range {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" not found`);
  assert.strictEqual(text.indexOf(needle, start + 1), -1, `"${needle}" occurs more than once`);
  return new vscode.Range(positionIn(text, start), positionIn(text, start + needle.length));
}

export function positionIn(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}

/**
 * `rule-id severity range` for the only occurrence of `needle` in `text`, or, with `inner`, for
 * the first `inner` inside that occurrence (`needle` gives the context that makes it unique).
 */
export function expected(ruleId: string, severity: string, text: string, needle: string, inner?: string): string {
  let range = rangeIn(text, needle);
  if (inner !== undefined) {
    const offset = text.indexOf(needle) + needle.indexOf(inner);
    assert.ok(needle.includes(inner), `"${inner}" is not inside "${needle}"`);
    range = new vscode.Range(positionIn(text, offset), positionIn(text, offset + inner.length));
  }
  return `${ruleId} ${severity} ${fmtRange(range)}`;
}

/**
 * Resolves with `check()`'s value once it is not undefined/false, checking now and after each
 * of `events`; rejects after the guard time with `describe()` of the last state.
 */
export function waitUntil<T>(
  events: ReadonlyArray<vscode.Event<unknown>>,
  check: () => T | undefined | false,
  what: string,
  describe: () => unknown = () => '',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      fn();
    };
    const test = () => {
      let value: T | undefined | false;
      try {
        value = check();
      } catch (err) {
        finish(() => reject(err instanceof Error ? err : new Error(String(err))));
        return;
      }
      if (value !== undefined && value !== false) finish(() => resolve(value));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${GUARD_MS} ms waiting for ${what}; last state: ${JSON.stringify(describe())}`))),
      GUARD_MS,
    );
    for (const event of events) subscriptions.push(event(test));
    test();
  });
}

/** Waits until our diagnostics of `uri` are exactly `want` (see `summary`). */
export async function waitForDiagnostics(uri: vscode.Uri, want: readonly string[], what = ''): Promise<vscode.Diagnostic[]> {
  const sorted = [...want].sort();
  const key = JSON.stringify(sorted);
  return waitUntil(
    [vscode.languages.onDidChangeDiagnostics],
    () => {
      const diagnostics = ours(uri);
      return JSON.stringify(summary(diagnostics)) === key ? diagnostics : undefined;
    },
    `diagnostics of ${path.basename(uri.path)} ${what} to be ${key}`,
    () => summary(ours(uri)),
  );
}

/** Waits until the document's text is exactly `text`. */
export async function waitForText(doc: vscode.TextDocument, text: string, what = ''): Promise<void> {
  await waitUntil(
    [vscode.workspace.onDidChangeTextDocument],
    () => doc.getText() === text,
    `the text of ${path.basename(doc.uri.path)} ${what}`,
    () => doc.getText(),
  );
}

export async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

export function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), doc.positionAt(doc.getText().length));
}

/** Replaces the whole text (like a paste over everything) and checks that it applied. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, fullRange(doc), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the edit');
  assert.strictEqual(doc.getText(), text);
}

export async function insert(doc: vscode.TextDocument, offset: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(offset), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the insert');
}

export async function remove(doc: vscode.TextDocument, start: number, end: number): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.delete(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)));
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the delete');
}

/** Code actions as the editor's light bulb gets them (edits resolved). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider', uri, range, kind, 100);
  // A bare Command has a string `command`; a CodeAction's `command` is optional and an object.
  return (result ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

export function byTitle(actions: readonly vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const found = actions.filter((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.strictEqual(found.length, 1, `one action titled ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  return found[0];
}

export async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit || action.command, `action "${action.title}" has neither an edit nor a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit refused "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** A command contributed by the extension, found by its title (ids are the client's business). */
export function commandByTitle(ext: vscode.Extension<unknown>, title: RegExp): string {
  const commands = ((ext.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string; category?: string }> } })
    .contributes?.commands ?? []);
  const found = commands.filter((c) => title.test(`${c.category ? `${c.category}: ` : ''}${c.title}`));
  assert.strictEqual(found.length, 1, `one contributed command matching ${title} among ${JSON.stringify(commands)}`);
  return found[0].command;
}

export const POD = 'control-plane/kube-apiserver.yaml';

/** The two findings of the untouched static pod fixture. */
export function podBaseline(text: string): string[] {
  return [
    expected('apiserver-tls-files-missing', 'warning', text, '    - kube-apiserver\n', 'kube-apiserver'),
    expected('apiserver-secure-port-disabled', 'error', text, '    - --secure-port=0\n', '--secure-port=0'),
  ];
}
