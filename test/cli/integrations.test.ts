/**
 * The CLI as CI systems and repositories use it: report formats, exit policy, configuration
 * found per file, excludes, what files are read, and clean ends. Runs the built dist/cli.js.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PARSE_BYTES_PER_WORKER, poolSize } from '../../cli/check';
import { RULES } from '../../shared/rules';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');
const BASIC = path.join(FIXTURES, 'basic');
const SEEDS = new Set(['apiserver-tls-files-missing', 'apiserver-secure-port-disabled', 'eck-http-tls-disabled']);
const OTHERS_OFF = RULES.filter((r) => !SEEDS.has(r.meta.id)).map((r) => `--rule=${r.meta.id}=off`);

function cli(args: readonly string[], cwd: string, input?: string) {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` (npm test does)`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.npm_lifecycle_event;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', input });
  if (r.status === null || r.status > 2) throw new Error(`exit ${r.status ?? r.signal}: ${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TLS = 'kube-apiserver is missing --tls-cert-file and --tls-private-key-file: it will serve a self-signed certificate clients cannot verify.';
const PORT = "--secure-port=0 turns off the API server's HTTPS listener.";

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-ci-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A static pod whose only problem is --secure-port=0 (line 9, column 7). */
const PORT_ONLY_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: kube-apiserver, namespace: kube-system}',
  'spec:',
  '  containers:',
  '  - name: kube-apiserver',
  '    command:',
  '    - kube-apiserver',
  '    - --secure-port=0',
  '    - --tls-cert-file=/pki/a.crt',
  '    - --tls-private-key-file=/pki/a.key',
  '',
].join('\n');

