import { Connection, Diagnostic, DiagnosticSeverity, NotificationType } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, StatusParams } from '../shared/status';
import { uriKey } from './uri';

export type { StatusParams };
export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);

export type Owner = 'document' | 'scan';

interface Entry {
  uri: string;
  owner: Owner;
  counts: [number, number, number, number];
}

/**
 * The one place diagnostics are sent from: remembers what each file shows (and who published
 * it: the open document or the workspace scan) to keep the finding counts for the status bar.
 */
export class Publisher {
  private readonly entries = new Map<string, Entry>();
  /** What the document or the scan last published, and what rules across files add to it. */
  private readonly own = new Map<string, { diagnostics: Diagnostic[]; version?: number }>();
  private readonly crossFile = new Map<string, Diagnostic[]>();
  private scan: StatusParams['scan'];
  private statusTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly sendStatus: boolean,
  ) {}

  publish(uri: string, ownDiagnostics: Diagnostic[], owner: Owner, version?: number): void {
    const key = uriKey(uri);
    const previous = this.entries.get(key);
    if (ownDiagnostics.length) this.own.set(key, { diagnostics: ownDiagnostics, version });
    else this.own.delete(key);
    const added = this.crossFile.get(key);
    const diagnostics = added ? [...ownDiagnostics, ...added] : ownDiagnostics;
    if (diagnostics.length === 0) {
      this.entries.delete(key);
      // A file that never showed anything needs no empty notification (keeps scans quiet).
      if (!previous && owner === 'scan') return;
    } else {
      const counts: Entry['counts'] = [0, 0, 0, 0];
      for (const d of diagnostics) counts[(d.severity ?? DiagnosticSeverity.Error) - 1]++;
      this.entries.set(key, { uri, owner, counts });
    }
    // A previous entry under another spelling of the same file's URI is cleared as well.
    if (previous && previous.uri !== uri) void this.connection.sendDiagnostics({ uri: previous.uri, diagnostics: [] });
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    this.statusChanged();
  }

  /** The findings of rules across files in this file: shown with its own. */
  publishCrossFile(uri: string, diagnostics: Diagnostic[]): void {
    const key = uriKey(uri);
    if (diagnostics.length) this.crossFile.set(key, diagnostics);
    else if (!this.crossFile.delete(key)) return;
    const entry = this.entries.get(key);
    const own = this.own.get(key);
    this.publish(entry?.uri ?? uri, own?.diagnostics ?? [], entry?.owner ?? 'scan', own?.version);
  }

  clear(uri: string, owner: Owner): void {
    this.publish(uri, [], owner);
  }

  ownerOf(uri: string): Owner | undefined {
    return this.entries.get(uriKey(uri))?.owner;
  }

  /** URIs whose diagnostics came from the scan, optionally only those under a path prefix. */
  scanned(filter?: (uri: string) => boolean): string[] {
    const out: string[] = [];
    for (const entry of this.entries.values()) if (entry.owner === 'scan' && (!filter || filter(entry.uri))) out.push(entry.uri);
    return out;
  }

  setScanProgress(scan: StatusParams['scan']): void {
    this.scan = scan;
    this.statusChanged();
  }

  status(): StatusParams {
    const status: StatusParams = { state: this.scan ? 'scanning' : 'ready', errors: 0, warnings: 0, infos: 0, hints: 0, files: 0, listedFiles: 0 };
    for (const entry of this.entries.values()) {
      status.errors += entry.counts[0];
      status.warnings += entry.counts[1];
      status.infos += entry.counts[2];
      status.hints += entry.counts[3];
      status.files++;
      if (entry.counts[0] + entry.counts[1] + entry.counts[2] > 0) status.listedFiles++;
    }
    if (this.scan) status.scan = this.scan;
    return status;
  }

  /** Status updates are coalesced: a scan publishing hundreds of files sends a few. */
  private statusChanged(): void {
    if (!this.sendStatus || this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      void this.connection.sendNotification(StatusNotification, this.status());
    }, 50);
  }

  dispose(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
  }
}
