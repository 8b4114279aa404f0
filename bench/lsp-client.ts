/**
 * A minimal LSP client over stdio for benchmarks and robustness tests: starts a server,
 * answers its requests (configuration from a callback, everything else null), records every
 * `publishDiagnostics` with its arrival time, and waits on them by predicate with a timeout.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';

export interface Published extends PublishDiagnosticsParams {
  /** performance.now() when it arrived. */
  at: number;
  /** Running count of notifications received, to wait for ones after a point. */
  seq: number;
}

export interface ClientOptions {
  command: string;
  args: string[];
  cwd?: string;
  /** The answer to `workspace/configuration` for one section (undefined → null). */
  settings?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  /** Extra node flags are the caller's business; this only passes the environment on. */
  env?: NodeJS.ProcessEnv;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  private seq = 0;
  private waiters: Array<{ test: (p: Published) => boolean; resolve: (p: Published) => void }> = [];
  private exited = false;
  private stderr = '';

  private constructor(readonly process: ChildProcess, options: ClientOptions) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    process.on('exit', () => {
      this.exited = true;
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const entry: Published = { ...params, at: performance.now(), seq: ++this.seq };
      // Only the latest few are kept per run: 10,000-file scans publish a lot.
      if (this.published.length > 20000) this.published.splice(0, 10000);
      this.published.push(entry);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(entry)) return true;
        w.resolve(entry);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      if (this.logs.length > 200) this.logs.shift();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string; scopeUri?: string }> }) =>
      params.items.map((item) => options.settings?.(item.section, item.scopeUri) ?? null),
    );
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest', 'workspace/applyEdit']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.listen();
  }

  static start(options: ClientOptions): LspClient {
    const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspClient(child, options);
  }

  get alive(): boolean {
    return !this.exited;
  }

  get stderrTail(): string {
    return this.stderr;
  }

  async initialize(rootUri: string | null, extraCapabilities: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, ...extraCapabilities },
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } },
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next publication (after `afterSeq`) that passes `test`, or a rejection after `timeoutMs`. */
  waitFor(test: (p: Published) => boolean, timeoutMs: number, afterSeq = this.seq): Promise<Published> {
    const earlier = this.published.find((p) => p.seq > afterSeq && test(p));
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const waiter = { test: (p: Published) => p.seq > afterSeq && test(p), resolve: (p: Published) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms; server log: ${this.logs.slice(-5).join(' | ')} ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** The last diagnostics published for `uri`. */
  latest(uri: string): Diagnostic[] | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i].diagnostics;
    return undefined;
  }

  /** Resident and peak resident memory of the server process, in bytes (Linux /proc). */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  /** shutdown + exit, then a kill if the process lingers. */
  async stop(timeoutMs = 3000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), exited, new Promise((r) => setTimeout(r, timeoutMs / 2))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
