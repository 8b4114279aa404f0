import assert from 'node:assert/strict';
import { isMap, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { formatScalar, isSafePlain, SourceEditor } from '../../../shared/model/edit';
import { applyEdits, TextEdit } from '../../../shared/model/text';

function root(text: string): YAMLMap {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, []);
  assert.ok(isMap(doc.contents));
  return doc.contents;
}
function seqAt(text: string, key: string): YAMLSeq {
  const node = root(text).get(key, true);
  assert.ok(isSeq(node));
  return node;
}
function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit is offered');
  const out = applyEdits(text, [edit]);
  assert.deepEqual(parseDocument(out).errors, [], out);
  return out;
}

describe('model/edit: appendToSeq', () => {
  const append = (text: string, key = 'c', values = ['--x=1', '--y=2']) => apply(text, new SourceEditor(text).appendToSeq(seqAt(text, key), values));

  it('block sequence: new lines with the last item\'s indentation and dash spacing', () => {
    assert.equal(append('c:\n  -   a\nd: 1\n'), 'c:\n  -   a\n  -   --x=1\n  -   --y=2\nd: 1\n');
    assert.equal(append('c:\n- a\n'), 'c:\n- a\n- --x=1\n- --y=2\n');
  });

  it('block sequence: after a trailing comment, before the following comment lines', () => {
    assert.equal(append('c:\n- a # one\n# after\nd: 1\n'), 'c:\n- a # one\n- --x=1\n- --y=2\n# after\nd: 1\n');
  });

  it('block sequence: keeps CRLF and a missing final line break', () => {
    assert.equal(append('c:\r\n- a\r\nd: 1\r\n'), 'c:\r\n- a\r\n- --x=1\r\n- --y=2\r\nd: 1\r\n');
    assert.equal(append('c:\n- a'), 'c:\n- a\n- --x=1\n- --y=2');
  });

  it('block sequence: quoting follows the last item', () => {
    assert.equal(append('c:\n- "a"\n'), 'c:\n- "a"\n- "--x=1"\n- "--y=2"\n');
    assert.equal(append("c:\n- 'a'\n"), "c:\n- 'a'\n- '--x=1'\n- '--y=2'\n");
    assert.equal(append('c:\n- a\n', 'c', ['--z=a: b', 'yes']), 'c:\n- a\n- "--z=a: b"\n- "yes"\n');
  });

  it('block sequence: after a multi-line last item', () => {
    assert.equal(append('c:\n- a\n- >-\n  b\nd: 1\n'), 'c:\n- a\n- >-\n  b\n- --x=1\n- --y=2\nd: 1\n');
  });

  it('block sequence: an anchored or unusual last item is not appended to', () => {
    const text = 'c:\n- &x a\n';
    assert.equal(new SourceEditor(text).appendToSeq(seqAt(text, 'c'), ['b']), undefined);
  });

  it('flow sequence: same separator and quoting', () => {
    assert.equal(append('c: [a, b]\n'), 'c: [a, b, --x=1, --y=2]\n');
    assert.equal(append('c: ["a","b"]\n'), 'c: ["a","b","--x=1","--y=2"]\n');
    assert.equal(append('c: [\n  a,\n  b\n]\n'), 'c: [\n  a,\n  b,\n  --x=1,\n  --y=2\n]\n');
    assert.equal(append('c: [a]\n', 'c', ['x,y']), 'c: [a, "x,y"]\n');
  });

  it('empty flow sequence', () => {
    assert.equal(append('c: []\n'), 'c: [--x=1, --y=2]\n');
  });

  it('flow sequence: a lone item on its own line gets its new items on lines like it; a trailing comma stays last', () => {
    assert.equal(append('c: [\n  a\n]\n'), 'c: [\n  a,\n  --x=1,\n  --y=2\n]\n');
    assert.equal(append('c: [\r\n  a\r\n]\r\n'), 'c: [\r\n  a,\r\n  --x=1,\r\n  --y=2\r\n]\r\n');
    assert.equal(append('c: [a, b,]\n'), 'c: [a, b, --x=1, --y=2,]\n');
  });

  it('says which list it appends to, and that other appends may join it', () => {
    const text = 'x: 1\nc: [a, b]\n';
    assert.deepEqual(new SourceEditor(text).appendToSeq(seqAt(text, 'c'), ['d'])?.entries, { collection: text.indexOf('['), count: 2, removed: 0, appends: true });
  });
});

