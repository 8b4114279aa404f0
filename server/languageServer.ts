// The kube-tls-lint language server's wiring of LSP to the capability modules next to it, the
// same under Node (server.ts: stdio or IPC) and in a Web Worker (browser.ts). What differs is the
// platform: how files of the workspace are found and read, and how errors are caught.
import {
  ClientCapabilities,
  CodeAction,
  Connection,
  Hover,
  Location,
  MarkupKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatHtml } from '../shared/report/html';
import { engineCalls } from '../shared/engine';
import { REPORT_REQUEST, ReportFinding, ReportParams } from '../shared/status';
import type { FileFactsSource } from './analysis';
import { FileFactsCache } from './fileFacts';
import { CODE_ACTION_KINDS, CodeActionDeps, provideCodeActions, resolveCodeAction } from './codeActions';
import { DiagnosticsController } from './diagnostics';
import { provideHover } from './hover';
import { REJECTED_REQUEST_METHOD, rejectedRequestHandler } from './lifecycle';
import { Publisher } from './publisher';
import { CrossFileTracker } from './crossFile';
import { SCAN_COMMAND, ScanDeps, ScanSummary, WorkspaceScan } from './scan';
import { SECTION, SettingsManager } from './settings';
import { folderName } from './uri';

declare const KUBE_TLS_LINT_VERSION: string | undefined;
const VERSION = typeof KUBE_TLS_LINT_VERSION === 'string' ? KUBE_TLS_LINT_VERSION : '0.0.0-dev';

/** What differs between the Node server and the browser (Web Worker) one. */
export interface ServerPlatform {
  /** The workspace scan: files read from disk (Node) or through the client (browser). */
  createScanner(deps: ScanDeps): WorkspaceScan;
  /** How files are read from their place (default: fileFacts.ts, on disk). */
  createFileFacts?(): FileFactsSource;
  /** Sees `initializationOptions` first (the browser server learns where the rule pages are). */
  initialize?(options: unknown): void;
  /** Registers the handlers of errors no request caught. */
  onUncaughtError(sync: (err: unknown) => void, async: (err: unknown) => void): void;
}

/** What our own VS Code client tells the server in `initializationOptions`. */
interface InitializationOptions {
  /** Send `kubeTlsLint/status` notifications (finding counts for the status bar). */
  status?: boolean;
  /** The client already watches YAML and ignore files; no dynamic registration needed. */
  clientWatchesFiles?: boolean;
  /** The commands the client carries out for code actions (see shared/editorCommands.ts). */
  clientCommands?: string[];
  /** False in an untrusted workspace (the project file's fix paths are then not used); other clients omit it. */
  workspaceTrusted?: boolean;
}

/** What the server made on `initialize`, from the client's capabilities and options. */
interface Services {
  crossFile: CrossFileTracker;
  settings: SettingsManager;
  publisher: Publisher;
  facts: FileFactsSource;
  diagnostics: DiagnosticsController;
  scanner: WorkspaceScan;
  versionedEdits: boolean;
  resolvesEdits: boolean;
  clientCommands: ReadonlySet<string>;
  createsFiles: boolean;
  markdownHover: boolean;
  watchFilesDynamically: boolean;
  configurationDynamic: boolean;
  folderChanges: boolean;
}

/** The state every step of the wiring shares: one object, handed to each. */
interface ServerState {
  readonly connection: Connection;
  readonly platform: ServerPlatform;
  readonly documents: TextDocuments<TextDocument>;
  /** Set on `initialize`; the handlers of requests before it see `undefined`. */
  services: Services | undefined;
  /** TextDocuments fires a content change right after each open; the open is handled on its own. */
  readonly justOpened: Set<string>;
  readonly log: (message: string) => void;
  readonly logError: (what: string, err: unknown) => void;
  /** Every handler runs through this: an exception is logged and the request gets an empty answer. */
  readonly guard: <A extends unknown[], R>(what: string, fallback: R, handler: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;
}

export function startLanguageServer(connection: Connection, platform: ServerPlatform): void {
  connection.onRequest(REJECTED_REQUEST_METHOD, rejectedRequestHandler);
  const state = createServerState(connection, platform);
  platform.onUncaughtError((err) => state.logError('kube-tls-lint server', err), (err) => state.logError('kube-tls-lint server (async)', err));
  registerInitialize(state);
  registerInitialized(state);
  registerDocumentSync(state);
  registerSettingsAndWatchedFiles(state);
  registerCodeAction(state);
  registerHover(state);
  registerCodeActionResolve(state);
  registerDefinition(state);
  registerRequests(state);
  registerScanCommand(state);
  registerShutdown(state);
  state.documents.listen(connection);
  connection.listen();
}

function createServerState(connection: Connection, platform: ServerPlatform): ServerState {
  function log(message: string): void {
    connection.console.log(message);
  }

  function logError(what: string, err: unknown): void {
    connection.console.error(`${what} failed: ${(err as Error)?.stack ?? String(err)}`);
  }

  function guard<A extends unknown[], R>(what: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } catch (err) {
        logError(what, err);
        return fallback;
      }
    };
  }

  return { connection, platform, documents: new TextDocuments(TextDocument), services: undefined, justOpened: new Set<string>(), log, logError, guard };
}

