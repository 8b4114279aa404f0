import assert from 'node:assert/strict';
import { EditBatch } from '../../../shared/model/combine';
import { EntriesChange, TextEdit } from '../../../shared/model/text';

const edit = (start: number, end: number, newText = '', entries?: EntriesChange): TextEdit => ({ start, end, newText, ...(entries ? { entries } : {}) });
const list = (count: number, removed = 0, appends = false): EntriesChange => ({ collection: 100, count, removed, ...(appends ? { appends } : {}) });

describe('model/combine: EditBatch', () => {
  it('takes edits that do not overlap, refuses those that do or insert at one place', () => {
    const batch = new EditBatch();
    assert.equal(batch.add([edit(0, 5, 'a')]), true);
    assert.equal(batch.add([edit(4, 8)]), false);
    assert.equal(batch.add([edit(0, 0, 'b')]), false);
    assert.equal(batch.add([edit(5, 5, 'c'), edit(9, 10)]), true);
    assert.deepEqual(batch.edits(), [edit(0, 5, 'a'), edit(5, 5, 'c'), edit(9, 10)]);
  });

  it('a fix is taken whole or not at all', () => {
    const batch = new EditBatch();
    batch.add([edit(10, 12)]);
    assert.equal(batch.add([edit(0, 1), edit(11, 11, 'x')]), false);
    assert.deepEqual(batch.edits(), [edit(10, 12)]);
  });

  it('joins appends to one non-empty collection at one place, in order', () => {
    const batch = new EditBatch();
    assert.equal(batch.add([edit(20, 20, ', a', list(2, 0, true))]), true);
    assert.equal(batch.add([edit(20, 20, ', b', list(2, 0, true))]), true);
    assert.deepEqual(batch.edits(), [edit(20, 20, ', a, b', list(2, 0, true))]);
  });

  it('never joins insertions into an empty collection, or those not marked as appends', () => {
    const empty = new EditBatch();
    empty.add([edit(20, 20, 'a, b', list(0, 0, true))]);
    assert.equal(empty.add([edit(20, 20, 'c', list(0, 0, true))]), false);
    const keys = new EditBatch();
    keys.add([edit(20, 20, '\n  k: 1', list(2))]);
    assert.equal(keys.add([edit(20, 20, '\n  k: 2', list(2))]), false);
  });

  it('in one collection, edits of two fixes may not even touch', () => {
    // `[a, x]`: removing x (`, x`) ends where the append after x starts.
    const batch = new EditBatch();
    batch.add([edit(12, 12, ', y', list(3, 0, true))]);
    assert.equal(batch.add([edit(9, 12, '', list(3, 1))]), false);
    // In different collections, touching is fine.
    assert.equal(batch.add([edit(9, 12, '', { ...list(3, 1), collection: 7 })]), true);
  });

  it('a collection one fix empties is edited by no other fix of the pass', () => {
    const first = new EditBatch();
    first.add([edit(1, 5, '', list(2, 1))]);
    assert.equal(first.add([edit(8, 12, '', list(2, 1))]), false, 'the second removal would leave no entry');
    const second = new EditBatch();
    assert.equal(second.add([edit(1, 12, '', list(2, 2))]), true, 'one fix may empty it');
    assert.equal(second.add([edit(40, 40, ', z', list(2, 0, true))]), false);
    const third = new EditBatch();
    third.add([edit(1, 5, '', list(3, 1))]);
    assert.equal(third.add([edit(8, 12, '', list(3, 1))]), true, 'one entry is left');
  });
});
