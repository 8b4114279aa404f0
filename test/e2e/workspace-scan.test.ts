// The workspace scan: findings of files nobody opened reach the Problems list, stay fresh when
// files appear or disappear on disk, and nothing else in the folder is flagged.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activate, commandByTitle, expected, fileUri, original, SOURCE, summary, waitForDiagnostics, waitUntil, workspaceRoot,
} from './helpers';

const LEGACY = 'scan-only/legacy-apiserver.yaml';
const ADDED = 'scan-only/added-apiserver.yaml';
const UNWATCHED = 'unwatched/manual-apiserver.yaml';
const text = original(LEGACY);
const legacyFinding = [expected('apiserver-secure-port-disabled', 'error', text, '--secure-port\n    - "0"')];

/** Files of the fixture workspace that have findings on disk; everything else must stay clean. */
const FLAGGED_ON_DISK = ['control-plane/kube-apiserver.yaml', 'eck/elasticsearch.yaml', LEGACY];

function problems(): Map<string, string[]> {
  const root = workspaceRoot().fsPath;
  const result = new Map<string, string[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === SOURCE);
    if (ours.length) result.set(path.relative(root, uri.fsPath).split(path.sep).join('/'), summary(ours));
  }
  return result;
}

describe('workspace scan', () => {
  let ext: vscode.Extension<unknown>;

  before(async () => {
    ext = await activate();
  });

  it('lists findings of a file that was never opened @smoke', async () => {
    const uri = fileUri(LEGACY);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${LEGACY} is open`);
    const [diagnostic] = await waitForDiagnostics(uri, legacyFinding, '(from the scan)');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    // The Problems panel reads this list.
    assert.deepStrictEqual(problems().get(LEGACY), legacyFinding);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the scan opened the file in the editor');
  });

  it('"Scan Workspace" finds a file the file watcher does not report', async () => {
    const unwatched = fileUri(UNWATCHED);
    fs.mkdirSync(path.dirname(unwatched.fsPath), { recursive: true });
    fs.writeFileSync(unwatched.fsPath, text);
    // A file created after it in a watched folder shows up through the watcher; file events are
    // handled in order, so by then the unwatched file would have shown up too if it were watched.
    const added = fileUri(ADDED);
    fs.writeFileSync(added.fsPath, text);
    await waitForDiagnostics(added, legacyFinding, 'of a file created on disk');
    assert.strictEqual(problems().get(UNWATCHED), undefined, 'files.watcherExclude did not apply; the test proves nothing');
    // The command resolves when the scan is done.
    await vscode.commands.executeCommand(commandByTitle(ext, /Scan Workspace/));
    await waitForDiagnostics(unwatched, legacyFinding, 'after Scan Workspace');
  });

  it('drops findings of files deleted on disk', async () => {
    fs.unlinkSync(fileUri(ADDED).fsPath);
    fs.unlinkSync(fileUri(LEGACY).fsPath);
    await waitUntil([vscode.languages.onDidChangeDiagnostics], () => !problems().has(ADDED) && !problems().has(LEGACY),
      'the deleted files to leave the Problems list', () => [...problems().keys()]);
    // Without watcher events, the next scan notices the file is gone.
    fs.unlinkSync(fileUri(UNWATCHED).fsPath);
    await vscode.commands.executeCommand(commandByTitle(ext, /Scan Workspace/));
    await waitUntil([vscode.languages.onDidChangeDiagnostics], () => !problems().has(UNWATCHED),
      'the unwatched deleted file to leave the Problems list after a scan', () => [...problems().keys()]);
  });

  it('the status bar counts what the Problems panel lists (no hints) @smoke', async () => {
    const api = ext.exports as { status: { text: string; tooltip: string }; onDidChangeStatus: vscode.Event<void> };
    assert.ok(api && typeof api.onDidChangeStatus === 'function', 'activate() returns the status API');
    await vscode.commands.executeCommand(commandByTitle(ext, /Scan Workspace/));
    // The Problems panel lists errors, warnings and infos, never hints.
    const listed = () => [...problems().values()].map((list) => list.filter((d) => d.split(' ')[1] !== 'hint')).filter((list) => list.length > 0);
    const total = () => listed().reduce((n, list) => n + list.length, 0);
    const files = () => listed().length;
    // Counts are sent coalesced after the diagnostics: wait for the status to catch up.
    const status = await waitUntil(
      [api.onDidChangeStatus, vscode.languages.onDidChangeDiagnostics],
      () => (api.status.text.endsWith(`kube-tls-lint ${total()}`) && api.status.tooltip.includes(` in ${files()} file`) ? api.status : undefined),
      'the status bar to show the finding count',
      () => [api.status, total(), files()],
    );
    assert.ok(total() > 0, 'the fixture workspace has findings');
    assert.match(status.text, /^\$\(error\) kube-tls-lint \d+$/, 'errors among them: the error icon');
    assert.match(status.tooltip, /^kube-tls-lint: \d+ errors?(, \d+ warnings?)?(, \d+ infos?)? in \d+ files?(; \d+ hints? \(shown in the editor, not in the Problems panel\))?\. Click to show the output\.$/);
  });

  it('"Show Report" opens a page counting the findings the editor shows, each linked @smoke', async () => {
    const html = await vscode.commands.executeCommand<string>(commandByTitle(ext, /Show Report/));
    const shown = [...problems().values()].reduce((n, list) => n + list.length, 0);
    assert.match(html, new RegExp(`<p id="summary" data-total="${shown}" data-files="${problems().size}">`));
    const links = [...html.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]);
    assert.strictEqual(links.length, shown);
    for (const link of links) assert.ok(link.startsWith('command:vscode.open?'), link);
    await waitUntil([vscode.window.tabGroups.onDidChangeTabs], () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'kube-tls-lint Report'),
      'the report tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label));
  });

  // Runs after a completed scan (the command above), so every file of the folder was checked.
  it('flags nothing else in the folder (Helm chart, CI workflow, clean Deployment)', () => {
    const unexpected = [...problems().keys()].filter((f) => !FLAGGED_ON_DISK.includes(f));
    assert.deepStrictEqual(unexpected, [], JSON.stringify(Object.fromEntries(problems())));
  });
});
