import assert from 'node:assert/strict';
import { hasTemplateActions, maskTemplates, overlapsAny } from '../../../shared/model/template';

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
});
