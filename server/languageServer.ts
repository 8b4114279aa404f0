// The kube-tls-lint language server's wiring of LSP to the capability modules next to it, the
// same under Node (server.ts: stdio or IPC) and in a Web Worker (browser.ts). What differs is the
// platform: how files of the workspace are found and read, and how errors are caught.
import {
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

export function startLanguageServer(connection: Connection, platform: ServerPlatform): void {
  connection.onRequest(REJECTED_REQUEST_METHOD, rejectedRequestHandler);
  const documents = new TextDocuments(TextDocument);

  function log(message: string): void {
    connection.console.log(message);
  }

  function logError(what: string, err: unknown): void {
    connection.console.error(`${what} failed: ${(err as Error)?.stack ?? String(err)}`);
  }

  /** Every handler runs through this: an exception is logged and the request gets an empty answer. */
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

  platform.onUncaughtError((err) => logError('kube-tls-lint server', err), (err) => logError('kube-tls-lint server (async)', err));

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

  let services: Services | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
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
    services = {
      crossFile,
      settings,
      publisher,
      facts,
      diagnostics,
      scanner,
      versionedEdits: caps.workspace?.workspaceEdit?.documentChanges === true,
      resolvesEdits: caps.textDocument?.codeAction?.dataSupport === true && caps.textDocument.codeAction.resolveSupport?.properties.includes('edit') === true,
      clientCommands: new Set(Array.isArray(options.clientCommands) ? options.clientCommands.filter((c) => typeof c === 'string') : []),
      createsFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
      markdownHover: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? true,
      watchFilesDynamically: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && !options.clientWatchesFiles,
      configurationDynamic: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      folderChanges: caps.workspace?.workspaceFolders === true,
    };
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

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      const s = services!;
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
      log(`kube-tls-lint ${VERSION} started (${s.settings.workspaceFolders().length} workspace folder(s)).`);
      await s.scanner.scan();
    }),
  );

  // TextDocuments fires a content change right after each open; the open is handled on its own.
  const justOpened = new Set<string>();
  documents.onDidOpen(
    guard('didOpen', undefined, (e) => {
      justOpened.add(e.document.uri);
      services?.diagnostics.opened(e.document.uri);
    }),
  );
  documents.onDidChangeContent(
    guard('didChange', undefined, (e) => {
      if (justOpened.delete(e.document.uri)) return;
      services?.diagnostics.changed(e.document.uri);
    }),
  );
  documents.onDidSave(guard('didSave', undefined, (e) => services?.diagnostics.saved(e.document.uri)));
  documents.onDidClose(
    guard('didClose', undefined, (e) => {
      justOpened.delete(e.document.uri);
      services?.diagnostics.closed(e.document.uri);
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (change) => {
      const s = services;
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
      await services?.scanner.filesChanged(params.changes);
    }),
  );

  function codeActionDeps(s: Services): CodeActionDeps {
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

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params) => (services ? provideCodeActions(params, codeActionDeps(services)) : [])),
  );

  // A finding's help first; elsewhere, what a reference to another resource resolves to.
  connection.onHover(
    guard('hover', null as Hover | null, async (params) => {
      if (!services) return null;
      const help = await provideHover(params, { diagnostics: services.diagnostics, markdown: services.markdownHover });
      if (help) return help;
      const resolved = services.crossFile.resolve(params.textDocument.uri, params.position);
      if (!resolved) return null;
      const p = resolved.place;
      return { contents: { kind: MarkupKind.PlainText, value: resolved.description }, range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } } };
    }),
  );

  connection.onCodeActionResolve(async (action) => {
    try {
      return services ? await resolveCodeAction(action, codeActionDeps(services)) : action;
    } catch (err) {
      logError('codeAction/resolve', err);
      return action;
    }
  });

  // A reference to another resource: what it resolves to, and where.
  connection.onDefinition(
    guard('definition', null as Location | null, (params) => {
      const resolved = services?.crossFile.resolve(params.textDocument.uri, params.position);
      if (!resolved) return null;
      const p = resolved.target.facts.namePlace;
      return { uri: resolved.target.file, range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } } };
    }),
  );

  connection.onRequest(REPORT_REQUEST, (params: ReportParams) => {
    const valid = (f: ReportFinding | null) =>
      !!f && typeof f.file === 'string' && typeof f.ruleId === 'string' && typeof f.message === 'string' && typeof f.link === 'string' &&
      ['error', 'warning', 'info', 'hint'].includes(f.severity) && [f.line, f.column, f.endLine, f.endColumn].every(Number.isInteger);
    const findings = Array.isArray(params?.findings) ? params.findings.filter(valid) : [];
    return formatHtml(findings, typeof params?.files === 'number' ? params.files : 0, VERSION, (f) => (f as ReportFinding).link ?? '');
  });

  // For tests and benchmarks: how many lints and parses the server ran so far.
  connection.onRequest('kubeTlsLint/engineCalls', () => ({ ...engineCalls }));

  connection.onExecuteCommand(
    guard('executeCommand', null as ScanSummary | null, async (params, token) => {
      if (params.command !== SCAN_COMMAND || !services) return null;
      return services.scanner.scan(undefined, token);
    }),
  );

  connection.onShutdown(() => {
    services?.publisher.dispose();
    services?.crossFile.dispose();
    services?.scanner.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
