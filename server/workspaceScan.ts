import * as path from 'node:path';
import {
  CancellationToken,
  Connection,
  FileChangeType,
  FileEvent,
  TextDocuments,
  WorkDoneProgressServerReporter,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IGNORE_FILE, PROJECT_CONFIG_FILE } from '../shared/config';
import { describeError, isPathIgnored, listYamlFiles, readTextFileSync } from '../shared/workspace/files';
import { analyze, HelmDetector, toDiagnostics } from './analysis';
import type { Publisher } from './publisher';
import type { FolderContext, SettingsManager } from './settings';
import { pathToUri, uriKey, uriToPath } from './uri';

/** Server command (workspace/executeCommand) that rescans every folder; returns a ScanSummary. */
export const SCAN_COMMAND = 'kube-tls-lint.server.scanWorkspace';

const YAML_FILE = /\.ya?ml$/i;

export interface ScanSummary {
  files: number;
  /** Files published with at least one finding. */
  filesWithFindings: number;
  skipped: number;
  cancelled: boolean;
}

export interface ScanDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsManager;
  publisher: Publisher;
  helm: HelmDetector;
  log: (message: string) => void;
  /** The client shows server-initiated `window/workDoneProgress`. */
  progress: boolean;
  /** Settings, the project file or chart layout changed: open documents must be checked again. */
  revalidateOpen: () => void;
}

type FileResult = 'findings' | 'clean' | 'skipped' | 'open';

/**
 * The workspace problem scan: lints every YAML file of the workspace folders that is not open
 * (an open document's live text always wins), keeps the results fresh from file events, and
 * yields to the event loop between files so typing in an open document is never held up.
 */
export class WorkspaceScanner {
  private generation = 0;
  private running = 0;

  constructor(private readonly deps: ScanDeps) {}

