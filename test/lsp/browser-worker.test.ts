// The web extension's language server (dist/browserServer.js) in a real Web Worker: Chromium
// (through playwright-core) loads the bundle from a page, and the test speaks LSP to it over
// postMessage, as VS Code for the Web's client does. The worker has no file system: the
// workspace scan asks the client for the files (kubeTlsLint/findFiles, kubeTlsLint/readFile).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  DataCallback,
  Disposable,
  Message,
  MessageConnection,
} from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, Hover, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver';
import { FIND_FILES_REQUEST, FindFilesParams, READ_FILE_REQUEST, ReadFileParams, ReadFileResult } from '../../shared/clientFiles';
import { applyWorkspaceEdit, DEFAULT_CAPABILITIES, GUARD_MS, onlyRules, REPO, SEED_RULES, waitUntil } from './client';

const CHROMIUM = process.env.CHROMIUM || '/usr/lib/chromium/chromium';
const BUNDLE = path.join(REPO, 'dist', 'browserServer.js');
/** The page and the bundle are served under this origin (routed by the test, never fetched). */
const ORIGIN = 'http://kube-tls-lint.test';
const FOLDER = 'vscode-vfs://github/example/cluster';
const DOCS = 'https://kube-tls-lint.test/extension/docs/rules';

const MANIFEST = readFileSync(path.join(REPO, 'examples', 'kube-apiserver.yaml'), 'utf8');
const UNOPENED = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    command: [kube-apiserver, --secure-port=0, --tls-cert-file=/pki/a.crt, --tls-private-key-file=/pki/a.key]
`;

const KUSTOMIZATION = 'resources: [../base]\npatches:\n- path: patches/web.yaml\n';
/** A patch: a partial Ingress (its TLS is set in the base). */
const PATCH = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
`;

/** Messages from the worker reach Node through a function the page calls (exposeBinding). */
class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  deliver(message: Message): void {
    this.callback?.(message);
  }
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
}

class PageWriter extends AbstractMessageWriter {
  constructor(private readonly page: Page) {
    super();
  }
  async write(message: Message): Promise<void> {
    await this.page.evaluate((m) => (globalThis as unknown as { toWorker: (m: unknown) => void }).toWorker(m), message as unknown as Record<string, unknown>);
  }
  end(): void {}
}

/** A minimal LSP client for the worker; waits resolve on the server's own messages, nothing sleeps. */
class WorkerClient {
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly fileRequests: string[] = [];
  settings: Record<string, unknown> = {};
  files = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly connection: MessageConnection) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publishes.push(p);
      this.changed();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.changed();
    });
    connection.onNotification('window/showMessage', (p: { message: string }) => void this.logs.push(p.message));
    connection.onNotification('kubeTlsLint/status', () => {});
    connection.onNotification('$/progress', () => {});
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((i) => (i.section === 'kubeTlsLint' ? this.settings : null)));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest(FIND_FILES_REQUEST, (p: FindFilesParams) => {
      this.fileRequests.push(`find ${p.folderUri} ${p.names.join(',')}`);
      return [...this.files.keys()].filter((uri) => uri.startsWith(`${p.folderUri}/`));
    });
    const readFile = (p: ReadFileParams): ReadFileResult => {
      this.fileRequests.push(`read ${p.uri}`);
      const text = this.files.get(p.uri);
      return text === undefined ? { error: 'no such file' } : { text };
    };
    connection.onRequest(READ_FILE_REQUEST, readFile as (p: ReadFileParams) => unknown);
    connection.listen();
  }

  waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
    return waitUntil(this.listeners, check, { timedOut: () => `timed out after ${GUARD_MS} ms waiting for ${what}; logs: ${this.logs.slice(-10).join(' | ')}` });
  }

  nextDiagnostics(uri: string, from: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.publishes.slice(from).find((p) => p.uri === uri && accept(p)), `diagnostics of ${uri}`);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