describe('model/edit: removeSeqItems', () => {
  const remove = (text: string, from: number, to: number) => apply(text, new SourceEditor(text).removeSeqItems(seqAt(text, 'c'), from, to));

  it('block: whole lines, with their comments and CRLF', () => {
    assert.equal(remove('c:\n- a\n- b # two\n- c\n', 1, 1), 'c:\n- a\n- c\n');
    assert.equal(remove('c:\r\n- a\r\n- b\r\n- "0"\r\n- d\r\n', 1, 2), 'c:\r\n- a\r\n- d\r\n');
    assert.equal(remove('c:\n- a\n- b', 1, 1), 'c:\n- a\n');
  });

  it('flow: the item and one separator', () => {
    assert.equal(remove('c: [a, b, c]\n', 1, 1), 'c: [a, c]\n');
    assert.equal(remove('c: [a, b, c]\n', 0, 0), 'c: [b, c]\n');
    assert.equal(remove('c: [a, b, c]\n', 2, 2), 'c: [a, b]\n');
    assert.equal(remove('c: ["a"]\n', 0, 0), 'c: []\n');
  });

  it('flow: emptied, the list reads `[]`', () => {
    assert.equal(remove('c: [ a ]\n', 0, 0), 'c: []\n');
    assert.equal(remove('c: [a,]\n', 0, 0), 'c: []\n');
    assert.equal(remove('c: [ a, "0", ]\n', 0, 1), 'c: []\n');
    assert.equal(remove('c: [\n  a\n]\n', 0, 0), 'c: []\n');
    assert.equal(remove('c: [\r\n  a,\r\n]\r\n', 0, 0), 'c: []\r\n');
    // A comment inside stays.
    assert.equal(remove('c: [ # note\n  a\n]\n', 0, 0), 'c: [ # note\n]\n');
  });

  it('flow: a trailing comma stays last', () => {
    assert.equal(remove('c: [a, b,]\n', 1, 1), 'c: [a,]\n');
    assert.equal(remove('c: [a, b,]\n', 0, 0), 'c: [b,]\n');
  });

  it('flow, one item a line: whole lines with the item\'s comment; the last item takes the comma before it', () => {
    assert.equal(remove('c: [\n  a, # one\n  b, # two\n  c\n]\n', 1, 1), 'c: [\n  a, # one\n  c\n]\n');
    assert.equal(remove('c: [\r\n  "a",\r\n  "b"\r\n]\r\n', 0, 0), 'c: [\r\n  "b"\r\n]\r\n');
    assert.equal(remove('c: [\n  "a", # one\n  "b"\n]\n', 1, 1), 'c: [\n  "a" # one\n]\n');
    assert.equal(remove('c: [\n  a,\n  b,\n]\n', 1, 1), 'c: [\n  a,\n]\n');
    // Its comma on a later line: the comma goes with it, the line stays.
    assert.equal(remove('c: [ # note\n  a\n  ,]\n', 0, 0), 'c: [ # note\n  \n  ]\n');
    assert.equal(remove('c: [\n  a\n  , b]\n', 0, 0), 'c: [\n  b]\n');
    // A lone CR is not taken for the end of the line (the parser reads on past it).
    assert.equal(remove('c: [\n  x,\n  y,\r    z,\n  w\n]\n', 1, 1), 'c: [\n  x,\r    z,\n  w\n]\n');
  });

  it('flow: the comment of a kept item stays', () => {
    assert.equal(remove('c: [a, # one\n  b, c]\n', 1, 1), 'c: [a, # one\n  c]\n');
    assert.equal(remove('c: [a, # one\n  b]\n', 1, 1), 'c: [a # one\n  ]\n');
    assert.equal(remove('c: [a, # one\n  b, # two\n  c]\n', 1, 1), 'c: [a, # one\n  c]\n');
    assert.equal(remove('c: [b, # two\n  c]\n', 0, 0), 'c: [ # two\n  c]\n');
  });

  it('flow: not offered when a tag or an explicit key is written with an item', () => {
    for (const [text, index] of [['c: [!!str a, b]\n', 0], ['c: [a, !!str b]\n', 1], ['c: [a, ? b]\n', 1]] as const) {
      assert.equal(new SourceEditor(text).removeSeqItems(seqAt(text, 'c'), index, index), undefined, text);
    }
  });

  it('says which list it removes from and how many items', () => {
    const text = 'c: [a, b, c]\n';
    assert.deepEqual(new SourceEditor(text).removeSeqItems(seqAt(text, 'c'), 0, 1)?.entries, { collection: 3, count: 3, removed: 2 });
    const block = 'c:\n- a\n';
    assert.deepEqual(new SourceEditor(block).removeSeqItems(seqAt(block, 'c'), 0, 0)?.entries, { collection: 3, count: 1, removed: 1 });
  });

  it('an item defining an anchor is kept (its aliases would dangle)', () => {
    const text = 'c: [a, &x b]\nd: *x\n';
    assert.equal(new SourceEditor(text).removeSeqItems(seqAt(text, 'c'), 1, 1), undefined);
  });
});

describe('model/edit: replaceScalar', () => {
  const replace = (text: string, value: string) => {
    const seq = seqAt(text, 'c');
    return apply(text, new SourceEditor(text).replaceScalar(seq.items[0] as Scalar, value));
  };

  it('keeps the quoting style', () => {
    assert.equal(replace('c:\n- --p=0 # x\n', '--p=1'), 'c:\n- --p=1 # x\n');
    assert.equal(replace('c:\n- "--p=0"\n', '--p=1'), 'c:\n- "--p=1"\n');
    assert.equal(replace("c:\n- '--p=0'\n", "it's"), "c:\n- 'it''s'\n");
  });

  it('quotes a plain value that would not read back as the same string', () => {
    assert.equal(replace('c:\n- a\n', '6443'), 'c:\n- "6443"\n');
    assert.equal(replace('c: [a, b]\n', 'x,y'), 'c: ["x,y", b]\n');
  });
});

