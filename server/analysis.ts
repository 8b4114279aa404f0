import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { Finding, lint, LintResult, ParseCache } from '../shared/engine';
import type { Severity } from '../shared/rules/types';
import { formatSize, utf8ByteLength } from '../shared/workspace/size';
import type { FolderContext } from './settings';

/** What analysis needs of a folder's settings (all of it can be sent to a worker thread). */
export type AnalysisContext = Pick<FolderContext, 'config'> & { settings: Pick<FolderContext['settings'], 'maxFileSizeKb'> };
import { bundledRuleDocUri } from './ruleDocs';

export const SOURCE = 'kube-tls-lint';

/** Attached to each diagnostic so a code action request can tell it was made on an older text. */
export interface DiagnosticData {
  version?: number;
}

export interface Analysis {
  result: LintResult;
  /** Why the file was not checked (size cap, binary content). */
  skipped?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Languages we lint; other editors may send `yaml.*` variants (e.g. `yaml.docker-compose`). */
export function isLintedLanguage(languageId: string, uri: string): boolean {
  if (languageId === 'yaml' || languageId === 'helm' || languageId.startsWith('yaml.')) return true;
  return /\.ya?ml$/i.test(uri);
}

/** What the file's place on disk says about how to read it (plain data: it goes to the lint worker too). */
export interface FileFacts {
  /** A chart's template (`templates/` with a `Chart.yaml` above) or a document in the `helm` language. */
  helm: boolean;
  /** A Kustomize patch named by a kustomization nearby. */
  kustomizePatch: boolean;
  /** The namespace a kustomization listing the file sets for its resources. */
  kustomizeNamespace?: string;
}

/** Tells how to read a file from its place (fileFacts.ts on disk; fileFacts.browser.ts in the browser). */
export interface FileFactsSource {
  of(uri: string, languageId?: string): FileFacts;
  /** A Chart.yaml or a kustomization came, went or changed. */
  clear(): void;
}

/**
 * Lints one text with a folder's configuration; texts over the size cap are skipped.
 * `cache` (one per open document) lets a re-lint after an edit parse only the changed documents;
 * `prefilter` (workspace scan) skips parsing texts and documents that no enabled rule can report
 * on, but those `prefilterKeeps` needs.
 */
export function analyze(text: string, context: AnalysisContext, facts: FileFacts, cache?: ParseCache, prefilter = false, prefilterKeeps?: (documentText: string) => boolean): Analysis {
  const maxBytes = context.settings.maxFileSizeKb * 1024;
  // Three bytes per UTF-16 unit at most: only long texts need their byte length counted.
  if (text.length * 3 > maxBytes) {
    const bytes = utf8ByteLength(text);
    if (bytes > maxBytes) {
      const skipped = `skipped: ${formatSize(bytes)} is over the ${formatSize(maxBytes)} size limit (kubeTlsLint.maxFileSizeKb)`;
      return { result: lint('', {}), skipped };
    }
  }
  const result = lint(text, { config: context.config, helm: facts.helm, kustomizePatch: facts.kustomizePatch, cache, prefilter, prefilterKeeps });
  const skipped = result.notices.find((n) => n.startsWith('skipped:'));
  return { result, skipped };
}

/** `uri`: the document's, for the related locations (in the same document). */
export function toDiagnostic(finding: Finding, result: LintResult, version?: number, uri?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: result.lines.positionAt(finding.range.start), end: result.lines.positionAt(finding.range.end) },
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  // The page shipped with the server opens offline.
  const docs = bundledRuleDocUri(finding.ruleId) ?? finding.docsUrl;
  if (docs) diagnostic.codeDescription = { href: docs };
  if (finding.related && uri !== undefined) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri, range: { start: result.lines.positionAt(r.range.start), end: result.lines.positionAt(r.range.end) } },
      message: r.message,
    }));
  }
  if (version !== undefined) diagnostic.data = { version } satisfies DiagnosticData;
  return diagnostic;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export interface DiagnosticsOptions {
  /** Most diagnostics of findings published (kubeTlsLint.maxProblemsPerFile). */
  maxProblems: number;
  /** The document version, attached to each diagnostic (open documents). */
  version?: number;
  /** The document's URI, for related locations (in the same document). */
  uri?: string;
}

/**
 * Open documents that were skipped get one Information diagnostic at 0:0 so the user knows why
 * nothing is reported; files skipped by the workspace scan are only logged. Over the cap, the
 * most severe findings are kept (in text order within a severity) and one Information diagnostic,
 * on the first finding left out, says how many were left out: only kept findings are converted.
 */
export function toDiagnostics(analysis: Analysis, options: DiagnosticsOptions): Diagnostic[] {
  if (analysis.skipped) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: `kube-tls-lint did not check this file: ${analysis.skipped.replace(/^skipped: /, '')}.`,
      },
    ];
  }
  const { result } = analysis;
  const { maxProblems, version, uri } = options;
  if (result.findings.length <= maxProblems) return result.findings.map((f) => toDiagnostic(f, result, version, uri));
  // The least severe level kept, and how many of its findings fit after the more severe ones.
  const counts = [0, 0, 0, 0];
  for (const f of result.findings) counts[SEVERITY_RANK[f.severity]]++;
  let cutoff = 0;
  let room = maxProblems;
  while (counts[cutoff] <= room) room -= counts[cutoff++];
  const diagnostics: Diagnostic[] = [];
  let firstLeftOut: Finding | undefined;
  for (const f of result.findings) {
    const rank = SEVERITY_RANK[f.severity];
    if (rank < cutoff || (rank === cutoff && room-- > 0)) diagnostics.push(toDiagnostic(f, result, version, uri));
    else firstLeftOut ??= f;
  }
  const leftOut = result.findings.length - maxProblems;
  diagnostics.push({
    range: { start: result.lines.positionAt(firstLeftOut!.range.start), end: result.lines.positionAt(firstLeftOut!.range.end) },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `kube-tls-lint: ${leftOut} more ${leftOut === 1 ? 'problem in this file is' : 'problems in this file are'} not shown (kubeTlsLint.maxProblemsPerFile is ${maxProblems}).`,
  });
  return diagnostics;
}
