/**
 * Property tests (fast-check): fuzzed and mutated manifests never make the engine throw or
 * hang; every fix on generated manifests is safe; prefiltering and the incremental parse
 * cache never change what is found.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { manifest, rng } from '../../bench/generate';
import { runCli } from '../../cli/main';
import { Finding, fixAll, FixAllStats, lint, LintResult, MAX_FIX_PASSES, ParseCache } from '../../shared/engine';
import { applyEdits, TextEdit } from '../../shared/model/text';
import { RULES, YAML_SYNTAX_RULE_ID } from '../../shared/rules';
import { argsOnly, blockCommand, flowCommand, hyperkube, kubeadmList, kubeadmMap, shellScript } from '../helpers/control-plane';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Fixed seeds keep CI stable; `FC_SEED=random FC_RUNS=5000` explores. */
const SEED = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 0) || undefined;
const runs = (n: number) => Number(process.env.FC_RUNS ?? 0) || n;

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Real fixtures, the rules' own examples and generated manifests. */
const CORPUS: string[] = [
  ...[path.join(ROOT, 'examples'), path.join(ROOT, 'test', 'fixtures')].flatMap((d) => yamlFiles(d)).map((f) => readFileSync(f, 'utf8')),
  ...RULES.flatMap((r) => (r.meta.examples ? [r.meta.examples.bad, r.meta.examples.good] : [])),
  ...Array.from({ length: 20 }, (_, i) => manifest(rng(100 + i))),
];

/** Pieces of text that mean something to YAML, templates or the rules. */
const TOKENS = [
  '\n', '\r\n', '\r', '\t', ' ', '  ', '- ', ': ', ':', '#', '# x\n', '---\n', '...\n', '%YAML 1.1\n', '\ufeff', '&a ', '*a', '<<: *a\n',
  '"', "'", '[', ']', '{', '}', ',', '|', '>-', '!!str ', '? ', '{{ .Values.x }}', '{{- end }}', '{% if x %}', '{# c #}', '\\',
  'kube-apiserver', 'etcd', 'kubelet', '--secure-port=0', '--insecure-port=8080', 'sh -c ', 'k8s.elastic.co', 'disabled: true',
  'apiVersion: v1\n', 'kind: Pod\n', 'kibana.yml: |\n', 'kube-tls-lint-disable-next-line\n', '\u2028', '\ud800', 'é', '0x1F', 'yes',
];

type Mutation = { at: number; del: number; insert: string };
const mutationArb = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 8 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }), fc.constant('')),
});

function mutate(text: string, m: Mutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0;
  return text.slice(0, at) + m.insert + text.slice(Math.min(text.length, at + m.del));
}

const withoutSyntax = (r: LintResult) => r.findings.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID);

function checkWellFormed(text: string, result: LintResult): void {
  for (const f of result.findings) {
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `range of ${f.ruleId} in bounds`);
    for (const fix of f.fixes) checkEdits(text, fix.edits);
  }
}

function checkEdits(text: string, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  sorted.forEach((e, i) => {
    assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, 'edit in bounds');
    if (i > 0) assert.ok(sorted[i - 1].end <= e.start, 'edits of one fix do not overlap');
  });
}

