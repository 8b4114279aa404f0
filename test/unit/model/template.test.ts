import assert from 'node:assert/strict';
import { hasTemplateActions, maskTemplates, overlapsAny, templateBranches } from '../../../shared/model/template';

/**
 * Milliseconds `run` takes on `text`, fastest of three. The inputs below are ~600 KB: linear
 * work takes tens of milliseconds, quadratic work (one scan of the rest of the text per action)
 * tens of seconds, so a bound of 2 s separates them even on a loaded machine.
 */
function fastestRun(text: string, run: (text: string) => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run(text);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('model/template: masking', () => {
  it('leaves text without actions untouched', () => {
    const text = 'apiVersion: v1\nkind: Pod\n';
    assert.equal(hasTemplateActions(text), false);
    assert.deepEqual(maskTemplates(text), { text, templateRanges: [] });
  });

  it('masks with the same length: standalone actions become blanks, inline ones underscores', () => {
    const text = 'metadata:\n  name: {{ .Release.Name }}-api\n{{- if .Values.x }}\n  labels: {}\n{{- end }}\n';
    const masked = maskTemplates(text);
    assert.equal(masked.text.length, text.length);
    assert.equal(
      masked.text,
      `metadata:\n  name: ${'_'.repeat(19)}-api\n` + '                   \n  labels: {}\n          \n',
    );
    assert.deepEqual(
      masked.templateRanges.map((r) => text.slice(r.start, r.end)),
      ['{{ .Release.Name }}', '{{- if .Values.x }}', '{{- end }}'],
    );
  });

  it('a line holding several actions and nothing else is standalone', () => {
    const text = '  {{- with .Values.a }}{{ toYaml . }}{{ end }}\nx: 1\n';
    assert.equal(maskTemplates(text).text, ' '.repeat(text.indexOf('\n')) + '\nx: 1\n');
  });

  it('keeps line breaks inside multi-line actions (line numbers stay right) and CRLF', () => {
    const text = 'a: 1\r\n{{- /* a\r\ncomment */ -}}\r\nb: {{ .B\n}}\r\n';
    const masked = maskTemplates(text);
    assert.equal(masked.text.length, text.length);
    assert.equal(masked.text, 'a: 1\r\n        \r\n              \r\nb: _____\n__\r\n');
  });

  it('masks Jinja statements and comments too', () => {
    const text = '{% if x %}\nname: {{ y }}\n{# note #}\n';
    assert.equal(hasTemplateActions(text), true);
    assert.equal(maskTemplates(text).text, '          \nname: _______\n          \n');
  });

  it('masks lines holding only a ${…} placeholder or a %{…} directive, never inline ones', () => {
    const text = 'env:\n${COMPUTED_ENV_VARS}\n- name: A\n  value: ${A}\n  %{~ if x ~}\r\n    ${indent(4, y)}  \n%{ endif }';
    assert.equal(hasTemplateActions(text), true);
    const masked = maskTemplates(text);
    assert.equal(masked.text, 'env:\n' + ' '.repeat(20) + '\n- name: A\n  value: ${A}\n' + ' '.repeat(13) + '\r\n' + ' '.repeat(21) + '\n' + ' '.repeat(10));
    assert.deepEqual(
      masked.templateRanges.map((r) => text.slice(r.start, r.end)),
      ['${COMPUTED_ENV_VARS}', '%{~ if x ~}', '${indent(4, y)}', '%{ endif }'],
    );
  });

  it('inline ${…}, $(…) and shell text are not template actions', () => {
    for (const text of ['image: ${IMAGE}\n', '- --advertise-address=$(POD_IP)\n', 'x: |\n  echo ${A} ${B}\n', '- ${A}\n', 'a: "${A}"\n']) {
      assert.equal(hasTemplateActions(text), false, text);
      assert.deepEqual(maskTemplates(text), { text, templateRanges: [] }, text);
    }
  });

  it('a placeholder inside a Helm action is part of that action', () => {
    const text = '{{- $x := "a" }}\n{{ printf\n${A}\n}}\n';
    assert.deepEqual(maskTemplates(text).templateRanges.map((r) => text.slice(r.start, r.end)), ['{{- $x := "a" }}', '{{ printf\n${A}\n}}']);
  });

  it('an unclosed action is left as it is', () => {
    const text = 'name: {{ .x\n';
    assert.equal(maskTemplates(text).text, text);
  });

  it('overlapsAny: touching is not overlapping', () => {
    const ranges = [{ start: 5, end: 10 }];
    assert.equal(overlapsAny({ start: 0, end: 5 }, ranges), false);
    assert.equal(overlapsAny({ start: 10, end: 12 }, ranges), false);
    assert.equal(overlapsAny({ start: 9, end: 12 }, ranges), true);
    assert.equal(overlapsAny({ start: 6, end: 7 }, ranges), true);
  });

  it('an unclosed action of one kind does not stop the others, and a closer never closes an earlier kind', () => {
    const text = 'a: {{ x\nb: {% if y %}\nc: {# z #}\nd: %} #}\n';
    assert.deepEqual(maskTemplates(text).templateRanges.map((r) => text.slice(r.start, r.end)), ['{% if y %}', '{# z #}']);
  });

  it('overlapsAny: finds the overlapping range among many sorted ones', () => {
    const ranges = Array.from({ length: 1000 }, (_, i) => ({ start: i * 10, end: i * 10 + 5 }));
    assert.equal(overlapsAny({ start: 5005, end: 5010 }, ranges), false);
    assert.equal(overlapsAny({ start: 5004, end: 5006 }, ranges), true);
    assert.equal(overlapsAny({ start: 9999, end: 10001 }, ranges), false);
    assert.equal(overlapsAny({ start: 0, end: 10000 }, ranges), true);
    assert.equal(overlapsAny({ start: 0, end: 1 }, []), false);
  });

  describe('linear in the text', function () {
    this.timeout(30000);
    const n = 200_000;
    const cases: Array<[string, string]> = [
      ['200,000 unclosed {{', '{{ '.repeat(n)],
      ['200,000 unclosed {%', '{% '.repeat(n)],
      ['200,000 unclosed {#', '{# '.repeat(n)],
      ['unclosed openers of every kind, then one closer of each', '{{ {% {# '.repeat(n / 3) + '}} %} #}'],
      ['many closed actions on one line', 'a: ' + '{{ x }}'.repeat(n / 2) + '\n'],
      ['many standalone actions on one line', '{{ x }}'.repeat(n / 2) + '\n'],
      ['placeholder lines among actions', '{{ x }}\n${A}\n'.repeat(n / 4)],
    ];
    for (const [name, text] of cases) {
      it(`${name}: masked in linear time`, () => {
        const took = fastestRun(text, maskTemplates);
        assert.ok(took < 2000, `${took.toFixed(0)} ms`);
      });
    }

    it('200,000 unclosed {{ are left as they are', () => {
      const text = '{{ '.repeat(n);
      assert.deepEqual(maskTemplates(text), { text, templateRanges: [] });
    });

    it('reading the blocks of actions with long blanks inside', () => {
      const long = `{{ if${' '.repeat(300_000)}x }}{{ end${' '.repeat(300_000)}}}`;
      const took = fastestRun(long, (text) => templateBranches(text, maskTemplates(text).templateRanges));
      assert.ok(took < 2000, `${took.toFixed(0)} ms`);
      const text = `{{- if${' '.repeat(10)}x -}}a{{ else${' '.repeat(10)}}}b{{end}}`;
      assert.deepEqual(templateBranches(text, maskTemplates(text).templateRanges).blocks, [{ start: 0, branches: 2, exhaustive: true }]);
    });
  });
});
