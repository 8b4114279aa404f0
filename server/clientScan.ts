import { CancellationToken, FileChangeType, FileEvent, WorkspaceFolder } from 'vscode-languageserver';
import { FIND_FILES_REQUEST, FindFilesParams, READ_FILE_REQUEST, ReadFileParams, ReadFileResult } from '../shared/clientFiles';
import { factsOf, mayHoldFacts } from '../shared/crossfile/facts';
import { IGNORE_FILE, PROJECT_CONFIG_FILE } from '../shared/config';
import { ParseCache } from '../shared/engine';
import { excludedPath } from '../shared/workspace/excludeGlobs';
import { KUSTOMIZATION_FILES } from '../shared/workspace/kustomizeNames';
import { formatSize } from '../shared/workspace/size';
import { analyze, toDiagnostics } from './analysis';
import { createScanProgress, nullReporter, ScanDeps, ScanSummary, WorkspaceScan } from './scan';
import type { FolderContext } from './settings';

const YAML_NAMES = ['*.yaml', '*.yml'];
const YAML_FILE = /\.ya?ml$/i;
const CHART_FILES = ['Chart.yaml', 'Chart.yml'];
/** Listed at most per folder: a virtual workspace (a remote repository) is read over the network. */
const MAX_FILES_PER_FOLDER = 10_000;

/**
 * The workspace scan of the browser server: the client lists and reads the files (a Web Worker
 * cannot), the server filters, lints and publishes them, open documents first. Compared with
 * the scan on disk (workspaceScan.ts): `.gitignore`, `.kube-tls-lint-ignore` and the project
 * file are not read, the editor's `files.exclude` applies (findFiles), charts and kustomizations
 * are known from the files it lists (see fileFacts.browser.ts), and big files are linted on the
 * worker itself.
 */
export class ClientScanner implements WorkspaceScan {
  private generation = 0;

  constructor(
    private readonly deps: ScanDeps,
    /** Told where the kustomizations and charts are (fileFacts.browser.ts); true when that changed. */
    private readonly layout?: { setFolderLayout(folderUri: string, layout: { kustomizationDirs: readonly string[]; chartDirs: readonly string[] }): boolean },
  ) {}

  async scan(folders?: readonly WorkspaceFolder[], token?: CancellationToken): Promise<ScanSummary> {
    const generation = ++this.generation;
    const summary: ScanSummary = { files: 0, filesWithFindings: 0, skipped: 0, cancelled: false };
    let reporter = nullReporter();
    const cancelled = () => generation !== this.generation || reporter.token.isCancellationRequested || !!token?.isCancellationRequested;
    const { publisher } = this.deps;
    try {
      reporter = await createScanProgress(this.deps);
      reporter.begin('kube-tls-lint: scanning the workspace', 0, 'listing files', true);
      publisher.setScanProgress({ done: 0, total: 0 });
      const jobs: Array<{ context: FolderContext; folder: WorkspaceFolder; uris: string[] }> = [];
      for (const folder of folders ?? this.deps.settings.workspaceFolders()) {
        const context = await this.deps.settings.forFolder(folder);
        if (cancelled()) break;
        const inFolder = (uri: string) => isUnder(uri, folder.uri);
        if (!context.settings.enable || !context.settings.workspaceScan.enable) {
          for (const uri of publisher.scanned(inFolder)) publisher.clear(uri, 'scan');
          continue;
        }
        const params: FindFilesParams = { folderUri: folder.uri, names: [...YAML_NAMES, ...KUSTOMIZATION_FILES, ...context.settings.files], maxResults: MAX_FILES_PER_FOLDER };
        const listed = await this.deps.connection.sendRequest<string[] | null>(FIND_FILES_REQUEST, params);
        if (!Array.isArray(listed)) continue;
        if (listed.length >= MAX_FILES_PER_FOLDER) this.deps.log(`Workspace scan: ${folder.name} has ${MAX_FILES_PER_FOLDER} or more matching files; only the first ${MAX_FILES_PER_FOLDER} are checked.`);
        const dirsHolding = (names: readonly string[]) =>
          listed.filter((uri) => typeof uri === 'string' && inFolder(uri) && names.includes(baseName(uri))).map((uri) => uri.slice(0, uri.lastIndexOf('/')));
        if (this.layout?.setFolderLayout(folder.uri, { kustomizationDirs: dirsHolding(KUSTOMIZATION_FILES), chartDirs: dirsHolding(CHART_FILES) })) this.deps.revalidateOpen();
        const excluded = excludedPath(context.exclude);
        const uris = listed.filter((uri) => typeof uri === 'string' && inFolder(uri) && this.covers(uri, context) && !excluded(relativeTo(folder.uri, uri)));
        jobs.push({ context, folder, uris });
      }
      const total = jobs.reduce((n, job) => n + job.uris.length, 0);
      let done = 0;
      for (const job of jobs) {
        for (const uri of job.uris) {
          if (cancelled()) break;
          // Lets pending messages (an open, typing, cancellation) in between files; open documents go first.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          await this.deps.documentsFirst();
          if (cancelled()) break;
          const result = await this.refresh(uri, job.context, cancelled);
          summary.files++;
          if (result === 'findings') summary.filesWithFindings++;
          if (result === 'skipped') summary.skipped++;
          done++;
          reporter.report(Math.floor((done / total) * 100), `${done}/${total} files`);
          if (generation === this.generation) publisher.setScanProgress({ done, total });
        }
        if (cancelled()) break;
        // Files no longer listed (deleted, now excluded) lose their old scan results.
        const listed = new Set(job.uris);
        for (const uri of publisher.scanned((u) => isUnder(u, job.folder.uri))) if (!listed.has(uri)) publisher.clear(uri, 'scan');
      }
      summary.cancelled = cancelled();
      this.deps.log(`Workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.files} files checked, ${summary.filesWithFindings} with findings, ${summary.skipped} skipped.`);
    } finally {
      reporter.done();
      if (generation === this.generation) publisher.setScanProgress(undefined);
    }
    return summary;
  }