/** On `initialize`: the services, and the capabilities the server declares. */
function registerInitialize(state: ServerState): void {
  state.connection.onInitialize((params: InitializeParams): InitializeResult => {
    state.services = createServices(state, params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: [SCAN_COMMAND] },
        definitionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-tls-lint', version: VERSION },
    };
  });
}

function createServices(state: ServerState, params: InitializeParams): Services {
  const { connection, platform, documents, log, logError } = state;
  const caps = params.capabilities;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  platform.initialize?.(params.initializationOptions);
  const settings = new SettingsManager(connection, { pull: !!caps.workspace?.configuration, log, trusted: options.workspaceTrusted !== false });
  const folders: WorkspaceFolder[] =
    params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: folderName(params.rootUri) }] : []);
  settings.setFolders(folders);
  const publisher = new Publisher(connection, options.status === true);
  const crossFile = new CrossFileTracker(publisher);
  const facts = platform.createFileFacts?.() ?? new FileFactsCache();
  // The two call each other back: the scanner re-checks open documents and lets them go first,
  // closing one hands it to the scan.
  const scanner: WorkspaceScan = platform.createScanner({
    connection,
    documents,
    settings,
    publisher,
    facts,
    crossFile,
    log,
    progress: caps.window?.workDoneProgress === true,
    revalidateOpen: () => diagnostics.revalidateAll(),
    documentsFirst: () => diagnostics.idle(),
  });
  const diagnostics: DiagnosticsController = new DiagnosticsController({
    documents,
    settings,
    publisher,
    facts,
    crossFile,
    log,
    closed: (uri) => void scanner.fileClosed(uri).catch((err) => logError(`Refreshing ${uri}`, err)),
  });
  return { crossFile, settings, publisher, facts, diagnostics, scanner, ...clientFeatures(caps, options) };
}

/** What the client can do (and asks for), as the handlers need it. */
function clientFeatures(caps: ClientCapabilities, options: InitializationOptions): Omit<Services, 'crossFile' | 'settings' | 'publisher' | 'facts' | 'diagnostics' | 'scanner'> {
  return {
    versionedEdits: caps.workspace?.workspaceEdit?.documentChanges === true,
    resolvesEdits: caps.textDocument?.codeAction?.dataSupport === true && caps.textDocument.codeAction.resolveSupport?.properties.includes('edit') === true,
    clientCommands: new Set(Array.isArray(options.clientCommands) ? options.clientCommands.filter((c) => typeof c === 'string') : []),
    createsFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? true,
    watchFilesDynamically: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && !options.clientWatchesFiles,
    configurationDynamic: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    folderChanges: caps.workspace?.workspaceFolders === true,
  };
}

/** On `initialized`: the dynamic registrations, then the first workspace scan. */
function registerInitialized(state: ServerState): void {
  const { connection, guard } = state;
  connection.onInitialized(
    guard('initialized', undefined, async () => {
      const s = state.services!;
      if (s.folderChanges) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspace folder change', undefined, (e) => s.scanner.foldersChanged(e.added, e.removed)),
        );
      }
      if (s.configurationDynamic) await connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
      if (s.watchFilesDynamically) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{yaml,yml}', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
            { globPattern: '**/{.gitignore,.kube-tls-lint-ignore}' },
          ],
        });
      }
      state.log(`kube-tls-lint ${VERSION} started (${s.settings.workspaceFolders().length} workspace folder(s)).`);
      await s.scanner.scan();
    }),
  );
}

/** Open, change, save and close of documents, handed to the diagnostics. */
function registerDocumentSync(state: ServerState): void {
  const { documents, guard, justOpened } = state;
  documents.onDidOpen(
    guard('didOpen', undefined, (e) => {
      justOpened.add(e.document.uri);
      state.services?.diagnostics.opened(e.document.uri);
    }),
  );
  documents.onDidChangeContent(
    guard('didChange', undefined, (e) => {
      if (justOpened.delete(e.document.uri)) return;
      state.services?.diagnostics.changed(e.document.uri);
    }),
  );
  documents.onDidSave(guard('didSave', undefined, (e) => state.services?.diagnostics.saved(e.document.uri)));
  documents.onDidClose(
    guard('didClose', undefined, (e) => {
      justOpened.delete(e.document.uri);
      state.services?.diagnostics.closed(e.document.uri);
    }),
  );
}

