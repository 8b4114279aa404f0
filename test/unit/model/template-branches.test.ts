/**
 * Flags in conditional template branches: the block structure of a template, the selections of
 * words it can render, and what the rules make of them (each rendering is judged like a plain
 * command line; a finding shared by several renderings is reported once).
 */
import assert from 'node:assert/strict';
import { lint } from '../../../shared/engine';
import { invocationOf } from '../../../shared/model/invocation';
import { parseYaml } from '../../../shared/model/parse';
import { containersOf, resourcesOf } from '../../../shared/model/resources';
import { maskTemplates, renderings, templateBranches } from '../../../shared/model/template';

/** The branch path at the line holding only `marker`, as `block.branch` steps. */
function pathAt(source: string, marker: string): string[] {
  const branches = templateBranches(source, maskTemplates(source).templateRanges);
  return branches.pathAt(source.search(new RegExp(`^${marker}$`, 'm'))).map((s) => `${s.block}.${s.branch}`);
}

/** The selections of the `- x` items of `source` it can render, each as the items joined by spaces. */
function rendered(source: string, from = 0): string[] {
  const ranges = maskTemplates(source).templateRanges;
  const items = [...source.matchAll(/^\s*- (\S+)$/gm)].map((m) => ({ value: m[1], at: m.index + m[0].indexOf('- ') }));
  return renderings(items, (i) => i.at, templateBranches(source, ranges), from).map((list) => list.map((i) => i.value).join(' '));
}

/** `ruleId source-text` of each finding of a Helm template. */
function findings(text: string): string[] {
  // The pods here mount no volumes: which files they could read is another matter.
  return lint(text, { helm: true }).findings.filter((f) => f.ruleId !== 'tls-file-not-mounted').map((f) => `${f.ruleId} ${text.slice(f.range.start, f.range.end)}`);
}

