// The LSP lifecycle over stdio: what the server answers before `initialize`, to a second
// `initialize`, after `shutdown`, and the exit code of `exit`.
import * as assert from 'node:assert';
import { once } from 'node:events';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DEFAULT_CAPABILITIES, LspClient, onlyRules } from './client';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --secure-port=0\n';
const SETTINGS = { debounceMs: 0, rules: onlyRules(['apiserver-secure-port-disabled']) };
const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;

function initialize(client: LspClient): Promise<InitializeResult> {
  return client.connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: DEFAULT_CAPABILITIES });
}

/** The process's exit code, whenever it exits (listened for before anything is sent). */
function exitCodeOf(client: LspClient): Promise<number | null> {
  return once(client.process, 'exit').then(([code]) => code as number | null);
}

function rejectsWith(request: Promise<unknown>, code: number, message: RegExp): Promise<void> {
  return assert.rejects(request, (err: { code?: number; message?: string }) => {
    assert.strictEqual(err.code, code);
    assert.match(err.message ?? '', message);
    return true;
  });
}

describe('language server lifecycle (stdio)', () => {
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
  });

  it('answers requests before initialize with ServerNotInitialized and drops notifications', async () => {
    client = new LspClient({ settings: SETTINGS });
    const dropped = 'file:///tmp/kube-tls-lint-lifecycle/sent-before-initialize.yaml';
    await rejectsWith(client.codeActions(dropped, RANGE), SERVER_NOT_INITIALIZED, /^textDocument\/codeAction: the server has not been initialized/);
    await rejectsWith(client.connection.sendRequest('shutdown'), SERVER_NOT_INITIALIZED, /^shutdown: /);
    await client.open(dropped, POD);

    const init = await initialize(client);
    assert.strictEqual(init.serverInfo?.name, 'kube-tls-lint');
    await client.connection.sendNotification('initialized', {});
    // A change to the document opened too early: the server never saw it, so nothing is published.
    await client.change(dropped, 2, POD);
    // Changes are checked in the order they come: once a later one is published, the first had its turn.
    const later = 'file:///tmp/kube-tls-lint-lifecycle/sent-after-initialize.yaml';
    await client.open(later, POD);
    await client.nextDiagnostics(later, 0, (p) => p.version === 1);
    const mark = client.mark();
    await client.change(later, 2, POD);
    const published: PublishDiagnosticsParams = await client.nextDiagnostics(later, mark, (p) => p.version === 2);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['apiserver-secure-port-disabled']);
    assert.deepStrictEqual(client.publishesOf(dropped), []);
  });

  it('rejects a second initialize with InvalidRequest and keeps serving', async () => {
    ({ client } = await LspClient.start({ settings: SETTINGS }));
    await rejectsWith(initialize(client), INVALID_REQUEST, /^initialize: the server is already initialized/);
    const uri = 'file:///tmp/kube-tls-lint-lifecycle/pod.yaml';
    await client.open(uri, POD);
    const published = await client.nextDiagnostics(uri, 0);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['apiserver-secure-port-disabled']);
  });

  it('answers requests after shutdown with InvalidRequest; exit then ends with code 0', async () => {
    ({ client } = await LspClient.start({ settings: SETTINGS }));
    const exited = exitCodeOf(client);
    assert.strictEqual(await client.connection.sendRequest('shutdown'), null);
    await rejectsWith(client.codeActions('file:///tmp/kube-tls-lint-lifecycle/pod.yaml', RANGE), INVALID_REQUEST, /^textDocument\/codeAction: the server is shut down/);
    await rejectsWith(client.connection.sendRequest('shutdown'), INVALID_REQUEST, /^shutdown: the server is shut down/);
    await rejectsWith(initialize(client), INVALID_REQUEST, /^initialize: the server is shut down/);
    await client.connection.sendNotification('exit');
    assert.strictEqual(await exited, 0);
  });

  it('exits with code 1 on exit without shutdown, initialized or not', async () => {
    ({ client } = await LspClient.start({ settings: SETTINGS }));
    let exited = exitCodeOf(client);
    await client.connection.sendNotification('exit');
    assert.strictEqual(await exited, 1);
    await client.stop();

    client = new LspClient();
    exited = exitCodeOf(client);
    await client.connection.sendNotification('exit');
    assert.strictEqual(await exited, 1);
  });
});
