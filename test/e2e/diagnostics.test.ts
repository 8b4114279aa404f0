// Diagnostics in the real editor: exact ranges, source/code/doc link, and live updates while typing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activate, codeOf, docsPage, expected, insert, MODE, open, original, ours, POD, podBaseline, remove, setText, SOURCE,
  summary, targetOf, waitForDiagnostics,
} from './helpers';

const DEPLOYMENT = 'apps/apiserver-deployment.yaml';

describe('diagnostics', () => {
  it('activates the extension under test @smoke', async () => {
    const ext = await activate();
    assert.ok(ext.isActive);
    const root = path.resolve(__dirname, '..', '..', '..');
    if (MODE === 'vsix') {
      // Installed from the .vsix: a copy under the extensions dir holding only the packaged files.
      assert.notStrictEqual(path.resolve(ext.extensionPath), root, 'the repo is loaded, not the installed .vsix');
      assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.js')), 'dist/server.js is not in the .vsix');
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'client')), 'sources were packaged');
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'node_modules were packaged');
    } else {
      assert.strictEqual(path.resolve(ext.extensionPath), root);
    }
  });

  it('flags the static pod at exact ranges with source, code and documentation link @smoke', async () => {
    const text = original(POD);
    const { doc } = await open(POD);
    assert.strictEqual(doc.languageId, 'yaml');
    await setText(doc, text); // other suites may have edited it (never saved)
    const diagnostics = await waitForDiagnostics(doc.uri, podBaseline(text));
    const byCode = new Map(diagnostics.map((d) => [codeOf(d), d]));

    const tls = byCode.get('apiserver-tls-files-missing')!;
    assert.strictEqual(tls.source, SOURCE);
    assert.strictEqual(tls.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(tls.range), 'kube-apiserver');
    assert.deepStrictEqual([tls.range.start.line, tls.range.start.character, tls.range.end.line, tls.range.end.character], [15, 6, 15, 20]);
    assert.strictEqual(tls.message,
      'kube-apiserver is missing --tls-cert-file and --tls-private-key-file: it will serve a self-signed certificate clients cannot verify.');
    assert.strictEqual(targetOf(tls), docsPage('apiserver-tls-files-missing'));

    const port = byCode.get('apiserver-secure-port-disabled')!;
    assert.strictEqual(port.source, SOURCE);
    assert.strictEqual(port.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(port.range), '--secure-port=0');
    assert.deepStrictEqual([port.range.start.line, port.range.start.character, port.range.end.line, port.range.end.character], [28, 6, 28, 21]);
    assert.strictEqual(port.message, '--secure-port=0 turns off the API server\'s HTTPS listener.');
    assert.strictEqual(targetOf(port), docsPage('apiserver-secure-port-disabled'));
  });

  it('updates while typing --secure-port=0 in and out, with no stale result', async () => {
    const text = original(DEPLOYMENT);
    const { doc } = await open(DEPLOYMENT);
    assert.strictEqual(doc.getText(), text, 'the deployment fixture was changed by an earlier test');
    const anchor = '        - kube-apiserver\n';
    const at = text.indexOf(anchor) + anchor.length;
    const line = '        - --secure-port=0\n';
    const withPort = text.slice(0, at) + line + text.slice(at);

    // One edit in, one edit out: each state is published.
    await insert(doc, at, line);
    await waitForDiagnostics(doc.uri, [expected('apiserver-secure-port-disabled', 'error', withPort, '--secure-port=0')], 'after adding the flag');
    await remove(doc, at, at + line.length);
    assert.strictEqual(doc.getText(), text);
    await waitForDiagnostics(doc.uri, [], 'after removing the flag');

    // Keystrokes: type the line character by character and delete it the same way, without
    // waiting in between, then a sentinel edit with a different finding. Results for one
    // document arrive in version order, so a secure-port result after the sentinel's is stale.
    const history: string[][] = [];
    const recorder = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString())) history.push(summary(ours(doc.uri)));
    });
    try {
      for (let i = 0; i < line.length; i++) await insert(doc, at + i, line[i]);
      assert.strictEqual(doc.getText(), withPort);
      for (let i = line.length; i > 0; i--) await remove(doc, at + i - 1, at + i);
      assert.strictEqual(doc.getText(), text);
      const keyLine = '        - --tls-private-key-file=/pki/apiserver.key\n';
      const keyAt = text.indexOf(keyLine);
      await remove(doc, keyAt, keyAt + keyLine.length);
      const sentinel = text.slice(0, keyAt) + text.slice(keyAt + keyLine.length);
      const sentinelState = [expected('apiserver-tls-files-missing', 'warning', sentinel, anchor, 'kube-apiserver')];
      const [missing] = await waitForDiagnostics(doc.uri, sentinelState, 'after the sentinel edit');
      assert.strictEqual(missing.message,
        'kube-apiserver is missing --tls-private-key-file: it will serve a self-signed certificate clients cannot verify.');
      const seenAt = history.findIndex((h) => JSON.stringify(h) === JSON.stringify(sentinelState));
      // Put the line back: the final state is empty, and nothing after the sentinel mentions the port.
      await insert(doc, keyAt, keyLine);
      assert.strictEqual(doc.getText(), text);
      await waitForDiagnostics(doc.uri, [], 'after restoring the file');
      const late = history.slice(Math.max(seenAt, 0)).filter((h) => h.some((s) => s.startsWith('apiserver-secure-port-disabled ')));
      assert.deepStrictEqual(late, [], `stale secure-port results after the sentinel; history: ${JSON.stringify(history)}`);
    } finally {
      recorder.dispose();
    }
  });
});
