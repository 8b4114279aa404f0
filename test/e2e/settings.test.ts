// `kubeTlsLint.rules` changes apply to open documents at once, without a reload.
import * as vscode from 'vscode';
import { activate, expected, fileUri, open, original, POD, podBaseline, setText, waitForDiagnostics } from './helpers';

const LEGACY = 'scan-only/legacy-apiserver.yaml';
const legacyFinding = expected('apiserver-secure-port-disabled', 'error', original(LEGACY), '--secure-port\n    - "0"');

describe('settings', () => {
  const text = original(POD);
  let doc: vscode.TextDocument;
  const rules = () => vscode.workspace.getConfiguration('kubeTlsLint');

  before(async () => {
    await activate();
    await waitForDiagnostics(fileUri(LEGACY), [legacyFinding], 'of an unopened file (workspace scan)');
    ({ doc } = await open(POD));
    await setText(doc, text);
    await waitForDiagnostics(doc.uri, podBaseline(text), 'with default settings');
  });

  after(async () => {
    await rules().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('turns a rule off and changes another\'s severity without reload', async () => {
    await rules().update('rules', { 'apiserver-secure-port-disabled': 'off', 'apiserver-tls-files-missing': 'error' },
      vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri,
      [expected('apiserver-tls-files-missing', 'error', text, '    - kube-apiserver\n', 'kube-apiserver')], 'after the change');
    // Files only the workspace scan knows follow the setting too.
    await waitForDiagnostics(fileUri(LEGACY), [], 'of an unopened file with the rule off');

    await rules().update('rules', { 'apiserver-secure-port-disabled': 'hint' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, [
      expected('apiserver-tls-files-missing', 'warning', text, '    - kube-apiserver\n', 'kube-apiserver'),
      expected('apiserver-secure-port-disabled', 'hint', text, '    - --secure-port=0\n', '--secure-port=0'),
    ], 'with secure-port as a hint');

    await rules().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, podBaseline(text), 'after removing the setting');
    await waitForDiagnostics(fileUri(LEGACY), [legacyFinding], 'of an unopened file with the default again');
  });
});