describe('model/edit: removePair', () => {
  const removeKey = (text: string, path: string[]) => {
    let map = root(text);
    for (const key of path.slice(0, -1)) map = map.get(key, true) as unknown as YAMLMap;
    const pair = map.items.find((p) => (p.key as Scalar).value === path[path.length - 1]) as Pair;
    return new SourceEditor(text).removePair(map, pair);
  };

  it('block map: the pair\'s lines, nested content and comments included', () => {
    const text = 'a:\n  b: 1\n  c:\n    # note\n    d: 2 # two\n  e: 3\n';
    assert.equal(apply(text, removeKey(text, ['a', 'c'])), 'a:\n  b: 1\n  e: 3\n');
    const crlf = text.replace(/\n/g, '\r\n');
    assert.equal(apply(crlf, removeKey(crlf, ['a', 'c'])), 'a:\r\n  b: 1\r\n  e: 3\r\n');
  });

  it('flow map: the pair and one comma', () => {
    const text = 'a: {b: 1, c: 2, d: 3}\n';
    assert.equal(apply(text, removeKey(text, ['a', 'b'])), 'a: {c: 2, d: 3}\n');
    assert.equal(apply(text, removeKey(text, ['a', 'c'])), 'a: {b: 1, d: 3}\n');
    assert.equal(apply(text, removeKey(text, ['a', 'd'])), 'a: {b: 1, c: 2}\n');
  });

  it('flow map: emptied it reads `{}`; trailing commas and comments as in flow lists', () => {
    for (const [text, key, out] of [
      ['a: { b: 1 }\n', 'b', 'a: {}\n'],
      ['a: {b: 1,}\n', 'b', 'a: {}\n'],
      ['a: {b: 1, c: 2,}\n', 'c', 'a: {b: 1,}\n'],
      ['a: {b: 1, # one\n  c: 2}\n', 'c', 'a: {b: 1 # one\n  }\n'],
      // A JSON document stays JSON.
      ['{\n  "b": 1,\n  "c": 2\n}\n', 'c', '{\n  "b": 1\n}\n'],
    ] as const) {
      const path = text.startsWith('{') ? [key] : ['a', key];
      assert.equal(apply(text, removeKey(text, path)), out, text);
    }
  });

  it('a pair sharing a line with a sequence dash: only when another pair follows', () => {
    const text = 'a:\n- b: 1\n  c: 2\n';
    const seq = root(text).get('a', true) as unknown as YAMLSeq;
    const item = seq.items[0] as YAMLMap;
    const editor = new SourceEditor(text);
    assert.equal(apply(text, editor.removePair(item, item.items[0])), 'a:\n- c: 2\n');
    assert.equal(editor.removePair(item, item.items[1])?.newText, '');
    const alone = 'a:\n- b: 1\n';
    const single = (root(alone).get('a', true) as unknown as YAMLSeq).items[0] as YAMLMap;
    assert.equal(new SourceEditor(alone).removePair(single, single.items[0]), undefined);
  });

  it('a pair whose value defines an anchor is kept', () => {
    const text = 'a:\n  b: &x {c: 1}\n  d: *x\n';
    assert.equal(removeKey(text, ['a', 'b']), undefined);
  });
});

describe('model/edit: scalars', () => {
  it('isSafePlain: strings that YAML would read as something else need quotes', () => {
    for (const v of ['--v=2', '/etc/kubernetes/pki/ca.crt', 'a b', 'kube-apiserver']) assert.equal(isSafePlain(v, false), true, v);
    for (const v of ['', ' a', 'yes', 'on', 'y', 'true', '1:20', '0644', '1_000', '6443', '0x1', '~', 'null', '- a', 'a: b', 'a #b', '#a', '@a', '*a', '&a', '!a', '"a', "'a", '{a}', '[a]', '%a', 'a\tb']) {
      assert.equal(isSafePlain(v, false), false, v);
    }
    assert.equal(isSafePlain('a,b', false), true);
    assert.equal(isSafePlain('a,b', true), false);
  });

  it('formatScalar follows the style of a sample', () => {
    const doc = parseDocument('- "a"\n- \'b\'\n- c\n');
    const [dq, sq, plain] = (doc.contents as YAMLSeq).items as Scalar[];
    assert.equal(formatScalar('x"y', dq, false), '"x\\"y"');
    assert.equal(formatScalar("x'y", sq, false), "'x''y'");
    assert.equal(formatScalar('x', plain, false), 'x');
    assert.equal(formatScalar('on', plain, false), '"on"');
    assert.equal(formatScalar('x', undefined, false), 'x');
  });
});
