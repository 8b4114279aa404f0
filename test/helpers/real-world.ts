/**
 * Shared by the real-world fixture suites: every file under a fixture folder is linted the way
 * the CLI lints it (Helm by chart layout, Kustomize patches by their kustomization) and its
 * findings compared with the pinned ones; safe fixes must leave valid YAML and remove exactly
 * the findings they fix, and a second "fix all" must have nothing left to do.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fixAll, lint, LintOptions } from '../../shared/engine';
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

/** The options the CLI would lint this file with. */
export function cliOptions(file: string): LintOptions {
  return { helm: isHelmTemplatePath(file, existsSync), kustomizePatch: kustomize.isPatch(file) };
}

/** One `it` per fixture file, plus one that every file has an expectation and every expectation a file. */
export function fixtureSuite(dir: string, expected: Record<string, string[]>, sourceLine: RegExp): void {
  it('every fixture file has an expectation, and every expectation a file', () => {
    assert.deepEqual(fixtureFiles(dir).sort(), Object.keys(expected).sort());
  });

  for (const [file, findings] of Object.entries(expected)) {
    it(file, () => {
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8');
      assert.match(text.split('\n')[0], sourceLine, 'first line names the source');
      const options = cliOptions(full);
      assert.deepEqual(describeFindings(text, options), findings);
      if (findings.length === 0) return;
      const fixed = fixAll(text, options).text;
      for (const doc of parseAllDocuments(fixed)) assert.deepEqual(doc.errors.map((e) => e.message), [], `fixed ${file} must parse`);
      const safe = lint(text, options).findings.filter((f) => f.fixes.some((x) => x.safe)).length;
      assert.equal(lint(fixed, options).findings.length, findings.length - safe, 'only the findings without a safe fix remain');
      assert.equal(fixAll(fixed, options).text, fixed, 'a second fix-all changes nothing');
    });
  }
}
