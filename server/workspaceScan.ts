import * as path from 'node:path';
import { CancellationToken, FileChangeType, FileEvent, WorkspaceFolder } from 'vscode-languageserver/node';
import { IGNORE_FILE, PROJECT_CONFIG_FILE } from '../shared/config';
import { isPathIgnored, listYamlFiles, WalkEntry } from '../shared/workspace/files';
import { KUSTOMIZATION_FILES } from '../shared/workspace/kustomize';
import type { FileLinter, FileOutcome } from './fileLinter';
import type { FolderContext } from './settings';
import { createScanProgress, nullReporter, ScanDeps, ScanSummary, WorkspaceScan } from './scan';
import { pathToUri, rawPathToUri, uriKey, uriToPath, uriToReadablePath } from './uri';

const YAML_FILE = /\.ya?ml$/i;

export { SCAN_COMMAND } from './scan';
export type { ScanSummary } from './scan';

/** What the scan on disk needs besides the common dependencies. */
export interface DiskScanDeps extends ScanDeps {
  /** Reads and lints files on disk (big ones on a worker thread when it can). */
  linter: FileLinter;
}

type FileResult = 'findings' | 'clean' | 'skipped' | 'open';

/**
 * A file of the scan: its path as messages show it, and its URI. A name that is not UTF-8 is
 * read by its own bytes and published under a URI of those bytes (see rawPathToUri).
 */
interface ScanFile {
  path: string;
  raw?: Uint8Array;
  uri: string;
  /** What `uriKey` gives for its URI: the path, or the URI of a name that is not UTF-8. */
  key: string;
}

function scanFile(entry: WalkEntry): ScanFile {
  if (!entry.raw) return { path: entry.path, uri: pathToUri(entry.path), key: entry.path };
  const uri = rawPathToUri(entry.raw);
  return { path: entry.path, raw: entry.raw, uri, key: uriKey(uri) };
}

/**
 * Files started ahead of the one being published: while the lint worker has a big one, small
 * ones go on. One file is started per turn of the event loop, never a burst.
 */
const FILES_IN_FLIGHT = 16;

interface InFlight {
  file: ScanFile;
  /** Undefined for a file open in the editor (its document is checked instead). */
  outcome?: Promise<FileOutcome>;
  result?: FileOutcome;
}

/**
 * The workspace problem scan: lints every YAML file of the workspace folders that is not open
 * (an open document's live text always wins) and keeps the results fresh from file events.
 * Big files are linted on a worker thread (see FileLinter), the event loop is yielded between
 * files, and no file is started while an open document waits to be checked, so opening or
 * typing in a document is never held up.
 */
export class WorkspaceScanner implements WorkspaceScan {
  private generation = 0;
  private running = 0;

