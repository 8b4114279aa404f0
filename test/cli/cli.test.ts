/**
 * Runs the built CLI (`dist/cli.js`, built by `npm test`) as a subprocess against the fixtures
 * in test/fixtures/cli, and checks its output and exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { runCli } from '../../cli/main';
import { RULES } from '../../shared/rules';
import type { WriteFs } from '../../shared/workspace/write';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');
const BASIC = path.join(FIXTURES, 'basic');

// Outputs are asserted exactly for the three seed rules; the others are turned off so that
// adding a rule does not change these expectations.
const SEEDS = new Set(['apiserver-tls-files-missing', 'apiserver-secure-port-disabled', 'eck-http-tls-disabled']);
const OTHERS_OFF = RULES.filter((r) => !SEEDS.has(r.meta.id)).flatMap((r) => ['--rule', `${r.meta.id}=off`]);

const RUN_LIMIT_MS = 60_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd = BASIC, seedsOnly = true): Run {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` (npm test does)`);
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.npm_lifecycle_event;
  // A hang (a blocking read) fails the test instead of stopping the suite.
  const result = spawnSync(process.execPath, [CLI, ...(seedsOnly ? OTHERS_OFF : []), ...args], { cwd, env, encoding: 'utf8', timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  // Anything but 0, 1 or 2 is a crash: show what the CLI said.
  if (result.status === null || result.status > 2) throw new Error(`kube-tls-lint ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-cli-'));
}

const ESC = '\x1b';
const TLS_MESSAGE = 'kube-apiserver is missing --tls-cert-file and --tls-private-key-file: it will serve a self-signed certificate clients cannot verify.';
const PORT_MESSAGE = "--secure-port=0 turns off the API server's HTTPS listener.";
const ECK_MESSAGE = 'Elasticsearch serves HTTP without TLS: selfSignedCertificate is disabled and no certificate secret is set.';
const SYNTAX_MESSAGE = 'YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }';

const BASIC_TEXT = [
  `eck/elasticsearch.yml:10:9 warning ${ECK_MESSAGE} [eck-http-tls-disabled]`,
  `kube-apiserver.yaml:12:7 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
  `kube-apiserver.yaml:14:7 error ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
  `multi.yaml:9:1 error ${SYNTAX_MESSAGE} [yaml-syntax]`,
  `multi.yaml:18:100 error ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
  '5 problems (3 errors, 2 warnings) in 5 files scanned.',
  '',
].join('\n');

describe('cli: text output and exit codes', () => {
  it('walks the current folder by default: file:line:col severity message [rule-id] and a summary, no colour without a TTY', () => {
    const r = run([]);
    assert.equal(r.stdout, BASIC_TEXT, r.stderr);
    assert.ok(!r.stdout.includes(ESC), 'no ANSI escapes');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  });

  it('non-Kubernetes YAML and non-YAML files are skipped quietly', () => {
    const r = run(['workflow.yml', 'web.yaml']);
    assert.equal(r.stdout, 'No problems found in 2 files.\n', r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('--color forces colour', () => {
    const r = run(['--color', 'kube-apiserver.yaml']);
    assert.ok(r.stdout.includes(`${ESC}[31merror${ESC}[0m`), r.stdout);
    assert.ok(r.stdout.includes(`${ESC}[33mwarning${ESC}[0m`), r.stdout);
  });

  it('paths are shown relative to the current folder as given', () => {
    const r = run(['./basic/kube-apiserver.yaml', 'basic/eck'], FIXTURES);
    assert.deepEqual(r.stdout.split('\n').map((l) => l.split(' ')[0]), [
      'basic/kube-apiserver.yaml:12:7',
      'basic/kube-apiserver.yaml:14:7',
      'basic/eck/elasticsearch.yml:10:9',
      '3',
      '',
    ]);
  });

  it('a file named twice is checked once', () => {
    const r = run(['kube-apiserver.yaml', '.', path.join(BASIC, 'kube-apiserver.yaml')]);
    // In the order given: the file first, then the rest of the folder.
    const lines = BASIC_TEXT.split('\n');
    assert.equal(r.stdout, [lines[1], lines[2], lines[0], ...lines.slice(3)].join('\n'));
  });

  it('exit code 0 when nothing is at warning or above', () => {
    const r = run(['--rule', 'apiserver-tls-files-missing=info', '--rule', 'apiserver-secure-port-disabled=hint', 'kube-apiserver.yaml']);
    assert.equal(r.stdout, [
      `kube-apiserver.yaml:12:7 info ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
      `kube-apiserver.yaml:14:7 hint ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
      '2 problems (1 info, 1 hint) in 1 file scanned.',
      '',
    ].join('\n'));
    assert.equal(r.status, 0);
  });

  it('--rule id=off drops the rule', () => {
    const r = run(['--rule', 'apiserver-secure-port-disabled=off', '-r', 'yaml-syntax=off', 'kube-apiserver.yaml', 'multi.yaml']);
    assert.equal(r.stdout, `kube-apiserver.yaml:12:7 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]\n1 problem (1 warning) in 2 files scanned.\n`);
    assert.equal(r.status, 1);
  });

  it('a Kustomize patch is judged on what it contains: the base Ingress without tls is reported, the host patch is not', () => {
    const r = run(['--format', 'json'], path.join(FIXTURES, 'kustomize'), false);
    const report = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string; line: number }>; filesScanned: number };
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`), ['base/ingress.yaml:6 ingress-tls-missing']);
    assert.equal(report.filesScanned, 4);
    assert.equal(r.status, 0, 'info findings do not fail the run');
  });

  it('--exclude skips files and folders matching a glob', () => {
    const r = run(['--exclude', 'eck/**', '-e', '*.yml', '--exclude=multi.yaml']);
    assert.equal(r.stdout, [
      `kube-apiserver.yaml:12:7 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
      `kube-apiserver.yaml:14:7 error ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
      '2 problems (1 error, 1 warning) in 2 files scanned.',
      '',
    ].join('\n'));
  });

  it('a missing path is named, exit 2, and the other files are still scanned', () => {
    const r = run(['no-such-dir', 'kube-apiserver.yaml', 'missing.yaml']);
    assert.equal(r.stderr, 'kube-tls-lint: cannot read no-such-dir: no such file or directory\nkube-tls-lint: cannot read missing.yaml: no such file or directory\n');
    assert.match(r.stdout, /^kube-apiserver\.yaml:12:7 warning/);
    assert.match(r.stdout, /2 problems \(1 error, 1 warning\) in 1 file scanned\.\n$/);
    assert.equal(r.status, 2);
  });

  it('an unreadable file is named, exit 2, and the other files are still scanned', function () {
    if (process.platform === 'win32' || process.getuid?.() === 0) this.skip(); // root reads anything
    const dir = tempDir();
    try {
      cpSync(path.join(BASIC, 'kube-apiserver.yaml'), path.join(dir, 'a.yaml'));
      writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Pod\n');
      chmodSync(path.join(dir, 'b.yaml'), 0);
      const r = run(['.'], dir);
      assert.match(r.stderr, /^kube-tls-lint: cannot read b\.yaml: permission denied\n$/);
      assert.match(r.stdout, /^a\.yaml:12:7 warning/);
      assert.equal(r.status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('files over the size cap are skipped with a notice', () => {
    const dir = tempDir();
    try {
      cpSync(path.join(BASIC, 'kube-apiserver.yaml'), path.join(dir, 'small.yaml'));
      writeFileSync(path.join(dir, 'big.yaml'), readFileSync(path.join(BASIC, 'kube-apiserver.yaml'), 'utf8') + `# ${'x'.repeat(3000)}\n`);
      const r = run(['--max-file-size', '2'], dir);
      assert.equal(r.stderr, 'kube-tls-lint: big.yaml: skipped: 4 KB is over the 2 KB size limit\n');
      assert.match(r.stdout, /^small\.yaml:12:7 warning/m);
      assert.doesNotMatch(r.stdout, /big\.yaml/);
      assert.match(r.stdout, /in 1 file scanned\.\n$/);
      assert.equal(r.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help prints the usage and exits 0', () => {
    const r = run(['--help'], BASIC, false);
    assert.match(r.stdout, /^Usage: kube-tls-lint \[options\] \[paths\.\.\.\]/);
    assert.match(r.stdout, /--format <format> +text, json, sarif, github, junit, gitlab, checkstyle or html/);
    assert.equal(r.status, 0);
  });

  it('--version prints the package version', () => {
    const r = run(['--version'], BASIC, false);
    assert.equal(r.stdout, `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    assert.equal(r.status, 0);
  });

  it('usage errors exit 2 with a message: unknown option, bad format, bad rule, missing value', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--bogus'], /^kube-tls-lint: unknown option --bogus \(see --help\)\n$/],
      [['-x'], /^kube-tls-lint: unknown option -x \(see --help\)\n$/],
      [['--format', 'xml'], /^kube-tls-lint: unknown format "xml" \(text, json, sarif, github, junit, gitlab, checkstyle, html\) \(see --help\)\n$/],
      [['--rule', 'no-such-rule=off'], /^kube-tls-lint: unknown rule "no-such-rule"/],
      [['--rule', 'apiserver-tls-files-missing=loud'], /must be off\|hint\|info\|warning\|error/],
      [['--exclude'], /^kube-tls-lint: --exclude needs a value \(see --help\)\n$/],
      [['-e'], /^kube-tls-lint: --exclude needs a value \(see --help\)\n$/],
      [['--fix=yes'], /^kube-tls-lint: --fix takes no value \(see --help\)\n$/],
      [['--fail-level', 'hint'], /^kube-tls-lint: --fail-level takes error, warning or info, not "hint"/],
      [['--max-warnings=-1'], /^kube-tls-lint: --max-warnings takes a whole number, not "-1"/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, BASIC, false);
      assert.match(r.stderr, message, args.join(' '));
      // One line, not the whole help.
      assert.equal(r.stderr.split('\n').length, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.status, 2, args.join(' '));
    }
  });
});

describe('cli: JSON and SARIF', () => {
  it('--format json has the exact shape', () => {
    const r = run(['--format', 'json', 'kube-apiserver.yaml', 'eck', 'web.yaml']);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ['version', 'findings', 'filesScanned']);
    assert.deepEqual(report, {
      version: 1,
      findings: [
        { file: 'kube-apiserver.yaml', ruleId: 'apiserver-tls-files-missing', severity: 'warning', message: TLS_MESSAGE, line: 12, column: 7, endLine: 12, endColumn: 21 },
        { file: 'kube-apiserver.yaml', ruleId: 'apiserver-secure-port-disabled', severity: 'error', message: PORT_MESSAGE, line: 14, column: 7, endLine: 14, endColumn: 22 },
        { file: 'eck/elasticsearch.yml', ruleId: 'eck-http-tls-disabled', severity: 'warning', message: ECK_MESSAGE, line: 10, column: 9, endLine: 10, endColumn: 23 },
      ],
      filesScanned: 3,
    });
    for (const finding of report.findings) {
      assert.deepEqual(Object.keys(finding), ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    }
  });

  it('--format json with no findings', () => {
    const r = run(['-f', 'json', 'web.yaml']);
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, findings: [], filesScanned: 1 });
    assert.equal(r.status, 0);
  });

  it('--format json: paths outside the current folder stay absolute', () => {
    const file = path.join(BASIC, 'eck', 'elasticsearch.yml');
    // A folder of its own: the checkout itself may live under the temporary folder.
    const elsewhere = tempDir();
    try {
      const r = run(['--format=json', file], elsewhere);
      assert.equal(JSON.parse(r.stdout).findings[0].file, file);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('--format sarif is SARIF 2.1.0 with rules, help URIs and located results', () => {
    const r = run(['--format', 'sarif', 'kube-apiserver.yaml', 'multi.yaml']);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    const driver = sarifRun.tool.driver;
    assert.equal(driver.name, 'kube-tls-lint');
    assert.equal(typeof driver.version, 'string');
    const ids = driver.rules.map((rule: { id: string }) => rule.id);
    for (const id of [...SEEDS, 'yaml-syntax']) assert.ok(ids.includes(id), id);
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription?.text, rule.id);
      assert.ok(rule.help?.text, rule.id);
      assert.match(rule.helpUri, /^https:\/\//, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
    }
    assert.equal(driver.rules.find((rule: { id: string }) => rule.id === 'apiserver-tls-files-missing').helpUri, 'https://github.com/kube-tls-lint/kube-tls-lint/blob/main/docs/rules/apiserver-tls-files-missing.md');
    assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, `${pathToUri(BASIC)}/`);
    assert.deepEqual(
      sarifRun.results.map((res: SarifResult) => [res.ruleId, ids[res.ruleIndex], res.level, res.message.text, res.locations[0].physicalLocation.artifactLocation, res.locations[0].physicalLocation.region]),
      [
        ['apiserver-tls-files-missing', 'apiserver-tls-files-missing', 'warning', TLS_MESSAGE, { uri: 'kube-apiserver.yaml', uriBaseId: '%SRCROOT%' }, { startLine: 12, startColumn: 7, endLine: 12, endColumn: 21 }],
        ['apiserver-secure-port-disabled', 'apiserver-secure-port-disabled', 'error', PORT_MESSAGE, { uri: 'kube-apiserver.yaml', uriBaseId: '%SRCROOT%' }, { startLine: 14, startColumn: 7, endLine: 14, endColumn: 22 }],
        ['yaml-syntax', 'yaml-syntax', 'error', SYNTAX_MESSAGE, { uri: 'multi.yaml', uriBaseId: '%SRCROOT%' }, { startLine: 9, startColumn: 1, endLine: 9, endColumn: 2 }],
        ['apiserver-secure-port-disabled', 'apiserver-secure-port-disabled', 'error', PORT_MESSAGE, { uri: 'multi.yaml', uriBaseId: '%SRCROOT%' }, { startLine: 18, startColumn: 100, endLine: 18, endColumn: 117 }],
      ],
    );
  });

  it('--format sarif with no findings still lists the rules', () => {
    const r = run(['--format', 'sarif', 'web.yaml']);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(log.runs[0].tool.driver.rules.length >= 4);
    assert.equal(r.status, 0);
  });
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: unknown; region: unknown } }>;
}

function pathToUri(dir: string): string {
  return 'file://' + dir.split(path.sep).map(encodeURIComponent).join('/');
}

describe('cli: --fix', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    cpSync(BASIC, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites the files in place, reports each fix, and leaves what it cannot fix', () => {
    const r = run(['--fix'], dir);
    assert.equal(r.stderr, [
      'kube-tls-lint: fixed eck/elasticsearch.yml:10: Remove "disabled: true" (ECK issues a self-signed certificate) [eck-http-tls-disabled]',
      'kube-tls-lint: fixed kube-apiserver.yaml:14: Remove --secure-port (use the default 6443) [apiserver-secure-port-disabled]',
      'kube-tls-lint: fixed multi.yaml:18: Remove --secure-port (use the default 6443) [apiserver-secure-port-disabled]',
      // Adding kubeadm's default certificate paths is a guess: not applied without --unsafe-fixes.
      'kube-tls-lint: 1 unsafe fix left unapplied (--unsafe-fixes applies them)',
      '',
    ].join('\n'));
    // The broken document cannot be fixed: it is still reported.
    assert.equal(r.stdout, [
      `kube-apiserver.yaml:12:7 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
      `multi.yaml:9:1 error ${SYNTAX_MESSAGE} [yaml-syntax]`,
      '2 problems (1 error, 1 warning) in 5 files scanned.',
      '',
    ].join('\n'));
    assert.equal(r.status, 1);

    const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
    const original = (name: string) => readFileSync(path.join(BASIC, name), 'utf8');
    assert.equal(read('kube-apiserver.yaml'), original('kube-apiserver.yaml').replace('    - --secure-port=0\n', ''));
    assert.equal(read('eck/elasticsearch.yml'), original('eck/elasticsearch.yml').replace('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n', ''));
    assert.equal(read('multi.yaml'), original('multi.yaml').replace(', "--secure-port=0"]', ']'));
    for (const untouched of ['web.yaml', 'workflow.yml', 'notes.txt']) assert.equal(read(untouched), original(untouched), untouched);

    const unsafe = run(['--unsafe-fixes', '--rule', 'yaml-syntax=off'], dir);
    assert.equal(unsafe.stderr, 'kube-tls-lint: fixed kube-apiserver.yaml:12: Add --tls-cert-file=/etc/kubernetes/pki/apiserver.crt --tls-private-key-file=/etc/kubernetes/pki/apiserver.key [apiserver-tls-files-missing]\n');
    assert.equal(read('kube-apiserver.yaml'), original('kube-apiserver.yaml').replace(
      '    - --secure-port=0\n',
      '    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n',
    ));
    assert.equal(unsafe.stdout, 'No problems found in 5 files.\n');
    assert.equal(unsafe.status, 0);

    const again = run(['--fix', '--rule', 'yaml-syntax=off'], dir);
    assert.equal(again.stderr, '');
    assert.equal(again.stdout, 'No problems found in 5 files.\n');
    assert.equal(again.status, 0);
  });

  it('keeps CRLF line endings', () => {
    const file = path.join(dir, 'kube-apiserver.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    run(['--unsafe-fixes', 'kube-apiserver.yaml'], dir);
    const fixed = readFileSync(file, 'utf8');
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/);
    assert.match(fixed, /- --tls-private-key-file=\/etc\/kubernetes\/pki\/apiserver\.key\r\n$/);
  });

  it('keeps every byte outside the fixes: a BOM, CRLF and bytes that are not UTF-8', () => {
    const file = path.join(dir, 'kube-apiserver.yaml');
    const text = readFileSync(file, 'utf8').replace(/\n/g, '\r\n').replace('# A static pod', '# A static pod \u0000');
    const [head, tail] = text.split('\u0000');
    // A BOM, Latin-1 "café", a lone continuation byte and a truncated euro sign.
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(head), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0xe2, 0x82]), Buffer.from(tail)]);
    writeFileSync(file, original);
    const r = run(['--unsafe-fixes', 'kube-apiserver.yaml'], dir);
    assert.equal(r.status, 0, r.stderr);
    const removed = Buffer.from('    - --secure-port=0\r\n');
    const added = Buffer.from('    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\r\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\r\n');
    const at = original.indexOf(removed);
    assert.deepEqual(readFileSync(file), Buffer.concat([original.subarray(0, at), added, original.subarray(at + removed.length)]));
  });

  it('writes a symbolic link\'s target inside the folder (the link stays a link), never one outside it', () => {
    const outside = tempDir();
    try {
      mkdirSync(path.join(dir, 'base'));
      renameSync(path.join(dir, 'kube-apiserver.yaml'), path.join(dir, 'base', 'kube-apiserver.yaml'));
      symlinkSync(path.join('base', 'kube-apiserver.yaml'), path.join(dir, 'kube-apiserver.yaml'));
      const elsewhere = path.join(realpathSync(outside), 'elasticsearch.yml');
      renameSync(path.join(dir, 'eck', 'elasticsearch.yml'), elsewhere);
      symlinkSync(elsewhere, path.join(dir, 'eck', 'elasticsearch.yml'));
      const r = run(['--unsafe-fixes', 'kube-apiserver.yaml', 'eck'], dir);
      assert.equal(r.stderr, [
        'kube-tls-lint: fixed kube-apiserver.yaml:12: Add --tls-cert-file=/etc/kubernetes/pki/apiserver.crt --tls-private-key-file=/etc/kubernetes/pki/apiserver.key [apiserver-tls-files-missing]',
        'kube-tls-lint: fixed kube-apiserver.yaml:14: Remove --secure-port (use the default 6443) [apiserver-secure-port-disabled]',
        `kube-tls-lint: eck/elasticsearch.yml: not fixed: a symbolic link to ${elsewhere}, outside the folders being scanned`,
        '',
      ].join('\n'));
      // Not fixed, so still reported.
      assert.equal(r.stdout, `eck/elasticsearch.yml:10:9 warning ${ECK_MESSAGE} [eck-http-tls-disabled]\n1 problem (1 warning) in 2 files scanned.\n`);
      assert.equal(r.status, 1);
      assert.ok(lstatSync(path.join(dir, 'kube-apiserver.yaml')).isSymbolicLink());
      assert.match(readFileSync(path.join(dir, 'base', 'kube-apiserver.yaml'), 'utf8'), /--tls-cert-file/);
      assert.equal(readFileSync(elsewhere, 'utf8'), readFileSync(path.join(BASIC, 'eck', 'elasticsearch.yml'), 'utf8'));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a file whose name is not UTF-8 is read, reported under a readable name and fixed in place', function () {
    const named = Buffer.concat([Buffer.from(dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.yaml')]);
    try {
      renameSync(path.join(dir, 'kube-apiserver.yaml'), named);
    } catch {
      this.skip(); // The file system takes only UTF-8 names.
    }
    const before = run(['caf\u00e9.yaml', '.'], dir);
    // The name typed as UTF-8 is another file; the folder lists the real one.
    assert.match(before.stderr, /^kube-tls-lint: cannot read caf\u00e9\.yaml: no such file or directory\n/);
    assert.match(before.stdout, /^caf\\xE9\.yaml:14:7 error --secure-port=0 /m);
    const r = run(['--unsafe-fixes', '.', '--rule', 'yaml-syntax=off'], dir);
    assert.match(r.stderr, /^kube-tls-lint: fixed caf\\xE9\.yaml:14: Remove --secure-port \(use the default 6443\) \[apiserver-secure-port-disabled\]$/m);
    assert.doesNotMatch(r.stdout, /caf/);
    assert.equal(readFileSync(named, 'utf8'), readFileSync(path.join(BASIC, 'kube-apiserver.yaml'), 'utf8').replace(
      '    - --secure-port=0\n',
      '    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n',
    ));
  });

  it('does not touch rules turned off', () => {
    const before = readFileSync(path.join(dir, 'kube-apiserver.yaml'), 'utf8');
    const r = run(['--fix', '--rule', 'apiserver-tls-files-missing=off', '--rule', 'apiserver-secure-port-disabled=off', 'kube-apiserver.yaml'], dir);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(path.join(dir, 'kube-apiserver.yaml'), 'utf8'), before);
  });
});

describe('cli: --fix write failures (in process, with failing system calls)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    cpSync(path.join(BASIC, 'kube-apiserver.yaml'), path.join(dir, 'kube-apiserver.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function fixWith(writeFs: WriteFs): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const status = await runCli([...OTHERS_OFF, '--unsafe-fixes', '.'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, isTty: false, writeFs });
    return { status, stdout, stderr };
  }

  const UNFIXED = [
    `kube-apiserver.yaml:12:7 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
    `kube-apiserver.yaml:14:7 error ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
    '2 problems (1 error, 1 warning) in 1 file scanned.',
    '',
  ].join('\n');

  it('a full disk: the file is intact, no temporary file is left, the exit code is 2', async () => {
    const before = readFileSync(path.join(dir, 'kube-apiserver.yaml'));
    const r = await fixWith({
      ...fs,
      fsyncSync: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, fsync'), { code: 'ENOSPC' });
      },
    });
    assert.equal(r.stderr, 'kube-tls-lint: cannot write kube-apiserver.yaml: no space left on device\n');
    assert.equal(r.stdout, UNFIXED);
    assert.equal(r.status, 2);
    assert.deepEqual(readFileSync(path.join(dir, 'kube-apiserver.yaml')), before);
    assert.deepEqual(fs.readdirSync(dir), ['kube-apiserver.yaml']);
  });

  it('an edit saved while the file is fixed is kept: the file is skipped with a notice', async () => {
    const file = path.join(dir, 'kube-apiserver.yaml');
    const r = await fixWith({
      ...fs,
      fsyncSync: (fd) => {
        fs.fsyncSync(fd);
        fs.appendFileSync(file, '# saved meanwhile\n');
      },
    });
    assert.equal(r.stderr, 'kube-tls-lint: kube-apiserver.yaml: not fixed: changed while being fixed\n');
    assert.equal(r.stdout, UNFIXED);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(path.join(BASIC, 'kube-apiserver.yaml'), 'utf8') + '# saved meanwhile\n');
  });
});

describe('cli: ignore files and project configuration', () => {
  it('.kube-tls-lint-ignore is honoured (gitignore syntax)', () => {
    const r = run([], path.join(FIXTURES, 'ignore'));
    assert.equal(r.stdout, [
      `apiserver.yaml:8:15 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
      `apiserver.yaml:8:31 error ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
      '2 problems (1 error, 1 warning) in 1 file scanned.',
      '',
    ].join('\n'));
  });

  it('.gitignore is honoured (nested ones too) unless --no-gitignore', () => {
    // Built at run time: a committed fixture .gitignore would keep its own files out of git.
    const dir = tempDir();
    try {
      const pod = readFileSync(path.join(FIXTURES, 'config', 'apiserver.yaml'), 'utf8');
      mkdirSync(path.join(dir, 'build'));
      mkdirSync(path.join(dir, 'sub'));
      writeFileSync(path.join(dir, '.gitignore'), 'build/\n');
      writeFileSync(path.join(dir, 'sub', '.gitignore'), 'local.yaml\n');
      for (const name of ['kept.yaml', 'build/out.yaml', 'sub/local.yaml', 'sub/kept.yaml']) writeFileSync(path.join(dir, name), pod);
      const files = (r: Run) => [...new Set(r.stdout.split('\n').filter((l) => l.includes(':')).map((l) => l.split(':')[0]))];
      assert.deepEqual(files(run([], dir)), ['kept.yaml', 'sub/kept.yaml']);
      assert.deepEqual(files(run(['--no-gitignore'], dir)), ['build/out.yaml', 'kept.yaml', 'sub/kept.yaml', 'sub/local.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.kube-tls-lint.yaml in the current folder sets severities and excludes', () => {
    const r = run([], path.join(FIXTURES, 'config'));
    // The configuration file is not counted as a manifest; skipped/ is excluded by it.
    assert.equal(r.stdout, `apiserver.yaml:8:15 error ${TLS_MESSAGE} [apiserver-tls-files-missing]\n1 problem (1 error) in 1 file scanned.\n`);
    assert.equal(r.stderr, '');
  });

  it('--rule overrides the configuration file', () => {
    const r = run(['--rule', 'apiserver-secure-port-disabled=warning'], path.join(FIXTURES, 'config'));
    assert.match(r.stdout, /apiserver\.yaml:8:31 warning --secure-port=0/);
  });

  it('FIFOs named like the project, ignore and kustomization files are never waited on', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempDir();
    try {
      mkdirSync(path.join(dir, 'sub'));
      cpSync(path.join(FIXTURES, 'config', 'apiserver.yaml'), path.join(dir, 'sub', 'apiserver.yaml'));
      const fifos = ['.kube-tls-lint.yaml', '.gitignore', '.kube-tls-lint-ignore', 'sub/.gitignore', 'sub/kustomization.yaml', 'sub/kustomization.yml', 'sub/Kustomization'];
      for (const name of fifos) if (spawnSync('mkfifo', [path.join(dir, name)]).status !== 0) this.skip();
      const r = run([], dir);
      assert.equal(r.stderr, `kube-tls-lint: ${path.join(dir, '.kube-tls-lint.yaml')}: skipped: not a regular file; using defaults.\n`);
      assert.equal(r.stdout, [
        `sub/apiserver.yaml:8:15 warning ${TLS_MESSAGE} [apiserver-tls-files-missing]`,
        `sub/apiserver.yaml:8:31 error ${PORT_MESSAGE} [apiserver-secure-port-disabled]`,
        '2 problems (1 error, 1 warning) in 1 file scanned.',
        '',
      ].join('\n'));
      assert.equal(r.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fix inserts the paths the configuration sets', () => {
    const dir = tempDir();
    try {
      cpSync(path.join(FIXTURES, 'config'), dir, { recursive: true });
      run(['--fix'], dir);
      assert.equal(
        readFileSync(path.join(dir, 'apiserver.yaml'), 'utf8'),
        readFileSync(path.join(FIXTURES, 'config', 'apiserver.yaml'), 'utf8').replace('--secure-port=0]', '--secure-port=0, --tls-cert-file=/srv/pki/server.crt, --tls-private-key-file=/srv/pki/server.key]'),
      );
      // Excluded by the configuration: not fixed either.
      assert.equal(readFileSync(path.join(dir, 'skipped/apiserver.yaml'), 'utf8'), readFileSync(path.join(FIXTURES, 'config', 'skipped/apiserver.yaml'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an invalid configuration is reported and the defaults are used', () => {
    const dir = tempDir();
    try {
      cpSync(path.join(FIXTURES, 'config', 'apiserver.yaml'), path.join(dir, 'apiserver.yaml'));
      writeFileSync(path.join(dir, '.kube-tls-lint.yaml'), 'rules:\n  no-such-rule: error\n');
      const r = run([], dir);
      assert.match(r.stderr, /^kube-tls-lint: .*\.kube-tls-lint\.yaml: unknown rule "no-such-rule"; ignored\.\n$/);
      assert.match(r.stdout, /apiserver\.yaml:8:15 warning/);
      assert.equal(r.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cli: every rule enabled', () => {
  it('the seed findings are part of the full report', () => {
    const r = run(['--format', 'json'], BASIC, false);
    const keys = JSON.parse(r.stdout).findings.map((f: { file: string; ruleId: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`);
    for (const expected of ['eck/elasticsearch.yml:10 eck-http-tls-disabled', 'kube-apiserver.yaml:12 apiserver-tls-files-missing', 'kube-apiserver.yaml:14 apiserver-secure-port-disabled', 'multi.yaml:9 yaml-syntax']) {
      assert.ok(keys.includes(expected), expected);
    }
    assert.equal(r.status, 1);
  });
});

describe('cli: standard input', () => {
  const RENDERED = [
    '---',
    '# Source: chart/templates/apiserver.yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: kube-apiserver}',
    'spec:',
    '  containers:',
    '  - name: kube-apiserver',
    '    command: [kube-apiserver, --secure-port=0, --tls-cert-file=/a.crt, --tls-private-key-file=/a.key]',
    '',
  ].join('\n');
  const piped = (args: string[], input: string) =>
    spawnSync(process.execPath, [CLI, ...OTHERS_OFF, ...args], { cwd: BASIC, input, encoding: 'utf8' });

  it('- lints rendered manifests from standard input, alongside files', () => {
    const r = piped(['-f', 'json', '-', 'web.yaml'], RENDERED);
    const report = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string; line: number; column: number }>; filesScanned: number };
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), ['<stdin>:9:31 apiserver-secure-port-disabled']);
    assert.equal(report.filesScanned, 2);
    assert.equal(r.status, 1);
  });

  it('--stdin-filename names it; --fix refuses to write it', () => {
    const r = piped(['--stdin-filename', 'rendered/all.yaml', '-'], RENDERED);
    assert.match(r.stdout, /^rendered\/all\.yaml:9:31 error --secure-port=0 /);
    const fix = piped(['--fix', '-'], RENDERED);
    assert.equal(fix.status, 2);
    assert.match(fix.stderr, /^kube-tls-lint: --fix cannot write to standard input \(see --help\)\n/);
  });

  it('a rendered self-managed Elastic Stack: configuration files read, the Kibana\'s Elasticsearch found in the same input, related locations in JSON', () => {
    const stack = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: es-config}',
      'data:',
      '  elasticsearch.yml: |',
      '    xpack.security.http.ssl.enabled: true',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: kb-config}',
      'data:',
      '  kibana.yml: |',
      '    elasticsearch.ssl.certificate: /certs/kb.crt',
      '    elasticsearch.ssl.key: /certs/kb.key',
      '',
    ].join('\n');
    const r = piped(['-f', 'json', '--rule', 'elastic-mtls-inconsistent=warning', '-'], stack);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.findings.map((f: { ruleId: string; line: number; column: number; related?: unknown }) => [f.ruleId, f.line, f.column, f.related]), [
      ['elastic-mtls-inconsistent', 13, 5, [{ file: '<stdin>', message: 'elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.', line: 5, column: 3, endLine: 5, endColumn: 20 }]],
    ]);
    assert.equal(r.status, 1);
    // SARIF: the related location in the same file names that file as the finding does.
    const sarif = JSON.parse(piped(['-f', 'sarif', '--stdin-filename', 'rendered/stack.yaml', '--rule', 'elastic-mtls-inconsistent=warning', '-'], stack).stdout);
    const [result] = sarif.runs[0].results;
    assert.deepEqual(result.relatedLocations, [
      {
        id: 1,
        message: { text: 'elasticsearch.yml of ConfigMap es-config does not ask HTTPS clients for a certificate here.' },
        physicalLocation: { artifactLocation: { uri: 'rendered/stack.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 20 } },
      },
    ]);
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'rendered/stack.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('empty input is one clean file', () => {
    const r = piped(['-'], '');
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
    assert.equal(r.status, 0);
  });
});