/** Changed settings re-check everything; changed files go to the workspace scan. */
function registerSettingsAndWatchedFiles(state: ServerState): void {
  const { connection, guard } = state;
  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (change) => {
      const s = state.services;
      if (!s) return;
      const all = change.settings as Record<string, unknown> | null | undefined;
      const changed = await s.settings.reload(all && typeof all === 'object' ? all[SECTION] : undefined);
      if (!changed) return;
      s.diagnostics.revalidateAll();
      await s.scanner.scan();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, async (params) => {
      await state.services?.scanner.filesChanged(params.changes);
    }),
  );
}

function codeActionDeps(state: ServerState, s: Services): CodeActionDeps {
  const { documents } = state;
  return {
    diagnostics: s.diagnostics,
    versionedEdits: s.versionedEdits,
    resolvesEdits: s.resolvesEdits,
    documentVersion: (uri) => documents.get(uri)?.version,
    clientCommands: s.clientCommands,
    createsFiles: s.createsFiles,
    openDocument: (uri) => {
      const doc = documents.get(uri);
      return doc ? { text: doc.getText(), version: doc.version } : undefined;
    },
    facts: (uri) => s.facts.of(uri, documents.get(uri)?.languageId),
    crossFile: s.crossFile,
  };
}

function registerCodeAction(state: ServerState): void {
  state.connection.onCodeAction(
    state.guard('codeAction', [] as CodeAction[], async (params) => (state.services ? provideCodeActions(params, codeActionDeps(state, state.services)) : [])),
  );
}

function registerCodeActionResolve(state: ServerState): void {
  state.connection.onCodeActionResolve(async (action) => {
    try {
      return state.services ? await resolveCodeAction(action, codeActionDeps(state, state.services)) : action;
    } catch (err) {
      state.logError('codeAction/resolve', err);
      return action;
    }
  });
}

/** A finding's help first; elsewhere, what a reference to another resource resolves to. */
function registerHover(state: ServerState): void {
  state.connection.onHover(
    state.guard('hover', null as Hover | null, async (params) => {
      const services = state.services;
      if (!services) return null;
      const help = await provideHover(params, { diagnostics: services.diagnostics, markdown: services.markdownHover });
      if (help) return help;
      const resolved = services.crossFile.resolve(params.textDocument.uri, params.position);
      if (!resolved) return null;
      const p = resolved.place;
      return { contents: { kind: MarkupKind.PlainText, value: resolved.description }, range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } } };
    }),
  );
}

/** A reference to another resource: what it resolves to, and where. */
function registerDefinition(state: ServerState): void {
  state.connection.onDefinition(
    state.guard('definition', null as Location | null, (params) => {
      const resolved = state.services?.crossFile.resolve(params.textDocument.uri, params.position);
      if (!resolved) return null;
      const p = resolved.target.facts.namePlace;
      return { uri: resolved.target.file, range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } } };
    }),
  );
}

/** The report page for the client's findings, and the engine call counts. */
function registerRequests(state: ServerState): void {
  const { connection } = state;
  connection.onRequest(REPORT_REQUEST, (params: ReportParams) => {
    const valid = (f: ReportFinding | null) =>
      !!f && typeof f.file === 'string' && typeof f.ruleId === 'string' && typeof f.message === 'string' && typeof f.link === 'string' &&
      ['error', 'warning', 'info', 'hint'].includes(f.severity) && [f.line, f.column, f.endLine, f.endColumn].every(Number.isInteger);
    const findings = Array.isArray(params?.findings) ? params.findings.filter(valid) : [];
    return formatHtml(findings, typeof params?.files === 'number' ? params.files : 0, VERSION, (f) => (f as ReportFinding).link ?? '');
  });

  // For tests and benchmarks: how many lints and parses the server ran so far.
  connection.onRequest('kubeTlsLint/engineCalls', () => ({ ...engineCalls }));
}

function registerScanCommand(state: ServerState): void {
  state.connection.onExecuteCommand(
    state.guard('executeCommand', null as ScanSummary | null, async (params, token) => {
      if (params.command !== SCAN_COMMAND || !state.services) return null;
      return state.services.scanner.scan(undefined, token);
    }),
  );
}

function registerShutdown(state: ServerState): void {
  state.connection.onShutdown(() => {
    state.services?.publisher.dispose();
    state.services?.crossFile.dispose();
    state.services?.scanner.dispose();
  });
}