  constructor(private readonly deps: DiskScanDeps) {}

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
      reporter = await createScanProgress(this.deps);
      reporter.begin('kube-tls-lint: scanning the workspace', 0, 'listing files', true);
      publisher.setScanProgress({ done: 0, total: 0 });
      const jobs: Array<{ context: FolderContext; files: ScanFile[] }> = [];
      for (const folder of folders ?? this.deps.settings.workspaceFolders()) {
        const context = await this.deps.settings.forFolder(folder);
        if (!context.root || cancelled()) continue;
        const inFolder = (uri: string) => isUnder(uriToReadablePath(uri), context.root!);
        if (!context.settings.enable || !context.settings.workspaceScan.enable) {
          for (const uri of publisher.scanned(inFolder)) publisher.clear(uri, 'scan');
          continue;
        }
        const { files, errors } = await listYamlFiles([context.root], {
          exclude: context.exclude,
          isCancelled: cancelled,
          // Open documents waiting to be checked go before the listing too.
          beforeFolder: () => this.deps.documentsFirst(),
          fileName: (name) => YAML_FILE.test(name) || context.templateName(name),
        });
        for (const error of errors) this.deps.log(`Workspace scan: cannot read ${error}`);
        jobs.push({ context, files: files.map(scanFile) });
      }
      const total = jobs.reduce((n, job) => n + job.files.length, 0);
      let done = 0;
      let lastPercent = -1;
      for (const job of jobs) {
        // Results are published in listing order; up to FILES_IN_FLIGHT files are started ahead.
        const inFlight: InFlight[] = [];
        let next = 0;
        while (!cancelled() && (inFlight.length > 0 || next < job.files.length)) {
          // Lets pending messages (an open, typing, cancellation) in between files.
          await new Promise<void>((resolve) => setImmediate(resolve));
          while (inFlight.length > 0 && (!inFlight[0].outcome || inFlight[0].result) && !cancelled()) {
            const { file, result } = inFlight.shift()!;
            const fileResult = result ? this.publishOutcome(file, result, job.context) : 'open';
            summary.files++;
            if (fileResult === 'findings') summary.filesWithFindings++;
            if (fileResult === 'skipped') summary.skipped++;
            done++;
            const percent = Math.floor((done / total) * 100);
            if (total <= 200 || percent !== lastPercent) {
              lastPercent = percent;
              reporter.report(percent, `${done}/${total} files`);
              if (generation === this.generation) publisher.setScanProgress({ done, total });
            }
          }
          if (inFlight.length === 0 && next >= job.files.length) break;
          // Open documents waiting to be checked go first.
          await this.deps.documentsFirst();
          if (cancelled()) break;
          if (next < job.files.length && inFlight.length < FILES_IN_FLIGHT) inFlight.push(this.start(job.files[next++], job.context));
          // The oldest file is awaited only when no other can start meanwhile.
          const head = inFlight[0];
          if (head.outcome && !head.result && (next >= job.files.length || inFlight.length >= FILES_IN_FLIGHT)) head.result = await head.outcome;
        }
        if (cancelled()) break;
        // Files no longer listed (now ignored or excluded) lose their old scan results.
        const listed = new Set(job.files.map((f) => f.key));
        for (const uri of publisher.scanned((u) => isUnder(uriToReadablePath(u), job.context.root!))) {
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
      if (!this.isOpen(file ?? uri)) {
        this.deps.publisher.clear(uri, 'document');
        // Outside the scanned folders a closed document is no longer known.
        this.deps.crossFile?.remove(uri);
      }
      return;
    }
    await this.refreshPath(scanFile({ path: file }), context);
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
      if (KUSTOMIZATION_FILES.includes(base)) {
        // Files it names as patches become (or stop being) partial resources.
        this.deps.facts.clear();
        this.deps.revalidateOpen();
        if (folder) rescan.set(folder.uri, folder);
        continue;
      }
      if (/^Chart\.ya?ml$/.test(base) && change.type !== FileChangeType.Changed) {
        // Templates under this chart change between plain YAML and Helm.
        this.deps.facts.clear();
        configChanged = true;
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        this.deps.crossFile?.removeUnder(file);
        // A deleted folder only reports itself: clear everything the scan showed below it.
        for (const uri of this.deps.publisher.scanned((u) => isUnder(uriToReadablePath(u), file))) {
          if (!this.isOpen(uriKey(uri))) this.deps.publisher.clear(uri, 'scan');
        }
        continue;
      }
      if (this.isOpen(file)) continue;
      const context = await this.scanContextOf(change.uri);
      if (context) await this.refreshPath(scanFile({ path: file }), context);
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
      for (const uri of this.deps.publisher.scanned((u) => !!root && isUnder(uriToReadablePath(u), root))) {
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
    if (!file || !folder) return undefined;
    const context = await this.deps.settings.forFolder(folder);
    if (!YAML_FILE.test(file) && !context.templateName(path.basename(file))) return undefined;
    if (!context.root || !context.settings.enable || !context.settings.workspaceScan.enable) return undefined;
    if (isPathIgnored(context.root, file, { exclude: context.exclude })) return undefined;
    return context;
  }

  /** Starts reading and linting a file of the scan; the result is kept on the entry when it comes. */
  private start(file: ScanFile, context: FolderContext): InFlight {
    if (this.isOpen(file.key)) return { file };
    const entry: InFlight = { file };
    entry.outcome = this.deps.linter.lint(this.fileJob(file, context));
    void entry.outcome.then((result) => (entry.result = result));
    return entry;
  }

  /** Lints the file on disk and publishes the result (files open in the editor are left to it). */
  private async refreshPath(file: ScanFile, context: FolderContext): Promise<FileResult> {
    await this.deps.documentsFirst();
    if (this.isOpen(file.key)) return 'open';
    return this.publishOutcome(file, await this.deps.linter.lint(this.fileJob(file, context)), context);
  }

  private fileJob(file: ScanFile, context: FolderContext) {
    return { file: file.path, raw: file.raw, uri: file.uri, maxFileSizeKb: context.settings.maxFileSizeKb, maxProblemsPerFile: context.settings.maxProblemsPerFile, config: context.config, facts: this.fileFacts(file, context) };
  }

  /** A file matched by a template glob is read as a template. */
  private fileFacts(file: ScanFile, context: FolderContext) {
    const facts = this.deps.facts.of(file.uri);
    return context.templateName(path.basename(file.path)) ? { ...facts, helm: true } : facts;
  }

  private publishOutcome(scanned: ScanFile, outcome: FileOutcome, context?: FolderContext): FileResult {
    // Opened while it was being linted: the editor's text wins.
    if (this.isOpen(scanned.key)) return 'open';
    const { uri, path: file } = scanned;
    if (outcome.kind === 'diagnostics' && outcome.resources && context) this.deps.crossFile?.update(outcome.resources, context.config);
    else this.deps.crossFile?.remove(uri);
    if (outcome.kind !== 'diagnostics') {
      // Skipped files are only logged: the Problems panel lists problems, not files we passed over.
      this.deps.log(outcome.kind === 'unreadable' ? `Workspace scan: cannot read ${file}: ${outcome.reason}` : `Workspace scan: ${file}: ${outcome.reason}`);
      this.deps.publisher.clear(uri, 'scan');
      return 'skipped';
    }
    this.deps.publisher.publish(uri, outcome.diagnostics, 'scan');
    return outcome.diagnostics.length ? 'findings' : 'clean';
  }

  dispose(): void {
    this.generation++;
    this.deps.linter.dispose();
  }

  private isOpen(fileOrKey: string): boolean {
    for (const doc of this.deps.documents.all()) if (uriKey(doc.uri) === fileOrKey) return true;
    return false;
  }
}

function isUnder(file: string | undefined, dir: string): boolean {
  if (!file) return false;
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
