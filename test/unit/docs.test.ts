import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../shared/rules';
import { renderRuleDoc, replaceTable } from '../../scripts/gen-docs';

const root = path.resolve(__dirname, '../../..');

describe('generated documentation', () => {
  it('README rules table matches the rule metadata (run `npm run docs`)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, replaceTable(readme));
  });

  for (const rule of RULES) {
    it(`docs/rules/${rule.meta.id}.md is up to date`, () => {
      const file = path.join(root, 'docs/rules', `${rule.meta.id}.md`);
      assert.ok(existsSync(file), `${file} missing: run npm run docs`);
      assert.equal(readFileSync(file, 'utf8'), renderRuleDoc(rule));
    });
  }

  it('every rule has complete metadata', () => {
    const ids = new Set<string>();
    for (const { meta } of RULES) {
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!ids.has(meta.id), `duplicate id ${meta.id}`);
      ids.add(meta.id);
      assert.ok(meta.title && meta.description && meta.remediation, `${meta.id}: title, description and remediation`);
      assert.ok(meta.sources.length > 0, `${meta.id}: at least one source`);
      assert.equal(!!meta.fixSafety, meta.fixable, `${meta.id}: a fixable rule's docs say whether its fix is safe and why`);
    }
  });
});
