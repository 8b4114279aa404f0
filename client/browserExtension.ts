// The web client (VS Code for the Web: vscode.dev, github.dev): runs dist/browserServer.js in a
// Web Worker and reads the workspace's files for it, through the editor's file system (any
// scheme: a worker has no file system of its own). The rest is common.ts's.
import * as vscode from 'vscode';
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, LanguageClient, MessageTransports } from 'vscode-languageclient/browser';
import { FIND_FILES_REQUEST, FindFilesParams, READ_FILE_REQUEST, ReadFileParams, ReadFileResult } from '../shared/clientFiles';
import { activateClient, KubeTlsLintApi } from './common';

export type { KubeTlsLintApi };

// The browser's Worker, Blob and URL in the extension host (the project's TypeScript has no DOM library).
interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
}
declare const Worker: new (scriptUrl: string) => WorkerLike;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * The server's worker, from the extension's URL (vscode.dev: an https URL). An extension host
 * that refuses to start a worker from the extension's URL (code-server: "Creating workers from
 * remote extensions is currently not supported") gets it from the script's bytes instead.
 * Transports, not the worker, are returned: the extension host's Worker is a wrapper, and the
 * client's `instanceof Worker` would not know its workers.
 */
async function startWorker(script: vscode.Uri): Promise<MessageTransports> {
  let worker: WorkerLike;
  try {
    worker = new Worker(script.toString(true));
  } catch {
    const bytes = await vscode.workspace.fs.readFile(script);
    worker = new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- the reader's DOM port type is not in this project's lib (no DOM)
  const port = worker as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
  return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
}
export { deactivate } from './common';

export function activate(context: vscode.ExtensionContext): Promise<KubeTlsLintApi> {
  return activateClient(context, {
    // Every scheme: a virtual workspace's files are `vscode-vfs:` and the like, not `file:`.
    documentSelector: (templateGlobs) => [{ language: 'yaml' }, { language: 'helm' }, ...templateGlobs.map((pattern) => ({ pattern }))],
    initializationOptions: { ruleDocsUri: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString() },
    createClient: (clientOptions) => new LanguageClient('kubeTlsLint', 'kube-tls-lint', () => startWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js')), clientOptions),
    started: (client) => answerFileRequests(client),
  });
}

function answerFileRequests(client: BaseLanguageClient): void {
  client.onRequest(FIND_FILES_REQUEST, async (params: FindFilesParams): Promise<string[] | null> => {
    if (typeof params?.folderUri !== 'string' || !Array.isArray(params.names)) return null;
    const names = params.names.filter((n): n is string => typeof n === 'string' && n.trim() !== '' && !n.includes('/') && !/[{}]/.test(n));
    if (names.length === 0) return [];
    const folder = vscode.Uri.parse(params.folderUri);
    const max = Number.isInteger(params.maxResults) && params.maxResults > 0 ? params.maxResults : undefined;
    // The editor's `files.exclude` applies (the default exclude of findFiles).
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/{${names.map((n) => n.trim()).join(',')}}`), undefined, max);
    return found.map((uri) => uri.toString()).sort();
  });
  client.onRequest(READ_FILE_REQUEST, async (params: ReadFileParams): Promise<ReadFileResult> => {
    try {
      const uri = vscode.Uri.parse(params.uri);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return { error: 'is a directory' };
      if (stat.size > params.maxBytes) return { tooBig: stat.size };
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > params.maxBytes) return { tooBig: bytes.byteLength };
      return { text: new TextDecoder('utf-8').decode(bytes) };
    } catch (err) {
      return { error: (err as Error).message ?? String(err) };
    }
  });
}