  async fileClosed(uri: string): Promise<void> {
    const context = await this.scanContextOf(uri);
    if (this.isOpen(uri)) return;
    if (!context) {
      this.deps.publisher.clear(uri, 'document');
      this.deps.crossFile?.remove(uri);
      return;
    }
    await this.deps.documentsFirst();
    await this.refresh(uri, context, () => false);
  }

  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    let rescan = false;
    for (const change of changes) {
      const name = baseName(change.uri);
      // Files near it change between whole resources and patches: the scan lists the kustomizations again.
      // So do templates under a chart (Helm or plain YAML).
      if ([...KUSTOMIZATION_FILES, ...CHART_FILES].includes(name) && change.type !== FileChangeType.Changed) rescan = true;
      // Only the editor settings count here (see the class comment); they come with didChangeConfiguration.
      if (name === PROJECT_CONFIG_FILE || name === '.gitignore' || name === IGNORE_FILE) continue;
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder only reports itself: everything the scan showed below it goes too.
        this.deps.crossFile?.removeUnder(change.uri);
        for (const uri of this.deps.publisher.scanned((u) => isUnder(u, change.uri))) if (!this.isOpen(uri)) this.deps.publisher.clear(uri, 'scan');
        continue;
      }
      if (this.isOpen(change.uri)) continue;
      const context = await this.scanContextOf(change.uri);
      if (!context) continue;
      await this.deps.documentsFirst();
      await this.refresh(change.uri, context, () => false);
    }
    if (rescan) await this.scan();
  }

  async foldersChanged(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
    this.deps.settings.addFolders(added, removed);
    for (const folder of removed) {
      for (const uri of this.deps.publisher.scanned((u) => isUnder(u, folder.uri))) this.deps.publisher.clear(uri, 'scan');
    }
    if (added.length || removed.length) await this.scan();
  }

  dispose(): void {
    this.generation++;
  }

  /** A YAML file, or one a template glob names. */
  private covers(uri: string, context: FolderContext): boolean {
    return YAML_FILE.test(uri) || context.templateName(baseName(uri));
  }

  private async scanContextOf(uri: string): Promise<FolderContext | undefined> {
    const folder = this.deps.settings.folderOf(uri);
    if (!folder) return undefined;
    const context = await this.deps.settings.forFolder(folder);
    if (!context.settings.enable || !context.settings.workspaceScan.enable || !this.covers(uri, context)) return undefined;
    return excludedPath(context.exclude)(relativeTo(folder.uri, uri)) ? undefined : context;
  }

  /** Reads the file through the client, lints and publishes it (a file opened meanwhile is left to its document). */
  private async refresh(uri: string, context: FolderContext, cancelled: () => boolean): Promise<'findings' | 'clean' | 'skipped' | 'open'> {
    if (this.isOpen(uri)) return 'open';
    const maxBytes = context.settings.maxFileSizeKb * 1024;
    let read: ReadFileResult;
    try {
      read = await this.deps.connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, { uri, maxBytes } satisfies ReadFileParams);
    } catch (err) {
      read = { error: (err as Error).message };
    }
    if (this.isOpen(uri) || cancelled()) return 'open';
    const publisher = this.deps.publisher;
    if (!read || typeof read !== 'object' || !('text' in read) || typeof read.text !== 'string') {
      const why = read && 'tooBig' in read ? `skipped: ${formatSize(read.tooBig)} is over the ${formatSize(maxBytes)} size limit` : `cannot read it: ${(read as { error?: string })?.error ?? 'no answer'}`;
      this.deps.log(`Workspace scan: ${uri}: ${why}`);
      publisher.clear(uri, 'scan');
      this.deps.crossFile?.remove(uri);
      return 'skipped';
    }
    const facts = this.deps.facts.of(uri);
    const template = !YAML_FILE.test(uri) && context.templateName(baseName(uri));
    const keepsParse = mayHoldFacts(read.text);
    const analysis = analyze(read.text, context, template ? { ...facts, helm: true } : facts, keepsParse ? new ParseCache() : undefined, true);
    if (analysis.skipped) {
      this.deps.log(`Workspace scan: ${uri}: ${analysis.skipped}`);
      publisher.clear(uri, 'scan');
      this.deps.crossFile?.remove(uri);
      return 'skipped';
    }
    if (keepsParse) this.deps.crossFile?.update(factsOf(uri, read.text, facts.kustomizeNamespace, analysis.result.parsed), context.config);
    else this.deps.crossFile?.remove(uri);
    const diagnostics = toDiagnostics(analysis, { maxProblems: context.settings.maxProblemsPerFile, uri });
    publisher.publish(uri, diagnostics, 'scan');
    return diagnostics.length ? 'findings' : 'clean';
  }

  private isOpen(uri: string): boolean {
    return this.deps.documents.get(uri) !== undefined;
  }
}

function isUnder(uri: string, folderUri: string): boolean {
  const base = folderUri.replace(/\/+$/, '');
  return uri === base || uri.startsWith(`${base}/`);
}

/** The path below the folder, decoded (`charts/my chart/x.yaml`), as exclude globs are written. */
function relativeTo(folderUri: string, uri: string): string {
  const rest = uri.slice(folderUri.replace(/\/+$/, '').length + 1);
  return rest.split('/').map(decodeSegment).join('/');
}

function baseName(uri: string): string {
  return decodeSegment(uri.slice(uri.lastIndexOf('/') + 1));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