  /** Scans the given folders (default: all); a newer scan supersedes a running one. */
  async scan(folders?: readonly WorkspaceFolder[], token?: CancellationToken): Promise<ScanSummary> {
    // A scan of some folders must not cut short a running scan of others: then scan them all.
    if (this.running > 0) folders = undefined;
    const generation = ++this.generation;
    this.running++;
    const summary: ScanSummary = { files: 0, filesWithFindings: 0, skipped: 0, cancelled: false };
    let reporter = nullReporter();
    const cancelled = () => generation !== this.generation || reporter.token.isCancellationRequested || !!token?.isCancellationRequested;
    const publisher = this.deps.publisher;
    try {
      reporter = await this.createProgress();
      reporter.begin('kube-tls-lint: scanning the workspace', 0, 'listing files', true);
      publisher.setScanProgress({ done: 0, total: 0 });
      const jobs: Array<{ context: FolderContext; files: string[] }> = [];
      for (const folder of folders ?? this.deps.settings.workspaceFolders()) {
        const context = await this.deps.settings.forFolder(folder);
        if (!context.root || cancelled()) continue;
        const inFolder = (uri: string) => isUnder(uriToPath(uri), context.root!);
        if (!context.settings.enable || !context.settings.workspaceScan.enable) {
          for (const uri of publisher.scanned(inFolder)) publisher.clear(uri, 'scan');
          continue;
        }
        const { files, errors } = await listYamlFiles([context.root], { exclude: context.exclude, isCancelled: cancelled });
        for (const error of errors) this.deps.log(`Workspace scan: cannot read ${error}`);
        jobs.push({ context, files: files.map((f) => f.path) });
      }
      const total = jobs.reduce((n, job) => n + job.files.length, 0);
      let done = 0;
      let lastPercent = -1;
      for (const job of jobs) {
        for (const file of job.files) {
          if (cancelled()) break;
          const outcome = this.refreshPath(file, job.context);
          summary.files++;
          if (outcome === 'findings') summary.filesWithFindings++;
          if (outcome === 'skipped') summary.skipped++;
          done++;
          const percent = Math.floor((done / total) * 100);
          if (total <= 200 || percent !== lastPercent) {
            lastPercent = percent;
            reporter.report(percent, `${done}/${total} files`);
            if (generation === this.generation) publisher.setScanProgress({ done, total });
          }
          // Lets pending messages (typing, cancellation) in between files.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        if (cancelled()) break;
        // Files no longer listed (now ignored or excluded) lose their old scan results.
        const listed = new Set(job.files);
        for (const uri of publisher.scanned((u) => isUnder(uriToPath(u), job.context.root!))) {
          if (!listed.has(uriKey(uri))) publisher.clear(uri, 'scan');
        }
      }
      summary.cancelled = cancelled();
      if (summary.cancelled) reporter.report(`cancelled after ${done}/${total} files`);
      this.deps.log(`Workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.files} files checked, ${summary.filesWithFindings} with findings, ${summary.skipped} skipped.`);
    } finally {
      this.running--;
      reporter.done();
      if (generation === this.generation) publisher.setScanProgress(undefined);
    }
    return summary;
  }

  /** A document was closed: show the file on disk again if the scan covers it, else clear it. */
  async fileClosed(uri: string): Promise<void> {
    const context = await this.scanContextOf(uri);
    const file = uriToPath(uri);
    if (!context || !file || this.isOpen(file)) {
      if (!this.isOpen(file ?? uri)) this.deps.publisher.clear(uri, 'document');
      return;
    }
    this.refreshPath(file, context);
  }

  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    let configChanged = false;
    const rescan = new Map<string, WorkspaceFolder>();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      const folder = this.deps.settings.folderOf(change.uri);
      const base = path.basename(file);
      const root = folder ? uriToPath(folder.uri) : undefined;
      if (base === PROJECT_CONFIG_FILE && root && path.dirname(file) === root) {
        configChanged = true;
        continue;
      }
      if (base === '.gitignore' || base === IGNORE_FILE) {
        if (folder) rescan.set(folder.uri, folder);
        continue;
      }
      if (/^Chart\.ya?ml$/.test(base) && change.type !== FileChangeType.Changed) {
        // Templates under this chart change between plain YAML and Helm.
        this.deps.helm.clear();
        configChanged = true;
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder only reports itself: clear everything the scan showed below it.
        for (const uri of this.deps.publisher.scanned((u) => isUnder(uriToPath(u), file))) {
          if (!this.isOpen(uriKey(uri))) this.deps.publisher.clear(uri, 'scan');
        }
        continue;
      }
      if (!YAML_FILE.test(file) || this.isOpen(file)) continue;
      const context = await this.scanContextOf(change.uri);
      if (context) this.refreshPath(file, context);
      else if (this.deps.publisher.ownerOf(change.uri) === 'scan') this.deps.publisher.clear(change.uri, 'scan');
    }
    if (configChanged) {
      this.deps.settings.invalidate();
      this.deps.revalidateOpen();
      await this.scan();
    } else if (rescan.size > 0) {
      await this.scan([...rescan.values()]);
    }
  }

  /** Folders were added or removed (multi-root). */
  async foldersChanged(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
    this.deps.settings.addFolders(added, removed);
    for (const folder of removed) {
      const root = uriToPath(folder.uri);
      for (const uri of this.deps.publisher.scanned((u) => !!root && isUnder(uriToPath(u), root))) {
        // A file may still belong to another (enclosing) folder; the scan below re-publishes it.
        this.deps.publisher.clear(uri, 'scan');
      }
    }
    if (added.length || removed.length) await this.scan();
  }

  /** The folder context when the scan covers this file, else undefined. */
  private async scanContextOf(uri: string): Promise<FolderContext | undefined> {
    const file = uriToPath(uri);
    const folder = this.deps.settings.folderOf(uri);
    if (!file || !folder || !YAML_FILE.test(file)) return undefined;
    const context = await this.deps.settings.forFolder(folder);
    if (!context.root || !context.settings.enable || !context.settings.workspaceScan.enable) return undefined;
    if (await isPathIgnored(context.root, file, { exclude: context.exclude })) return undefined;
    return context;
  }

  /** Lints the file on disk and publishes the result (files open in the editor are left to it). */
  private refreshPath(file: string, context: FolderContext): FileResult {
    if (this.isOpen(file)) return 'open';
    const uri = pathToUri(file);
    let read;
    try {
      // Synchronous: for the small files of a workspace far cheaper than the promise API, and never longer than linting the text.
      read = readTextFileSync(file, context.settings.maxFileSizeKb * 1024);
    } catch (err) {
      // Gone or unreadable since it was listed.
      this.deps.log(`Workspace scan: cannot read ${file}: ${describeError(err)}`);
      this.deps.publisher.clear(uri, 'scan');
      return 'skipped';
    }
    if (read.text === undefined) {
      // Skipped files are only logged: the Problems panel lists problems, not files we passed over.
      this.deps.log(`Workspace scan: ${file}: ${read.skipped}`);
      this.deps.publisher.clear(uri, 'scan');
      return 'skipped';
    }
    // Files no enabled rule can report on are not parsed (so they get no yaml-syntax finding from the scan).
    const analysis = analyze(read.text, context, this.deps.helm.isHelm(uri), undefined, true);
    if (analysis.skipped) {
      this.deps.log(`Workspace scan: ${file}: ${analysis.skipped}`);
      this.deps.publisher.clear(uri, 'scan');
      return 'skipped';
    }
    const diagnostics = toDiagnostics(analysis);
    this.deps.publisher.publish(uri, diagnostics, 'scan');
    return diagnostics.length ? 'findings' : 'clean';
  }

  private isOpen(fileOrKey: string): boolean {
    for (const doc of this.deps.documents.all()) if (uriKey(doc.uri) === fileOrKey) return true;
    return false;
  }

  private async createProgress(): Promise<WorkDoneProgressServerReporter> {
    if (this.deps.progress) {
      try {
        return await this.deps.connection.window.createWorkDoneProgress();
      } catch (err) {
        this.deps.log(`Progress not shown: ${(err as Error).message}`);
      }
    }
    return nullReporter();
  }
}

function isUnder(file: string | undefined, dir: string): boolean {
  if (!file) return false;
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function nullReporter(): WorkDoneProgressServerReporter {
  return { token: CancellationToken.None, begin() {}, report() {}, done() {} };
}
