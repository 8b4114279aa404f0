// Open documents go before the workspace scan: the scan starts no file while one waits to be
// checked, and the diagnostics controller says when none does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeConfig } from '../../../shared/config';
import { FileFactsCache } from '../../../server/fileFacts';
import { DiagnosticsController } from '../../../server/diagnostics';
import { FileJob, FileLinter } from '../../../server/fileLinter';
import { Publisher } from '../../../server/publisher';
import { DEFAULT_SETTINGS, FolderContext, SettingsManager } from '../../../server/settings';
import { WorkspaceScanner } from '../../../server/workspaceScan';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command:\n    - kube-apiserver\n    - --secure-port=0\n';

/** Every turn of the event loop the code under test could take, taken `n` times. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function publisherInto(published: string[]): Publisher {
  const connection = { sendDiagnostics: (p: PublishDiagnosticsParams) => Promise.resolve(void published.push(path.basename(p.uri))), sendNotification: () => Promise.resolve() };
  return new Publisher(connection as unknown as Connection, false);
}

function contextOf(root: string): FolderContext {
  return { uri: pathToFileURL(root).href, root, settings: { ...DEFAULT_SETTINGS, workspaceScan: { enable: true, exclude: [] } }, config: mergeConfig(undefined, {}), exclude: [], templateName: () => false };
}

function documentsOf(docs: TextDocument[]): TextDocuments<TextDocument> {
  return { all: () => docs, get: (uri: string) => docs.find((d) => d.uri === uri) } as unknown as TextDocuments<TextDocument>;
}

describe('open documents before the workspace scan', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ktl-documents-first-'));
    for (let i = 1; i <= 5; i++) fs.writeFileSync(path.join(dir, `pod-${i}.yaml`), POD);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the scan starts no file while an open document waits, and goes on in order once none does', async () => {
    const linted: string[] = [];
    const published: string[] = [];
    const inPlace = new FileLinter(undefined, () => {});
    const linter = { lint: (job: FileJob) => (linted.push(path.basename(job.file)), inPlace.lint(job)), dispose: () => {} } as unknown as FileLinter;
    const context = contextOf(dir);
    let release!: () => void;
    const documentWaits = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    let reachedWait!: () => void;
    const waitReached = new Promise<void>((resolve) => (reachedWait = resolve));
    const scanner = new WorkspaceScanner({
      connection: {} as Connection,
      documents: documentsOf([]),
      settings: { workspaceFolders: () => [{ uri: context.uri!, name: 'ws' }], forFolder: () => Promise.resolve(context) } as unknown as SettingsManager,
      publisher: publisherInto(published),
      facts: new FileFactsCache(),
      linter,
      log: () => {},
      progress: false,
      revalidateOpen: () => {},
      // A document is opened as the scan is about to start its third file (the listing asked
      // first, before reading the folder).
      documentsFirst: () => {
        if (++asked !== 4) return Promise.resolve();
        reachedWait();
        return documentWaits;
      },
    });
    const scan = scanner.scan();
    await waitReached;
    await turns(20);
    assert.deepEqual(linted, ['pod-1.yaml', 'pod-2.yaml']);
    assert.deepEqual(published, ['pod-1.yaml', 'pod-2.yaml']);
    release();
    const summary = await scan;
    assert.deepEqual(summary, { files: 5, filesWithFindings: 5, skipped: 0, cancelled: false });
    assert.deepEqual(linted, ['pod-1.yaml', 'pod-2.yaml', 'pod-3.yaml', 'pod-4.yaml', 'pod-5.yaml']);
    assert.deepEqual(published, ['pod-1.yaml', 'pod-2.yaml', 'pod-3.yaml', 'pod-4.yaml', 'pod-5.yaml']);
  });

  it('the controller is idle only once an opened document is published, settings wait included', async () => {
    const uri = pathToFileURL(path.join(dir, 'opened.yaml')).href;
    const doc = TextDocument.create(uri, 'yaml', 1, POD);
    const published: string[] = [];
    let settingsArrive!: (context: FolderContext) => void;
    const settings = new Promise<FolderContext>((resolve) => (settingsArrive = resolve));
    const diagnostics = new DiagnosticsController({
      documents: documentsOf([doc]),
      settings: { forUri: () => settings } as unknown as SettingsManager,
      publisher: publisherInto(published),
      facts: new FileFactsCache(),
      log: () => {},
      closed: () => {},
    });
    await diagnostics.idle();
    diagnostics.opened(uri);
    let idle = false;
    void diagnostics.idle().then(() => (idle = true));
    await turns(5);
    assert.equal(idle, false, 'idle while the opened document waits for its settings');
    settingsArrive(contextOf(dir));
    await diagnostics.idle();
    assert.deepEqual(published, ['opened.yaml']);
  });
});
