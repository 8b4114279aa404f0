import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { lint, ParseCache } from '../../shared/engine';
import { directiveComments } from '../../shared/suppress';
import { CommentPlaces } from '../../server/commentPlaces';

/** The lines a comment line can go in front of, as the server's code actions see them. */
function open(text: string): number[] {
  const result = lint(text, { cache: new ParseCache() });
  const places = new CommentPlaces(result);
  const lines: number[] = [];
  for (let line = 0; line < result.lines.lineCount; line++) if (places.lineTakesComment(line, undefined)) lines.push(line);
  return lines;
}

const values = (text: string) => parseAllDocuments(text).map((d) => [d.errors.map((e) => e.code), d.toJS()]);

/** The comment line as the server writes it: indented like the line it goes in front of. */
function withComment(text: string, line: number): string {
  const lines = text.split('\n');
  lines.splice(line, 0, `${/^[ \t]*/.exec(lines[line] ?? '')![0]}# kube-tls-lint-disable-next-line x`);
  return lines.join('\n');
}

// Every kind of multi-line node, and block contexts around them.
const TEXTS = {
  'double-quoted script': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command:\n    - sh\n    - "exec kube-apiserver\n      --secure-port=0"\n    - --v=2\n',
  'plain multi-line scalar and a folded block': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: one\n    two\n  b: >\n    folded\n    text\n  c: |+\n    kept\n\n  d: x\n',
  'flow collections over lines': 'apiVersion: v1\nkind: Pod\nspec:\n  args: [\n    --a,\n    --b\n  ]\n  env: {\n    a: 1,\n    b: 2 }\n',
  'two documents': 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nx: \'single\n  quoted\'\n',
};

describe('comment places (code actions)', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`${name}: a comment line goes exactly where it changes no value`, () => {
      const taking = open(text);
      const lineCount = text.split('\n').length;
      for (let line = 0; line < lineCount; line++) {
        const unchanged = JSON.stringify(values(withComment(text, line))) === JSON.stringify(values(text));
        if (taking.includes(line)) assert.ok(unchanged, `line ${line} is said to take a comment, but it changes a value`);
        else assert.ok(!unchanged, `line ${line} is said not to take a comment, but it would change nothing`);
      }
    });
  }

  it('lines inside a multi-line template action take none; the lines around it do', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - args:\n    {{- include "flags" (dict\n        "a" 1) | nindent 4 }}\n    - --v=2\n';
    assert.deepEqual(open(text), [0, 1, 2, 3, 4, 5, 7, 8]);
  });

  it('directives are the comments the engine reads, by line', () => {
    const text = 'a: "x # kube-tls-lint-disable-next-line r"\nb: 1 # kube-tls-lint-disable-next-line s\nc: |\n  # kube-tls-lint-disable t\n';
    const result = lint(text, { cache: new ParseCache() });
    const places = new CommentPlaces(result);
    assert.equal(places.directiveOn(0, undefined), undefined);
    const trailing = places.directiveOn(1, undefined)!;
    assert.equal(text.slice(trailing.offset, trailing.offset + 5), '# kub');
    assert.deepEqual([trailing.match[1], trailing.match[2]], ['-next-line', ' s']);
    assert.equal(places.directiveOn(3, undefined), undefined);
    assert.deepEqual(directiveComments(text).map((d) => d.offset), [trailing.offset]);
  });
});