const summary = (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('browser language server (dist/browserServer.js in a Web Worker)', function () {
  this.timeout(60000);
  let browser: Browser | undefined;
  let page: Page;
  let client: WorkerClient;
  let init: InitializeResult;
  const pageErrors: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM) || !existsSync(BUNDLE)) this.skip();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>worker</title>' });
      if (url === `${ORIGIN}/browserServer.js`) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(BUNDLE, 'utf8') });
      return route.abort();
    });
    const reader = new PageReader();
    await page.exposeBinding('fromWorker', (_source, message: Message) => reader.deliver(message));
    await page.goto(`${ORIGIN}/`);
    // What a worker sees of Node: nothing (the bundle must not need it). In-page code is a string: the project's TypeScript has no DOM library.
    const globals = await page.evaluate(`new Promise((resolve) => {
      const probe = new Worker(URL.createObjectURL(new Blob(['postMessage([typeof process, typeof require, typeof Buffer].join())'], { type: 'text/javascript' })));
      probe.onmessage = (e) => resolve(String(e.data));
    })`);
    assert.equal(globals, 'undefined,undefined,undefined');
    await page.evaluate(`(() => {
      const worker = new Worker('/browserServer.js');
      globalThis.workerErrors = [];
      worker.onerror = (e) => globalThis.workerErrors.push(e.message);
      worker.onmessage = (e) => globalThis.fromWorker(e.data);
      globalThis.toWorker = (m) => worker.postMessage(m);
    })()`);
    client = new WorkerClient(createMessageConnection(reader, new PageWriter(page)));
    client.files.set(`${FOLDER}/manifests/unopened.yaml`, UNOPENED);
    client.files.set(`${FOLDER}/vendor/excluded.yaml`, UNOPENED);
    client.files.set(`${FOLDER}/overlays/kustomization.yaml`, KUSTOMIZATION);
    client.files.set(`${FOLDER}/charts/web/Chart.yaml`, 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    // The editor settings reach the worker as they reach the Node server (workspace/configuration).
    client.settings = { rules: onlyRules([...SEED_RULES, 'apiserver-insecure-port', 'ingress-tls-missing', 'yaml-syntax']), workspaceScan: { exclude: ['vendor'] } };
    init = await client.connection.sendRequest<InitializeResult>('initialize', {
      processId: null,
      rootUri: FOLDER,
      workspaceFolders: [{ uri: FOLDER, name: 'cluster' }],
      capabilities: { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, hover: { contentFormat: ['markdown', 'plaintext'] } } },
      initializationOptions: { status: true, ruleDocsUri: DOCS },
    });
    await client.connection.sendNotification('initialized', {});
    assert.deepEqual(requests, [`${ORIGIN}/`, `${ORIGIN}/browserServer.js`], 'the worker loads nothing else');
  });

  after(async () => {
    client?.connection.dispose();
    await browser?.close();
  });

  afterEach(async () => {
    const workerErrors = browser ? await page.evaluate(() => (globalThis as unknown as { workerErrors: string[] }).workerErrors) : [];
    assert.deepEqual([...pageErrors, ...workerErrors], []);
  });

  it('initializes with the same capabilities as the Node server', () => {
    assert.equal(init.serverInfo?.name, 'kube-tls-lint');
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.kube-tls-lint'], resolveProvider: true });
    assert.deepEqual(init.capabilities.executeCommandProvider, { commands: ['kube-tls-lint.server.scanWorkspace'] });
  });

  it('scans the workspace through the client: unopened files are read with kubeTlsLint/readFile, excluded ones are not', async () => {
    const uri = `${FOLDER}/manifests/unopened.yaml`;
    const published = await client.nextDiagnostics(uri, 0);
    assert.deepEqual(published.diagnostics.map(summary), ['apiserver-secure-port-disabled 8:30-8:45']);
    await client.waitFor(() => client.logs.find((l) => l.startsWith('Workspace scan done')), 'the scan to finish');
    assert.deepEqual(client.fileRequests, [`find ${FOLDER} *.yaml,*.yml,kustomization.yaml,kustomization.yml,Kustomization`, `read ${uri}`, `read ${FOLDER}/overlays/kustomization.yaml`, `read ${FOLDER}/charts/web/Chart.yaml`]);
    assert.equal(client.publishes.filter((p) => p.uri.includes('/vendor/')).length, 0);
  });

  it('keeps scanned files fresh from file events, reading them again through the client', async () => {
    const uri = `${FOLDER}/manifests/unopened.yaml`;
    const event = async (type: number) => {
      const from = client.publishes.length;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
      return client.nextDiagnostics(uri, from);
    };
    client.files.set(uri, UNOPENED.replace('--secure-port=0', '--secure-port=6443'));
    assert.deepEqual((await event(2)).diagnostics, [], 'changed: fixed on disk');
    client.files.set(uri, UNOPENED);
    assert.deepEqual((await event(1)).diagnostics.map(summary), ['apiserver-secure-port-disabled 8:30-8:45'], 'created again');
    client.files.delete(uri);
    assert.deepEqual((await event(3)).diagnostics, [], 'deleted');
    client.files.set(uri, UNOPENED);
    assert.deepEqual((await event(1)).diagnostics.map(summary), ['apiserver-secure-port-disabled 8:30-8:45']);
  });

  it('an open document wins over the scanned file; closed, the file is read again', async () => {
    const uri = `${FOLDER}/manifests/unopened.yaml`;
    let from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: UNOPENED.replace('--secure-port=0', '--secure-port=6443') } });
    assert.deepEqual((await client.nextDiagnostics(uri, from)).diagnostics, []);
    from = client.publishes.length;
    const reads = client.fileRequests.length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await client.nextDiagnostics(uri, from)).diagnostics.map(summary), ['apiserver-secure-port-disabled 8:30-8:45']);
    assert.deepEqual(client.fileRequests.slice(reads), [`read ${uri}`]);
  });

  it('judges a file near a kustomization as a patch (only on what it contains); the same text elsewhere as a whole resource', async () => {
    const patch = `${FOLDER}/overlays/patches/web.yaml`;
    const whole = `${FOLDER}/ingresses/web.yaml`;
    let from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: whole, languageId: 'yaml', version: 1, text: PATCH } });
    assert.deepEqual((await client.nextDiagnostics(whole, from)).diagnostics.map(summary), ['ingress-tls-missing 5:2-5:7']);
    from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: patch, languageId: 'yaml', version: 1, text: PATCH } });
    assert.deepEqual((await client.nextDiagnostics(patch, from)).diagnostics, []);
  });

  it('reads a file under templates/ beside a Chart.yaml as a Helm template, as on disk', async () => {
    // Text Helm renders into YAML: not a syntax error in a template, one elsewhere.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: [\n';
    const template = `${FOLDER}/charts/web/templates/broken.yaml`;
    const plain = `${FOLDER}/broken.yaml`;
    let from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: plain, languageId: 'yaml', version: 1, text } });
    assert.deepEqual((await client.nextDiagnostics(plain, from)).diagnostics.map((d) => d.code), ['yaml-syntax']);
    from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: template, languageId: 'yaml', version: 1, text } });
    assert.deepEqual((await client.nextDiagnostics(template, from)).diagnostics, []);
  });

  it('lints an open document: exact rule ids and ranges, the rule page of the extension linked', async () => {
    const uri = `${FOLDER}/kube-apiserver.yaml`;
    const from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: MANIFEST } });
    const { diagnostics, version } = await client.nextDiagnostics(uri, from);
    assert.equal(version, 1);
    assert.deepEqual(diagnostics.map(summary), ['apiserver-tls-files-missing 12:6-12:20', 'apiserver-secure-port-disabled 15:6-15:21']);
    assert.deepEqual(diagnostics.map((d) => d.codeDescription?.href), SEED_RULES.slice(0, 2).map((id) => `${DOCS}/${id}.md`));
    assert.equal(diagnostics[1].message, "--secure-port=0 turns off the API server's HTTPS listener.");
  });

  it('hovers a finding with its message, why, how to fix and sources', async () => {
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: `${FOLDER}/kube-apiserver.yaml` }, position: { line: 15, character: 10 } });
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.deepEqual(hover.range, { start: { line: 15, character: 6 }, end: { line: 15, character: 21 } });
    assert.ok(value.startsWith("--secure-port=0 turns off the API server's HTTPS listener.\n\n"), value);
    assert.ok(value.includes(`\`apiserver-secure-port-disabled\` · error · [Documentation](${DOCS}/apiserver-secure-port-disabled.md)`), value);
    assert.match(value, /\n\n\*\*Why:\*\* `--secure-port=0` disables .+\n\n\*\*How to fix:\*\* Remove `--secure-port` .+\n\n\*\*Sources:\*\* KICS 3d24b204-b73d-42cb-b0bf-1a5438c5f71e .* · Checkov CKV\\_K8S\\_89$/);
  });

  it('offers the quick fix; applied, the finding is gone and the other stays', async () => {
    const uri = `${FOLDER}/kube-apiserver.yaml`;
    const current = client.publishes.filter((p) => p.uri === uri).at(-1)!.diagnostics;
    const securePort = current.find((d) => d.code === 'apiserver-secure-port-disabled')!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: securePort.range, context: { diagnostics: [securePort] } });
    const fix = actions.find((a) => a.isPreferred && a.edit)!;
    assert.ok(fix, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    const fixed = applyWorkspaceEdit(MANIFEST, uri, fix.edit);
    assert.equal(fixed, MANIFEST.replace('    - --secure-port=0\n', ''));
    const from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.nextDiagnostics(uri, from, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map(summary), ['apiserver-tls-files-missing 12:6-12:20']);
  });

  it('fixes all (source.fixAll) on the worker too', async () => {
    const uri = `${FOLDER}/unsaved.yaml`;
    const text = UNOPENED.replace('--secure-port=0', '--secure-port=0, --insecure-port=8080');
    const from = client.publishes.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const { diagnostics } = await client.nextDiagnostics(uri, from);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['apiserver-insecure-port', 'apiserver-secure-port-disabled']);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.kube-tls-lint'] },
    });
    assert.equal(actions.length, 1);
    const fixed = applyWorkspaceEdit(text, uri, actions[0].edit);
    assert.equal(fixed, UNOPENED.replace(' --secure-port=0,', ''));
  });
});
