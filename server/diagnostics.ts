import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ParseCache } from '../shared/engine';
import { YAML_SYNTAX_RULE_ID } from '../shared/rules';
import { analyze, Analysis, FileFactsSource, isLintedLanguage, toDiagnostics } from './analysis';
import type { Publisher } from './publisher';
import type { CrossFileTracker } from './crossFile';
import { factsOf } from '../shared/crossfile/facts';
import type { FolderContext, SettingsManager } from './settings';

export interface DiagnosticsDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsManager;
  publisher: Publisher;
  facts: FileFactsSource;
  log: (message: string) => void;
  /** Resources of open documents, for rules across files. */
  crossFile?: CrossFileTracker;
  /** A document was closed: the workspace scan may own the file on disk. */
  closed: (uri: string) => void;
}

interface Cached {
  version: number;
  context: FolderContext;
  analysis: Analysis;
}

/**
 * An opened document this long (64 K characters) first gets the findings of its documents some
 * rule may report on (the prefilter's: a tenth of a typical big manifest is parsed), then the
 * whole lint's, which parses only the rest, with the syntax errors of every document.
 */
export const FINDINGS_FIRST_MIN_LENGTH = 64 * 1024;

/** A syntax error that appears while typing waits this much longer, so half-typed lines do not flicker. */
const SYNTAX_GRACE_MIN_MS = 600;

/**
 * Validates open documents: at once when opened, debounced while typing. Every result is
 * keyed by the document version it was computed for and dropped if the text moved on.
 */
