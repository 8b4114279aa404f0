import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../shared/engine';
import { YAML_SYNTAX_RULE_ID } from '../../shared/rules';
import { isHelmTemplatePath } from '../../shared/workspace/files';

const ROOT = path.resolve(__dirname, '../../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.(ya?ml|json)$/i.test(name) ? [full] : [];
  });
}

describe('prefilter (CLI and workspace scan)', () => {
  // Parsing is skipped for texts no enabled rule can report on: that must never drop a rule's
  // finding. Only the syntax check of such texts is given up (documented in the README).
  const files = [...yamlFiles(path.join(ROOT, 'test/fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))];

  it('finds every finding a full lint finds, on every fixture of the project', () => {
    assert.ok(files.length > 50, `only ${files.length} fixtures found`);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const options = { helm: isHelmTemplatePath(file) };
      const key = (f: { ruleId: string; range: { start: number; end: number }; message: string }) => `${f.ruleId}@${f.range.start}-${f.range.end} ${f.message}`;
      const full = lint(text, options).findings.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID).map(key);
      const quick = lint(text, { ...options, prefilter: true }).findings.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID).map(key);
      assert.deepEqual(quick, full, path.relative(ROOT, file));
      compared += full.length;
    }
    assert.ok(compared > 100, `only ${compared} findings compared`);
  });
});