describe('cli: CI report formats', () => {
  it('--format github writes one workflow annotation per finding, escaped', () => {
    const r = cli([...OTHERS_OFF, '-f', 'github', 'kube-apiserver.yaml', 'web.yaml'], BASIC);
    assert.equal(
      r.stdout,
      [
        `::warning file=kube-apiserver.yaml,line=12,col=7,endLine=12,endColumn=21,title=kube-tls-lint (apiserver-tls-files-missing)::${TLS}`,
        `::error file=kube-apiserver.yaml,line=14,col=7,endLine=14,endColumn=22,title=kube-tls-lint (apiserver-secure-port-disabled)::${PORT}`,
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1);
    // Commas and colons in a file name would end the property.
    writeFileSync(path.join(tmp, 'a,b:c%.yaml'), PORT_ONLY_POD);
    const odd = cli([...OTHERS_OFF, '-f', 'github', '.'], tmp);
    assert.match(odd.stdout, /^::error file=a%2Cb%3Ac%25\.yaml,line=9,col=7,/);
  });

  it('--format junit: one test case per file, a failure per finding, well-formed XML', () => {
    const r = cli([...OTHERS_OFF, '-f', 'junit', 'kube-apiserver.yaml', 'web.yaml'], BASIC);
    assert.equal(
      r.stdout,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="kube-tls-lint" tests="2" failures="1">',
        '  <testsuite name="kube-tls-lint" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase classname="kube-tls-lint" name="kube-apiserver.yaml" file="kube-apiserver.yaml">',
        `      <failure type="apiserver-tls-files-missing" message="12:7 ${TLS}">kube-apiserver.yaml:12:7 warning ${TLS} [apiserver-tls-files-missing]</failure>`,
        `      <failure type="apiserver-secure-port-disabled" message="14:7 ${PORT}">kube-apiserver.yaml:14:7 error ${PORT} [apiserver-secure-port-disabled]</failure>`,
        '    </testcase>',
        '    <testcase classname="kube-tls-lint" name="web.yaml" file="web.yaml"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    assertWellFormedXml(r.stdout);
  });

  it('--format checkstyle lists every file scanned, findings as errors with their rule as source', () => {
    const r = cli([...OTHERS_OFF, '-f', 'checkstyle', 'kube-apiserver.yaml', 'web.yaml'], BASIC);
    assert.equal(
      r.stdout,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="kube-apiserver.yaml">',
        `    <error line="12" column="7" severity="warning" message="${TLS}" source="kube-tls-lint.apiserver-tls-files-missing"/>`,
        `    <error line="14" column="7" severity="error" message="${PORT}" source="kube-tls-lint.apiserver-secure-port-disabled"/>`,
        '  </file>',
        '  <file name="web.yaml"/>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
    assertWellFormedXml(r.stdout);
  });

  it('XML formats escape markup and drop characters XML cannot hold', () => {
    writeFileSync(path.join(tmp, 'a&b<"x">.yaml'), PORT_ONLY_POD);
    for (const format of ['junit', 'checkstyle']) {
      const r = cli([...OTHERS_OFF, '-f', format, '.'], tmp);
      assert.match(r.stdout, /a&amp;b&lt;&quot;x&quot;&gt;\.yaml/, format);
      assertWellFormedXml(r.stdout);
    }
  });

  it('--format gitlab: Code Quality issues whose fingerprints survive lines added above and tell twins apart', () => {
    const twoPods = `${PORT_ONLY_POD}---\n${PORT_ONLY_POD}`;
    writeFileSync(path.join(tmp, 'pods.yaml'), twoPods);
    const before = JSON.parse(cli([...OTHERS_OFF, '-f', 'gitlab', '.'], tmp).stdout) as GitlabIssue[];
    assert.deepEqual(
      before.map((i) => [i.type, i.check_name, i.description, i.severity, i.location.path, i.location.positions.begin.line, i.location.positions.begin.column]),
      [
        ['issue', 'apiserver-secure-port-disabled', PORT, 'critical', 'pods.yaml', 9, 7],
        ['issue', 'apiserver-secure-port-disabled', PORT, 'critical', 'pods.yaml', 21, 7],
      ],
    );
    assert.match(before[0].fingerprint, /^[0-9a-f]{64}$/);
    assert.notEqual(before[0].fingerprint, before[1].fingerprint);
    writeFileSync(path.join(tmp, 'pods.yaml'), `# a comment added on top\n\n${twoPods}`);
    const after = JSON.parse(cli([...OTHERS_OFF, '-f', 'gitlab', '.'], tmp).stdout) as GitlabIssue[];
    assert.deepEqual(after.map((i) => i.location.positions.begin.line), [11, 23]);
    assert.deepEqual(after.map((i) => i.fingerprint), before.map((i) => i.fingerprint));
  });

  it('an empty report in each format', () => {
    const expected: Record<string, string> = {
      github: '',
      gitlab: '[]\n',
      checkstyle: '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n  <file name="web.yaml"/>\n</checkstyle>\n',
    };
    for (const [format, out] of Object.entries(expected)) {
      const r = cli(['-f', format, 'web.yaml'], BASIC);
      assert.equal(r.stdout, out, format);
      assert.equal(r.status, 0, format);
    }
  });
});

interface GitlabIssue {
  type: string;
  check_name: string;
  description: string;
  severity: string;
  fingerprint: string;
  location: { path: string; positions: { begin: { line: number; column: number } } };
}

/** Parses with Python's XML parser where there is one (the project's machines have python3). */
function assertWellFormedXml(text: string): void {
  const r = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], { input: text, encoding: 'utf8' });
  if (r.error) return;
  assert.equal(r.status, 0, `not well-formed XML: ${r.stderr}`);
}

describe('cli: exit policy', () => {
  it('--fail-level: error ignores warnings, info counts infos', () => {
    writeFileSync(path.join(tmp, 'es.yaml'), 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: es}\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n');
    assert.equal(cli([...OTHERS_OFF, '.'], tmp).status, 1);
    assert.equal(cli([...OTHERS_OFF, '--fail-level', 'error', '.'], tmp).status, 0);
    const asInfo = [...OTHERS_OFF, '--rule', 'eck-http-tls-disabled=info'];
    assert.equal(cli([...asInfo, '.'], tmp).status, 0);
    assert.equal(cli([...asInfo, '--fail-level=info', '.'], tmp).status, 1);
  });

  it('--max-warnings tolerates that many warnings, never errors', () => {
    assert.equal(cli([...OTHERS_OFF, '--rule', 'apiserver-secure-port-disabled=off', '--max-warnings', '1', 'kube-apiserver.yaml'], BASIC).status, 0);
    assert.equal(cli([...OTHERS_OFF, '--rule', 'apiserver-secure-port-disabled=off', '--max-warnings', '0', 'kube-apiserver.yaml'], BASIC).status, 1);
    assert.equal(cli([...OTHERS_OFF, '--max-warnings', '5', 'kube-apiserver.yaml'], BASIC).status, 1);
  });

  it('a folder without manifests, or whose files are all excluded, is exit 2 with one line', () => {
    mkdirSync(path.join(tmp, 'empty'));
    writeFileSync(path.join(tmp, 'empty', 'notes.txt'), 'not a manifest\n');
    const r = cli(['empty'], tmp);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'kube-tls-lint: no YAML or JSON files under empty\n');
    const excluded = cli(['--exclude', '*.yaml', 'web.yaml'], BASIC);
    assert.equal(excluded.status, 2);
    assert.equal(excluded.stderr, 'kube-tls-lint: no YAML or JSON files under web.yaml\n');
  });

  it('a closed pipe ends the run quietly', function () {
    if (process.platform === 'win32') this.skip();
    // Enough findings to fill the pipe after `head` has gone.
    writeFileSync(path.join(tmp, 'many.yaml'), Array.from({ length: 3000 }, () => PORT_ONLY_POD).join('---\n'));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" ${OTHERS_OFF.join(' ')} . | head -n 1`], { cwd: tmp, encoding: 'utf8' });
    assert.match(r.stdout, /^many\.yaml:9:7 error /);
    assert.equal(r.stderr, '');
  });
});

