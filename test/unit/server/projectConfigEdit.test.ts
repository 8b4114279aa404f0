// "Turn off <rule> in .kube-tls-lint.yaml": the edit changes only what it must, keeps comments,
// and the project file still reads as before with the rule off.
import * as assert from 'node:assert/strict';
import { parseProjectConfig } from '../../../shared/config';
import { turnOffRuleEdit } from '../../../server/projectConfigEdit';

function apply(text: string | undefined, ruleId: string): string | undefined {
  const edit = turnOffRuleEdit(text, ruleId);
  if (!edit) return undefined;
  const source = text ?? '';
  // Every byte outside the edit is kept.
  assert.ok(edit.start <= edit.end && edit.end <= source.length);
  return source.slice(0, edit.start) + edit.newText + source.slice(edit.end);
}

describe('turnOffRuleEdit', () => {
  it('creates the file content when there is no file', () => {
    assert.equal(apply(undefined, 'etcd-auto-tls'), 'rules:\n  etcd-auto-tls: off\n');
  });

  it('adds a rules block at the end, keeping comments and other keys', () => {
    const text = '# project settings\nexclude:\n  - charts/**  # vendored\nfix:\n  tlsCertFile: /pki/a.crt\n';
    assert.equal(apply(text, 'etcd-auto-tls'), text + 'rules:\n  etcd-auto-tls: off\n');
  });

  it('adds a line break first when the file does not end with one', () => {
    assert.equal(apply('exclude: [a/**]', 'etcd-auto-tls'), 'exclude: [a/**]\nrules:\n  etcd-auto-tls: off\n');
  });

  it('adds one line to an existing rules map, indented like it, after its last entry and comment', () => {
    const text = 'rules:\n    # strict here\n    tls-min-version-too-low: error  # audit\n    ingress-tls-missing: hint # dev\n# trailing\nexclude: []\n';
    assert.equal(
      apply(text, 'etcd-auto-tls'),
      'rules:\n    # strict here\n    tls-min-version-too-low: error  # audit\n    ingress-tls-missing: hint # dev\n    etcd-auto-tls: off\n# trailing\nexclude: []\n',
    );
  });

  it('replaces only the value of a rule already listed', () => {
    const text = 'rules:\n  etcd-auto-tls: "error" # was strict\n  ingress-tls-missing: hint\n';
    assert.equal(apply(text, 'etcd-auto-tls'), 'rules:\n  etcd-auto-tls: off # was strict\n  ingress-tls-missing: hint\n');
  });

  it('keeps CRLF line breaks', () => {
    assert.equal(apply('rules:\r\n  ingress-tls-missing: hint\r\n', 'etcd-auto-tls'), 'rules:\r\n  ingress-tls-missing: hint\r\n  etcd-auto-tls: off\r\n');
    assert.equal(apply('fix: {}\r\n', 'etcd-auto-tls'), 'fix: {}\r\nrules:\r\n  etcd-auto-tls: off\r\n');
  });

  it('fills a comment-only file and an empty rules entry', () => {
    assert.equal(apply('# nothing yet\n', 'etcd-auto-tls'), '# nothing yet\nrules:\n  etcd-auto-tls: off\n');
    const empty = apply('rules:\nexclude: []\n', 'etcd-auto-tls')!;
    assert.deepEqual(parseProjectConfig(empty).config.rules, { 'etcd-auto-tls': 'off' });
    assert.deepEqual(parseProjectConfig(empty).exclude, []);
  });

  it('edits a flow rules map in place', () => {
    const text = '# keep me\nrules: {ingress-tls-missing: hint}\n';
    const after = apply(text, 'etcd-auto-tls')!;
    assert.ok(after.startsWith('# keep me\nrules: '), after);
    assert.deepEqual(parseProjectConfig(after).config.rules, { 'ingress-tls-missing': 'hint', 'etcd-auto-tls': 'off' });
  });

  it('offers nothing when the rule is already off or the file cannot be edited safely', () => {
    assert.equal(turnOffRuleEdit('rules:\n  etcd-auto-tls: off\n', 'etcd-auto-tls'), undefined);
    assert.equal(turnOffRuleEdit('rules: [a\n', 'etcd-auto-tls'), undefined);
    assert.equal(turnOffRuleEdit('- a\n- b\n', 'etcd-auto-tls'), undefined);
    assert.equal(turnOffRuleEdit('rules:\n  a: 1\n  a: 2\n', 'etcd-auto-tls'), undefined);
  });
});
