/**
 * A table-driven rule tester in the spirit of ESLint's RuleTester: each `valid` case must
 * produce no finding of the rule, each `invalid` case exactly the listed findings (by the
 * source text they cover, and optionally their line and message), and `output` is the exact
 * text after applying the findings' preferred fixes, which must re-parse and be clean.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { mergeConfig, LintConfig } from '../../shared/config';
import { fixAll, lint, LintOptions } from '../../shared/engine';
import { applyEdits } from '../../shared/model/text';

export interface ExpectedFinding {
  /** The exact source text the finding's range covers. */
  text: string;
  /** 1-based line of the range start. */
  line?: number;
  message?: string | RegExp;
  severity?: string;
}

export interface ValidCase {
  name?: string;
  code: string;
  options?: LintOptions;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after the preferred fixes; `null` asserts that no fix is offered. */
  output?: string | null;
  /**
   * The preferred fixes are unsafe: fix-all (`--fix`) leaves the text as it is, and `output` is
   * what `--unsafe-fixes` (or the quick fix) gives. Without it they must be safe.
   */
  unsafe?: boolean;
  /** Other fixes: title substring → exact output after applying just that fix to the first finding. */
  alternatives?: Record<string, string>;
}

export function withRules(rules: LintConfig['rules'], fix: LintConfig['fix'] = {}): LintOptions {
  return { config: mergeConfig({ rules, fix }) };
}

export function findingsOf(ruleId: string, code: string, options?: LintOptions) {
  return lint(code, options).findings.filter((f) => f.ruleId === ruleId);
}

export function assertValidYaml(text: string): void {
  for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors.map((e) => e.message), [], `fixed text must parse:\n${text}`);
}

/** `defaults.unsafe`: the suite's preferred fixes are unsafe unless a case says `unsafe: false`. */
export function runRuleTests(ruleId: string, cases: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }, defaults: { unsafe?: boolean } = {}): void {
  describe(ruleId, () => {
    cases.valid.forEach((c, i) => {
      const vc: ValidCase = typeof c === 'string' ? { code: c } : c;
      it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
        const found = findingsOf(ruleId, vc.code, vc.options);
        assert.deepEqual(found.map((f) => vc.code.slice(f.range.start, f.range.end)), []);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const found = findingsOf(ruleId, c.code, c.options);
        assert.deepEqual(found.map((f) => c.code.slice(f.range.start, f.range.end)), c.errors.map((e) => e.text), 'finding ranges');
        const result = lint(c.code, c.options);
        c.errors.forEach((e, j) => {
          const f = found[j];
          if (e.line !== undefined) assert.equal(result.lines.positionAt(f.range.start).line + 1, e.line, 'line');
          if (typeof e.message === 'string') assert.equal(f.message, e.message);
          else if (e.message) assert.match(f.message, e.message);
          if (e.severity) assert.equal(f.severity, e.severity);
        });
        if (c.output === null) {
          assert.deepEqual(found.flatMap((f) => f.fixes.map((x) => x.title)), [], 'no fix expected');
        } else if (c.output !== undefined) {
          const ids = new Set([ruleId]);
          let fixed = fixAll(c.code, c.options, ids).text;
          if (c.unsafe ?? defaults.unsafe) {
            assert.equal(fixed, c.code, 'fix-all leaves unsafe fixes alone');
            fixed = fixAll(c.code, { ...c.options, unsafeFixes: true }, ids).text;
          }
          assert.equal(fixed, c.output);
          assertValidYaml(fixed);
          assert.deepEqual(findingsOf(ruleId, fixed, c.options).map((f) => fixed.slice(f.range.start, f.range.end)), [], 'finding gone after fix');
        }
        for (const [title, expected] of Object.entries(c.alternatives ?? {})) {
          const fix = found[0].fixes.find((x) => x.title.includes(title));
          assert.ok(fix, `fix "${title}" offered; got ${found[0].fixes.map((x) => x.title).join(', ')}`);
          const fixed = applyEdits(c.code, fix.edits);
          assert.equal(fixed, expected);
          assertValidYaml(fixed);
        }
      });
    });
  });
}

/** Builds a static-pod manifest around a container body (already indented by 4 spaces). */
export function pod(containerBody: string, kind = 'Pod'): string {
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: p\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n${containerBody}`;
}