function timed<T>(what: string, ms: number, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  const took = performance.now() - start;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms`);
  return value;
}

describe('robustness: properties', function () {
  this.timeout(30000);

  it('fuzz: mutated manifests never throw, finish quickly, and report well-formed findings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (base, mutations) => {
        const text = mutations.reduce(mutate, base);
        const result = timed('lint', 2000, () => lint(text));
        checkWellFormed(text, result);
        const fixed = timed('fixAll', 4000, () => fixAll(text));
        assert.equal(typeof fixed.text, 'string');
        // The prefilter may only skip texts no rule can report on.
        assert.deepEqual(withoutSyntax(lint(text, { prefilter: true })), withoutSyntax(result), 'prefilter kept every finding');
      }),
      { numRuns: runs(300), seed: SEED ?? 20240607 },
    );
  });

  it('fuzz: random strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (junk) => {
        for (const text of [junk, `apiVersion: v1\nkind: Pod\n${junk}`, `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, ${junk}]\n`]) {
          checkWellFormed(text, timed('lint', 2000, () => lint(text)));
          fixAll(text);
        }
      }),
      { numRuns: runs(200), seed: SEED ?? 7 },
    );
  });

  it('incremental: linting each version of a document with a ParseCache finds what a fresh lint finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CORPUS), { minLength: 1, maxLength: 4 }), fc.array(mutationArb, { minLength: 1, maxLength: 12 }), (docs, mutations) => {
        const cache = new ParseCache();
        let text = docs.join('---\n');
        const check = () => {
          const cached = lint(text, { cache });
          const fresh = lint(text);
          // As JSON: with the fixes, built from reused (moved) documents on one side.
          assert.deepEqual(JSON.parse(JSON.stringify(cached.findings)), JSON.parse(JSON.stringify(fresh.findings)));
          assert.deepEqual(cached.notices, fresh.notices);
        };
        check();
        for (const m of mutations) {
          text = mutate(text, m);
          check();
        }
      }),
      { numRuns: runs(150), seed: SEED ?? 99 },
    );
  });

  describe('fix safety on generated manifests', () => {
    const FLAGS: Record<string, string[]> = {
      'kube-apiserver': [
        '--secure-port=0', '--secure-port=6443', '--tls-cert-file=/pki/a.crt', '--tls-private-key-file=/pki/a.key', '--insecure-port=8080',
        '--insecure-bind-address=0.0.0.0', '--client-ca-file=/pki/ca.crt', '--kubelet-https=false', '--etcd-certfile=/pki/e.crt',
        '--etcd-keyfile=/pki/e.key', '--etcd-cafile=/pki/ca.crt', '--tls-min-version=VersionTLS10', '--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA,TLS_AES_128_GCM_SHA256',
        '--bind-address=0.0.0.0', '--kubelet-certificate-authority=/pki/ca.crt', '--kubelet-client-certificate=/pki/k.crt', '--kubelet-client-key=/pki/k.key',
      ],
      etcd: ['--auto-tls=true', '--peer-auto-tls=true', '--client-cert-auth=false', '--cert-file=/pki/s.crt', '--key-file=/pki/s.key', '--listen-client-urls=https://0.0.0.0:2379', '--initial-cluster=a=https://a:2380,b=https://b:2380', '--peer-client-cert-auth=false'],
      'kube-controller-manager': ['--root-ca-file=/pki/ca.crt', '--service-account-private-key-file=/pki/sa.key', '--bind-address=0.0.0.0', '--feature-gates=RotateKubeletServerCertificate=false', '--tls-min-version=VersionTLS11'],
      kubelet: ['--read-only-port=10255', '--rotate-certificates=false', '--client-ca-file=/pki/ca.crt', '--tls-cert-file=/pki/k.crt', '--tls-private-key-file=/pki/k.key', '--anonymous-auth=true'],
      'kube-scheduler': ['--bind-address=0.0.0.0', '--tls-min-version=VersionTLS10'],
    };
    const HYPERKUBE: Record<string, string> = { 'kube-apiserver': 'apiserver', 'kube-controller-manager': 'controller-manager', 'kube-scheduler': 'scheduler', etcd: 'etcd', kubelet: 'kubelet' };
    const SECTIONS: Record<string, string> = { 'kube-apiserver': 'apiServer', 'kube-controller-manager': 'controllerManager', 'kube-scheduler': 'scheduler', etcd: 'etcd.local' };

    const controlPlane = fc
      .record({
        binary: fc.constantFrom(...Object.keys(FLAGS)),
        style: fc.constantFrom('block', 'flow', 'args', 'shell', 'hyperkube', 'kubeadm-map', 'kubeadm-list'),
        picks: fc.array(fc.nat(), { maxLength: 6 }),
        quote: fc.constantFrom('', "'", '"'),
      })
      .map(({ binary, style, picks, quote }) => {
        const flags = [...new Set(picks.map((p) => FLAGS[binary][p % FLAGS[binary].length]))];
        const q = (f: string) => (style === 'block' || style === 'args' || style === 'hyperkube' ? `${quote}${f}${quote}` : f);
        // kubeadm writes each flag once (a map cannot repeat a key).
        const pairs = [...new Map(flags.map((f) => f.slice(2).split(/=(.*)/s).slice(0, 2) as [string, string])).entries()];
        switch (style) {
          case 'block':
            return blockCommand(binary, flags.map(q));
          case 'flow':
            return flowCommand(binary, flags);
          case 'args':
            return argsOnly(binary, flags.map(q));
          case 'shell':
            return shellScript(binary, flags);
          case 'hyperkube':
            return hyperkube(HYPERKUBE[binary], flags.map(q));
          case 'kubeadm-map':
            return SECTIONS[binary] ? kubeadmMap(SECTIONS[binary], pairs.map(([k, v]) => `${k}: "${v}"`)) : blockCommand(binary, flags);
          default:
            return SECTIONS[binary] ? kubeadmList(SECTIONS[binary], pairs) : blockCommand(binary, flags);
        }
      });

    const eck = fc
      .record({ kind: fc.constantFrom('Elasticsearch', 'Kibana', 'ApmServer'), sibling: fc.boolean(), secret: fc.boolean() })
      .map(({ kind, sibling, secret }) => {
        const group = kind === 'Elasticsearch' ? 'elasticsearch' : kind === 'Kibana' ? 'kibana' : 'apm';
        return `apiVersion: ${group}.k8s.elastic.co/v1\nkind: ${kind}\nmetadata:\n  name: quickstart\nspec:\n  version: 8.15.0\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n${sibling ? '        subjectAltNames:\n        - dns: a.example.com\n' : ''}${secret ? '      certificate:\n        secretName: ""\n' : ''}`;
      });

    /** An Elastic configuration file in a ConfigMap or Secret, its settings dotted or nested. */
    const elasticFile = fc
      .record({
        product: fc.constantFrom('elasticsearch.yml', 'kibana.yml', 'filebeat.yml', 'elastic-agent.yaml'),
        secret: fc.boolean(),
        nested: fc.boolean(),
        header: fc.constantFrom('|', '|-'),
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      })
      .map(({ product, secret, nested, header, picks }) => {
        const SETTINGS: Record<string, string[]> = {
          'elasticsearch.yml': ['xpack.security.enabled: false', 'xpack.security.http.ssl.enabled: false', 'xpack.security.transport.ssl.verification_mode: none', 'xpack.security.http.ssl.supported_protocols: [TLSv1.1, TLSv1.2]', 'cluster.name: logs'],
          'kibana.yml': ['server.ssl.enabled: "false"', 'elasticsearch.hosts: ["http://es:9200"]', 'elasticsearch.ssl.verificationMode: none', 'elasticsearch.ssl.certificate: /c/kb.crt', 'elasticsearch.username: kb', 'server.name: kb'],
          'filebeat.yml': ['output.elasticsearch.hosts: [http://es:9200, "https://es2:9200"]', 'output.elasticsearch.ssl.verification_mode: none', 'setup.kibana.host: http://kb:5601', 'logging.level: info'],
          'elastic-agent.yaml': ['outputs.default.hosts: [http://es:9200]', 'outputs.default.ssl.supported_protocols: TLSv1.0,TLSv1.2', 'agent.monitoring.enabled: true'],
        };
        const chosen = [...new Set(picks.map((p) => SETTINGS[product][p % SETTINGS[product].length]))];
        // Nested form: the first dot becomes a map level (`a.b.c: v` as `a:\n  b.c: v`), one map per setting.
        const lines = chosen.flatMap((line) => {
          const [key, value] = line.split(/: (.*)/s);
          const dot = key.indexOf('.');
          return nested && dot > 0 ? [`${key.slice(0, dot)}:`, `  ${key.slice(dot + 1)}: ${value}`] : [line];
        });
        // A nested key repeated at the root would be a duplicate: merge them under one parent.
        const merged: string[] = [];
        for (const line of lines) {
          if (line.endsWith(':') && merged.includes(line)) continue;
          if (line.startsWith('  ')) {
            const parent = lines[lines.indexOf(line) - 1];
            const at = merged.indexOf(parent);
            if (at >= 0 && merged[merged.length - 1] !== parent) {
              merged.splice(at + 1, 0, line);
              continue;
            }
          }
          merged.push(line);
        }
        const body = merged.map((l) => `    ${l}`).join('\n');
        return `apiVersion: v1\nkind: ${secret ? 'Secret' : 'ConfigMap'}\nmetadata:\n  name: stack\n${secret ? 'stringData' : 'data'}:\n  ${product}: ${header}\n${body}\n`;
      });

    const kubeletConfig = fc
      .record({ port: fc.constantFrom(0, 10255), tls: fc.constantFrom('VersionTLS10', 'VersionTLS13'), rotate: fc.boolean() })
      .map(({ port, tls, rotate }) => `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: ${port}\ntlsMinVersion: ${tls}\nrotateCertificates: ${rotate}\nauthentication:\n  anonymous:\n    enabled: false\n`);

    /** A manifest of 1–3 documents, with comment lines sprinkled in, in LF or CRLF. */
    const generated = fc
      .record({
        docs: fc.array(fc.oneof(controlPlane, controlPlane, eck, kubeletConfig, elasticFile), { minLength: 1, maxLength: 3 }),
        comments: fc.array(fc.nat(), { maxLength: 3 }),
        crlf: fc.boolean(),
      })
      .map(({ docs, comments, crlf }) => {
        const lines = docs.join('---\n').split('\n');
        // Comment lines go before a line, indented like it (never inside a block scalar's text).
        for (const c of comments) {
          const i = c % lines.length;
          if (/^\s*- (exec|\/)/.test(lines[i]) || !lines[i].trim()) continue;
          lines.splice(i, 0, `${/^\s*/.exec(lines[i])![0]}# note ${c}`);
        }
        const text = lines.join('\n');
        return crlf ? text.replace(/\n/g, '\r\n') : text;
      });

    /** Where an offset of the edited text was before the edits (inserted text maps to its insertion point). */
    const original = (edits: readonly TextEdit[], offset: number) => {
      let delta = 0;
      for (const e of [...edits].sort((a, b) => a.start - b.start)) {
        const start = e.start + delta;
        if (offset < start) break;
        if (offset < start + e.newText.length) return e.start;
        delta += e.newText.length - (e.end - e.start);
      }
      return offset - delta;
    };
    /** A finding by rule, message and where it starts (in the unedited text). */
    const counts = (findings: readonly Finding[], edits: readonly TextEdit[] = []) => {
      const m = new Map<string, number>();
      for (const f of findings) {
        const k = `${f.ruleId}|${f.message}|${original(edits, f.range.start)}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return m;
    };
    const commentLines = (text: string) => text.split(/\r?\n/).filter((l) => /^\s*#/.test(l)).map((l) => l.trim()).sort();

    it('every fix yields valid YAML, removes its finding, adds none, and keeps comments and line endings', () => {
      let fixesChecked = 0;
      fc.assert(
        fc.property(generated, (text) => {
          for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], 'generated text is valid');
          const before = lint(text);
          checkWellFormed(text, before);
          for (const finding of before.findings) {
            for (const fix of finding.fixes) {
              fixesChecked++;
              const out = applyEdits(text, fix.edits);
              const where = `${fix.title} [${finding.ruleId}] on:\n${text}\n=>\n${out}`;
              for (const doc of parseAllDocuments(out)) assert.deepEqual(doc.errors.map((e) => e.message), [], `valid YAML after ${where}`);
              // Outside its edits, not one character changed.
              let cursor = 0;
              let delta = 0;
              for (const e of [...fix.edits].sort((a, b) => a.start - b.start)) {
                assert.equal(out.slice(cursor + delta, e.start + delta), text.slice(cursor, e.start), `untouched text kept: ${where}`);
                delta += e.newText.length - (e.end - e.start);
                cursor = e.end;
              }
              assert.equal(out.slice(cursor + delta), text.slice(cursor), `untouched tail kept: ${where}`);
              // Line endings: a CRLF file gets no bare LF, an LF file no CR.
              if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), `CRLF kept: ${where}`);
              else assert.ok(!out.includes('\r'), `LF kept: ${where}`);
              // Comments outside the edits are kept by the check above; a comment line inside an
              // edit only goes with the whole lines of the node it sits in (never cut in half).
              for (const e of fix.edits) {
                if (!/(^|\n)[ \t]*#/.test(text.slice(e.start, e.end))) continue;
                const lineStart = (o: number) => o === 0 || o === text.length || text[o - 1] === '\n';
                assert.ok(lineStart(e.start) && lineStart(e.end), `comment removed only with whole lines: ${where}`);
              }
              assert.ok(commentLines(out).every((l) => commentLines(text).includes(l)) || fix.edits.some((e) => /#/.test(e.newText)), `no comment altered: ${where}`);
              // The finding is gone and nothing new appeared.
              const was = counts(before.findings);
              const now = counts(lint(out).findings, fix.edits);
              const k = `${finding.ruleId}|${finding.message}|${finding.range.start}`;
              assert.ok((now.get(k) ?? 0) < (was.get(k) ?? 0), `finding gone after ${where}`);
              for (const [k2, n] of now) {
                // A fix adding a file flag with a default path: whether the container mounts it is the user's to settle.
                if (k2.startsWith('tls-file-not-mounted|')) continue;
                assert.ok(n <= (was.get(k2) ?? 0), `no new finding ${k2} after ${where}`);
              }
            }
          }
          const all = fixAll(text);
          for (const doc of parseAllDocuments(all.text)) assert.deepEqual(doc.errors.map((e) => e.message), [], 'valid YAML after fixAll');
        }),
        { numRuns: runs(150), seed: SEED ?? 4242 },
      );
      assert.ok(fixesChecked > 100, `only ${fixesChecked} fixes were exercised`);
    });
  });

  describe('fix all on generated control-plane containers', () => {
    const FLAGS: Record<string, string[]> = {
      'kube-apiserver': [
        '--insecure-port=8080', '--secure-port=0', '--port=8080', '--insecure-bind-address=0.0.0.0', '--kubelet-https=false', '--tls-min-version=VersionTLS10',
        '--client-ca-file=/pki/ca.crt', '--tls-cert-file=/pki/a.crt', '--tls-private-key-file=/pki/a.key', '--etcd-cafile=/pki/e-ca.crt', '--v=2',
        '--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA,TLS_AES_128_GCM_SHA256',
      ],
      etcd: ['--auto-tls=true', '--peer-auto-tls=true', '--client-cert-auth=false', '--cert-file=/pki/s.crt', '--key-file=/pki/s.key', '--listen-client-urls=http://0.0.0.0:2379', '--data-dir=/var/lib/etcd'],
      kubelet: ['--read-only-port=10255', '--rotate-certificates=false', '--anonymous-auth=true', '--client-ca-file=/pki/ca.crt', '--tls-min-version=VersionTLS11', '--v=2'],
    };
    type Quote = '' | "'" | '"';
    type ListStyle = 'block' | 'flow' | 'flow-lines';
    /** A comment after an item on its line, or on a line of its own before it. */
    type Comment = '' | 'after' | 'line';
    interface ListSpec {
      style: ListStyle;
      quotes: Quote[];
      comments: Comment[];
      trailingComma: boolean;
    }
    const listSpec = fc.record({
      style: fc.constantFrom<ListStyle>('block', 'flow', 'flow-lines'),
      quotes: fc.array(fc.constantFrom<Quote>('', "'", '"'), { minLength: 4, maxLength: 4 }),
      comments: fc.array(fc.constantFrom<Comment>('', '', 'after', 'line'), { minLength: 4, maxLength: 4 }),
      trailingComma: fc.boolean(),
    });

    const quoted = (item: string, quote: Quote, flow: boolean): string => {
      // A plain item with flow indicators would not read back in a flow list.
      if (quote === '' && !(flow && /[,[\]{}]/.test(item))) return item;
      return quote === "'" ? `'${item}'` : JSON.stringify(item);
    };

    /** `key:` and a list of items in one of the styles, at the indentation of a container's keys. */
    function list(key: string, items: readonly string[], spec: ListSpec): string {
      const pad = '    ';
      if (items.length === 0) return `${pad}${key}: []\n`;
      const q = (i: number) => quoted(items[i], spec.quotes[i % 4], spec.style !== 'block');
      const after = (i: number) => (spec.comments[i % 4] === 'after' ? ` # after ${i}` : '');
      const above = (i: number, indent: string) => (spec.comments[i % 4] === 'line' ? `${indent}# before ${i}\n` : '');
      if (spec.style === 'block') return `${pad}${key}:\n${items.map((_, i) => `${above(i, pad)}${pad}- ${q(i)}${after(i)}\n`).join('')}`;
      if (spec.style === 'flow') return `${pad}${key}: [${items.map((_, i) => q(i)).join(', ')}${spec.trailingComma ? ',' : ''}]${after(0)}\n`;
      const lines = items.map((_, i) => {
        const comma = i < items.length - 1 || spec.trailingComma ? ',' : '';
        return `${above(i, pad + '  ')}${pad}  ${q(i)}${comma}${after(i)}\n`;
      });
      return `${pad}${key}: [\n${lines.join('')}${pad}]\n`;
    }

    const container = fc
      .record({
        binary: fc.constantFrom(...Object.keys(FLAGS)),
        picks: fc.array(fc.nat(), { maxLength: 3 }),
        split: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        layout: fc.constantFrom('command', 'command+args', 'args'),
        commandList: listSpec,
        argsList: listSpec,
      })
      .map(({ binary, picks, split, layout, commandList, argsList }) => {
        // 0–3 flags; `--name=value` may be written as the two items `--name`, `value`.
        const flags = [...new Set(picks.map((p) => FLAGS[binary][p % FLAGS[binary].length]))];
        const items = flags.flatMap((f, i) => (split[i] && f.includes('=') ? [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] : [f]));
        const head = `  - name: ${binary}\n    image: registry.k8s.io/${binary}:v1.31.0\n`;
        if (layout === 'command') return head + list('command', [binary, ...items], commandList);
        if (layout === 'args') return head + list('args', items, argsList);
        return head + list('command', [binary], commandList) + list('args', items, argsList);
      });

    /** 1–3 pods of 1–2 containers each, in LF or CRLF. */
    const manifests = fc
      .record({ pods: fc.array(fc.array(container, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), crlf: fc.boolean() })
      .map(({ pods, crlf }) => {
        const text = pods.map((containers, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: control-plane-${i}\n  namespace: kube-system\nspec:\n  containers:\n${containers.join('')}`).join('---\n');
        return crlf ? text.replace(/\n/g, '\r\n') : text;
      });

    const ruleIds = (findings: readonly Finding[]) => new Set(findings.map((f) => f.ruleId));
    const parseErrors = (text: string) => parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message));

    /** The checks every fix-all result must pass, whoever ran it. */
    function checkResult(before: string, after: string, where: string): void {
      assert.deepEqual(parseErrors(after), [], `re-parses: ${where}`);
      const was = ruleIds(lint(before).findings);
      const now = lint(after).findings;
      assert.ok(!now.some((f) => f.ruleId === YAML_SYNTAX_RULE_ID), `no syntax error: ${where}`);
      for (const id of ruleIds(now)) assert.ok(was.has(id), `no new finding ${id}: ${where}`);
      if (before.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), `CRLF kept: ${where}`);
      else assert.ok(!after.includes('\r'), `LF kept: ${where}`);
      // Idempotent: nothing is left that fix-all would change.
      const again = fixAll(after);
      assert.deepEqual(again.applied, [], `nothing left to fix: ${where}`);
      assert.equal(again.text, after);
    }

    it('engine (as the server\'s "Fix all" runs it): valid YAML, no new finding, idempotent, every byte outside each pass\'s edits kept', () => {
      let fixedTexts = 0;
      fc.assert(
        fc.property(manifests, (text) => {
          assert.deepEqual(parseErrors(text), [], `generated text is valid:\n${text}`);
          const stats: FixAllStats = { passes: 0, trace: [] };
          const result = fixAll(text, {}, undefined, stats);
          const where = `\n${text}\n=>\n${result.text}`;
          assert.ok(stats.passes < MAX_FIX_PASSES, `fixed within the pass limit: ${where}`);
          if (result.text !== text) fixedTexts++;
          checkResult(text, result.text, where);
          // Each pass: edits that do not overlap, and not one character changed outside them.
          let current = text;
          for (const { text: passText, edits } of stats.trace!) {
            assert.equal(passText, current);
            const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
            sorted.forEach((e, i) => assert.ok(i === 0 || sorted[i - 1].end <= e.start, `edits of a pass do not overlap: ${where}`));
            const out = applyEdits(passText, edits);
            let cursor = 0;
            let delta = 0;
            for (const e of sorted) {
              assert.equal(out.slice(cursor + delta, e.start + delta), passText.slice(cursor, e.start), `untouched text kept: ${where}`);
              delta += e.newText.length - (e.end - e.start);
              cursor = e.end;
            }
            assert.equal(out.slice(cursor + delta), passText.slice(cursor), `untouched tail kept: ${where}`);
            current = out;
          }
          assert.equal(current, result.text);
        }),
        { numRuns: runs(250), seed: SEED ?? 1311 },
      );
      assert.ok(fixedTexts > 100, `only ${fixedTexts} texts had something to fix`);
    });

    it('CLI --fix writes what the engine computes, and it passes the same checks', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-fix-'));
      const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir, isTty: false };
      try {
        await fc.assert(
          fc.asyncProperty(manifests, async (text) => {
            const file = path.join(dir, 'pods.yaml');
            writeFileSync(file, text);
            const code = await runCli(['--fix', dir], io);
            const after = readFileSync(file, 'utf8');
            const where = `\n${text}\n=>\n${after}`;
            assert.notEqual(code, 2, `no usage or I/O error: ${where}`);
            assert.equal(after, fixAll(text).text, `the engine's result: ${where}`);
            checkResult(text, after, where);
          }),
          { numRuns: runs(40), seed: SEED ?? 1312 },
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
