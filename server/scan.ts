import { CancellationToken, Connection, FileEvent, TextDocuments, WorkDoneProgressServerReporter, WorkspaceFolder } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CrossFileTracker } from './crossFile';
import type { FileFactsSource } from './analysis';
import type { Publisher } from './publisher';
import type { SettingsManager } from './settings';

/** Server command (workspace/executeCommand) that rescans every folder; returns a ScanSummary. */
export const SCAN_COMMAND = 'kube-tls-lint.server.scanWorkspace';

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
  facts: FileFactsSource;
  /** Resources of the files scanned, for rules across files. */
  crossFile?: CrossFileTracker;
  log: (message: string) => void;
  /** The client shows server-initiated `window/workDoneProgress`. */
  progress: boolean;
  /** Settings, the project file or chart layout changed: open documents must be checked again. */
  revalidateOpen: () => void;
  /** Resolves when no open document waits to be checked: the scan lints no file before that. */
  documentsFirst: () => Promise<void>;
}

/**
 * The workspace problem scan: the files of the workspace folders that are not open, linted and
 * published, kept fresh from file events. On disk under Node (workspaceScan.ts); read through
 * the client in the browser (clientScan.ts).
 */
export interface WorkspaceScan {
  /** Scans the given folders (default: all); a newer scan supersedes a running one. */
  scan(folders?: readonly WorkspaceFolder[], token?: CancellationToken): Promise<ScanSummary>;
  /** A document was closed: show the file as the scan sees it again if the scan covers it, else clear it. */
  fileClosed(uri: string): Promise<void>;
  filesChanged(changes: readonly FileEvent[]): Promise<void>;
  /** Folders were added or removed (multi-root). */
  foldersChanged(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void>;
  dispose(): void;
}

/** The scan's progress in the editor, where the client shows server-initiated progress; else one that shows nothing. */
export async function createScanProgress(deps: Pick<ScanDeps, 'connection' | 'progress' | 'log'>): Promise<WorkDoneProgressServerReporter> {
  if (deps.progress) {
    try {
      return await deps.connection.window.createWorkDoneProgress();
    } catch (err) {
      deps.log(`Progress not shown: ${(err as Error).message}`);
    }
  }
  return nullReporter();
}

export function nullReporter(): WorkDoneProgressServerReporter {
  return { token: CancellationToken.None, begin() {}, report() {}, done() {} };
}