describe('cli: configuration per file', () => {
  it('the nearest .kube-tls-lint.yaml above each file governs it, from any working folder', () => {
    // test/fixtures/cli/config/.kube-tls-lint.yaml: secure-port off, tls-files error, skipped/** excluded.
    const fromParent = cli(['--rule=apiserver-secure-port-disabled=warning', '-f', 'json', 'config'], FIXTURES);
    const fromParentDefault = cli(['-f', 'json', 'config'], FIXTURES);
    const ids = (out: string) => (JSON.parse(out) as { findings: Array<{ file: string; ruleId: string; severity: string }> }).findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
    assert.ok(ids(fromParentDefault.stdout).includes('config/apiserver.yaml apiserver-tls-files-missing error'));
    assert.ok(!ids(fromParentDefault.stdout).some((l) => l.includes('apiserver-secure-port-disabled')));
    assert.ok(!ids(fromParentDefault.stdout).some((l) => l.startsWith('config/skipped/')));
    assert.ok(ids(fromParent.stdout).includes('config/apiserver.yaml apiserver-secure-port-disabled warning'));
  });

  it('a project file in a folder above the repository root is not read', () => {
    writeFileSync(path.join(tmp, '.kube-tls-lint.yaml'), 'rules:\n  apiserver-secure-port-disabled: off\n');
    mkdirSync(path.join(tmp, 'repo', '.git'), { recursive: true });
    writeFileSync(path.join(tmp, 'repo', 'pod.yaml'), PORT_ONLY_POD);
    writeFileSync(path.join(tmp, 'outside.yaml'), PORT_ONLY_POD);
    const r = cli([...OTHERS_OFF, 'repo', 'outside.yaml'], tmp);
    assert.equal(r.stdout, `repo/pod.yaml:9:7 error ${PORT} [apiserver-secure-port-disabled]\n1 problem (1 error) in 2 files scanned.\n`);
  });

  it('--config FILE governs every file, its excludes relative to its own folder', () => {
    mkdirSync(path.join(tmp, 'cfg'));
    writeFileSync(path.join(tmp, 'cfg', 'strict.yaml'), 'rules:\n  apiserver-secure-port-disabled: warning\nexclude:\n  - old/**\n');
    mkdirSync(path.join(tmp, 'manifests', 'old'), { recursive: true });
    writeFileSync(path.join(tmp, 'manifests', 'pod.yaml'), PORT_ONLY_POD);
    writeFileSync(path.join(tmp, 'manifests', 'old', 'pod.yaml'), PORT_ONLY_POD);
    // A nearer project file is not read when --config is given.
    writeFileSync(path.join(tmp, 'manifests', '.kube-tls-lint.yaml'), 'rules:\n  apiserver-secure-port-disabled: off\n');
    const r = cli([...OTHERS_OFF, '--config', 'cfg/strict.yaml', 'manifests'], tmp);
    // `old/**` is relative to cfg/, so manifests/old is still scanned.
    assert.equal(r.stdout.split('\n').length, 4);
    writeFileSync(path.join(tmp, 'strict.yaml'), 'rules:\n  apiserver-secure-port-disabled: warning\nexclude:\n  - manifests/old/**\n');
    const atRoot = cli([...OTHERS_OFF, '--config', 'strict.yaml', 'manifests'], tmp);
    assert.equal(atRoot.stdout, `manifests/pod.yaml:9:7 warning ${PORT} [apiserver-secure-port-disabled]\n1 problem (1 warning) in 1 file scanned.\n`);
  });

  it('--exclude is relative to the current folder and applies to named files', () => {
    const fromParent = cli([...OTHERS_OFF, '--exclude', 'basic/kube-apiserver.yaml', '--exclude', 'basic/multi.yaml', 'basic'], FIXTURES);
    assert.doesNotMatch(fromParent.stdout, /kube-apiserver\.yaml|multi\.yaml/);
    assert.match(fromParent.stdout, /eck\/elasticsearch\.yml:10:9 warning/);
    const named = cli([...OTHERS_OFF, '--exclude', 'eck', 'kube-apiserver.yaml', 'eck/elasticsearch.yml'], BASIC);
    assert.doesNotMatch(named.stdout, /elasticsearch/);
    assert.match(named.stdout, /in 1 file scanned/);
  });
});