export class DiagnosticsController {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cache = new Map<string, Cached>();
  /** Parsed documents of each open file, so typing in one document of a big file re-parses only that one. */
  private readonly parses = new Map<string, ParseCache>();
  /** Documents whose last published diagnostics held a syntax error. */
  private readonly syntaxShown = new Set<string>();
  /** Validations started (opened, changed after the debounce, re-checked) and not yet done. */
  private due = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: DiagnosticsDeps) {}

  opened(uri: string): void {
    this.cancel(uri);
    void this.validate(uri, false, true);
  }

  changed(uri: string): void {
    this.cancel(uri);
    const doc = this.deps.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    void this.deps.settings.forUri(uri).then((context) => {
      // A newer change (or close) came while the settings were read: it schedules its own run.
      if (this.deps.documents.get(uri)?.version !== version) return;
      // Checked when saved instead; the last diagnostics stay until then.
      if (context.settings.run === 'onSave') return;
      this.schedule(uri, context.settings.debounceMs, true);
    }, (err) => this.deps.log(`Validation of ${uri} failed: ${(err as Error).stack ?? String(err)}`));
  }

  /** Saved: checked now when `run` is `onSave` (with `onType` the edits were checked already). */
  saved(uri: string): void {
    const doc = this.deps.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    void this.deps.settings.forUri(uri).then((context) => {
      if (context.settings.run !== 'onSave' || this.deps.documents.get(uri)?.version !== version) return;
      this.cancel(uri);
      void this.validate(uri, false);
    }, (err) => this.deps.log(`Validation of ${uri} failed: ${(err as Error).stack ?? String(err)}`));
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.cache.delete(uri);
    this.parses.delete(uri);
    this.syntaxShown.delete(uri);
    this.deps.closed(uri);
  }

  /** Settings or project files changed: every open document is checked again now. */
  revalidateAll(): void {
    this.cache.clear();
    for (const doc of this.deps.documents.all()) {
      this.cancel(doc.uri);
      void this.validate(doc.uri, false);
    }
  }

  /**
   * Resolves once no open document is being checked: the workspace scan awaits this before each
   * file, so an opened or edited document never waits behind the scan.
   */
  idle(): Promise<void> {
    if (this.due === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The analysis of the document's current version, or undefined if it changed meanwhile or is not linted. */
  async current(uri: string): Promise<{ analysis: Analysis; version: number; text: string; context: FolderContext } | undefined> {
    const doc = this.deps.documents.get(uri);
    if (!doc) return undefined;
    const at = doc.version;
    const context = await this.deps.settings.forUri(uri);
    const now = this.deps.documents.get(uri);
    if (!now || now.version !== at) return undefined;
    if (!context.settings.enable || !(isLintedLanguage(now.languageId, uri) || context.templateName(nameOf(uri)))) return undefined;
    return { analysis: this.analysisOf(now, context), version: at, text: now.getText(), context };
  }

  private schedule(uri: string, delay: number, typing: boolean): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri, typing);
      }, delay),
    );
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string, typing: boolean, findingsFirst = false): Promise<void> {
    this.due++;
    try {
      if (findingsFirst && (await this.publishFindingsFirst(uri))) {
        // Lets a change or close in before the rest of the document is parsed.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const state = await this.current(uri);
      const doc = this.deps.documents.get(uri);
      if (!doc) return;
      if (!state) {
        // Disabled, not YAML, or stale: a stale run is followed by a newer one.
        const context = await this.deps.settings.forUri(uri);
        const now = this.deps.documents.get(uri);
        if (now && now.version === doc.version && (!context.settings.enable || !(isLintedLanguage(now.languageId, uri) || context.templateName(nameOf(uri))))) {
          if (this.deps.publisher.ownerOf(uri)) this.deps.publisher.clear(uri, 'document');
        }
        return;
      }
      const hasSyntaxError = state.analysis.result.findings.some((f) => f.ruleId === YAML_SYNTAX_RULE_ID);
      if (typing && hasSyntaxError && !this.syntaxShown.has(uri)) {
        this.schedule(uri, Math.max(SYNTAX_GRACE_MIN_MS, 3 * state.context.settings.debounceMs), false);
        return;
      }
      if (hasSyntaxError) this.syntaxShown.add(uri);
      else this.syntaxShown.delete(uri);
      this.deps.publisher.publish(uri, toDiagnostics(state.analysis, { maxProblems: state.context.settings.maxProblemsPerFile, version: state.version, uri }), 'document', state.version);
      if (this.deps.crossFile) {
        const skipped = state.analysis.skipped !== undefined;
        this.deps.crossFile.update(skipped ? { file: uri, resources: [] } : factsOf(uri, state.text, this.deps.facts.of(uri).kustomizeNamespace, state.analysis.result.parsed), state.context.config, state.text);
      }
    } catch (err) {
      this.deps.log(`Validation of ${uri} failed: ${(err as Error).stack ?? String(err)}`);
    } finally {
      if (--this.due === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * For a big document just opened: publishes the prefiltered lint's diagnostics (every finding
   * of the rules; syntax errors only of the documents it parsed). The parses are kept for the
   * whole lint. False when the document is small, not linted, or skipped.
   */
  private async publishFindingsFirst(uri: string): Promise<boolean> {
    const doc = this.deps.documents.get(uri);
    if (!doc || doc.getText().length < FINDINGS_FIRST_MIN_LENGTH) return false;
    const context = await this.deps.settings.forUri(uri);
    const now = this.deps.documents.get(uri);
    if (!now || now.version !== doc.version || !context.settings.enable || !(isLintedLanguage(now.languageId, uri) || context.templateName(nameOf(uri)))) return false;
    const facts = this.deps.facts.of(uri, now.languageId);
    const analysis = analyze(now.getText(), context, context.templateName(nameOf(uri)) ? { ...facts, helm: true } : facts, this.parsesOf(uri), true);
    if (analysis.skipped) return false;
    this.deps.publisher.publish(uri, toDiagnostics(analysis, { maxProblems: context.settings.maxProblemsPerFile, version: now.version, uri }), 'document', now.version);
    return true;
  }

  private parsesOf(uri: string): ParseCache {
    let parses = this.parses.get(uri);
    if (!parses) this.parses.set(uri, (parses = new ParseCache()));
    return parses;
  }

  private analysisOf(doc: TextDocument, context: FolderContext): Analysis {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.context === context) return cached.analysis;
    const facts = this.deps.facts.of(doc.uri, doc.languageId);
    const analysis = analyze(doc.getText(), context, context.templateName(nameOf(doc.uri)) ? { ...facts, helm: true } : facts, this.parsesOf(doc.uri));
    this.cache.set(doc.uri, { version: doc.version, context, analysis });
    return analysis;
  }
}

/** The file name at the end of a URI (decoded). */
export function nameOf(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
