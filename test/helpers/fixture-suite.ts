/**
 * Shared by fixture-corpus suites (test/fixtures/realistic): every file under a fixture folder is linted the way
 * the CLI lints it (Helm by chart layout, Kustomize patches by their kustomization) and its
 * findings compared with the pinned ones; safe fixes must leave valid YAML and remove exactly
 * the findings they fix, and a second "fix all" must have nothing left to do.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fixAll, lint, LintOptions } from '../../shared/engine';
import { maskTemplates } from '../../shared/model/template';
import { isHelmTemplatePath } from '../../shared/workspace/files';
import { KustomizeIndex } from '../../shared/workspace/kustomize';

/** YAML files below `root`, as `/`-separated paths relative to it. */
export function fixtureFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...fixtureFiles(root, rel));
    else if (/\.ya?ml$/.test(name)) out.push(rel);
  }
  return out;
}

/** `rule-id line: exact source text` for each finding (1-based line of the range start). */
export function describeFindings(text: string, options: LintOptions = {}): string[] {
  const result = lint(text, options);
  return result.findings.map((f) => `${f.ruleId} ${result.lines.positionAt(f.range.start).line + 1}: ${text.slice(f.range.start, f.range.end)}`);
}

const kustomize = new KustomizeIndex();

/**
 * The YAML error codes of a text, template actions and placeholder lines masked the way the
 * engine masks them (a chart's `{{ if }}…{{ else }}` may repeat a key, which stays an error).
 */
function yamlErrorCodes(text: string): string[] {
  return parseAllDocuments(maskTemplates(text).text)
    .flatMap((doc) => doc.errors.map((e) => e.code))
    .sort();
}

/** The options the CLI would lint this file with. */
export function cliOptions(file: string): LintOptions {
  return { helm: isHelmTemplatePath(file, existsSync), kustomizePatch: kustomize.isPatch(file) };
}

/**
 * One `it` per fixture file, plus one that every file has an expectation and every expectation a
 * file. With `sourceLine`, each file's first line must match it (e.g. name where it came from).
 */
export function fixtureSuite(dir: string, expected: Record<string, string[]>, sourceLine?: RegExp): void {
  it('every fixture file has an expectation, and every expectation a file', () => {
    assert.deepEqual(fixtureFiles(dir).sort(), Object.keys(expected).sort());
  });

  for (const [file, findings] of Object.entries(expected)) {
    it(file, () => {
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8');
      if (sourceLine) assert.match(text.split('\n')[0], sourceLine, 'first line names the source');
      const options = cliOptions(full);
      assert.deepEqual(describeFindings(text, options), findings);
      if (findings.length === 0) return;
      const fixed = fixAll(text, options).text;
      assert.deepEqual(yamlErrorCodes(fixed), yamlErrorCodes(text), `fixes must not break the YAML of ${file}`);
      // Fix-all runs pass after pass, so a fix that one pass makes safe (peer certificates added,
      // then --peer-auto-tls removed) is applied too: what remains is a subset of the findings
      // that had no safe fix to begin with, never a new one.
      const unfixed = lint(text, options).findings.filter((f) => !f.fixes.some((x) => x.safe)).map((f) => `${f.ruleId}: ${f.message}`);
      for (const f of lint(fixed, options).findings) {
        // A fix adds a file flag with a default path; whether the container mounts it is the user's to settle.
        if (f.ruleId === 'tls-file-not-mounted') continue;
        const key = `${f.ruleId}: ${f.message}`;
        const at = unfixed.indexOf(key);
        assert.ok(at >= 0, `after fix-all, only findings without a safe fix may remain: ${key}`);
        unfixed.splice(at, 1);
      }
      assert.equal(fixAll(fixed, options).text, fixed, 'a second fix-all changes nothing');
    });
  }
}
