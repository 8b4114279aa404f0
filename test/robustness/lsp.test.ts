/**
 * The language server under malformed traffic and random edit sequences: it keeps answering,
 * and the diagnostics it publishes last always equal a fresh lint of the final text.
 * Runs `node dist/server.js --stdio` (built by `npm test`); skipped when it is not built.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from '../../bench/lsp-client';
import { lint } from '../../shared/engine';
import { LineIndex } from '../../shared/model/text';

const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --secure-port=0\n    - --tls-cert-file=/pki/a.crt\n';
const ECK = 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: es\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n';
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** What the server must show for `text`: the engine's findings as LSP diagnostics. */
function expected(text: string) {
  const result = lint(text);
  return result.findings.map((f) => ({
    code: f.ruleId,
    message: f.message,
    severity: SEVERITY[f.severity],
    range: { start: result.lines.positionAt(f.range.start), end: result.lines.positionAt(f.range.end) },
  }));
}

const shown = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).map((d) => ({ code: d.code, message: d.message, severity: d.severity, range: d.range }));

/** A request that must be answered: proof the server is still alive and responsive. */
async function stillAnswers(client: LspClient): Promise<void> {
  assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: 'kube-tls-lint.no-such-command' }), null);
  assert.ok(client.alive);
}

describe('robustness: language server', function () {
  this.timeout(20000);
  let client: LspClient;
  let n = 0;
  const uri = () => `file:///robustness/doc-${++n}.yaml`;

  before(async function () {
    if (!existsSync(SERVER)) this.skip();
    client = LspClient.start({ command: process.execPath, args: [SERVER, '--stdio'], settings: (section) => (section === 'kubeTlsLint' ? { debounceMs: 0 } : null) });
    await client.initialize(null);
  });

  after(async () => {
    await client?.stop();
  });

  /** Opens a document and returns its first diagnostics. */
  async function open(u: string, text: string, version = 1): Promise<Diagnostic[]> {
    const after = client.lastSeq;
    await client.open(u, text, version);
    return (await client.waitFor((p) => p.uri === u && p.version === version, 10000, after)).diagnostics;
  }

  describe('malformed traffic', () => {
    it('an unknown request gets MethodNotFound; unknown notifications are ignored', async () => {
      await assert.rejects(client.connection.sendRequest('kube-tls-lint/no-such-method', { x: 1 }), (err: { code?: number }) => err.code === -32601);
      await client.connection.sendNotification('kube-tls-lint/no-such-notification', { x: 1 });
      await client.connection.sendNotification('$/cancelRequest', { id: 999999 });
      await stillAnswers(client);
    });

    it('bytes that are not JSON-RPC are logged and skipped', async () => {
      const stdin = client.process.stdin!;
      stdin.write('Content-Length: 7\r\n\r\n{oops}!');
      stdin.write('Content-Length: 28\r\n\r\n{"jsonrpc":"2.0","method":1}');
      stdin.write('Content-Length: 2\r\n\r\n[]');
      await stillAnswers(client);
    });

    it('requests about documents the server never saw answer with nothing', async () => {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///never/opened.yaml' }, range, context: { diagnostics: [] } }), []);
      await client.change('file:///never/opened.yaml', 2, [{ text: POD }]);
      await client.close('file:///never/opened.yaml');
      await stillAnswers(client);
    });

    it('parameters of the wrong shape are rejected or ignored', async () => {
      await assert.rejects(client.connection.sendRequest('textDocument/codeAction', null));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///robustness/no-text.yaml' } });
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///robustness/no-text.yaml' }, contentChanges: 'x' });
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: 42 });
      await stillAnswers(client);
    });

    it('out-of-range positions are clamped: edits and code actions past the end', async () => {
      const u = uri();
      assert.deepEqual(shown(await open(u, POD)), expected(POD));
      const after = client.lastSeq;
      const far = { line: 9999, character: 9999 };
      await client.change(u, 2, [{ range: { start: far, end: far }, text: '    - --insecure-port=8080\n' }]);
      const text = POD + '    - --insecure-port=8080\n';
      const published = await client.waitFor((p) => p.uri === u && p.version === 2, 10000, after);
      assert.deepEqual(shown(published.diagnostics), expected(text));
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 500, character: 3 }, end: far },
        context: { diagnostics: [{ range: { start: { line: -5, character: -1 }, end: far }, message: 'x', code: 'apiserver-secure-port-disabled', source: 'kube-tls-lint' }] },
      });
      assert.ok(Array.isArray(actions));
      await stillAnswers(client);
    });

    it('a change with an older version number is applied and published with that version', async () => {
      const u = uri();
      await open(u, POD, 10);
      const after = client.lastSeq;
      await client.change(u, 3, [{ text: ECK }]);
      const published = await client.waitFor((p) => p.uri === u && p.version === 3, 10000, after);
      assert.deepEqual(shown(published.diagnostics), expected(ECK));
      // A code action request for the version before is answered with nothing stale.
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 9, character: 4 }, end: { line: 9, character: 20 } },
        context: { diagnostics: [{ range: { start: { line: 9, character: 6 }, end: { line: 9, character: 21 } }, message: 'x', code: 'apiserver-secure-port-disabled', source: 'kube-tls-lint', data: { version: 10 } }] },
      });
      assert.deepEqual(actions, []);
      await stillAnswers(client);
    });

    it('a document opened twice and closed twice', async () => {
      const u = uri();
      await open(u, POD);
      await open(u, ECK, 2);
      await client.close(u);
      await client.close(u);
      await stillAnswers(client);
    });
  });

  describe('incremental consistency', () => {
    /** One LSP edit: a range of the current text replaced by a piece of YAML or junk. */
    const editArb = fc.record({
      at: fc.nat(),
      del: fc.nat({ max: 12 }),
      insert: fc.oneof(
        fc.constantFrom('\n', '\r\n', ' ', '  ', '- ', ': ', '#', '---\n', '"', '[', ']', '{{ .Values.x }}', '    - --secure-port=0\n', 'x', 'kube-apiserver', '\t', '&a ', '*a', 'disabled: false'),
        fc.string({ maxLength: 4 }),
      ),
    });

    /** Keeps an offset off the middle of a CRLF pair, which LSP positions cannot address. */
    const settle = (text: string, offset: number) => (text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset);

    it('after any sequence of edits the last published diagnostics equal a fresh lint', async function () {
      const runs = Number(process.env.FC_RUNS ?? 0) || 12;
      this.timeout(10000 + runs * 1500);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(POD, ECK, POD + '---\n' + ECK, POD.replace(/\n/g, '\r\n')), fc.array(editArb, { minLength: 1, maxLength: 25 }), async (start, edits) => {
          const u = uri();
          let text = start;
          await open(u, text);
          let version = 1;
          // Sent back to back, as fast typing does: the server must end on the final text.
          for (const e of edits) {
            const lines = new LineIndex(text);
            const from = settle(text, text.length ? e.at % (text.length + 1) : 0);
            const to = settle(text, Math.min(text.length, from + e.del));
            await client.change(u, ++version, [{ range: { start: lines.positionAt(from), end: lines.positionAt(to) }, text: e.insert }]);
            text = text.slice(0, from) + e.insert + text.slice(to);
          }
          const final = await client.waitFor((p) => p.uri === u && p.version === version, 10000, 0);
          assert.deepEqual(shown(final.diagnostics), expected(text), `final text:\n${JSON.stringify(text)}`);
          await client.close(u);
        }),
        // `FC_SEED=random FC_RUNS=200` explores further.
        { numRuns: runs, seed: process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 0) || 31337 },
      );
      await stillAnswers(client);
    });
  });
});
