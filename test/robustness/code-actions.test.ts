/**
 * The server's "Disable … for this line / file" actions are built without linting the edited
 * text: applied to real, generated and mutated manifests, each must silence exactly the findings
 * it names and change nothing else (no syntax error, no value, no other finding lost or added).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isMap, parseAllDocuments } from 'yaml';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node';
import { manifest, rng } from '../../bench/generate';
import { defaultConfig } from '../../shared/config';
import { Finding, lint, ParseCache } from '../../shared/engine';
import { maskTemplates } from '../../shared/model/template';
import { applyEdits, LineIndex } from '../../shared/model/text';
import { RULES, YAML_SYNTAX_RULE_ID } from '../../shared/rules';
import { analyze } from '../../server/analysis';
import { CodeActionDeps, provideCodeActions } from '../../server/codeActions';
import type { DiagnosticsController } from '../../server/diagnostics';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SEED = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 0) || undefined;
const runs = (n: number) => Number(process.env.FC_RUNS ?? 0) || n;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** A kube-apiserver whose flags come from a shell script written in `script` (a multi-line scalar). */
const scripted = (script: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - sh\n    - -c\n    - ${script}\n`;

const CORPUS: string[] = [
  scripted('|\n      exec kube-apiserver \\\n        --secure-port=0'),
  scripted('>-\n      exec kube-apiserver\n      --secure-port=0\n      --insecure-port=8080'),
  scripted('"exec kube-apiserver\n      --secure-port=0 --insecure-port=8080"'),
  scripted("'exec kube-apiserver\n      --secure-port=0'"),
  scripted('exec kube-apiserver\n      --secure-port=0'),
  // The same script in a static pod held by a Cluster API control plane (an embedded manifest).
  `apiVersion: controlplane.cluster.x-k8s.io/v1beta1\nkind: KubeadmControlPlane\nmetadata:\n  name: cp\nspec:\n  kubeadmConfigSpec:\n    files:\n    - path: /etc/kubernetes/manifests/kube-apiserver.yaml\n      content: |\n${scripted('|\n      exec kube-apiserver --tls-cert-file=/a.crt --tls-private-key-file=/a.key \\\n        --secure-port=0\n    args: [--insecure-port=8080]').replace(/^/gm, '        ')}`,
  ...[path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures')].flatMap((d) => yamlFiles(d)).map((f) => readFileSync(f, 'utf8')),
  ...RULES.flatMap((r) => (r.meta.examples ? [r.meta.examples.bad] : [])),
  ...Array.from({ length: 10 }, (_, i) => manifest(rng(300 + i))),
].filter((text) => lint(text).findings.some((f) => f.ruleId !== YAML_SYNTAX_RULE_ID));

const TOKENS = ['\n', '\r\n', ' ', '  ', '- ', ': ', '#', '# x\n', '---\n', '"', "'", '|\n', '|-\n  ', '>\n', '[', ']', '{{ .Values.x }}', '{{- if .x }}\n', '\\', '# kube-tls-lint-disable-next-line x\n'];

const CONTEXT = { config: defaultConfig(), settings: { maxFileSizeKb: 5120 } };
const FACTS = { helm: false, kustomizePatch: false };

/** Every suppression action of a request over the whole text, as the server answers it. */
async function suppressionActions(text: string): Promise<CodeAction[]> {
  const analysis = analyze(text, CONTEXT, FACTS, new ParseCache());
  const diagnostics = { current: () => Promise.resolve({ analysis, version: 1, text, context: CONTEXT }) } as unknown as DiagnosticsController;
  const deps: CodeActionDeps = { diagnostics, facts: () => FACTS, versionedEdits: true, resolvesEdits: true, documentVersion: () => 1 };
  const whole = { start: { line: 0, character: 0 }, end: { line: analysis.result.lines.lineCount, character: 0 } };
  const actions = await provideCodeActions({ textDocument: { uri: 'file:///x.yaml' }, range: whole, context: { diagnostics: [] } }, deps);
  return actions.filter((a) => a.title.startsWith('Disable '));
}

function applied(text: string, action: CodeAction): string {
  const lines = new LineIndex(text);
  const edits = (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
  return applyEdits(text, edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
}

/** What the documents of a text hold as the engine reads them (template actions masked), or why they cannot be read. */
function valuesOf(text: string): unknown[] {
  return parseAllDocuments(maskTemplates(text).text).map((d) => {
    try {
      return { errors: d.errors.map((e) => e.code), value: d.toJS({ maxAliasCount: -1, mapAsMap: true }) };
    } catch (err) {
      return { errors: d.errors.map((e) => e.code), unreadable: String(err) };
    }
  });
}

/**
 * Equal values, except that a string holding a manifest may differ by comments: its own
 * documents must then hold the same values (checked the same way, so a comment landing in a
 * script inside it is a change).
 */
function sameValues(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    const manifest = (s: string) => parseAllDocuments(s).every((d) => d.errors.length === 0 && isMap(d.contents));
    return manifest(a) && manifest(b) && sameValues(valuesOf(a), valuesOf(b));
  }
  if (a instanceof Map && b instanceof Map) return sameValues([...a], [...b]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValues(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

const key = (f: { ruleId: string; message: string }) => `${f.ruleId}\0${f.message}`;

function countBy(keys: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
  return map;
}

/** Each action silences what it names (all of the rule for a file comment) and nothing else. */
async function checkSuppressions(text: string): Promise<void> {
  const before = lint(text).findings;
  const syntaxBefore = before.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID).length;
  for (const action of await suppressionActions(text)) {
    const edited = applied(text, action);
    const after = lint(edited).findings;
    const what = `"${action.title}" on:\n${text}\n---- gives:\n${edited}`;
    assert.equal(after.filter((f) => f.ruleId === YAML_SYNTAX_RULE_ID).length, syntaxBefore, `no new syntax error: ${what}`);
    assert.ok(sameValues(valuesOf(edited), valuesOf(text)), `no value changed: ${what}`);
    const fileRule = /^Disable (\S+) for this file$/.exec(action.title)?.[1];
    const silenced: Finding[] = fileRule
      ? before.filter((f) => f.ruleId === fileRule)
      : before.filter((f) => action.diagnostics!.some((d) => d.code === f.ruleId && d.message === f.message && d.range.start.line === new LineIndex(text).positionAt(f.range.start).line));
    assert.ok(silenced.length > 0, `names a finding: ${what}`);
    const expected = countBy(before.filter((f) => !silenced.includes(f)).map(key));
    assert.deepEqual(countBy(after.map(key)), expected, `exactly the named findings are gone: ${what}`);
  }
}

describe('robustness: suppression actions', () => {
  it(`silence exactly what they name in ${CORPUS.length} manifests with findings`, async () => {
    assert.ok(CORPUS.length > 20, `${CORPUS.length} manifests`);
    for (const text of CORPUS) await checkSuppressions(text);
  });

  it('silence exactly what they name in mutated manifests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CORPUS),
        fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), insert: fc.oneof(fc.constantFrom(...TOKENS), fc.constant('')) }), { minLength: 1, maxLength: 4 }),
        async (base, mutations) => {
          let text = base;
          for (const m of mutations) {
            const at = text.length ? m.at % (text.length + 1) : 0;
            text = text.slice(0, at) + m.insert + text.slice(Math.min(text.length, at + m.del));
          }
          await checkSuppressions(text);
        },
      ),
      { numRuns: runs(60), seed: SEED ?? 11 },
    );
  });
});