describe('cli: what is read', () => {
  it('JSON manifests are linted with exact positions; other JSON files are passed over', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'kube-apiserver' },
      spec: { containers: [{ name: 'kube-apiserver', command: ['kube-apiserver', '--secure-port=0', '--tls-cert-file=/a.crt', '--tls-private-key-file=/a.key'] }] },
    };
    writeFileSync(path.join(tmp, 'pod.json'), JSON.stringify(pod, null, 2) + '\n');
    writeFileSync(path.join(tmp, 'package.json'), '{"name": "x"}\n');
    const r = cli([...OTHERS_OFF, '.'], tmp);
    assert.equal(r.stdout, `pod.json:13:11 error ${PORT} [apiserver-secure-port-disabled]\n1 problem (1 error) in 2 files scanned.\n`);
  });

  it('--ext and the project file\'s include add template files, read as templates', () => {
    const template = ['{{- if .Values.apiserver }}', PORT_ONLY_POD.replace('kube-system}', '{{ .Release.Namespace }}}'), '{{- end }}', ''].join('\n');
    writeFileSync(path.join(tmp, 'apiserver.yaml.j2'), template);
    assert.equal(cli([...OTHERS_OFF, '.'], tmp).status, 2);
    const r = cli([...OTHERS_OFF, '--ext', '*.yaml.j2', '.'], tmp);
    assert.equal(r.stdout, `apiserver.yaml.j2:10:7 error ${PORT} [apiserver-secure-port-disabled]\n1 problem (1 error) in 1 file scanned.\n`);
    writeFileSync(path.join(tmp, '.kube-tls-lint.yaml'), 'include:\n  - "*.j2"\n');
    assert.equal(cli([...OTHERS_OFF, '.'], tmp).stdout, r.stdout);
  });
});

