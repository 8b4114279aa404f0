// `kubeTlsLint.files` and the project file's `include`: other files (`*.yaml.j2`, `*.tpl`) are
// checked as templates, open (whatever their language) and by the workspace scan.
import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { templateNameMatcher } from '../../server/settings';
import { FIXTURES, LspClient, onlyRules, SEED_RULES } from './client';

const POD_TEXT = readFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), 'utf8');
const TEMPLATE = `{% if control_plane %}\n${POD_TEXT}{% endif %}\n`;
const FOUND = ['apiserver-secure-port-disabled', 'apiserver-tls-files-missing'];

describe('template files (stdio)', () => {
  let client: LspClient;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-templates-'));
    writeFileSync(path.join(dir, 'apiserver.yaml.j2'), TEMPLATE);
    writeFileSync(path.join(dir, 'apiserver.tpl'), TEMPLATE);
    writeFileSync(path.join(dir, 'notes.txt'), TEMPLATE);
  });

  afterEach(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const codes = (uri: string) => (client.current().get(uri) ?? []).map((d) => String(d.code)).sort();

  async function scanned(settings: Record<string, unknown>): Promise<void> {
    ({ client } = await LspClient.start({ folders: [dir], settings: { rules: onlyRules(SEED_RULES), ...settings } }));
    await client.waitFor(() => client.progress.find((p) => p.value.kind === 'end'), 'the scan to end');
  }

  it('scans the files kubeTlsLint.files and the project file\'s include name, and no other', async () => {
    writeFileSync(path.join(dir, '.kube-tls-lint.yaml'), 'include:\n  - "*.tpl"\n');
    await scanned({ files: ['**/*.yaml.j2'] });
    assert.deepStrictEqual([...client.current().keys()].filter((u) => client.current().get(u)!.length > 0).sort(), [uriOf('apiserver.tpl'), uriOf('apiserver.yaml.j2')]);
    assert.deepStrictEqual(codes(uriOf('apiserver.yaml.j2')), FOUND);
    assert.deepStrictEqual(codes(uriOf('apiserver.tpl')), FOUND);
  });

  it('checks an open file kubeTlsLint.files names, whatever its language, and no other', async () => {
    await scanned({ files: ['*.yaml.j2'], workspaceScan: { enable: false }, debounceMs: 0 });
    await client.open(uriOf('notes.txt'), TEMPLATE, 'plaintext');
    await client.open(uriOf('apiserver.yaml.j2'), TEMPLATE, 'jinja');
    const published = await client.nextDiagnostics(uriOf('apiserver.yaml.j2'), 0, (p) => p.version === 1);
    assert.deepStrictEqual(published.diagnostics.map((d) => String(d.code)).sort(), FOUND);
    assert.deepStrictEqual(client.publishesOf(uriOf('notes.txt')), []);
  });

  it('matches file names only, never YAML names again', () => {
    const matches = templateNameMatcher(['**/*.yaml.j2', '*.tpl', 'charts/*.x', '']);
    assert.deepStrictEqual(['a.yaml.j2', 'b.tpl', '.hidden.tpl', 'a.yaml', 'c.x', 'a.yaml.j2.bak'].map(matches), [true, true, true, false, false, false]);
  });
});
