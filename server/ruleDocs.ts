import { sourceLabel, type RuleSource } from '../shared/rules/types';

// Where the rule pages shipped with the server are: on disk next to dist/ (Node), or under the
// extension's URI (browser; see bundledDocs.browser.ts).
export { bundledRuleDocUri } from './bundledDocs';

/** How a source reads in a hover: "CIS 1.2.24 (v1.12)", a link where the metadata has one. */
export function formatSource(source: RuleSource): string {
  const label = source.kind === 'KICS' ? `${source.kind} ${source.id}` : sourceLabel(source);
  const text = source.url ? `[${escapeMarkdown(label)}](${source.url})` : escapeMarkdown(label);
  return source.note ? `${text} (${escapeMarkdown(source.note)})` : text;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, '\\$&');
}
