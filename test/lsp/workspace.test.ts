// The workspace problem scan over the protocol: progress, cancellation, ignore files, Helm charts,
// file events, the project file, open documents winning over disk, and multi-root workspaces.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { copyFixture, expected, fileUri, LspClient, onlyRules, ProgressEvent, SEED_RULES, summary } from './client';

const SEED_SETTINGS = { rules: onlyRules(SEED_RULES) };
const POD = 'control-plane/kube-apiserver.yaml';
const ECK = 'eck/elasticsearch.yaml';
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

function podFindings(text: string): string[] {
  return [
    expected('apiserver-tls-files-missing', 'warning', text, '    - kube-apiserver\n', 'kube-apiserver'),
    expected('apiserver-secure-port-disabled', 'error', text, '--secure-port=0'),
  ].sort();
}

describe('workspace scan (stdio)', () => {
  let client: LspClient;
  let dir: string;
  let remove: () => void;
  let podText: string;
  let eckText: string;

  beforeEach(() => {
    ({ dir, remove } = copyFixture('workspace'));
    // Created here, not kept in the repository: git would ignore it like the scan must.
    mkdirSync(path.join(dir, 'manifests', 'generated'));
    podText = readFileSync(path.join(dir, POD), 'utf8');
    eckText = readFileSync(path.join(dir, ECK), 'utf8');
    writeFileSync(path.join(dir, 'manifests', 'generated', 'kube-apiserver.yaml'), podText);
  });

  afterEach(async () => {
    await client?.stop();
    remove();
  });

  const uriOf = (rel: string, root = dir) => fileUri(path.join(root, rel));

  /** Relative path → summary of what the editor shows now, for files under `root`. */
  function problems(root = dir): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [uri, diagnostics] of client.current()) {
      const rel = path.relative(root, new URL(uri).pathname);
      if (!rel.startsWith('..')) out[rel.split(path.sep).join('/')] = summary(diagnostics);
    }
    return out;
  }

  function scanEnded(from = 0): Promise<ProgressEvent> {
    return client.waitFor(() => client.progress.slice(from).find((p) => p.value.kind === 'end'), 'the scan to end');
  }

  it('scans the folder with progress, honouring .gitignore and .kube-tls-lint-ignore', async () => {
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    const end = await scanEnded();
    const events = client.progress.filter((p) => p.token === end.token).map((p) => p.value);
    assert.strictEqual(events[0].kind, 'begin');
    assert.strictEqual(events[0].cancellable, true);
    assert.match(events[0].title!, /scanning/);
    const reports = events.filter((e) => e.kind === 'report');
    // control-plane, eck, manifests/deployment, the chart (Chart, values, 3 templates), the workflow, docker-compose.
    assert.strictEqual(reports.at(-1)!.message, '10/10 files');
    assert.strictEqual(reports.at(-1)!.percentage, 100);
    assert.ok(reports.every((r, i) => i === 0 || r.percentage! >= reports[i - 1].percentage!), 'progress only grows');
    assert.strictEqual(events.at(-1)!.kind, 'end');
    // Small files are linted in place: no worker thread for them.
    assert.ok(!client.logs.some((l) => l.includes('worker thread')), client.logs.join('\n'));

    assert.deepStrictEqual(problems(), {
      [POD]: podFindings(podText),
      [ECK]: [expected('eck-http-tls-disabled', 'warning', eckText, 'disabled: true')],
    });
    for (const p of client.publishes) assert.strictEqual(p.version, undefined, 'files that are not open have no version');
  });

  it('flags nothing but the two insecure manifests with every rule on (Helm chart, workflow, compose, clean Deployment)', async () => {
    ({ client } = await LspClient.start({ folders: [dir] }));
    await scanEnded();
    assert.deepStrictEqual(Object.keys(problems()).sort(), [POD, ECK]);
    // Status updates are coalesced on a short timer: await the one that follows the scan.
    const ready = await client.waitFor(
      () => (client.statuses as Array<{ state: string; files: number }>).find((s) => s.state === 'ready' && s.files === 2),
      'a ready status counting the two files',
    );
    assert.strictEqual(ready.files, 2);
  });

  it('reads a file whose name is not UTF-8 by its bytes and publishes it under a URI of those bytes', async function () {
    // `caf\xE9.yaml`: a Latin-1 name, as old tools write them.
    const named = Buffer.concat([Buffer.from(path.join(dir, 'control-plane', 'caf')), Buffer.from([0xe9]), Buffer.from('.yaml')]);
    try {
      writeFileSync(named, podText);
    } catch {
      this.skip(); // A file system that only takes UTF-8 names.
    }
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    assert.deepStrictEqual(problems(), {
      [POD]: podFindings(podText),
      'control-plane/caf%E9.yaml': podFindings(podText),
      [ECK]: [expected('eck-http-tls-disabled', 'warning', eckText, 'disabled: true')],
    });
    assert.ok(!client.logs.some((l) => l.includes('cannot read')), client.logs.join('\n'));
    // Gone from the folder: the next scan clears what it showed.
    unlinkSync(named);
    const from = client.progress.length;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'kube-tls-lint.server.scanWorkspace' });
    await scanEnded(from);
    assert.deepStrictEqual(Object.keys(problems()).sort(), [POD, ECK].sort());
  });

  it('counts apart the files the Problems panel lists (a file with hints only is not one)', async () => {
    ({ client } = await LspClient.start({ folders: [dir], settings: { rules: onlyRules(SEED_RULES, { 'eck-http-tls-disabled': 'hint' }) } }));
    await scanEnded();
    const found = problems();
    assert.deepStrictEqual(Object.keys(found).sort(), [POD, ECK]);
    assert.ok(found[ECK].length > 0 && found[ECK].every((d) => d.includes(' hint ')), found[ECK].join(', '));
    const ready = await client.waitFor(
      () => (client.statuses as Array<{ state: string; files: number }>).find((s) => s.state === 'ready' && s.files === 2),
      'a ready status counting the two files',
    );
    assert.deepStrictEqual(ready, { state: 'ready', errors: 1, warnings: 1, infos: 0, hints: found[ECK].length, files: 2, listedFiles: 1 });
  });

  it('lets the open document win over the file on disk, and hands the file back on close', async () => {
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    const uri = uriOf(POD);
    const edited = podText.replace('    - --secure-port=0\n', '');
    let mark = client.mark();
    await client.open(uri, edited);
    const open = await client.nextDiagnostics(uri, mark);
    assert.strictEqual(open.version, 1);
    assert.strictEqual(open.diagnostics.length, 1);

    const progressMark = client.progress.length;
    const summaryResult = await client.connection.sendRequest('workspace/executeCommand', { command: 'kube-tls-lint.server.scanWorkspace' });
    await scanEnded(progressMark);
    assert.deepStrictEqual(summaryResult, { files: 10, filesWithFindings: 1, skipped: 0, cancelled: false });
    const latest = client.publishesOf(uri).at(-1)!;
    assert.strictEqual(latest.version, 1, 'the scan did not replace the open document\'s diagnostics');

    mark = client.mark();
    await client.close(uri);
    const fromDisk = await client.nextDiagnostics(uri, mark);
    assert.strictEqual(fromDisk.version, undefined);
    assert.deepStrictEqual(summary(fromDisk.diagnostics), podFindings(podText));
  });

  it('rescans only when a configuration notification changes the settings in force', async () => {
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    const mark = client.progress.length;
    // Clients send this at start and for changes of unrelated sections: nothing to do then.
    await client.configurationChanged({ ...SEED_SETTINGS });
    await client.configurationChanged({ ...SEED_SETTINGS, rules: { ...SEED_SETTINGS.rules, 'apiserver-secure-port-disabled': 'off' } });
    await scanEnded(mark);
    const begins = client.progress.slice(mark).filter((p) => p.value.kind === 'begin');
    assert.strictEqual(begins.length, 1, 'one scan, for the change');
    await client.waitFor(() => (problems()[POD]?.some((d) => d.includes('apiserver-secure-port-disabled')) ? undefined : true), 'the disabled rule to disappear');
  });

  it('follows file events: create, change, delete, folder delete, ignored files', async () => {
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    const rel = 'manifests/new-apiserver.yaml';
    const file = path.join(dir, rel);
    const uri = uriOf(rel);
    const event = (changes: Array<[string, number]>) =>
      client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([u, type]) => ({ uri: u, type })) });

    writeFileSync(file, podText);
    writeFileSync(path.join(dir, 'manifests', 'generated', 'new.yaml'), podText);
    let mark = client.mark();
    // The ignored file comes first in the same notification: by the time the other one is published, it was passed over.
    await event([[uriOf('manifests/generated/new.yaml'), CREATED], [uri, CREATED]]);
    assert.deepStrictEqual(summary((await client.nextDiagnostics(uri, mark)).diagnostics), podFindings(podText));
    assert.deepStrictEqual(client.publishesOf(uriOf('manifests/generated/new.yaml')), []);

    mark = client.mark();
    writeFileSync(file, podText.replace('    - --secure-port=0\n', ''));
    await event([[uri, CHANGED]]);
    assert.strictEqual((await client.nextDiagnostics(uri, mark)).diagnostics.length, 1);

    mark = client.mark();
    unlinkSync(file);
    await event([[uri, DELETED]]);
    assert.deepStrictEqual((await client.nextDiagnostics(uri, mark)).diagnostics, []);

    mark = client.mark();
    rmSync(path.join(dir, 'eck'), { recursive: true });
    await event([[uriOf('eck'), DELETED]]);
    assert.deepStrictEqual((await client.nextDiagnostics(uriOf(ECK), mark)).diagnostics, []);
    assert.deepStrictEqual(Object.keys(problems()), [POD]);
  });

  it('re-reads .kube-tls-lint.yaml and .kube-tls-lint-ignore when they change', async () => {
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    let mark = client.mark();
    let progressMark = client.progress.length;
    writeFileSync(path.join(dir, '.kube-tls-lint.yaml'), 'rules:\n  apiserver-secure-port-disabled: "off"\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.kube-tls-lint.yaml'), type: CREATED }] });
    const updated = await client.nextDiagnostics(uriOf(POD), mark);
    assert.deepStrictEqual(updated.diagnostics.map((d) => d.code), ['apiserver-tls-files-missing']);
    await scanEnded(progressMark);

    mark = client.mark();
    progressMark = client.progress.length;
    writeFileSync(path.join(dir, '.kube-tls-lint-ignore'), 'vendor/\neck/\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.kube-tls-lint-ignore'), type: CHANGED }] });
    assert.deepStrictEqual((await client.nextDiagnostics(uriOf(ECK), mark)).diagnostics, []);
    await scanEnded(progressMark);
    assert.deepStrictEqual(Object.keys(problems()), [POD]);
  });

  it('never waits on FIFOs named like the project, ignore or kustomization files', async function () {
    if (process.platform === 'win32') this.skip();
    rmSync(path.join(dir, '.kube-tls-lint-ignore'));
    rmSync(path.join(dir, 'manifests', '.gitignore'));
    const fifos = ['.kube-tls-lint.yaml', '.kube-tls-lint-ignore', '.gitignore', 'manifests/.gitignore', 'control-plane/kustomization.yaml', 'control-plane/Kustomization'];
    for (const name of fifos) if (spawnSync('mkfifo', [path.join(dir, name)]).status !== 0) this.skip();
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    // No ignore file is read, so vendor/ and manifests/generated/ are scanned too.
    assert.deepStrictEqual(problems(), {
      [POD]: podFindings(podText),
      [ECK]: [expected('eck-http-tls-disabled', 'warning', eckText, 'disabled: true')],
      'manifests/generated/kube-apiserver.yaml': podFindings(podText),
      'vendor/kube-apiserver.yaml': podFindings(readFileSync(path.join(dir, 'vendor/kube-apiserver.yaml'), 'utf8')),
    });
    assert.deepStrictEqual(client.shownMessages, [`kube-tls-lint: ${path.join(dir, '.kube-tls-lint.yaml')}: skipped: not a regular file; using defaults.`]);
    const uri = uriOf(POD);
    const mark = client.mark();
    await client.open(uri, podText);
    assert.deepStrictEqual(summary((await client.nextDiagnostics(uri, mark)).diagnostics), podFindings(podText));
  });

  it('is cancelled from the progress (start-up scan and the scan command)', async () => {
    const big = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-big-'));
    try {
      const podSource = readFileSync(path.join(dir, POD), 'utf8');
      for (let i = 0; i < 400; i++) writeFileSync(path.join(big, `pod-${String(i).padStart(3, '0')}.yaml`), podSource);
      ({ client } = await LspClient.start({
        folders: [big],
        settings: SEED_SETTINGS,
        onProgress: (c, p) => {
          if (p.value.kind === 'begin') void c.connection.sendNotification('window/workDoneProgress/cancel', { token: p.token });
        },
      }));
      await scanEnded();
      const result = await client.connection.sendRequest<{ files: number; cancelled: boolean }>('workspace/executeCommand', { command: 'kube-tls-lint.server.scanWorkspace' });
      assert.strictEqual(result.cancelled, true);
      assert.ok(result.files < 400, `stopped early: ${result.files} of 400 files`);
      assert.ok(client.logs.some((l) => /Workspace scan cancelled/.test(l)), client.logs.join('\n'));
      const reports = client.progress.filter((p) => p.value.kind === 'report');
      // Cancelled while listing (n/0) or while linting (n/400): either way the progress says so.
      assert.ok(reports.some((r) => /^cancelled after \d+\/(0|400) files$/.test(r.value.message ?? '')), JSON.stringify(reports.slice(-3)));
      assert.ok(new Set(client.publishes.map((p) => p.uri)).size < 400);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('lints a big file on the worker thread, with the same findings', async () => {
    // Over the worker threshold (128 K characters): the pod, then ConfigMaps as padding.
    const padding = Array.from({ length: 400 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata:\n  k: "${'x'.repeat(400)}"\n`).join('');
    writeFileSync(path.join(dir, 'control-plane', 'big.yaml'), podText + padding);
    ({ client } = await LspClient.start({ folders: [dir], settings: SEED_SETTINGS }));
    await scanEnded();
    assert.ok(client.logs.includes('Workspace scan: linting files on a worker thread.'), client.logs.join('\n'));
    assert.ok(!client.logs.some((l) => l.includes('on the main thread')), client.logs.join('\n'));
    assert.deepStrictEqual(problems()['control-plane/big.yaml'], podFindings(podText));
  });

  it('serves an open document while a long scan runs', async () => {
    const big = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-big-'));
    try {
      for (let i = 0; i < 400; i++) writeFileSync(path.join(big, `pod-${String(i).padStart(3, '0')}.yaml`), podText);
      const uri = 'untitled:typing.yaml';
      ({ client } = await LspClient.start({
        folders: [big],
        settings: SEED_SETTINGS,
        onProgress: (c, p) => {
          if (p.value.kind === 'begin') void c.open(uri, eckText);
        },
      }));
      await client.nextDiagnostics(uri, 0);
      const ended = client.progress.some((p) => p.value.kind === 'end');
      assert.strictEqual(ended, false, 'the open document was checked before the scan finished');
      await scanEnded();
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('scans every folder of a multi-root workspace and follows folder changes', async () => {
    const second = copyFixture('workspace');
    const third = copyFixture('workspace');
    try {
      ({ client } = await LspClient.start({ folders: [dir, second.dir], settings: SEED_SETTINGS }));
      await scanEnded();
      assert.deepStrictEqual(Object.keys(problems(dir)).sort(), [POD, ECK]);
      assert.deepStrictEqual(Object.keys(problems(second.dir)).sort(), [POD, ECK]);

      const mark = client.mark();
      const progressMark = client.progress.length;
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: fileUri(third.dir), name: 'third' }], removed: [{ uri: fileUri(second.dir), name: 'second' }] },
      });
      await client.nextDiagnostics(uriOf(POD, third.dir), mark);
      await scanEnded(progressMark);
      assert.deepStrictEqual(problems(second.dir), {});
      assert.deepStrictEqual(Object.keys(problems(third.dir)).sort(), [POD, ECK]);
    } finally {
      second.remove();
      third.remove();
    }
  });
});
