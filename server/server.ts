// The kube-tls-lint language server under Node: `node dist/server.js --stdio` (or --node-ipc
// from VS Code). The wiring is languageServer.ts's; here are the Node parts: the connection,
// the workspace scan of files on disk and its lint worker thread.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FileLinter } from './fileLinter';
import { startLanguageServer } from './languageServer';
import { LifecycleStrategy } from './lifecycle';
import { WorkspaceScanner } from './workspaceScan';

const connection = createConnection(ProposedFeatures.all, { messageStrategy: new LifecycleStrategy() });

startLanguageServer(connection, {
  createScanner: (deps) => {
    // Set by main.ts in the bundled server; without it (e.g. unbundled) files are linted in-process.
    // KUBE_TLS_LINT_SCAN_WORKER=0 lints on the main thread (for hosts where worker threads misbehave).
    const workerScript = process.env.KUBE_TLS_LINT_SCAN_WORKER === '0' ? undefined : (globalThis as { kubeTlsLintServerScript?: string }).kubeTlsLintServerScript;
    return new WorkspaceScanner({ ...deps, linter: new FileLinter(workerScript, deps.log) });
  },
  onUncaughtError: (sync, async) => {
    process.on('uncaughtException', sync);
    process.on('unhandledRejection', async);
  },
});
