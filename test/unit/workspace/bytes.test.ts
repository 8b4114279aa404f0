import * as assert from 'node:assert/strict';
import { mergeConfig } from '../../../shared/config';
import { fixAll } from '../../../shared/engine';
import { RULES } from '../../../shared/rules';
import { fixedFileBytes } from '../../../shared/workspace/bytes';

const onlyPortRule = {
  config: mergeConfig({ rules: Object.fromEntries(RULES.filter((r) => r.meta.id !== 'apiserver-secure-port-disabled').map((r) => [r.meta.id, 'off' as const])) }),
};

/** A static pod with `--secure-port=0`; `comment` goes in a comment line above the flags. */
function pod(comment: Buffer, eol = '\n'): Buffer {
  const head = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: kube-apiserver', 'spec:', '  containers:', '  - name: kube-apiserver', '    command:', '    # '].join(eol);
  const tail = [eol + '    - kube-apiserver', '    - --secure-port=0', '    - --etcd-servers=https://127.0.0.1:2379', ''].join(eol);
  return Buffer.concat([Buffer.from(head), comment, Buffer.from(tail)]);
}

function fix(bytes: Buffer) {
  const text = bytes.toString('utf8');
  const fixed = fixAll(text, onlyPortRule);
  return { text, fixed, result: fixedFileBytes(bytes, text, fixed.text, fixed.edits) };
}

describe('fixed file bytes', () => {
  it('a file that is not UTF-8 keeps every byte outside the fix (Latin-1 in a comment, CRLF)', () => {
    const original = pod(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]), '\r\n');
    const { text, result } = fix(original);
    assert.ok(text.includes('\uFFFD'));
    const removed = Buffer.from('    - --secure-port=0\r\n');
    const at = original.indexOf(removed);
    assert.deepEqual(result, { bytes: Buffer.concat([original.subarray(0, at), original.subarray(at + removed.length)]) });
  });

  it('a UTF-8 file with a BOM and CRLF is the fixed text encoded, BOM kept', () => {
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), pod(Buffer.from('café ✓ 🙂'), '\r\n')]);
    const { fixed, result } = fix(original);
    assert.ok(fixed.text.startsWith('\uFEFF'));
    assert.deepEqual(result, { bytes: Buffer.from(original.toString('utf8').replace('    - --secure-port=0\r\n', ''), 'utf8') });
    assert.deepEqual((result as { bytes: Buffer }).bytes.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('edits of several passes are placed on the original bytes, past 4-byte characters and invalid sequences', () => {
    // "🙂" is two UTF-16 units; 0xE2 0x82 is a truncated sequence (one U+FFFD); 0xC0 is never valid.
    const original = Buffer.concat([Buffer.from('a🙂b'), Buffer.from([0xe2, 0x82]), Buffer.from('cd'), Buffer.from([0xc0]), Buffer.from('ef')]);
    const text = original.toString('utf8');
    assert.equal(text, 'a🙂b\uFFFDcd\uFFFDef');
    const pass1 = [{ start: 3, end: 4, newText: 'B' }, { start: 5, end: 6, newText: 'CC' }];
    const afterPass1 = 'a🙂B\uFFFDCCd\uFFFDef';
    const pass2 = [{ start: 0, end: 0, newText: '>' }, { start: 9, end: 11, newText: 'é' }];
    const fixedText = '>a🙂B\uFFFDCCd\uFFFDé';
    assert.equal(afterPass1.slice(9), 'ef');
    const result = fixedFileBytes(original, text, fixedText, [pass1, pass2]);
    assert.deepEqual(result, { bytes: Buffer.concat([Buffer.from('>a🙂B'), Buffer.from([0xe2, 0x82]), Buffer.from('CCd'), Buffer.from([0xc0]), Buffer.from('é')]) });
  });

  it('drops an edit that starts inside an earlier one of its pass, as applyEdits does', () => {
    const original = Buffer.concat([Buffer.from('abcdef'), Buffer.from([0xff])]);
    const text = original.toString('utf8');
    const result = fixedFileBytes(original, text, 'aXdef\uFFFD', [[{ start: 1, end: 3, newText: 'X' }, { start: 2, end: 4, newText: 'Y' }]]);
    assert.deepEqual(result, { bytes: Buffer.concat([Buffer.from('aXdef'), Buffer.from([0xff])]) });
  });

  it('refuses, rather than re-encode, when a fix would write an invalid byte back as U+FFFD', () => {
    const original = Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const text = original.toString('utf8');
    const result = fixedFileBytes(original, text, 'name: "caf\uFFFD"\n', [[{ start: 6, end: 10, newText: '"caf\uFFFD"' }]]);
    assert.deepEqual(result, { refused: 'it is not valid UTF-8 and a fix would rewrite bytes that are not text' });
  });

  it('refuses when an edit would join an incomplete sequence to the bytes after it', () => {
    // 0xE2 0x82 "x" 0xAC: deleting "x" would make the bytes E2 82 AC, a euro sign.
    const original = Buffer.from([0xe2, 0x82, 0x78, 0xac]);
    const text = original.toString('utf8');
    assert.equal(text, '\uFFFDx\uFFFD');
    const result = fixedFileBytes(original, text, '\uFFFD\uFFFD', [[{ start: 1, end: 2, newText: '' }]]);
    assert.deepEqual(result, { refused: 'it is not valid UTF-8 and the fixes do not map back to its bytes exactly' });
  });

  it('refuses an edit inside a surrogate pair, and a file whose edits are unknown', () => {
    const original = Buffer.concat([Buffer.from('🙂'), Buffer.from([0xff])]);
    const text = original.toString('utf8');
    assert.deepEqual(fixedFileBytes(original, text, '\uD83D!\uFFFD', [[{ start: 1, end: 2, newText: '!' }]]), { refused: 'it is not valid UTF-8 and a fix would split a character' });
    assert.deepEqual(fixedFileBytes(original, text, '🙂!\uFFFD', undefined), { refused: 'it is not valid UTF-8 and the fixes cannot be placed on its bytes' });
  });

  it('matches Node\'s decoding of any bytes (random buffers of valid and broken sequences)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const pieces = [[0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x99, 0x82], [0xc3, 0xa9], [0xe2, 0x82], [0xf0, 0x9f], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xff], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0x61], [0x0a]];
    for (let round = 0; round < 300; round++) {
      const bytes: number[] = [];
      for (let i = next() % 12; i >= 0; i--) bytes.push(...pieces[next() % pieces.length]);
      const original = Buffer.from(bytes);
      const text = original.toString('utf8');
      const result = fixedFileBytes(original, text, '>' + text + '<', [[{ start: 0, end: 0, newText: '>' }, { start: text.length, end: text.length, newText: '<' }]]);
      assert.deepEqual(result, { bytes: Buffer.concat([Buffer.from('>'), original, Buffer.from('<')]) }, `bytes ${original.toString('hex')}`);
    }
  });
});
