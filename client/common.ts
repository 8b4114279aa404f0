// The VS Code client, the same for the desktop (extension.ts: dist/server.js under Node) and the
// web (browserExtension.ts: dist/browserServer.js in a Web Worker): it starts the language server
// and shows its state. Everything else is the server's.
import * as vscode from 'vscode';
import { BaseLanguageClient, DocumentSelector, LanguageClientOptions, State } from 'vscode-languageclient';
import { SHOW_RULE_DOCS_COMMAND, TURN_OFF_IN_SETTINGS_COMMAND } from '../shared/editorCommands';
import { readyStatus, REPORT_REQUEST, ReportFinding, ReportParams, STATUS_NOTIFICATION, StatusParams as Status } from '../shared/status';

const SCAN_COMMAND = 'kube-tls-lint.scanWorkspace';
const RESTART_COMMAND = 'kube-tls-lint.restartServer';
const OUTPUT_COMMAND = 'kube-tls-lint.showOutput';
const REPORT_COMMAND = 'kube-tls-lint.showReport';
/** The server's own command (it is registered with VS Code by the client under this id). */
const SERVER_SCAN_COMMAND = 'kube-tls-lint.server.scanWorkspace';

let client: BaseLanguageClient | undefined;

/** What `activate` returns: the status bar item's state, for other extensions and the editor tests. */
export interface KubeTlsLintApi {
  readonly status: { readonly text: string; readonly tooltip: string };
  readonly onDidChangeStatus: vscode.Event<void>;
}

/** What differs between the desktop and the web client. */
export interface ClientPlatform {
  /** The documents the server checks; `templateGlobs`: the other files `kubeTlsLint.files` names. */
  documentSelector(templateGlobs: string[]): DocumentSelector;
  /** Sent to the server with the options both clients send. */
  initializationOptions?: Record<string, unknown>;
  createClient(clientOptions: LanguageClientOptions): BaseLanguageClient;
  /** Once the client runs (the web client answers the server's file requests). */
  started?(client: BaseLanguageClient, context: vscode.ExtensionContext): void;
}

/** What the steps of `activateClient` share: one object, handed to each. */
interface ClientState {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  readonly status: vscode.StatusBarItem;
  readonly statusChanged: vscode.EventEmitter<void>;
  /** The server's last `kubeTlsLint/status`; forgotten on restart. */
  last: Status | undefined;
}

export async function activateClient(context: vscode.ExtensionContext, platform: ClientPlatform): Promise<KubeTlsLintApi> {
  const state = createStatusView(context);
  const languageClient = createLanguageClient(state, platform);
  client = languageClient;
  registerSubscriptions(state, languageClient);
  render(state, State.Starting);
  await startClient(state, languageClient, platform);
  return statusApi(state);
}

/** The output channel and the status bar item, made first so that a failed start is shown. */
function createStatusView(context: vscode.ExtensionContext): ClientState {
  const output = vscode.window.createOutputChannel('kube-tls-lint', { log: true });
  const status = vscode.window.createStatusBarItem('kube-tls-lint.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'kube-tls-lint';
  status.command = OUTPUT_COMMAND;
  const statusChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(output, status, statusChanged);
  return { context, output, status, statusChanged, last: undefined };
}

function statusApi(state: ClientState): KubeTlsLintApi {
  const { status } = state;
  return {
    get status() {
      return { text: status.text, tooltip: typeof status.tooltip === 'string' ? status.tooltip : '' };
    },
    onDidChangeStatus: state.statusChanged.event,
  };
}

/** The client's options (document selector, file watchers, initialization options) and the client. */
function createLanguageClient(state: ClientState, platform: ClientPlatform): BaseLanguageClient {
  // Other files to check (`kubeTlsLint.files`, e.g. `*.yaml.j2`), whatever their language; read at start.
  const templateGlobs = templateFileGlobs();
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    vscode.workspace.createFileSystemWatcher('**/{.gitignore,.kube-tls-lint-ignore}'),
    ...templateGlobs.map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
  ];
  state.context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: platform.documentSelector(templateGlobs),
    synchronize: { configurationSection: 'kubeTlsLint', fileEvents: watchers },
    initializationOptions: {
      status: true,
      clientWatchesFiles: true,
      clientCommands: [SHOW_RULE_DOCS_COMMAND, TURN_OFF_IN_SETTINGS_COMMAND],
      workspaceTrusted: vscode.workspace.isTrusted,
      ...platform.initializationOptions,
    },
    outputChannel: state.output,
  };
  return platform.createClient(clientOptions);
}

/** The status bar item for the client's state and the server's last status; then tells the API. */
function render(state: ClientState, clientState: State): void {
  renderStatus(state, clientState);
  state.statusChanged.fire();
}

function renderStatus(state: ClientState, clientState: State): void {
  const { status, last } = state;
  if (clientState === State.Starting) {
    show(status, '$(sync~spin) kube-tls-lint', 'kube-tls-lint: starting the language server');
  } else if (clientState === State.Stopped) {
    show(status, '$(error) kube-tls-lint', 'kube-tls-lint: the language server is not running. Click to see its output.', new vscode.ThemeColor('statusBarItem.errorBackground'));
  } else if (last?.state === 'scanning') {
    const progress = last.scan && last.scan.total ? ` ${last.scan.done}/${last.scan.total}` : '';
    show(status, `$(sync~spin) kube-tls-lint${progress}`, `kube-tls-lint: scanning the workspace${progress ? ` (${progress.trim()} files)` : ''}`);
  } else {
    const ready = readyStatus(last);
    show(status, `$(${ready.icon}) kube-tls-lint ${ready.count}`, ready.tooltip);
  }
}

