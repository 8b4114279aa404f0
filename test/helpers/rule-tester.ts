/**
 * A table-driven rule tester as strict as ESLint's RuleTester: each `valid` case must produce no
 * finding of the rule, each `invalid` case exactly the listed findings (by the source text they
 * cover, their message id, and optionally their line, data and severity). A case whose findings
 * offer a fix must pin `output`: the exact text after applying the preferred fixes, which must
 * re-parse and be clean (`null` asserts that no fix is offered). A rule whose `meta.fixable` is
 * false must never offer a fix; test/unit/rules/meta.test.ts checks the rest of the metadata
 * (examples, `fixable`, every message produced) over the cases registered here.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { mergeConfig, LintConfig } from '../../shared/config';
import { Finding, fixAll, lint, LintOptions } from '../../shared/engine';
import { maskTemplates } from '../../shared/model/template';
import { applyEdits } from '../../shared/model/text';
import { RULES_BY_ID } from '../../shared/rules';
import { formatMessage, placeholdersOf, RuleMeta } from '../../shared/rules/types';

export interface ExpectedFinding {
  /** The exact source text the finding's range covers. */
  text: string;
  /** 1-based line of the range start. */
  line?: number;
  /** A key of the rule's `meta.messages`; may be left out only when the rule has one message. */
  messageId?: string;
  /** The data the message is filled with: the message must be the template filled with exactly this. */
  data?: Record<string, string | number>;
  severity?: string;
}

export interface ValidCase {
  name?: string;
  code: string;
  options?: LintOptions;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /**
   * Text after the preferred fixes, which must leave no finding of the rule; `null` asserts that
   * no fix is offered. Required whenever a finding offers a fix.
   */
  output?: string | null;
  /**
   * The preferred fixes are unsafe: fix-all (`--fix`) leaves the text as it is, and `output` is
   * what `--unsafe-fixes` (or the quick fix) gives. Without it they must be safe.
   */
  unsafe?: boolean;
  /** Other fixes: title substring → exact output after applying just that fix to the first finding. */
  alternatives?: Record<string, string>;
}

/** Every invalid case given to `runRuleTests`, by rule id, as the files are loaded. */
export const REGISTERED_CASES = new Map<string, InvalidCase[]>();

export function withRules(rules: LintConfig['rules'], fix: LintConfig['fix'] = {}): LintOptions {
  return { config: mergeConfig({ rules, fix }) };
}

export function findingsOf(ruleId: string, code: string, options?: LintOptions) {
  return lint(code, options).findings.filter((f) => f.ruleId === ruleId);
}

function yamlErrors(text: string): string[] {
  return parseAllDocuments(text).flatMap((doc) => doc.errors.map((e) => e.message));
}

/**
 * A fix never breaks the YAML: the fixed text parses when the code did; a template parses with
 * its actions masked (as the engine reads it) when the code did so; otherwise (a broken document
 * elsewhere in the file stays as it was) the fix adds no error.
 */
export function assertParsesAsWellAs(code: string, fixed: string): void {
  if (yamlErrors(code).length === 0) return assert.deepEqual(yamlErrors(fixed), [], `fixed text must parse:\n${fixed}`);
  const before = yamlErrors(maskTemplates(code).text);
  const after = yamlErrors(maskTemplates(fixed).text);
  if (before.length === 0) assert.deepEqual(after, [], `fixed template must parse:\n${fixed}`);
  else assert.ok(after.length <= before.length, `the fix adds YAML errors: ${after.join('; ')}`);
}

export function metaOf(ruleId: string): RuleMeta {
  const rule = RULES_BY_ID.get(ruleId);
  assert.ok(rule, `no rule ${ruleId}`);
  return rule.meta;
}