const pod = (lines: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: a\n    command:\n    - kube-apiserver\n    - --tls-cert-file=/a\n    - --tls-private-key-file=/b\n${lines}`;

describe('model/template: conditional blocks', () => {
  it('Go: if / else if / else / end, with, range, define; nested blocks', () => {
    const t = 'a\n{{- if .A }}\nb\n{{- else if .B }}\nc\n{{- else }}\nd\n{{- with .W }}\ne\n{{- end }}\n{{- end }}\nf\n{{ range .R }}\ng\n{{ end }}\n';
    assert.deepEqual(pathAt(t, 'a'), []);
    assert.deepEqual(pathAt(t, 'b'), ['0.0']);
    assert.deepEqual(pathAt(t, 'c'), ['0.1']);
    assert.deepEqual(pathAt(t, 'd'), ['0.2']);
    assert.deepEqual(pathAt(t, 'e'), ['0.2', '1.0']);
    assert.deepEqual(pathAt(t, 'f'), []);
    assert.deepEqual(pathAt(t, 'g'), ['2.0']);
    const { blocks } = templateBranches(t, maskTemplates(t).templateRanges);
    assert.deepEqual(blocks.map((b) => [b.branches, b.exhaustive]), [[3, true], [1, false], [1, false]]);
  });

  it('Jinja: if / elif / else / endif and for / endfor', () => {
    const t = '{% if a %}\nb\n{% elif c %}\nd\n{% endif %}\n{%- for x in y -%}\ne\n{% endfor %}\nf\n';
    assert.deepEqual(pathAt(t, 'b'), ['0.0']);
    assert.deepEqual(pathAt(t, 'd'), ['0.1']);
    assert.deepEqual(pathAt(t, 'e'), ['1.0']);
    assert.deepEqual(pathAt(t, 'f'), []);
  });

  it('other actions, a stray end and a block left open do not break the structure', () => {
    const t = '{{ .Values.x }}\n{{- end }}\na\n{{- if .A }}\nb\n';
    assert.deepEqual(pathAt(t, 'a'), []);
    assert.deepEqual(pathAt(t, 'b'), ['0.0']);
  });
});

describe('model/template: renderings', () => {
  it('if/else renders one branch; if without else may render nothing; outside items always', () => {
    assert.deepEqual(rendered('- a\n{{- if .X }}\n- b\n{{- else }}\n- c\n{{- end }}\n- d\n'), ['a b d', 'a c d']);
    assert.deepEqual(rendered('- a\n{{- if .X }}\n- b\n{{- end }}\n'), ['a b', 'a']);
    assert.deepEqual(rendered('- a\n- b\n'), ['a b']);
  });

  it('independent blocks combine; nested ones render only inside their branch', () => {
    assert.deepEqual(rendered('{{- if .X }}\n- a\n{{- end }}\n{{- if .Y }}\n- b\n{{- end }}\n'), ['a b', 'a', 'b', '']);
    assert.deepEqual(rendered('{{- if .X }}\n- a\n{{- if .Y }}\n- b\n{{- end }}\n{{- end }}\n'), ['a b', 'a', '']);
  });

  it('blocks opened before `from` are given (a block around the whole resource is no choice)', () => {
    const t = '{{- if .Enabled }}\n- a\n{{- if .X }}\n- b\n{{- end }}\n{{- end }}\n';
    assert.deepEqual(rendered(t, t.indexOf('- a')), ['a b', 'a']);
  });

  it('too many choices: one selection with every item', () => {
    const t = Array.from({ length: 8 }, (_, i) => `{{- if .X${i} }}\n- f${i}\n{{- end }}\n`).join('');
    assert.deepEqual(rendered(t), ['f0 f1 f2 f3 f4 f5 f6 f7']);
  });

  it('an invocation keeps the renderings of its words only when they differ', () => {
    const of = (text: string) => {
      const file = parseYaml(text);
      const [container] = containersOf(resourcesOf(file.documents[0])[0]);
      return invocationOf(container, file.maskedText, file.templateRanges, text)!;
    };
    const words = (list: Array<{ value: string }>) => list.map((w) => w.value).join(' ');
    const branched = of(pod('    {{- if .Values.secure }}\n    - --secure-port=6443\n    {{- else }}\n    - --secure-port=0\n    {{- end }}\n'));
    assert.deepEqual(branched.renderings?.map(words), ['--tls-cert-file=/a --tls-private-key-file=/b --secure-port=6443', '--tls-cert-file=/a --tls-private-key-file=/b --secure-port=0']);
    assert.equal(of(pod('    {{- range .Values.extraArgs }}\n    - {{ . }}\n    {{- end }}\n')).renderings?.length, 2);
    assert.equal(of(`{{- if .Values.enabled }}\n${pod('    - --v=2\n')}{{- end }}\n`).renderings, undefined);
  });
});

describe('flags in conditional template branches (rules)', () => {
  const branches = (body: string, orElse: string) => pod(`    {{- if .Values.secure }}\n    - ${body}\n    {{- else }}\n    - ${orElse}\n    {{- end }}\n`);

  it('a literal insecure flag in either branch is reported: that branch can render it', () => {
    assert.deepEqual(findings(branches('--secure-port=6443', '--secure-port=0')), ['apiserver-secure-port-disabled --secure-port=0']);
    assert.deepEqual(findings(branches('--secure-port=0', '--secure-port=6443')), ['apiserver-secure-port-disabled --secure-port=0']);
    assert.deepEqual(findings(pod('    {{- if .Values.legacy }}\n    - --insecure-port=8080\n    {{- end }}\n')), ['apiserver-insecure-port --insecure-port=8080']);
  });

  it('the last occurrence wins only among flags rendered together', () => {
    // A later flag outside the block overrides both branches.
    assert.deepEqual(findings(branches('--secure-port=0', '--v=2') + '    - --secure-port=6443\n'), []);
    // An earlier insecure flag stays in effect where the branch does not override it.
    assert.deepEqual(findings(pod('    - --secure-port=0\n') + '    {{- if .Values.secure }}\n    - --secure-port=6443\n    {{- end }}\n'), ['apiserver-secure-port-disabled --secure-port=0']);
    // Overridden in every branch: never in effect.
    assert.deepEqual(findings(pod('    - --secure-port=0\n') + '    {{- if .Values.a }}\n    - --secure-port=6443\n    {{- else }}\n    - --secure-port=443\n    {{- end }}\n'), []);
  });

  it('a finding several renderings share is reported once', () => {
    const text = pod('    - --secure-port=0\n    {{- if .Values.a }}\n    - --v=2\n    {{- end }}\n    {{- if .Values.b }}\n    - --v=3\n    {{- end }}\n');
    assert.deepEqual(findings(text), ['apiserver-secure-port-disabled --secure-port=0']);
  });

  it('the fix removes the flag from its branch and leaves valid YAML', () => {
    const text = branches('--secure-port=6443', '--secure-port=0');
    const [finding] = lint(text, { helm: true }).findings.filter((f) => f.ruleId !== 'tls-file-not-mounted');
    const fix = finding.fixes.find((f) => f.isPreferred)!;
    let out = text;
    for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, text.replace('    - --secure-port=0\n', ''));
    assert.deepEqual(findings(out), []);
  });
});
