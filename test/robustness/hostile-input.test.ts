/**
 * Hostile and broken input: every case ends, within a bound, with a clear result — findings,
 * a `yaml-syntax` finding, or a notice that the text was skipped — and never an exception.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fixAll, lint, LintOptions, LintResult, ParseCache } from '../../shared/engine';
import { YAML_SYNTAX_RULE_ID } from '../../shared/rules';
import { readTextFile } from '../../shared/workspace/files';

const SECURE_PORT = 'apiserver-secure-port-disabled';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --secure-port=0\n';

/** Lints within `ms` milliseconds (the test's own timeout is the hard stop). */
function timedLint(text: string, ms: number, options?: LintOptions): LintResult {
  const start = performance.now();
  const result = lint(text, options);
  const took = performance.now() - start;
  assert.ok(took < ms, `lint took ${took.toFixed(0)} ms, more than ${ms} ms`);
  return result;
}

const ids = (r: LintResult) => r.findings.map((f) => f.ruleId);
const textOf = (text: string, r: LintResult, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId).map((f) => text.slice(f.range.start, f.range.end));
const MISSING = /-missing$/;

describe('robustness: hostile input', function () {
  this.timeout(15000);

  describe('resource exhaustion', () => {
    const laughs = (indent: string) =>
      ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        .concat('bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`))
        .map((l) => indent + l)
        .join('\n') + '\n';

    it('an alias bomb (billion laughs) used as command and args is never expanded', () => {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  bomb:\n${laughs('    ')}spec:\n  containers:\n  - name: a\n    command: *i\n  - name: b\n    command: [kube-apiserver, --secure-port=0]\n    args: *i\n  - name: c\n    command: [kube-apiserver, --secure-port=0]\n    env: *i\n`;
      const result = timedLint(text, 2000);
      // Container b's arguments are a nest of aliases: it is not judged; c is.
      assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0']);
      assert.ok(result.findings.every((f) => f.range.start >= text.indexOf('- name: c')), 'only container c is judged');
      fixAll(text);
    });

    it('thousands of containers sharing one aliased command stay linear', () => {
      let text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c0\n    image: &img nginx\n    command: &cmd [kube-apiserver, --secure-port=0]\n';
      for (let i = 1; i < 3000; i++) text += `  - name: c${i}\n    image: *img\n    command: *cmd\n`;
      const result = timedLint(text, 5000);
      // One finding for the one command line, however many containers run it.
      assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0']);
    });

    it('a 40,000-key mapping is checked in linear time, duplicates still found', () => {
      const keys = Array.from({ length: 40000 }, (_, i) => `  key${i}: v\n`).join('');
      const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n${keys}  key7: again\n---\n${POD}`;
      const result = timedLint(text, 8000);
      const syntax = result.findings.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID);
      assert.equal(syntax.length, 1);
      assert.equal(text.slice(syntax[0].range.start, syntax[0].range.start + 4), 'key7');
      assert.match(syntax[0].message, /unique/);
      assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0'], 'the next document is still checked');
    });

    for (const [name, deep] of [
      ['flow sequences', '['.repeat(10000) + ']'.repeat(10000)],
      ['flow mappings', '{a: '.repeat(10000) + '1' + '}'.repeat(10000)],
      ['block sequences on one line', '- '.repeat(10000) + 'x'],
    ] as const) {
      it(`10,000 levels of nested ${name}: a yaml-syntax finding, the other documents still checked`, () => {
        const text = `${POD}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  x: &x\n    ${deep}\n  y: *x\n---\n${POD}`;
        for (const options of [{}, { cache: new ParseCache() }]) {
          const result = timedLint(text, 5000, options);
          const syntax = result.findings.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID);
          assert.equal(syntax.length, 1, ids(result).join());
          assert.match(syntax[0].message, /nested too deeply/);
          assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0', '--secure-port=0']);
        }
        fixAll(text);
      });
    }

    it('deep nesting when the caller already used most of the stack', () => {
      const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ${'['.repeat(10000)}${']'.repeat(10000)}\n---\n${POD}`;
      const deepCall = (n: number): LintResult => (n === 0 ? lint(text) : deepCall(n - 1));
      const result = deepCall(5000);
      assert.ok(ids(result).includes(YAML_SYNTAX_RULE_ID));
      assert.ok(ids(result).includes(SECURE_PORT));
    });

    const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  text: ';

    it('200,000 unclosed {{ outside a chart: the parser stops at the opener past 500 levels (a finding there and a notice), the next document is checked', () => {
      const text = `${CONFIG_MAP}${'{{ '.repeat(200000)}\n---\n${POD}`;
      for (const options of [{}, { cache: new ParseCache() }]) {
        const result = timedLint(text, 5000, options);
        const syntax = result.findings.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID);
        // The document, the root mapping and `data` are three levels: the 498th `{` is the 501st.
        const opener = CONFIG_MAP.length + 3 * 248 + 1;
        assert.deepEqual(
          syntax.map((f) => [f.message, f.range]),
          [['YAML could not be parsed: nested too deeply (more than 500 levels)', { start: opener, end: opener + 1 }]],
        );
        assert.deepEqual(result.notices, ['YAML could not be parsed: nested too deeply (more than 500 levels)']);
        assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0']);
      }
    });

    it('the nesting cap counts the parser levels: 497 flow sequences in `data` parse, 498 do not', () => {
      const nested = (depth: number) => `${CONFIG_MAP}${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      assert.deepEqual(lint(nested(497)).findings, []);
      assert.deepEqual(
        lint(nested(498)).findings.map((f) => [f.ruleId, f.range.start]),
        [[YAML_SYNTAX_RULE_ID, CONFIG_MAP.length + 497]],
      );
    });

    it('200,000 stray }}: one yaml-syntax finding at the first, the next document is checked', () => {
      const text = `${CONFIG_MAP}${'}} '.repeat(200000)}\n---\n${POD}`;
      const result = timedLint(text, 5000);
      const syntax = result.findings.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID);
      assert.deepEqual(
        syntax.map((f) => [f.message, f.range]),
        [['YAML syntax error: Unexpected flow-map-end token in YAML stream: "}"', { start: CONFIG_MAP.length, end: CONFIG_MAP.length + 1 }]],
      );
      assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0']);
    });
  });

  describe('size', () => {
    it('a 50 MB text is skipped by the size cap with a notice', () => {
      const text = POD + '# ' + 'x'.repeat(50 * 1024 * 1024) + '\n';
      const result = timedLint(text, 2000, { maxLength: 5 * 1024 * 1024 });
      assert.deepEqual(result.findings, []);
      assert.match(result.notices.join(), /skipped: 51\d\d\d KB is over the 5120 KB size limit/);
    });

    it('a 1 MB single line is skipped by the size cap, and checked without one', () => {
      const text = `${POD}    - --tls-cipher-suites=${'TLS_RSA_WITH_RC4_128_SHA,'.repeat(42000)}x\n`;
      assert.ok(text.length > 1024 * 1024);
      const capped = timedLint(text, 2000, { maxLength: 1024 * 1024 });
      assert.deepEqual(capped.findings, []);
      assert.match(capped.notices.join(), /skipped: .* size limit/);
      const full = timedLint(text, 5000);
      assert.deepEqual(textOf(text, full, SECURE_PORT), ['--secure-port=0']);
    });

    it('a flag value of a million characters', () => {
      const text = POD.replace('--secure-port=0', `--secure-port=${'0'.repeat(1e6)}`);
      const result = timedLint(text, 5000);
      assert.equal(textOf(text, result, SECURE_PORT)[0]?.length, '--secure-port='.length + 1e6);
      const fixed = fixAll(text).text;
      assert.ok(!fixed.includes('--secure-port'), 'the fix removed the flag');
    });
  });

  describe('not text, not YAML', () => {
    it('NUL bytes: skipped as binary with a notice', () => {
      const result = timedLint(POD + '\u0000\u0000', 1000);
      assert.deepEqual(result.findings, []);
      assert.deepEqual(result.notices, ['skipped: binary content (NUL bytes)']);
    });

    it('binary junk after a resource header: a syntax error, nothing else', () => {
      let seed = 7;
      const junk = Array.from({ length: 200000 }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return String.fromCharCode(1 + (seed % 255));
      }).join('');
      const result = timedLint(`apiVersion: v1\nkind: Pod\n${junk}`, 5000);
      assert.ok(result.findings.every((f) => f.ruleId === YAML_SYNTAX_RULE_ID), ids(result).join());
      fixAll(`apiVersion: v1\nkind: Pod\n${junk}`);
    });

    it('invalid UTF-8 is read with replacement characters and checked', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ktl-robust-'));
      try {
        const file = path.join(dir, 'bad.yaml');
        writeFileSync(file, Buffer.concat([Buffer.from(POD.replace('name: kube-apiserver\nspec', 'name: "x\u00e9"\nspec')), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x0a])]));
        const read = await readTextFile(file);
        assert.ok(read.text?.includes('\ufffd'));
        const result = timedLint(read.text!, 1000);
        assert.ok(ids(result).includes(SECURE_PORT) || ids(result).includes(YAML_SYNTAX_RULE_ID), ids(result).join());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('lone surrogates in values', () => {
      const text = POD.replace('name: kube-apiserver\nspec', 'name: "\ud800x\udfff"\nspec');
      assert.deepEqual(textOf(text, timedLint(text, 1000), SECURE_PORT), ['--secure-port=0']);
    });

    for (const [name, text] of [
      ['an empty file', ''],
      ['a lone BOM', '\ufeff'],
      ['only comments', '# apiVersion: v1\n# kind: Pod\n#   - kube-apiserver --secure-port=0\n'],
      ['only blank lines and document markers', '\n\n---\n---\n...\n'],
      ['a JSON array', '["apiVersion", "kind"]'],
      ['a scalar document', 'apiVersion\n'],
    ] as const) {
      it(`${name}: no findings, no notices`, () => {
        const result = timedLint(text, 500);
        assert.deepEqual(result.findings, []);
        assert.deepEqual(result.notices, []);
      });
    }

    it('a BOM before a manifest keeps every range exact', () => {
      const text = '\ufeff' + POD;
      assert.deepEqual(textOf(text, timedLint(text, 1000), SECURE_PORT), ['--secure-port=0']);
    });
  });

  describe('line breaks and whitespace', () => {
    it('CRLF: exact ranges, and fixes write CRLF', () => {
      const text = POD.replace(/\n/g, '\r\n');
      const result = timedLint(text, 1000);
      assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0']);
      const fixed = fixAll(text).text;
      assert.ok(fixed !== text);
      assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF written into a CRLF file');
    });

    it('mixed CRLF and LF line breaks: exact ranges, positions round-trip', () => {
      const text = POD.split('\n').map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('');
      const result = timedLint(text, 1000);
      assert.deepEqual(textOf(text, result, SECURE_PORT), ['--secure-port=0']);
      for (const f of result.findings) assert.equal(result.lines.offsetAt(result.lines.positionAt(f.range.start)), f.range.start);
      fixAll(text);
    });

    it('a lone CR (old Mac line break) is a line break: exact positions, fixes keep it', () => {
      const text = POD.replace('kind: Pod\n', 'kind: Pod\r');
      const result = timedLint(text, 1000);
      assert.deepEqual(ids(result), ids(lint(POD)));
      assert.ok(!ids(result).includes(YAML_SYNTAX_RULE_ID));
      const [finding] = result.findings.filter((f) => f.ruleId === SECURE_PORT);
      assert.equal(text.slice(finding.range.start, finding.range.end), '--secure-port=0');
      assert.deepEqual(result.lines.positionAt(finding.range.start), { line: 9, character: 6 });
    });

    it('a file with only lone CRs: findings, suppressions and fixes as with LF', () => {
      const lf = POD.replace('    - --secure-port=0\n', '    # kube-tls-lint-disable-next-line apiserver-tls-files-missing\n    - --secure-port=0\n');
      const text = lf.replace(/\n/g, '\r');
      const expected = lint(lf);
      const result = timedLint(text, 1000);
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.range, result.lines.positionAt(f.range.start)]),
        expected.findings.map((f) => [f.ruleId, f.range, expected.lines.positionAt(f.range.start)]),
      );
      assert.ok(result.findings.length > 0);
      const fixed = fixAll(text).text;
      assert.equal(fixed, fixAll(lf).text.replace(/\n/g, '\r'));
      assert.ok(!fixed.includes('\n'), 'no LF written into a CR file');
    });

    it('tabs in indentation are a syntax error; tabs inside values are fine', () => {
      const tabbed = POD.replace('    - --secure-port=0', '\t- --secure-port=0');
      assert.ok(ids(timedLint(tabbed, 1000)).includes(YAML_SYNTAX_RULE_ID));
      const inValue = POD.replace('name: kube-apiserver\nspec', 'name: "a\tb"\nspec');
      assert.deepEqual(textOf(inValue, timedLint(inValue, 1000), SECURE_PORT), ['--secure-port=0']);
    });
  });

  describe('templates and overlays', () => {
    const templated = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: {{ .Release.Name }}-apiserver',
      '  {{- with .Values.labels }}',
      '  labels: {{ toYaml . | nindent 4 }}',
      '  {{- end }}',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    image: "{{ .Values.image }}"',
      '    command:',
      '    - kube-apiserver',
      '    - --secure-port=0',
      '    {{- range $k, $v := .Values.extraArgs }}',
      '    - --{{ $k }}={{ $v }}',
      '    {{- end }}',
      '',
    ].join('\n');

    it('Helm/Go templates: no syntax noise, no "missing flag" guesses, literal flags still checked', () => {
      for (const options of [{}, { helm: true }]) {
        const result = timedLint(templated, 1000, options);
        assert.ok(!ids(result).includes(YAML_SYNTAX_RULE_ID), ids(result).join());
        assert.ok(!ids(result).some((id) => MISSING.test(id)), ids(result).join());
        assert.deepEqual(textOf(templated, result, SECURE_PORT), ['--secure-port=0']);
      }
    });

    it('Jinja templates: the same', () => {
      const jinja = templated
        .replace('{{- with .Values.labels }}', '{% if labels %}')
        .replace('{{ toYaml . | nindent 4 }}', '{{ labels | to_yaml }}')
        .replace('{{- end }}', '{% endif %}')
        .replace('{{- range $k, $v := .Values.extraArgs }}', '{% for k, v in extra_args.items() %}')
        .replace('- --{{ $k }}={{ $v }}', '- --{{ k }}={{ v }}  {# extra #}')
        .replace('{{- end }}', '{% endfor %}');
      const result = timedLint(jinja, 1000);
      assert.ok(!ids(result).includes(YAML_SYNTAX_RULE_ID), ids(result).join());
      assert.ok(!ids(result).some((id) => MISSING.test(id)), ids(result).join());
      assert.deepEqual(textOf(jinja, result, SECURE_PORT), ['--secure-port=0']);
    });

    for (const [name, text] of [
      [
        'a strategic-merge patch that only adds args',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  containers:\n  - name: kube-apiserver\n    args:\n    - --tls-min-version=VersionTLS12\n',
      ],
      [
        'a strategic-merge patch of a Deployment with $patch directives',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: apiserver-proxy\nspec:\n  template:\n    spec:\n      containers:\n      - name: kube-apiserver\n        $patch: merge\n        args:\n        - --profiling=false\n      - name: sidecar\n        $patch: delete\n',
      ],
      [
        'a JSON 6902 patch',
        '- op: add\n  path: /spec/containers/0/command/-\n  value: --secure-port=6443\n- op: remove\n  path: /spec/containers/0/command/3\n',
      ],
      [
        'a kustomization with inline patches',
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- kube-apiserver.yaml\npatches:\n- target:\n    kind: Pod\n    name: kube-apiserver\n  patch: |-\n    - op: add\n      path: /spec/containers/0/command/-\n      value: --anonymous-auth=false\n- patch: |-\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: kube-apiserver\n    spec:\n      containers:\n      - name: kube-apiserver\n        command:\n        - kube-apiserver\n',
      ],
    ] as const) {
      it(`Kustomize: ${name} gets no "missing flag" findings`, () => {
        const result = timedLint(text, 1000);
        assert.deepEqual(result.findings.filter((f) => MISSING.test(f.ruleId)).map((f) => f.ruleId), []);
        assert.ok(!ids(result).includes(YAML_SYNTAX_RULE_ID));
      });
    }
  });
});
