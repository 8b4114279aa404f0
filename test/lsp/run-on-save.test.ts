// `kubeTlsLint.run: onSave`: an open document is checked when opened and when saved, not while typing.
import * as assert from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, LspClient, onlyRules, SEED_RULES } from './client';

const POD_TEXT = readFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), 'utf8');
const URI = 'file:///tmp/kube-tls-lint-lsp-test/on-save.yaml';
const PORT = 'apiserver-secure-port-disabled';
const TLS = 'apiserver-tls-files-missing';

describe('kubeTlsLint.run (stdio)', () => {
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  it('with onSave, checks an edited document only when it is saved', async () => {
    // Two folders: one checked on save, one while typing, both with no debounce.
    const root = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-run-'));
    try {
      const onSave = path.join(root, 'on-save');
      const onType = path.join(root, 'on-type');
      mkdirSync(onSave);
      mkdirSync(onType);
      const onSaveUri = pathToFileURL(onSave).href;
      const common = { rules: onlyRules(SEED_RULES), debounceMs: 0, workspaceScan: { enable: false } };
      ({ client } = await LspClient.start({ folders: [onSave, onType], settingsFor: (scope) => (scope === onSaveUri ? { ...common, run: 'onSave' } : common) }));
      const saved = pathToFileURL(path.join(onSave, 'pod.yaml')).href;
      const typed = pathToFileURL(path.join(onType, 'pod.yaml')).href;
      await client.open(saved, POD_TEXT);
      await client.open(typed, POD_TEXT);
      const opened = await client.nextDiagnostics(saved, 0, (p) => p.version === 1);
      assert.deepStrictEqual(opened.diagnostics.map((d) => d.code).sort(), [TLS, PORT].sort());
      await client.nextDiagnostics(typed, 0, (p) => p.version === 1);
      const mark = client.mark();
      const edited = POD_TEXT.replace('    - --secure-port=0\n', '');
      await client.change(saved, 2, edited);
      await client.change(typed, 2, edited);
      // The same debounce, started later: once the second is checked, the first would have been.
      await client.nextDiagnostics(typed, mark, (p) => p.version === 2);
      assert.deepStrictEqual(client.publishesOf(saved, mark), [], 'no check while typing');
      await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: saved } });
      const afterSave = await client.nextDiagnostics(saved, mark, (p) => p.version === 2);
      assert.deepStrictEqual(afterSave.diagnostics.map((d) => d.code), [TLS]);
    } finally {
      await client?.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('warns about an unknown value and checks while typing', async () => {
    ({ client } = await LspClient.start({ settings: { rules: onlyRules(SEED_RULES), debounceMs: 0, run: 'sometimes' } }));
    await client.open(URI, POD_TEXT);
    await client.nextDiagnostics(URI, 0, (p) => p.version === 1);
    const mark = client.mark();
    await client.change(URI, 2, POD_TEXT.replace('    - --secure-port=0\n', ''));
    const typed = await client.nextDiagnostics(URI, mark, (p) => p.version === 2);
    assert.deepStrictEqual(typed.diagnostics.map((d) => d.code), [TLS]);
    assert.ok(client.shownMessages.some((m) => m.includes('kubeTlsLint.run must be "onType" or "onSave", not "sometimes"; using "onType".')), client.shownMessages.join('\n'));
  });
});
