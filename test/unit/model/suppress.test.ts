import assert from 'node:assert/strict';
import { lint } from '../../../shared/engine';
import { LineIndex } from '../../../shared/model/text';
import { isSuppressed, readSuppressions } from '../../../shared/suppress';

const read = (text: string) => readSuppressions(text, new LineIndex(text));
const POD = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    command:\n    - kube-apiserver\n${body}`;
const ruleIds = (text: string) => lint(text).findings.map((f) => f.ruleId).filter((id) => id === 'apiserver-secure-port-disabled' || id === 'apiserver-tls-files-missing');

describe('suppressions', () => {
  it('reads file, next-line and same-line directives with rule lists and reasons', () => {
    const s = read('# kube-tls-lint-disable a, b -- generated\nx: 1 # kube-tls-lint-disable-line c\n# kube-tls-lint-disable-next-line\ny: 2\n');
    assert.deepEqual([...s.file], ['a', 'b']);
    assert.deepEqual([...s.lines.get(1)!], ['c']);
    assert.deepEqual([...s.lines.get(3)!], [null]);
    assert.equal(isSuppressed(s, 'a', 9), true);
    assert.equal(isSuppressed(s, 'c', 1), true);
    assert.equal(isSuppressed(s, 'c', 2), false);
    assert.equal(isSuppressed(s, 'anything', 3), true);
    assert.equal(isSuppressed(s, 'd', 0), false);
  });

  it('needs a comment and the exact word', () => {
    assert.equal(read('x: kube-tls-lint-disable\n').file.size, 0);
    assert.equal(read('# kube-tls-lint-disabled\n').file.size, 0);
    assert.equal(read('x: a#kube-tls-lint-disable\n').file.size, 0);
  });

  it('the same words inside a quoted or block scalar are data, not a directive', () => {
    assert.equal(read('x: "a # kube-tls-lint-disable"\n').file.size, 0);
    assert.equal(read("x: 'a # kube-tls-lint-disable-next-line'\ny: 1\n").lines.size, 0);
    assert.equal(read('script: |\n  echo 1 # kube-tls-lint-disable\n  echo 2\n').file.size, 0);
    // A real comment after such a scalar still counts, on its own line.
    const s = read('x: "# kube-tls-lint-disable"  # kube-tls-lint-disable-line r\n');
    assert.equal(s.file.size, 0);
    assert.deepEqual([...s.lines.get(0)!], ['r']);
  });

  it('directives in documents after the first and after a flow collection keep their lines', () => {
    const s = read('a: [1, 2]\n---\nb: {c: d}\n# kube-tls-lint-disable-next-line r\ne: 1\n');
    assert.deepEqual([...s.lines.keys()], [4]);
  });

  it('CRLF files', () => {
    const s = read('a: 1\r\n# kube-tls-lint-disable-next-line r\r\nb: 2\r\n');
    assert.deepEqual([...s.lines.get(2)!], ['r']);
  });

  it('the engine drops suppressed findings by the line they start on', () => {
    assert.deepEqual(ruleIds(POD('    - --secure-port=0\n')), ['apiserver-tls-files-missing', 'apiserver-secure-port-disabled']);
    assert.deepEqual(ruleIds(POD('    - --secure-port=0 # kube-tls-lint-disable-line apiserver-secure-port-disabled -- lab\n')), ['apiserver-tls-files-missing']);
    assert.deepEqual(ruleIds(POD('    # kube-tls-lint-disable-next-line apiserver-secure-port-disabled\n    - --secure-port=0\n')), ['apiserver-tls-files-missing']);
    // The directive names another rule: nothing is dropped.
    assert.deepEqual(ruleIds(POD('    - --secure-port=0 # kube-tls-lint-disable-line eck-http-tls-disabled\n')), ['apiserver-tls-files-missing', 'apiserver-secure-port-disabled']);
    assert.deepEqual(ruleIds('# kube-tls-lint-disable\n' + POD('    - --secure-port=0\n')), []);
  });

  it('the disable annotation drops a resource\'s findings for the listed rules only', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    kube-tls-lint.io/disable: apiserver-secure-port-disabled\nspec:\n  containers:\n  - name: c\n    command: [kube-apiserver, --secure-port=0]\n---\n' + POD('    - --secure-port=0\n');
    assert.deepEqual(ruleIds(text), ['apiserver-tls-files-missing', 'apiserver-tls-files-missing', 'apiserver-secure-port-disabled']);
  });
});
