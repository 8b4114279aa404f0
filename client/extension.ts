// The desktop client: starts dist/server.js under Node (IPC). The rest is common.ts's.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateClient, KubeTlsLintApi } from './common';

export type { KubeTlsLintApi };
export { deactivate } from './common';

export function activate(context: vscode.ExtensionContext): Promise<KubeTlsLintApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateClient(context, {
    documentSelector: (templateGlobs) => [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'helm' },
      { scheme: 'untitled', language: 'helm' },
      ...templateGlobs.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    createClient: (clientOptions) => new LanguageClient('kubeTlsLint', 'kube-tls-lint', serverOptions, clientOptions),
  });
}