/** The client's state and status notifications, the commands, and the configuration and trust events. */
function registerSubscriptions(state: ClientState, languageClient: BaseLanguageClient): void {
  const { context, output } = state;
  context.subscriptions.push(
    languageClient.onDidChangeState((e) => render(state, e.newState)),
    languageClient.onNotification(STATUS_NOTIFICATION, (params: Status) => {
      state.last = params;
      render(state, client?.state ?? State.Running);
    }),
    vscode.commands.registerCommand(SCAN_COMMAND, async () => {
      if (client?.state !== State.Running) {
        void vscode.window.showWarningMessage('kube-tls-lint: the language server is not running.');
        return;
      }
      await vscode.commands.executeCommand(SERVER_SCAN_COMMAND);
    }),
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      state.last = undefined;
      output.info('Restarting the language server.');
      await restart(client);
    }),
    vscode.commands.registerCommand(OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(REPORT_COMMAND, () => showReport()),
    // The document selector and watchers are made at start.
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('kubeTlsLint.files')) return;
      const choice = await vscode.window.showInformationMessage('kube-tls-lint: reload the window to check the files kubeTlsLint.files names.', 'Reload Window');
      if (choice) await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }),
    // Trusted now: the project file's fix paths apply (the server reads trust once, at start).
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      (client.clientOptions.initializationOptions as { workspaceTrusted: boolean }).workspaceTrusted = true;
      output.info('The workspace is trusted now: restarting the language server.');
      await restart(client);
    }),
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (ruleId: unknown) => showRuleDocs(context, ruleId)),
    vscode.commands.registerCommand(TURN_OFF_IN_SETTINGS_COMMAND, (ruleId: unknown, uri: unknown) => turnOffInSettings(ruleId, uri)),
  );
}

async function startClient(state: ClientState, languageClient: BaseLanguageClient, platform: ClientPlatform): Promise<void> {
  const { output } = state;
  try {
    await languageClient.start();
    platform.started?.(languageClient, state.context);
  } catch (err) {
    // Never a silent failure: the output channel says why, the status bar says it stopped.
    output.error(`The language server failed to start: ${(err as Error).stack ?? String(err)}`);
    render(state, State.Stopped);
    void vscode.window.showErrorMessage('kube-tls-lint: the language server failed to start. See the output channel.', 'Show Output').then((choice) => {
      if (choice) output.show(true);
    });
  }
}

/** The Node client restarts in one call; the web one has no such method. */
async function restart(languageClient: BaseLanguageClient | undefined): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the Node client has restart(), the web one may not: the optional method is checked
  const withRestart = languageClient as (BaseLanguageClient & { restart?: () => Promise<void> }) | undefined;
  if (withRestart?.restart) return withRestart.restart();
  await languageClient?.stop();
  await languageClient?.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

const SEVERITY_NAMES: ReportFinding['severity'][] = ['error', 'warning', 'info', 'hint'];

/**
 * The findings the editor shows (open files and the workspace scan) in a webview, grouped by
 * rule, CIS control, severity and folder; each links to its place. Returns the page (for tests).
 */
async function showReport(): Promise<string | undefined> {
  if (client?.state !== State.Running) {
    void vscode.window.showWarningMessage('kube-tls-lint: the language server is not running.');
    return undefined;
  }
  const findings: ReportFinding[] = [];
  let files = 0;
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === 'kube-tls-lint' && d.code !== undefined);
    if (ours.length) files++;
    for (const d of ours) {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const open = [uri, { selection: d.range }];
      findings.push({
        file: vscode.workspace.asRelativePath(uri),
        link: `command:vscode.open?${encodeURIComponent(JSON.stringify(open))}`,
        ruleId: String(code),
        severity: SEVERITY_NAMES[d.severity] ?? 'error',
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const html = await client.sendRequest<string>(REPORT_REQUEST, { findings, files } satisfies ReportParams);
  const panel = vscode.window.createWebviewPanel('kubeTlsLint.report', 'kube-tls-lint Report', vscode.ViewColumn.Active, { enableCommandUris: ['vscode.open'], enableScripts: false });
  panel.webview.html = html;
  return html;
}

/** `kubeTlsLint.files` (file name globs) as globs over every folder: `*.yaml.j2` is `**` + `/*.yaml.j2`. */
function templateFileGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('kubeTlsLint').get<unknown>('files');
  if (!Array.isArray(globs)) return [];
  const names = globs.filter((g): g is string => typeof g === 'string').map((g) => g.trim().replace(/^(\*\*\/)+/, ''));
  return names.filter((name) => name !== '' && !name.includes('/')).map((name) => `**/${name}`);
}

/** The rule's page shipped in the extension, in the Markdown preview beside the manifest (offline). */
async function showRuleDocs(context: vscode.ExtensionContext, ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return;
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
  await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
}

/**
 * `kubeTlsLint.rules.<rule>: off` in the settings of the workspace (of the document's folder in
 * a multi-root workspace), keeping the other rules set there.
 */
async function turnOffInSettings(ruleId: unknown, uri: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || typeof uri !== 'string') return;
  const resource = vscode.Uri.parse(uri);
  const multiRoot = vscode.workspace.workspaceFile !== undefined && vscode.workspace.getWorkspaceFolder(resource) !== undefined;
  const config = vscode.workspace.getConfiguration('kubeTlsLint', resource);
  const set = config.inspect<Record<string, string>>('rules');
  const current = (multiRoot ? set?.workspaceFolderValue : set?.workspaceValue) ?? {};
  const target = multiRoot ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await config.update('rules', { ...current, [ruleId]: 'off' }, target);
}

function show(item: vscode.StatusBarItem, text: string, tip: string, background?: vscode.ThemeColor): void {
  item.text = text;
  item.tooltip = tip;
  item.backgroundColor = background;
  item.show();
}
