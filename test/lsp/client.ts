// A minimal LSP client for the protocol tests: starts `node dist/server.js --stdio` and speaks
// JSON-RPC to it. Waits resolve on the server's own messages (with a guard timer that only turns
// a hang into a failure that shows the last state); nothing sleeps.
import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { RULES } from '../../shared/rules';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
export const GUARD_MS = Number(process.env.LSP_WAIT_MS || 10000);

/**
 * Resolves with the first non-undefined value of `check`, tested now and by each call of the
 * listeners it joins (a client calls them on every server message). Rejects when `check`
 * throws, when `why.gone` says the server is gone, or after GUARD_MS with `why.timedOut`.
 */
export function waitUntil<T>(
  listeners: Set<() => void>,
  check: () => T | undefined,
  why: { gone?: () => string | undefined; timedOut: () => string },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const test = () => {
      let value: T | undefined;
      try {
        value = check();
      } catch (err) {
        done();
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const gone = value === undefined ? why.gone?.() : undefined;
      if (value !== undefined) {
        done();
        resolve(value);
      } else if (gone !== undefined) {
        done();
        reject(new Error(gone));
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(why.timedOut()));
    }, GUARD_MS);
    const done = () => {
      clearTimeout(timer);
      listeners.delete(test);
    };
    listeners.add(test);
    test();
  });
}

/** The three seed rules; tests that count findings turn every other rule off so new rules do not change them. */
export const SEED_RULES = ['apiserver-tls-files-missing', 'apiserver-secure-port-disabled', 'eck-http-tls-disabled'];

export function onlyRules(ids: readonly string[], overrides: Record<string, string> = {}): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const rule of RULES) if (!ids.includes(rule.meta.id)) rules[rule.meta.id] = 'off';
  return { ...rules, ...overrides };
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export interface StartOptions {
  folders?: string[];
  settings?: Record<string, unknown>;
  /** Settings by scope (a workspace folder's URI, or undefined for files outside every folder); wins over `settings`. */
  settingsFor?: (scopeUri: string | undefined) => Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: Record<string, unknown>;
  /** Sees every `$/progress` event as it arrives (e.g. to cancel the progress). */
  onProgress?: (client: LspClient, event: ProgressEvent) => void;
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { isPreferredSupport: true, dataSupport: true, resolveSupport: { properties: ['edit'] } } },
};

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every message the server sent, in order: the waits look at these. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly logs: string[] = [];
  readonly shownMessages: string[] = [];
  readonly statuses: unknown[] = [];
  readonly configurationRequests: unknown[] = [];
  settings: Record<string, unknown>;
  private readonly onProgress?: StartOptions['onProgress'];
  private readonly settingsFor?: StartOptions['settingsFor'];
  private readonly listeners = new Set<() => void>();
  private stderr = '';
  private exited = false;

  constructor(options: StartOptions = {}) {
    this.settings = options.settings ?? {};
    this.onProgress = options.onProgress;
    this.settingsFor = options.settingsFor;
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.process.on('exit', () => {
      this.exited = true;
      this.changed();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publishes.push(p);
      this.changed();
    });
    this.connection.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      this.onProgress?.(this, p);
      this.changed();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.changed();
    });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => {
      this.shownMessages.push(p.message);
      this.changed();
    });
    this.connection.onNotification('kubeTlsLint/status', (p: unknown) => {
      this.statuses.push(p);
      this.changed();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) => {
      this.configurationRequests.push(p);
      return p.items.map((item) => (item.section === 'kubeTlsLint' ? (this.settingsFor ? this.settingsFor(item.scopeUri) : this.settings) : null));
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      this.shownMessages.push(p.message);
      return null;
    });
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<{ client: LspClient; init: InitializeResult }> {
    const client = new LspClient(options);
    const folders = (options.folders ?? []).map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) }));
    const init = await client.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: options.initializationOptions ?? { status: true },
    });
    await client.connection.sendNotification('initialized', {});
    return { client, init };
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        // A server stuck in a blocking call never answers: it is killed after the guard time.
        let timer: NodeJS.Timeout | undefined;
        const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer to shutdown')), GUARD_MS)));
        await Promise.race([this.connection.sendRequest('shutdown'), guard]).finally(() => clearTimeout(timer));
        await this.connection.sendNotification('exit');
      } catch {
        // Already gone, or stuck.
      }
      await this.waitFor(() => this.exited || undefined, 'the server to exit').catch(() => this.process.kill());
    }
    this.connection.dispose();
  }

  /** Resolves with the first non-undefined value of `check`, re-checked after every server message. */
  waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
    return waitUntil(this.listeners, check, {
      gone: () => (this.exited ? `the server exited while waiting for ${what}; stderr: ${this.stderr}` : undefined),
      timedOut: () => `timed out after ${GUARD_MS} ms waiting for ${what}; logs: ${this.logs.slice(-10).join(' | ')}; stderr: ${this.stderr}`,
    });
  }

  /** The next publish for `uri` after index `from` (see `mark()`) that satisfies `accept`. */
  nextDiagnostics(uri: string, from: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true, what = ''): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.publishes.slice(from).find((p) => p.uri === uri && accept(p)), `diagnostics of ${uri} ${what}`);
  }

  mark(): number {
    return this.publishes.length;
  }

  publishesOf(uri: string, from = 0): PublishDiagnosticsParams[] {
    return this.publishes.slice(from).filter((p) => p.uri === uri);
  }

  /** The diagnostics the editor would show for each file now (last publish wins). */
  current(): Map<string, Diagnostic[]> {
    const map = new Map<string, Diagnostic[]>();
    for (const p of this.publishes) {
      if (p.diagnostics.length) map.set(p.uri, p.diagnostics);
      else map.delete(p.uri);
    }
    return map;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest('codeAction/resolve', action);
  }

  /** How many lints and parses the server ran since it started. */
  engineCalls(): Promise<{ lints: number; parses: number }> {
    return this.connection.sendRequest('kubeTlsLint/engineCalls');
  }

  /** The server's lints and parses while `run` runs (its requests answered). */
  async engineCallsOf(run: () => Promise<unknown>): Promise<{ lints: number; parses: number }> {
    const before = await this.engineCalls();
    await run();
    const after = await this.engineCalls();
    return { lints: after.lints - before.lints, parses: after.parses - before.parses };
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Applies a code action's edit (either form) to the text of `uri`. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  if (!edit) throw new Error('the action has no edit');
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  const offsets = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  offsets.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The range of the only occurrence of `needle` (or of `inner` within it). */
export function rangeOf(text: string, needle: string, inner?: string): Range {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`"${needle}" must occur exactly once`);
  const start = inner === undefined ? at : at + needle.indexOf(inner);
  return { start: positionAt(text, start), end: positionAt(text, start + (inner ?? needle).length) };
}

/** `rule-id severity line:char-line:char`, sorted: compact and exact. */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  const names = ['', 'error', 'warning', 'info', 'hint'];
  return diagnostics.map((d) => `${d.code} ${names[d.severity ?? 1]} ${fmt(d.range)}`).sort();
}

export function fmt(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function expected(ruleId: string, severity: string, text: string, needle: string, inner?: string): string {
  return `${ruleId} ${severity} ${fmt(rangeOf(text, needle, inner))}`;
}

/** A temporary copy of a fixture folder the test may change. */
export function copyFixture(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `kube-tls-lint-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
