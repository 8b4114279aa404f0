// kubeTlsLint.maxProblemsPerFile over the protocol: open documents and scanned files (the big
// ones linted on the worker thread) publish at most that many problems plus one notice.
import * as assert from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileUri, fmt, LspClient, onlyRules, positionAt } from './client';

const RULES = onlyRules(['apiserver-tls-files-missing', 'apiserver-secure-port-disabled']);
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --secure-port=0\n';

/** `count` pods, each with a warning on `kube-apiserver` and an error on `--secure-port=0`. */
function pods(count: number): string {
  return Array.from({ length: count }, () => POD).join('---\n');
}

/** The line:character range of the n-th (0-based) occurrence of `needle`, or of its first `length` characters. */
function nth(text: string, needle: string, n: number, length = needle.length): string {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  const start = positionAt(text, at);
  const end = positionAt(text, at + length);
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

describe('problems per file (stdio)', () => {
  let client: LspClient;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-cap-'));
  });

  afterEach(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an open document shows the most severe problems up to the cap and one notice on the first left out', async () => {
    ({ client } = await LspClient.start({ settings: { rules: RULES, maxProblemsPerFile: 3 } }));
    const uri = 'file:///tmp/kube-tls-lint-cap/pods.yaml';
    const text = pods(4);
    await client.open(uri, text);
    const { diagnostics } = await client.nextDiagnostics(uri, 0);
    assert.deepStrictEqual(diagnostics.map((d) => `${d.code} ${['', 'error', 'warning', 'info'][d.severity!]} ${fmt(d.range)}`), [
      `apiserver-secure-port-disabled error ${nth(text, '--secure-port=0', 0)}`,
      `apiserver-secure-port-disabled error ${nth(text, '--secure-port=0', 1)}`,
      `apiserver-secure-port-disabled error ${nth(text, '--secure-port=0', 2)}`,
      // No rule id: the notice, on the first pod's warning (the kube-apiserver command).
      `undefined info ${nth(text, 'kube-apiserver\n    - --secure-port', 0, 'kube-apiserver'.length)}`,
    ]);
    assert.strictEqual(diagnostics[3].message, 'kube-tls-lint: 5 more problems in this file are not shown (kubeTlsLint.maxProblemsPerFile is 3).');
  });

  it('a scanned file linted on the worker thread publishes 1000 problems by default, and the notice', async () => {
    // 900 pods: 1,800 findings in a file over the worker's 128 K characters.
    const text = pods(900);
    assert.ok(text.length > 128 * 1024);
    writeFileSync(path.join(dir, 'pods.yaml'), text);
    ({ client } = await LspClient.start({ folders: [dir], settings: { rules: RULES } }));
    const uri = fileUri(path.join(dir, 'pods.yaml'));
    const { diagnostics } = await client.nextDiagnostics(uri, 0);
    assert.ok(client.logs.includes('Workspace scan: linting files on a worker thread.'), client.logs.join('\n'));
    assert.strictEqual(diagnostics.length, 1001);
    // The 900 errors, then the first 100 warnings in text order; the 101st warning holds the notice.
    assert.strictEqual(diagnostics.filter((d) => d.code === 'apiserver-secure-port-disabled').length, 900);
    const warnings = diagnostics.filter((d) => d.code === 'apiserver-tls-files-missing');
    assert.strictEqual(warnings.length, 100);
    assert.deepStrictEqual(warnings[99].range, { start: { line: 99 * 11 + 8, character: 6 }, end: { line: 99 * 11 + 8, character: 20 } });
    const notice = diagnostics[1000];
    assert.strictEqual(notice.message, 'kube-tls-lint: 800 more problems in this file are not shown (kubeTlsLint.maxProblemsPerFile is 1000).');
    assert.deepStrictEqual(notice.range, { start: { line: 100 * 11 + 8, character: 6 }, end: { line: 100 * 11 + 8, character: 20 } });
  });
});
