// The kube-tls-lint language server in a Web Worker (dist/browserServer.js), for VS Code for the
// Web (vscode.dev, github.dev) and any editor that starts an LSP server as a worker. Same wiring
// and engine as the Node server (languageServer.ts); the build gives it the `.browser.ts` twins
// of the modules that need Node (files on disk, URIs as paths) and fails on any Node built-in.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { setRuleDocsUri } from './bundledDocs.browser';
import { ClientScanner } from './clientScan';
import { FileFactsCache } from './fileFacts.browser';
import { startLanguageServer } from './languageServer';
import { LifecycleStrategy } from './lifecycle';

declare const self: {
  postMessage(message: unknown): void;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { error?: unknown; reason?: unknown }) => void): void;
};

const connection = createConnection(new BrowserMessageReader(self as never), new BrowserMessageWriter(self as never), { messageStrategy: new LifecycleStrategy() });

const facts = new FileFactsCache();

startLanguageServer(connection, {
  createFileFacts: () => facts,
  createScanner: (deps) => new ClientScanner(deps, facts),
  initialize: (options) => {
    const uri = (options as { ruleDocsUri?: unknown } | null | undefined)?.ruleDocsUri;
    setRuleDocsUri(typeof uri === 'string' ? uri : undefined);
  },
  onUncaughtError: (sync, async) => {
    self.addEventListener('error', (event) => sync(event.error));
    self.addEventListener('unhandledrejection', (event) => async(event.reason));
  },
});