/** A finding's message is its rule's template filled with all the data the template names. */
export function assertWellFormedMessage(meta: RuleMeta, finding: Finding): void {
  assert.ok(finding.messageId !== undefined && Object.hasOwn(meta.messages, finding.messageId), `message id ${finding.messageId} of ${meta.id}`);
  const missing = placeholdersOf(meta.messages[finding.messageId]).filter((name) => !finding.data || !Object.hasOwn(finding.data, name));
  assert.deepEqual(missing, [], `data for the placeholders of ${meta.id}/${finding.messageId}`);
}

function assertExpected(meta: RuleMeta, expected: ExpectedFinding, finding: Finding, index: number): void {
  const ids = Object.keys(meta.messages);
  const messageId = expected.messageId ?? (ids.length === 1 ? ids[0] : undefined);
  assert.ok(messageId, `error #${index + 1}: ${meta.id} has several messages (${ids.join(', ')}): give its messageId`);
  assert.ok(ids.includes(messageId), `error #${index + 1}: ${meta.id} has no message ${messageId}`);
  assert.equal(finding.messageId, messageId, `error #${index + 1}: message id`);
  assertWellFormedMessage(meta, finding);
  if (expected.data) assert.equal(finding.message, formatMessage(meta, messageId, expected.data), `error #${index + 1}: message filled with the data`);
  if (expected.severity) assert.equal(finding.severity, expected.severity, `error #${index + 1}: severity`);
}

/** `defaults.unsafe`: the suite's preferred fixes are unsafe unless a case says `unsafe: false`. */
export function runRuleTests(ruleId: string, cases: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }, defaults: { unsafe?: boolean } = {}): void {
  const meta = metaOf(ruleId);
  REGISTERED_CASES.set(ruleId, [...(REGISTERED_CASES.get(ruleId) ?? []), ...cases.invalid]);
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
        const result = lint(c.code, c.options);
        const found = result.findings.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(found.map((f) => c.code.slice(f.range.start, f.range.end)), c.errors.map((e) => e.text), 'finding ranges');
        c.errors.forEach((e, j) => {
          if (e.line !== undefined) assert.equal(result.lines.positionAt(found[j].range.start).line + 1, e.line, `error #${j + 1}: line`);
          assertExpected(meta, e, found[j], j);
        });
        const fixTitles = found.flatMap((f) => f.fixes.map((x) => x.title));
        if (!meta.fixable) assert.deepEqual(fixTitles, [], `${ruleId} is not meta.fixable but offers fixes`);
        if (c.output === null) {
          assert.deepEqual(fixTitles, [], 'no fix expected');
        } else if (c.output === undefined) {
          assert.deepEqual(fixTitles, [], 'the findings offer fixes: pin `output` (the text after the preferred fixes)');
        } else {
          assert.ok(fixTitles.length > 0, 'no fix is offered: use `output: null`');
          const ids = new Set([ruleId]);
          let fixed = fixAll(c.code, c.options, ids).text;
          if (c.unsafe ?? defaults.unsafe) {
            assert.equal(fixed, c.code, 'fix-all leaves unsafe fixes alone');
            fixed = fixAll(c.code, { ...c.options, unsafeFixes: true }, ids).text;
          }
          assert.equal(fixed, c.output);
          assertParsesAsWellAs(c.code, fixed);
          assert.deepEqual(findingsOf(ruleId, fixed, c.options).map((f) => fixed.slice(f.range.start, f.range.end)), [], 'finding gone after fix');
        }
        for (const [title, expected] of Object.entries(c.alternatives ?? {})) {
          const fix = found[0].fixes.find((x) => x.title.includes(title));
          assert.ok(fix, `fix "${title}" offered; got ${found[0].fixes.map((x) => x.title).join(', ')}`);
          const fixed = applyEdits(c.code, fix.edits);
          assert.equal(fixed, expected);
          assertParsesAsWellAs(c.code, fixed);
        }
      });
    });
  });
}

/** Builds a static-pod manifest around a container body (already indented by 4 spaces). */
export function pod(containerBody: string, kind = 'Pod'): string {
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: p\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n${containerBody}`;
}
