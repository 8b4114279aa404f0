import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { lint, ParseCache } from '../../shared/engine';
import { unionPart } from '../../shared/prefilter';
import { YAML_SYNTAX_RULE_ID } from '../../shared/rules';
import { isHelmTemplatePath } from '../../shared/workspace/files';

const ROOT = path.resolve(__dirname, '../../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.(ya?ml|json)$/i.test(name) ? [full] : [];
  });
}

describe('prefilter (CLI and workspace scan)', () => {
  // Parsing is skipped for texts no enabled rule can report on: that must never drop a rule's
  // finding. Only the syntax check of such texts is given up (documented in the README).
  const files = [...yamlFiles(path.join(ROOT, 'test/fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))];

  it('finds every finding a full lint finds, on every fixture of the project', () => {
    assert.ok(files.length > 50, `only ${files.length} fixtures found`);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const options = { helm: isHelmTemplatePath(file) };
      const key = (f: { ruleId: string; range: { start: number; end: number }; message: string }) => `${f.ruleId}@${f.range.start}-${f.range.end} ${f.message}`;
      const full = lint(text, options).findings.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID).map(key);
      const quick = lint(text, { ...options, prefilter: true }).findings.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID).map(key);
      assert.deepEqual(quick, full, path.relative(ROOT, file));
      compared += full.length;
    }
    assert.ok(compared > 100, `only ${compared} findings compared`);
  });
});

describe('prefilter: documents of a text', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command: [kube-apiserver, --insecure-port=8080]\n';
  const brokenDeployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: [web\n';
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\ntype: kubernetes.io/tls\n';
  const ids = (findings: Array<{ ruleId: string; range: { start: number } }>) => findings.map((f) => `${f.ruleId}@${f.range.start}`);

  it('parses only the documents some rule may report on: a broken Deployment beside a pod gets no syntax error', () => {
    const text = `${brokenDeployment}---\n${pod}`;
    const full = ids(lint(text).findings);
    const quick = ids(lint(text, { prefilter: true }).findings);
    // A full lint reports the Deployment's unclosed list, in the Deployment.
    const syntax = full.filter((f) => f.startsWith(YAML_SYNTAX_RULE_ID));
    assert.equal(syntax.length, 1, full.join(' '));
    assert.ok(Number(syntax[0].split('@')[1]) <= brokenDeployment.length, syntax[0]);
    assert.deepEqual(quick, full.filter((f) => !f.startsWith(YAML_SYNTAX_RULE_ID)));
    assert.ok(quick.length > 0);
    // Positions in the documents after a skipped one are those of the whole text.
    assert.ok(quick.every((f) => Number(f.split('@')[1]) > brokenDeployment.length), quick.join(' '));
  });

  it('parses the documents the caller keeps (the rules across files read Secrets)', () => {
    const text = `${secret}---\n${pod}`;
    const kept = lint(text, { prefilter: true, prefilterKeeps: (doc) => /\bSecret\b/.test(doc), cache: new ParseCache() });
    assert.deepEqual(kept.parsed?.documents.map((d) => d.root?.get('kind')), ['Secret', 'Pod']);
    const left = lint(text, { prefilter: true, cache: new ParseCache() });
    assert.deepEqual(left.parsed?.documents.map((d) => d.root?.get('kind')), ['Pod']);
  });

  it('parses every document of a text with template actions (an action may span documents)', () => {
    const text = `{{- if .Values.web }}\n${secret}---\n{{- end }}\n${pod}`;
    const parsed = lint(text, { prefilter: true, helm: true, cache: new ParseCache() }).parsed;
    assert.deepEqual(parsed?.documents.map((d) => d.root?.get('kind')), ['Secret', 'Pod']);
  });
});

describe('prefilter: the union of the triggers', () => {
  it('spells a case-insensitive trigger with letter classes, keeping escapes', () => {
    assert.equal(unionPart('skip-?(?:tls-)?verify', true), '(?:[sS][kK][iI][pP]-?(?:[tT][lL][sS]-)?[vV][eE][rR][iI][fF][yY])');
    assert.equal(unionPart('\\bIngress\\b', false), '(?:\\bIngress\\b)');
    assert.equal(unionPart('\\bkind\\x2d\\.x', true), '(?:\\b[kK][iI][nN][dD]\\x2d\\.[xX])');
  });

  it('leaves to a test of their own the triggers it cannot rewrite', () => {
    for (const source of ['(a)\\1', '[a-z]+', '(?<n>x)', '\\p{L}', '(x)', 'é']) assert.equal(unionPart(source, true), undefined, source);
  });

  it('matches what the triggers match, in any case', () => {
    const triggers = [/apiserver|controller-?manager|kubelet/i, /skip-?(?:tls-)?verify/i, /\bIngress\b/, /insecureSkipVerify/];
    const union = new RegExp(triggers.map((t) => unionPart(t.source, t.flags.includes('i'))).join('|'));
    for (const text of ['KUBE-APISERVER', 'Controller-Manager', 'controllermanager', 'x-SKIP-TLS-verify', 'kind: Ingress', 'insecureSkipVerify: true', 'ingress', 'insecureskipverify', 'kubectl', 'skip_verify']) {
      assert.equal(union.test(text), triggers.some((t) => t.test(text)), text);
    }
  });
});
