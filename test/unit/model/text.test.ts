import assert from 'node:assert/strict';
import { applyEdits, editsOverlap, LineIndex, withLoneCrAsLf } from '../../../shared/model/text';

describe('model/text: LineIndex', () => {
  it('maps offsets and positions for LF, CRLF and lone CR', () => {
    const index = new LineIndex('a\nbc\r\nd\re');
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 3, character: 0 });
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 3);
    assert.equal(index.lineText(1), 'bc');
    assert.equal(index.eolOf(1), '\r\n');
    assert.equal(index.eolOf(2), '\r');
  });

  it('clamps out-of-range positions', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 5);
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 3);
    assert.equal(index.offsetAt({ line: -1, character: 0 }), 0);
  });

  it('the last line without a break uses the file\'s first line break', () => {
    assert.equal(new LineIndex('a\r\nb').eolOf(1), '\r\n');
    assert.equal(new LineIndex('a').eolOf(0), '\n');
  });

  it('builds its line table on first use only (a text skipped by size is never scanned)', () => {
    const text = 'x\n'.repeat(20_000_000);
    text.indexOf('\0');
    let start = performance.now();
    const index = new LineIndex(text);
    const construct = performance.now() - start;
    start = performance.now();
    assert.equal(index.lineCount, 20_000_001);
    const build = performance.now() - start;
    assert.ok(construct * 20 < build, `constructing took ${construct.toFixed(2)} ms, building ${build.toFixed(0)} ms`);
  });

  it('counts UTF-16 code units', () => {
    const index = new LineIndex('é😀x');
    assert.deepEqual(index.positionAt(3), { line: 0, character: 3 });
  });
});

describe('model/text: lone CR', () => {
  it('withLoneCrAsLf writes lone CRs as LF and keeps CRLF, same length', () => {
    assert.equal(withLoneCrAsLf('a\rb\r\nc\r\rd\r'), 'a\nb\r\nc\n\nd\n');
    const plain = 'a\r\nb\n';
    assert.equal(withLoneCrAsLf(plain), plain);
  });
});

describe('model/text: edits', () => {
  it('applies edits in offset order and drops overlapping later ones', () => {
    const text = 'abcdef';
    assert.equal(applyEdits(text, [{ start: 4, end: 5, newText: 'X' }, { start: 0, end: 1, newText: '' }, { start: 3, end: 3, newText: '+' }]), 'bc+dXf');
    assert.equal(applyEdits(text, [{ start: 0, end: 3, newText: 'X' }, { start: 2, end: 4, newText: 'Y' }]), 'Xdef');
  });

  it('editsOverlap: shared characters or the same insertion point', () => {
    assert.equal(editsOverlap([{ start: 0, end: 2, newText: '' }], [{ start: 2, end: 3, newText: '' }]), false);
    assert.equal(editsOverlap([{ start: 0, end: 2, newText: '' }], [{ start: 1, end: 3, newText: '' }]), true);
    assert.equal(editsOverlap([{ start: 2, end: 2, newText: 'a' }], [{ start: 2, end: 2, newText: 'b' }]), true);
  });
});
