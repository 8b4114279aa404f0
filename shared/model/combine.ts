import type { TextEdit } from './text';

/**
 * The edits of several fixes applied in one pass of a fix-all. Each fix is correct on its own
 * text; together, two fixes can only be applied when neither changes what the other's edits
 * assumed. A fix is taken when its edits:
 * - do not overlap the edits taken (and insert nowhere another edit inserts);
 * - in a collection another taken fix edits too (see `TextEdit.entries`), do not even touch
 *   those edits (removing a flow list's last item ends where an append after it starts), and
 *   leave at least one entry: a collection emptied by one fix is edited by no other in the
 *   pass (`[x]` with `x` removed and `, y` appended would read `[, y]`; a mapping left with no
 *   pair reads as null);
 * - except that appends at the same place of one non-empty collection are joined, in order.
 * Any other fix waits for the next pass, where it is computed again on the changed text.
 */
export class EditBatch {
  private readonly taken: Array<{ edit: TextEdit; fix: number }> = [];
  /** Per collection: its entries, how many the taken fixes remove, and which fixes edit it. */
  private readonly collections = new Map<number, { count: number; removed: number; fixes: Set<number> }>();
  private fixes = 0;

  /** Takes the fix's edits when they fit with those taken; false (nothing taken) when not. */
  add(edits: readonly TextEdit[]): boolean {
    const fix = this.fixes;
    for (const e of edits) {
      for (const t of this.taken) if (conflicts(e, t.edit)) return false;
    }
    const removed = new Map<number, number>();
    for (const e of edits) {
      if (e.entries) removed.set(e.entries.collection, (removed.get(e.entries.collection) ?? 0) + e.entries.removed);
    }
    for (const [collection, n] of removed) {
      const state = this.collections.get(collection);
      if (state && state.fixes.size > 0 && state.removed + n >= state.count) return false;
    }
    for (const e of edits) {
      this.taken.push({ edit: e, fix });
      if (!e.entries) continue;
      const state = this.collections.get(e.entries.collection) ?? { count: e.entries.count, removed: 0, fixes: new Set<number>() };
      state.removed += e.entries.removed;
      state.fixes.add(fix);
      this.collections.set(e.entries.collection, state);
    }
    this.fixes++;
    return true;
  }

  /** The edits to apply, appends at one place joined into one edit. */
  edits(): TextEdit[] {
    const out: TextEdit[] = [];
    const joined = new Map<string, TextEdit>();
    for (const { edit } of this.taken) {
      if (!isAppend(edit)) {
        out.push(edit);
        continue;
      }
      const key = `${edit.entries!.collection}:${edit.start}`;
      const first = joined.get(key);
      if (first) first.newText += edit.newText;
      else {
        const copy = { ...edit };
        joined.set(key, copy);
        out.push(copy);
      }
    }
    return out;
  }
}

function isAppend(e: TextEdit): boolean {
  return !!e.entries?.appends && e.entries.count > 0 && e.start === e.end;
}

function conflicts(a: TextEdit, b: TextEdit): boolean {
  const sameCollection = a.entries !== undefined && b.entries !== undefined && a.entries.collection === b.entries.collection;
  if (sameCollection) {
    if (isAppend(a) && isAppend(b) && a.start === b.start) return false;
    return a.start <= b.end && b.start <= a.end;
  }
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}
