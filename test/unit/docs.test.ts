import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../shared/rules';
import { parse } from 'yaml';
import { DEFAULT_FIX_VALUES, parseProjectConfig } from '../../shared/config';
import { validateSettings } from '../../server/settings';
import {
  FIX_SETTING,
  renderProjectConfigSchema,
  renderRuleDoc,
  renderRuleIndex,
  renderSettingsDefaults,
  replaceComparisonRows,
  replaceReadme,
  replaceSettingsSchema,
  RULE_INDEX_PATH,
  ruleModules,
  RULES_SETTING,
  SCHEMA_PATH,
  SCHEMA_URL,
  SETTINGS_DEFAULTS_PATH,
} from '../../scripts/gen-docs';
import { DEFAULT_SETTINGS } from '../../server/settings';

const root = path.resolve(__dirname, '../../..');

describe('generated documentation', () => {
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

  it('README\'s rules table, fix keys and CLI usage are generated (run `npm run docs`)', () => {
    assert.equal(read('README.md'), replaceReadme(read('README.md')));
  });

  it('the rule registry lists every rule module (run `npm run docs`)', () => {
    assert.equal(read(RULE_INDEX_PATH), renderRuleIndex(ruleModules(root)));
    assert.deepEqual(RULES.map((r) => r.meta.id), ruleModules(root), 'each rule module is named after its rule id');
  });

  it('docs/comparison.md\'s rule rows are generated from the rule metadata (run `npm run docs`)', () => {
    const comparison = read('docs/comparison.md');
    assert.equal(comparison, replaceComparisonRows(comparison));
    for (const { meta } of RULES) assert.ok(comparison.includes(`| [\`${meta.id}\`](rules/${meta.id}.md) |`), meta.id);
  });

  it('the server\'s settings defaults are generated from package.json (run `npm run docs`)', () => {
    assert.equal(read(SETTINGS_DEFAULTS_PATH), renderSettingsDefaults(read('package.json')));
    const properties = JSON.parse(read('package.json')).contributes.configuration.properties;
    for (const key of ['enable', 'run', 'debounceMs', 'files', 'maxFileSizeKb', 'maxProblemsPerFile'] as const) {
      assert.deepEqual(DEFAULT_SETTINGS[key], properties[`kubeTlsLint.${key}`].default, key);
    }
    assert.deepEqual(DEFAULT_SETTINGS.workspaceScan, { enable: properties['kubeTlsLint.workspaceScan.enable'].default, exclude: properties['kubeTlsLint.workspaceScan.exclude'].default });
  });

  it('the JSON Schema of .kube-tls-lint.yaml is generated, shipped, and named by the README example', () => {
    assert.equal(read(SCHEMA_PATH), renderProjectConfigSchema());
    const schema = JSON.parse(read(SCHEMA_PATH));
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULES.map((r) => r.meta.id));
    assert.deepEqual(Object.keys(schema.properties.fix.properties), Object.keys(DEFAULT_FIX_VALUES));
    const manifest = JSON.parse(read('package.json'));
    assert.ok(manifest.files.includes(`${path.dirname(SCHEMA_PATH)}/`), 'the npm package ships the schema');
    assert.match(read('.vscodeignore'), /^!schemas\/\*\.json$/m, 'the .vsix ships the schema');
    assert.deepEqual(manifest.contributes.yamlValidation, [{ fileMatch: '.kube-tls-lint.yaml', url: `./${SCHEMA_PATH}` }]);
    assert.ok(read('README.md').includes(`# yaml-language-server: $schema=${SCHEMA_URL}\n`), 'README example names the schema');
    // The example the README shows is a valid project file, and the schema knows each of its keys.
    const example = /```yaml\n(# yaml-language-server: \$schema=[^\n]*\n[\s\S]*?)```/.exec(read('README.md'))![1];
    assert.deepEqual(parseProjectConfig(example).warnings, []);
    const data = parse(example) as Record<string, Record<string, unknown> | string[]>;
    for (const [key, value] of Object.entries(data)) {
      assert.ok(key in schema.properties, key);
      if (!Array.isArray(value)) for (const inner of Object.keys(value)) assert.ok(inner in schema.properties[key].properties, `${key}.${inner}`);
    }
  });

  it('package.json\'s kubeTlsLint.rules schema names every rule (run `npm run docs`)', () => {
    const schema = JSON.parse(read('package.json')).contributes.configuration.properties[RULES_SETTING];
    assert.deepEqual(Object.keys(schema.properties), RULES.map((r) => r.meta.id));
    assert.equal(schema.additionalProperties, false);
    for (const { meta } of RULES) assert.match(schema.properties[meta.id].markdownDescription, new RegExp(`Default: \`${meta.defaultSeverity}\``));
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
      for (const source of meta.sources) {
        // CIS renumbers checks between releases: an id means nothing without its release.
        if (source.kind === 'CIS' || source.kind === 'kube-bench') assert.match(source.version ?? '', /^\d+\.\d+(\.\d+)?$/, `${meta.id}: ${source.kind} ${source.id} names its benchmark version`);
      }
    }
  });
});
