import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES_BY_ID } from '../shared/rules';

/**
 * The rule pages shipped with the server (docs/rules next to dist/, in the .vsix and the npm
 * package): links to them work offline. Undefined when the server runs without them.
 */
let bundledDir: string | null | undefined;

function docsDir(): string | undefined {
  if (bundledDir === undefined) {
    const dir = path.resolve(__dirname, '..', 'docs', 'rules');
    bundledDir = existsSync(dir) ? dir : null;
  }
  return bundledDir ?? undefined;
}

/** Looked up once per rule: every diagnostic carries the link. */
const pageUris = new Map<string, string | undefined>();

/** The `file:` URI of a rule's bundled page, when the rule and its page exist. */
export function bundledRuleDocUri(ruleId: string): string | undefined {
  if (pageUris.has(ruleId)) return pageUris.get(ruleId);
  const dir = docsDir();
  let uri: string | undefined;
  if (dir && RULES_BY_ID.has(ruleId)) {
    const file = path.join(dir, `${ruleId}.md`);
    if (existsSync(file)) uri = pathToFileURL(file).href;
  }
  // Unknown ids (never a rule's) are not remembered, so bad input cannot grow the map.
  if (RULES_BY_ID.has(ruleId)) pageUris.set(ruleId, uri);
  return uri;
}
