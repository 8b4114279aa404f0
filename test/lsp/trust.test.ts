// An untrusted workspace (VS Code's Restricted Mode): the project file's rules apply, its fix
// paths do not; a trusted one uses both.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyWorkspaceEdit, FIXTURES, LspClient, onlyRules, SEED_RULES } from './client';

const POD_TEXT = readFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), 'utf8');
const TLS = 'apiserver-tls-files-missing';
const LAST_FLAG = '    - --client-ca-file=/etc/kubernetes/pki/ca.crt\n';
const PROJECT = 'rules:\n  apiserver-secure-port-disabled: off\nfix:\n  tlsCertFile: /srv/pki/serving.crt\n  tlsPrivateKeyFile: /srv/pki/serving.key\n';

describe('workspace trust (stdio)', () => {
  let client: LspClient;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-trust-'));
    writeFileSync(path.join(dir, '.kube-tls-lint.yaml'), PROJECT);
    writeFileSync(path.join(dir, 'pod.yaml'), POD_TEXT);
  });

  afterEach(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function tlsFixResult(initializationOptions: Record<string, unknown>): Promise<string> {
    ({ client } = await LspClient.start({ folders: [dir], settings: { rules: onlyRules(SEED_RULES), debounceMs: 0, workspaceScan: { enable: false } }, initializationOptions }));
    const uri = pathToFileURL(path.join(dir, 'pod.yaml')).href;
    await client.open(uri, POD_TEXT);
    const { diagnostics } = await client.nextDiagnostics(uri, 0, (p) => p.version === 1);
    // The project file's rules apply either way.
    assert.deepStrictEqual(diagnostics.map((d) => d.code), [TLS]);
    const actions = (await client.codeActions(uri, diagnostics[0].range, diagnostics)) ?? [];
    const fix = actions.find((a) => a.isPreferred)!;
    return applyWorkspaceEdit(POD_TEXT, uri, fix.edit);
  }

  it('inserts the project file\'s paths in a trusted workspace (and for clients that do not say)', async () => {
    const fixed = await tlsFixResult({ workspaceTrusted: true });
    assert.strictEqual(fixed, POD_TEXT.replace(LAST_FLAG, `${LAST_FLAG}    - --tls-cert-file=/srv/pki/serving.crt\n    - --tls-private-key-file=/srv/pki/serving.key\n`));
    await client.stop();
    assert.strictEqual(await tlsFixResult({}), fixed);
  });

  it('inserts the built-in paths in an untrusted workspace', async () => {
    const fixed = await tlsFixResult({ workspaceTrusted: false });
    assert.strictEqual(fixed, POD_TEXT.replace(LAST_FLAG, `${LAST_FLAG}    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n`));
  });
});
