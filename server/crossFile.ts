import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { LintConfig } from '../shared/config';
import { FileFacts, Place, refTargetKind } from '../shared/crossfile/facts';
import { CrossFileFinding, crossFileFindings, IndexedResource, ResourceIndex } from '../shared/crossfile/index';
import { isEckGroup } from '../shared/model/eck-config';
import { docsUrl } from '../shared/rules/types';
import { SOURCE } from './analysis';
import type { Publisher } from './publisher';
import { uriKey } from './uri';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/** Rules across files waits this long after a change, so a scan publishing many files judges them once. */
const SETTLE_MS = 30;

const rangeOf = (p: Place) => ({ start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } });

/** How a finding of a rule across files is shown (published, and named by its code actions). */
export function crossFileDiagnostic(f: CrossFileFinding): Diagnostic {
  return {
    range: rangeOf(f.place),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: r.file, range: rangeOf(r.place) }, message: r.message })),
  };
}

/**
 * The resources of every file the server knows (open documents and the workspace scan), and the
 * diagnostics of rules across files: when any file changes, the files that refer to it are
 * judged again from what is known of the others, without reading anything again.
 */
export class CrossFileTracker {
  private readonly files = new Map<string, { facts: FileFacts; config: LintConfig; text?: string }>();
  /** URIs currently showing findings of rules across files. */
  private shown = new Set<string>();
  /** The findings last published, by URI key, with the text of the file they were judged on when known (an open document's). */
  private findings = new Map<string, { findings: CrossFileFinding[]; text?: string }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly idle: Array<() => void> = [];
  /** The index of what is known now, built when a hover or a definition asks. */
  private index: ResourceIndex | undefined;

  constructor(private readonly publisher: Publisher) {}

  /** `facts.file` is the file's URI; `text`, the text the facts were read from (an open document's), for code actions. */
  update(facts: FileFacts, config: LintConfig, text?: string): void {
    const key = uriKey(facts.file);
    const before = this.files.get(key);
    if (!before && facts.resources.length === 0) return;
    this.files.set(key, { facts, config, text });
    this.schedule();
  }

  /**
   * The findings of rules across files shown in a document, once pending changes are judged,
   * when they were judged on exactly `text` (else none: their places may have moved).
   */
  async findingsFor(uri: string, text: string): Promise<CrossFileFinding[]> {
    await this.settled();
    const shown = this.findings.get(uriKey(uri));
    return shown && shown.text === text ? shown.findings : [];
  }

  remove(uri: string): void {
    if (this.files.delete(uriKey(uri))) this.schedule();
  }

  /**
   * What the reference at a position of a file resolves to (an ECK association's `name`, a
   * certificate `secretName`), as last known: the target and a one-line description.
   */
  resolve(uri: string, position: { line: number; character: number }): { target: IndexedResource; description: string; place: Place } | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    const at = (p: Place) => (p.line < position.line || (p.line === position.line && p.character <= position.character)) && (position.line < p.endLine || (position.line === p.endLine && position.character <= p.endCharacter));
    this.index ??= new ResourceIndex([...this.files.values()].map((e) => e.facts));
    for (const resource of file.facts.resources) {
      const namespace = resource.namespace;
      for (const ref of resource.refs) {
        const kind = refTargetKind(ref.field);
        if (!kind || !at(ref.place)) continue;
        const [target] = this.index.find(kind, ref.name, ref.namespace ?? namespace, isEckGroup);
        if (target) return { target, place: ref.place, description: `${kind} ${ref.name} — ${this.where(target)} — HTTP TLS ${target.facts.httpTlsOff ? 'off' : 'on'}` };
      }
      for (const ref of resource.secretRefs) {
        if (!at(ref.place)) continue;
        const [target] = this.index.find('Secret', ref.name, namespace, (g) => g === '');
        if (target) return { target, place: ref.place, description: `Secret ${ref.name} — ${this.where(target)} — keys: ${target.facts.secret?.keys.join(', ') || 'none'}` };
        const issuer = this.index.all.find((r) => r.facts.group === 'cert-manager.io' && r.facts.certificateSecretName === ref.name);
        if (issuer) return { target: issuer, place: ref.place, description: `Secret ${ref.name}, written by cert-manager Certificate ${issuer.facts.name ?? ''} — ${this.where(issuer)}` };
      }
    }
    return undefined;
  }

  /** A file as a hover names it: its path relative to the workspace is not known here, so its last two segments. */
  private where(target: IndexedResource): string {
    const parts = decodeURIComponent(target.file).split('/');
    return `${parts.slice(-2).join('/')}:${target.facts.namePlace.line + 1}`;
  }

  /** A file or folder was deleted. */
  removeUnder(file: string): void {
    let removed = false;
    for (const key of [...this.files.keys()]) {
      if (key === file || key.startsWith(file + '/') || key.startsWith(file + '\\')) removed = this.files.delete(key) || removed;
    }
    if (removed) this.schedule();
  }

  /** Resolves once pending changes are judged (tests). */
  settled(): Promise<void> {
    return this.timer ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
  }

  private schedule(): void {
    this.index = undefined;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.judge();
      for (const resolve of this.idle.splice(0)) resolve();
    }, SETTLE_MS);
  }

  private judge(): void {
    const entries = [...this.files.values()];
    const configs = new Map(entries.map((e) => [e.facts.file, e.config]));
    const byUri = new Map<string, Diagnostic[]>();
    const findings = new Map<string, { findings: CrossFileFinding[]; text?: string }>();
    for (const f of crossFileFindings(entries.map((e) => e.facts), (file) => configs.get(file))) {
      const diagnostic = crossFileDiagnostic(f);
      const list = byUri.get(f.file);
      if (list) list.push(diagnostic);
      else byUri.set(f.file, [diagnostic]);
      const key = uriKey(f.file);
      const known = findings.get(key);
      if (known) known.findings.push(f);
      else findings.set(key, { findings: [f], text: this.files.get(key)?.text });
    }
    this.findings = findings;
    for (const uri of this.shown) if (!byUri.has(uri)) this.publisher.publishCrossFile(uri, []);
    for (const [uri, diagnostics] of byUri) this.publisher.publishCrossFile(uri, diagnostics);
    this.shown = new Set(byUri.keys());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
