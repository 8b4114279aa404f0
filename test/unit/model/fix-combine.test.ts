import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fixAll, lint } from '../../../shared/engine';
import { YAML_SYNTAX_RULE_ID } from '../../../shared/rules';
import { pod } from '../../helpers/rule-tester';

/** A removal and an insertion of a flag, both on the list that holds the flags. */
const RULES = new Set(['apiserver-insecure-port', 'apiserver-secure-port-disabled', 'apiserver-client-ca-missing']);
const CA = '--client-ca-file=/etc/kubernetes/pki/ca.crt';
const apiserver = (lines: string) => pod(`    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: [kube-apiserver]\n${lines}`);

/** fixAll's text (by default of the three rules above only), checked to be valid YAML. */
function fixed(text: string, rules: 'three' | 'all' = 'three'): string {
  const out = fixAll(text, { unsafeFixes: true }, rules === 'all' ? undefined : RULES).text;
  for (const doc of parseAllDocuments(out)) assert.deepEqual(doc.errors.map((e) => e.message), [], `valid YAML:\n${out}`);
  return out;
}

describe('fixAll: edits of one pass on one list or mapping', () => {
  it('a one-item flow list: its item removed and a flag appended (never `[, …]`)', () => {
    assert.equal(fixed(apiserver('    args: [--insecure-port=8080]\n')), apiserver(`    args: [${CA}]\n`));
    assert.equal(fixed(apiserver('    args: [ --secure-port=0 ]\n')), apiserver(`    args: [ ${CA} ]\n`));
    assert.equal(fixed(apiserver('    args: ["--secure-port=0"]\n')), apiserver(`    args: ["${CA}"]\n`));
  });

  it('trailing commas stay where they were', () => {
    assert.equal(fixed(apiserver('    args: [--secure-port=0,]\n')), apiserver(`    args: [${CA},]\n`));
    assert.equal(fixed(apiserver('    args: [--insecure-port=8080, --secure-port=0,]\n')), apiserver(`    args: [${CA},]\n`));
    assert.equal(fixed(apiserver('    args: [--v=2, --secure-port=0, ]\n')), apiserver(`    args: [--v=2, ${CA}, ]\n`));
  });

  it('quoted items with comments: the comments of kept items stay', () => {
    assert.equal(
      fixed(apiserver('    args: ["--v=2", # verbose\n      "--insecure-port=8080"]\n')),
      apiserver(`    args: ["--v=2", # verbose\n      "${CA}"]\n`),
    );
    assert.equal(
      fixed(apiserver("    args: ['--v=2', # verbose\n      '--secure-port=0', # off\n      '--profiling=false']\n")),
      apiserver(`    args: ['--v=2', # verbose\n      '--profiling=false', '${CA}']\n`),
    );
  });

  it('multi-line flow lists, LF and CRLF', () => {
    const before = '    args: [\n      --insecure-port=8080\n    ]\n';
    const after = `    args: [\n      ${CA}\n    ]\n`;
    assert.equal(fixed(apiserver(before)), apiserver(after));
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    assert.equal(fixed(crlf(apiserver(before))), crlf(apiserver(after)));
    assert.equal(
      fixed(apiserver('    args: [\n      --v=2,\n      --secure-port=0,\n    ]\n')),
      apiserver(`    args: [\n      --v=2,\n      ${CA},\n    ]\n`),
    );
  });

  it('a block list: its only item removed and a flag appended', () => {
    assert.equal(fixed(apiserver('    args:\n    - --insecure-port=8080\n')), apiserver(`    args:\n    - ${CA}\n`));
    assert.equal(fixed(apiserver('    args:\n    - --v=2\n    - --secure-port=0 # off\n')), apiserver(`    args:\n    - --v=2\n    - ${CA}\n`));
  });

  it('a split flag (`--secure-port`, `0`) as the whole list', () => {
    assert.equal(fixed(apiserver('    args: [--secure-port, "0"]\n')), apiserver(`    args: ["${CA}"]\n`));
    assert.equal(fixed(apiserver('    args:\n    - --secure-port\n    - "0"\n')), apiserver(`    args:\n    - "${CA}"\n`));
  });

  it('an `sh -c` script: a flag at the start of its last line removed, flags appended', () => {
    const script = (lines: string) => pod(`    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: ["/bin/sh", "-c"]\n    args:\n    - |\n      exec kube-apiserver --v=2 \\\n${lines}`);
    assert.equal(fixed(script('        --secure-port=0\n')), script(`        ${CA}\n`));
    // Starting a line with more words after it: the line keeps its indentation.
    assert.equal(fixed(script('        --secure-port=0 --v=3\n')), script(`        --v=3 ${CA}\n`));
  });

  it('insertions at the same place by several fixes are joined in one pass', () => {
    const stats = { passes: 0 };
    const rules = new Set(['apiserver-client-ca-missing', 'apiserver-tls-files-missing']);
    const text = apiserver('    args: [--v=2]\n');
    const out = fixAll(text, { unsafeFixes: true }, rules, stats);
    assert.equal(out.text, apiserver(`    args: [--v=2, ${CA}, --tls-cert-file=/etc/kubernetes/pki/apiserver.crt, --tls-private-key-file=/etc/kubernetes/pki/apiserver.key]\n`));
    assert.deepEqual(out.applied.map((a) => a.ruleId), ['apiserver-client-ca-missing', 'apiserver-tls-files-missing']);
    // One pass applies both, the next finds nothing left.
    assert.equal(stats.passes, 2);
  });

  it('with every rule: valid YAML and no safe fix left', () => {
    for (const lines of [
      '    args: [--insecure-port=8080]\n',
      '    args: [ --secure-port=0 ]\n',
      '    args: [--insecure-port=8080, --secure-port=0,]\n',
      '    args: ["--insecure-port=8080", # old\n      "--secure-port=0"] # both\n',
      '    args: [\n      --secure-port=0,\n    ]\n',
    ]) {
      const text = fixed(apiserver(lines), 'all');
      const left = lint(text).findings;
      assert.deepEqual(left.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID || f.fixes.some((x) => x.safe)).map((f) => f.ruleId), [], text);
    }
  });
});
