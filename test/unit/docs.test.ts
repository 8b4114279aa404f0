import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../shared/rules';
import { DEFAULT_FIX_VALUES } from '../../shared/config';
import { validateSettings } from '../../server/settings';
import { FIX_SETTING, renderRuleDoc, replaceSettingsSchema, replaceTable } from '../../scripts/gen-docs';

const root = path.resolve(__dirname, '../../..');

describe('generated documentation', () => {
  it('README rules table matches the rule metadata (run `npm run docs`)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, replaceTable(readme));
  });

  it('package.json\'s kubeTlsLint.fix schema has every fix key (run `npm run docs`)', () => {
    const manifestText = readFileSync(path.join(root, 'package.json'), 'utf8');
    assert.equal(manifestText, replaceSettingsSchema(manifestText));
    const schema = JSON.parse(manifestText).contributes.configuration.properties[FIX_SETTING];
    assert.deepEqual(Object.keys(schema.properties), Object.keys(DEFAULT_FIX_VALUES));
    // The schema's pattern accepts exactly what the server keeps.
    const pattern = new RegExp(schema.properties.clientCaFile.pattern);
    for (const value of ['/etc/pki/ca.crt', 'C:/pki/ca.crt', '/a b', '/a"b', "/a'b", '/a\\b', '/a\tb']) {
      const kept = validateSettings({ fix: { clientCaFile: value } }).settings.fix.clientCaFile === value;
      assert.equal(pattern.test(value), kept, value);
    }
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