describe('cli: text encodings', () => {
  const encodings: Array<[string, (text: string) => Buffer]> = [
    ['UTF-16LE', (t) => Buffer.from('\uFEFF' + t, 'utf16le')],
    ['UTF-16BE', (t) => Buffer.from('\uFEFF' + t, 'utf16le').swap16()],
    ['UTF-32LE', (t) => utf32('\uFEFF' + t, true)],
    ['UTF-32BE', (t) => utf32('\uFEFF' + t, false)],
  ];
  for (const [name, encode] of encodings) {
    it(`a ${name} file with a byte order mark is decoded, and --fix writes it back in ${name}`, () => {
      const file = path.join(tmp, 'pod.yaml');
      writeFileSync(file, encode(PORT_ONLY_POD));
      // The byte order mark is the first character of line 1 only: line 9 is unaffected.
      assert.equal(cli([...OTHERS_OFF, '.'], tmp).stdout, `pod.yaml:9:7 error ${PORT} [apiserver-secure-port-disabled]\n1 problem (1 error) in 1 file scanned.\n`);
      const fixed = cli([...OTHERS_OFF, '--fix', '.'], tmp);
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.deepEqual(readFileSync(file), encode(PORT_ONLY_POD.replace('    - --secure-port=0\n', '')));
    });
  }

  it('a UTF-16 file cut in the middle of a character is skipped with a notice', () => {
    writeFileSync(path.join(tmp, 'odd.yaml'), Buffer.concat([Buffer.from('\uFEFF' + PORT_ONLY_POD, 'utf16le'), Buffer.from([0x41])]));
    const r = cli(['.'], tmp);
    assert.equal(r.stderr, 'kube-tls-lint: odd.yaml: skipped: not valid UTF-16LE\n');
  });
});

function utf32(text: string, littleEndian: boolean): Buffer {
  const codes = [...text].map((ch) => ch.codePointAt(0)!);
  const out = Buffer.alloc(codes.length * 4);
  codes.forEach((code, i) => (littleEndian ? out.writeUInt32LE(code, i * 4) : out.writeUInt32BE(code, i * 4)));
  return out;
}

describe('cli: speed without loss', () => {
  it('sizes the worker pool by the text to parse, not by the cores', () => {
    const mb = PARSE_BYTES_PER_WORKER;
    // The calling thread takes the first share; a worker only for a whole share more, one per other core.
    assert.deepEqual(
      [poolSize(0, 8), poolSize(mb, 8), poolSize(2 * mb - 1, 8), poolSize(2 * mb, 8), poolSize(5 * mb, 8), poolSize(50 * mb, 8), poolSize(50 * mb, 2), poolSize(50 * mb, 1)],
      [0, 0, 0, 1, 4, 7, 1, 0],
    );
  });

  it('the worker pool reports exactly what one thread reports, in the same order', () => {
    // 300 files, a third with a finding, some broken, some big enough to take a while.
    for (let i = 0; i < 300; i++) {
      const dir = path.join(tmp, `d${i % 7}`);
      mkdirSync(dir, { recursive: true });
      const text = i % 3 === 0 ? PORT_ONLY_POD : i % 11 === 0 ? `${PORT_ONLY_POD}  broken: [\n` : `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {k: v}\n`;
      writeFileSync(path.join(dir, `f${i}.yaml`), i % 50 === 0 ? Array.from({ length: 200 }, () => text).join('---\n') : text);
    }
    const maxBuffer = 256 * 1024 * 1024;
    const one = spawnSync(process.execPath, [CLI, '-f', 'json', '.'], { cwd: tmp, encoding: 'utf8', maxBuffer, env: { ...process.env, KUBE_TLS_LINT_CLI_WORKERS: '0' } });
    const pool = spawnSync(process.execPath, [CLI, '-f', 'json', '.'], { cwd: tmp, encoding: 'utf8', maxBuffer, env: { ...process.env, KUBE_TLS_LINT_CLI_WORKERS: '4' } });
    assert.equal(pool.status, 1, pool.stderr);
    assert.equal(pool.stdout, one.stdout);
    assert.equal(pool.stderr, one.stderr);
    assert.equal((JSON.parse(pool.stdout) as { filesScanned: number }).filesScanned, 300);
  });
});
