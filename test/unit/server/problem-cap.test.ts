// kubeTlsLint.maxProblemsPerFile: which findings are published over the cap, and the notice.
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { mergeConfig } from '../../../shared/config';
import { lint } from '../../../shared/engine';
import type { SeveritySetting } from '../../../shared/rules/types';
import { Analysis, toDiagnostics } from '../../../server/analysis';
import { validateSettings } from '../../../server/settings';
import { onlyRules } from '../../lsp/client';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --secure-port=0\n';
// Each pod: a warning on `kube-apiserver` (line 8 of the pod), an error on `--secure-port=0` (line 9).
const FOUR_PODS = [POD, POD, POD, POD].join('---\n');
const TWO_RULES = mergeConfig(undefined, {
  rules: onlyRules(['apiserver-tls-files-missing', 'apiserver-secure-port-disabled'], { 'apiserver-tls-files-missing': 'warning', 'apiserver-secure-port-disabled': 'error' }) as Record<string, SeveritySetting>,
  fix: {},
});

function analysis(text: string): Analysis {
  return { result: lint(text, { config: TWO_RULES }) };
}

const at = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('published problems per file', () => {
  it('publishes every finding up to the cap, without a notice', () => {
    const a = analysis(FOUR_PODS);
    assert.equal(a.result.findings.length, 8);
    const diagnostics = toDiagnostics(a, { maxProblems: 8, version: 3 });
    assert.deepEqual(diagnostics.map((d) => d.code), a.result.findings.map((f) => f.ruleId));
    assert.ok(diagnostics.every((d) => (d.data as { version?: number }).version === 3));
  });

  it('over the cap keeps the most severe in text order and says how many were left out, on the first left out', () => {
    const diagnostics = toDiagnostics(analysis(FOUR_PODS), { maxProblems: 3, version: 7 });
    assert.deepEqual(
      diagnostics.map((d) => `${d.code ?? '-'} ${d.severity} ${at(d)}`),
      [
        'apiserver-secure-port-disabled 1 9:6-9:21',
        'apiserver-secure-port-disabled 1 20:6-20:21',
        'apiserver-secure-port-disabled 1 31:6-31:21',
        // The first finding left out: the first pod's warning.
        '- 3 8:6-8:20',
      ],
    );
    const notice = diagnostics[3];
    assert.equal(notice.message, 'kube-tls-lint: 5 more problems in this file are not shown (kubeTlsLint.maxProblemsPerFile is 3).');
    assert.equal(notice.severity, DiagnosticSeverity.Information);
    assert.equal(notice.source, 'kube-tls-lint');
    assert.equal(notice.data, undefined);
  });

  it('fills the room left by the more severe level in text order, and counts one left out in the singular', () => {
    const diagnostics = toDiagnostics(analysis(FOUR_PODS), { maxProblems: 7 });
    assert.deepEqual(
      diagnostics.map((d) => `${d.code ?? '-'} ${at(d)}`),
      [
        'apiserver-tls-files-missing 8:6-8:20',
        'apiserver-secure-port-disabled 9:6-9:21',
        'apiserver-tls-files-missing 19:6-19:20',
        'apiserver-secure-port-disabled 20:6-20:21',
        'apiserver-tls-files-missing 30:6-30:20',
        'apiserver-secure-port-disabled 31:6-31:21',
        'apiserver-secure-port-disabled 42:6-42:21',
        '- 41:6-41:20',
      ],
    );
    assert.equal(diagnostics[7].message, 'kube-tls-lint: 1 more problem in this file is not shown (kubeTlsLint.maxProblemsPerFile is 7).');
  });

  it('the setting: 1000 by default, whole numbers from 1 accepted, others warned about', () => {
    assert.equal(validateSettings({}).settings.maxProblemsPerFile, 1000);
    assert.equal(validateSettings({ maxProblemsPerFile: 1 }).settings.maxProblemsPerFile, 1);
    for (const bad of [0, -5, 2.5, '100', Number.NaN, 2_000_000]) {
      const { settings, warnings } = validateSettings({ maxProblemsPerFile: bad });
      assert.equal(settings.maxProblemsPerFile, 1000);
      assert.deepEqual(warnings, [`kubeTlsLint.maxProblemsPerFile must be a whole number from 1 to 1000000, not ${JSON.stringify(bad)}; using 1000.`]);
    }
  });
});
