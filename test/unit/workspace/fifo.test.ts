// Settings, ignore and kustomization files that are FIFOs: each read runs in a child process
// with a time limit, because a blocking read of a FIFO would stop this process's event loop
// (and mocha's own timeout with it).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const WORKSPACE = path.resolve(__dirname, '../../../shared/workspace');
const LIMIT_MS = 10_000;

/** Runs `body` (CommonJS, with `files`, `project`, `kustomize` and `dir` in scope) and returns what it printed. */
function runBounded(dir: string, body: string): string {
  const script = [
    `const files = require(${JSON.stringify(path.join(WORKSPACE, 'files.js'))});`,
    `const project = require(${JSON.stringify(path.join(WORKSPACE, 'project.js'))});`,
    `const kustomize = require(${JSON.stringify(path.join(WORKSPACE, 'kustomize.js'))});`,
    `const dir = ${JSON.stringify(dir)};`,
    `(async () => { ${body} })().catch((err) => { console.error(err); process.exit(3); });`,
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: LIMIT_MS, killSignal: 'SIGKILL' });
  assert.equal(result.signal, null, `still waiting after ${LIMIT_MS} ms: a FIFO was read with a blocking call`);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function mkfifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

describe('workspace files: FIFOs named like settings files', () => {
  let dir: string;
  beforeEach(function () {
    if (process.platform === 'win32') this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ktl-fifo-'));
  });
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('a FIFO .kube-tls-lint.yaml gives the defaults and a warning naming it', function () {
    if (!mkfifo(path.join(dir, '.kube-tls-lint.yaml'))) this.skip();
    const out = runBounded(dir, 'const s = project.loadProjectSettings(dir); console.log(JSON.stringify({ warnings: s.warnings, exclude: s.exclude }));');
    assert.deepEqual(JSON.parse(out), { warnings: [`${path.join(dir, '.kube-tls-lint.yaml')}: skipped: not a regular file; using defaults.`], exclude: [] });
  });

  it('FIFO .gitignore and .kube-tls-lint-ignore are passed over by the walk and by isPathIgnored', function () {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'kind: Pod\n');
    fs.writeFileSync(path.join(dir, 'sub', 'b.yaml'), 'kind: Pod\n');
    // A real ignore file beside the FIFO still counts.
    fs.writeFileSync(path.join(dir, 'sub', '.gitignore'), 'c.yaml\n');
    fs.writeFileSync(path.join(dir, 'sub', 'c.yaml'), 'kind: Pod\n');
    if (!mkfifo(path.join(dir, '.gitignore')) || !mkfifo(path.join(dir, '.kube-tls-lint-ignore')) || !mkfifo(path.join(dir, 'sub', '.kube-tls-lint-ignore'))) this.skip();
    const out = runBounded(
      dir,
      [
        'const { files: listed, errors } = await files.listYamlFiles([dir]);',
        "const ignored = await files.isPathIgnored(dir, require('path').join(dir, 'sub', 'c.yaml'));",
        "console.log(JSON.stringify({ files: listed.map((f) => require('path').relative(dir, f.path)), errors, ignored }));",
      ].join('\n'),
    );
    assert.deepEqual(JSON.parse(out), { files: ['a.yaml', path.join('sub', 'b.yaml')], errors: [], ignored: true });
  });

  it('FIFO kustomization files name no patches', function () {
    fs.writeFileSync(path.join(dir, 'ingress.yaml'), 'kind: Ingress\n');
    if (!mkfifo(path.join(dir, 'kustomization.yaml')) || !mkfifo(path.join(dir, 'kustomization.yml')) || !mkfifo(path.join(dir, 'Kustomization'))) this.skip();
    const out = runBounded(dir, "console.log(JSON.stringify(new kustomize.KustomizeIndex().isPatch(require('path').join(dir, 'ingress.yaml'))));");
    assert.equal(out, 'false\n');
  });
});
