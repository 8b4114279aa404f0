/**
 * The metadata of every rule, checked as ESLint's RuleTester checks its rules: the examples the
 * docs show behave as shown, `meta.fixable` says what the rule's tests see it do, and every
 * message of `meta.messages` is produced by some test case.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { factsOf } from '../../../shared/crossfile/facts';
import { crossFileFindings } from '../../../shared/crossfile/index';
import { lint } from '../../../shared/engine';
import { RULES, YAML_SYNTAX_RULE_ID } from '../../../shared/rules';
import type { Rule } from '../../../shared/rules/types';
import { assertWellFormedMessage, REGISTERED_CASES } from '../../helpers/rule-tester';

// Each rule's own test file registers its cases; loading them here makes the checks below see
// every case even when mocha is given this file alone (a file mocha loads too is not run twice).
for (const rule of RULES) {
  const file = path.join(__dirname, `${rule.meta.id}.test.js`);
  if (existsSync(file)) require(file);
}

/** An example's files: `---` separated documents named by a `# name.yaml` first line, else one file. */
export function exampleFiles(example: string): Record<string, string> {
  const docs = example.split(/\n---\n/);
  const named = docs.map((doc) => /^# (\S+\.ya?ml)\n/.exec(doc)?.[1]);
  if (named.some((name) => name === undefined)) return { 'example.yaml': `${example}\n` };
  return Object.fromEntries(docs.map((doc, i) => [named[i]!, `${doc}\n`]));
}

/** What the rule reports on an example, in its files and across them: `file: messageId`. */
function exampleFindings(rule: Rule, example: string): string[] {
  const files = exampleFiles(example);
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const findings = lint(text).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID).map((f) => f.message), [], `${file} is valid YAML`);
    for (const f of findings.filter((f) => f.ruleId === rule.meta.id)) {
      assertWellFormedMessage(rule.meta, f);
      out.push(`${file}: ${f.messageId}`);
    }
  }
  if (rule.crossFile) {
    const facts = Object.entries(files).map(([file, text]) => factsOf(file, text));
    for (const f of crossFileFindings(facts, () => undefined).filter((f) => f.ruleId === rule.meta.id)) out.push(`${f.file}: ${f.messageId}`);
  }
  return out;
}

describe('rule metadata', () => {
  for (const rule of RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has messages, and a fix safety note exactly when it is fixable', () => {
        assert.ok(Object.keys(meta.messages).length > 0, 'meta.messages');
        for (const [id, template] of Object.entries(meta.messages)) assert.ok(template.trim() !== '', `message ${id} is empty`);
        assert.equal(meta.fixSafety !== undefined, meta.fixable, 'meta.fixSafety is given when (and only when) meta.fixable');
      });

      it('its bad example is reported and its good example is not', () => {
        assert.ok(meta.examples, 'meta.examples');
        assert.notDeepEqual(exampleFindings(rule, meta.examples.bad), [], 'the bad example is reported');
        assert.deepEqual(exampleFindings(rule, meta.examples.good), [], 'the good example is not reported');
      });

      const cases = REGISTERED_CASES.get(meta.id) ?? [];
      if (cases.length === 0) return; // judged across files only: test/unit/crossfile has its cases
      it('meta.fixable matches its tests, and each of its messages is produced by one', () => {
        let fixOffered = false;
        const produced = new Set<string>();
        for (const c of cases) {
          for (const f of lint(c.code, c.options).findings.filter((f) => f.ruleId === meta.id)) {
            if (f.fixes.length > 0) fixOffered = true;
            produced.add(f.messageId!);
          }
        }
        assert.equal(fixOffered, meta.fixable, meta.fixable ? 'meta.fixable, but no test case is offered a fix' : 'a test case is offered a fix, but the rule is not meta.fixable');
        assert.deepEqual(Object.keys(meta.messages).filter((id) => !produced.has(id)), [], 'messages no invalid case produces');
      });
    });
  }
});
