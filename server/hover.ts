import { Hover, HoverParams, MarkupKind } from 'vscode-languageserver';
import type { Finding } from '../shared/engine';
import { RULES_BY_ID } from '../shared/rules';
import type { DiagnosticsController } from './diagnostics';
import { bundledRuleDocUri, escapeMarkdown, formatSource } from './ruleDocs';

export interface HoverDeps {
  diagnostics: DiagnosticsController;
  /** The client renders markdown in hovers (otherwise plain text is sent). */
  markdown: boolean;
}

/**
 * What the findings under the cursor mean: each finding's message, then its rule's why, how to
 * fix and sources (benchmark and peer scanner ids), and a link to the rule's bundled page.
 * Reads the document's current analysis only.
 */
export async function provideHover(params: HoverParams, deps: HoverDeps): Promise<Hover | null> {
  const state = await deps.diagnostics.current(params.textDocument.uri);
  if (!state || state.analysis.skipped) return null;
  const { result } = state.analysis;
  const offset = result.lines.offsetAt(params.position);
  const under = result.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
  if (under.length === 0) return null;
  const start = Math.min(...under.map((f) => f.range.start));
  const end = Math.max(...under.map((f) => f.range.end));
  const value = under.map((f) => (deps.markdown ? markdownOf(f) : plainTextOf(f))).join(deps.markdown ? '\n\n---\n\n' : '\n\n');
  return {
    contents: { kind: deps.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: { start: result.lines.positionAt(start), end: result.lines.positionAt(end) },
  };
}

export function markdownOf(finding: Finding): string {
  const meta = RULES_BY_ID.get(finding.ruleId)?.meta;
  const docs = bundledRuleDocUri(finding.ruleId);
  const heading = `\`${finding.ruleId}\` · ${finding.severity}${docs ? ` · [Documentation](${docs})` : ''}`;
  const parts = [escapeMarkdown(finding.message), heading];
  if (meta) {
    parts.push(`**Why:** ${meta.description}`, `**How to fix:** ${meta.remediation}`);
    if (meta.sources.length > 0) parts.push(`**Sources:** ${meta.sources.map(formatSource).join(' · ')}`);
  }
  return parts.join('\n\n');
}

export function plainTextOf(finding: Finding): string {
  const meta = RULES_BY_ID.get(finding.ruleId)?.meta;
  const parts = [finding.message, `${finding.ruleId} (${finding.severity})`];
  if (meta) {
    parts.push(`Why: ${meta.description}`, `How to fix: ${meta.remediation}`);
    if (meta.sources.length > 0) parts.push(`Sources: ${meta.sources.map((s) => `${s.kind} ${s.id}`).join(', ')}`);
  }
  return parts.join('\n');
}
