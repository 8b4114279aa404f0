// The browser server's stand-in for bundledDocs.ts: the rule pages are files of the extension,
// whose URI the client sends (`initializationOptions.ruleDocsUri`); the worker cannot look.
import { RULES_BY_ID } from '../shared/rules';

let ruleDocsUri: string | undefined;

/** The folder URI of the bundled rule pages (docs/rules in the extension). */
export function setRuleDocsUri(uri: string | undefined): void {
  ruleDocsUri = uri && /^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri.replace(/\/+$/, '') : undefined;
}

export function bundledRuleDocUri(ruleId: string): string | undefined {
  return ruleDocsUri && RULES_BY_ID.has(ruleId) ? `${ruleDocsUri}/${ruleId}.md` : undefined;
}
