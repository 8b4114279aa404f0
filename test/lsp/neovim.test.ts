// The same server outside VS Code: headless Neovim (Debian's 0.7 built-in LSP client) attaches
// `node dist/server.js --stdio` to a manifest and reads back the diagnostics.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES, SERVER } from './client';

const GUARD_MS = 30000;

// Runs inside Neovim; the guard in vim.wait only turns a hang into a failure.
const SCRIPT = `
local id = vim.lsp.start_client({
  name = 'kube-tls-lint',
  cmd = { os.getenv('KTL_NODE'), os.getenv('KTL_SERVER'), '--stdio' },
  root_dir = vim.fn.getcwd(),
})
vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.argv(0)))
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(${GUARD_MS - 5000}, function() return #vim.diagnostic.get(0) > 0 end, 20)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(found, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source, code = d.code or lsp.code, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, diagnostics = found }) }, os.getenv('KTL_OUT'))
vim.lsp.stop_client(id)
vim.cmd('qall!')
`;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_col: number;
  severity: number;
  source: string;
  code?: string;
  message: string;
}

describe('headless Neovim', function () {
  this.timeout(GUARD_MS + 10000);

  before(function () {
    // Looked up on PATH, not run: even `nvim --version` writes under ~/.cache.
    if (!onPath('nvim')) {
      console.log('      skipped: `nvim` is not installed (apt-get install -y neovim); .ci/run installs it.');
      this.skip();
    }
  });

  it('attaches the server to a manifest and gets its diagnostics', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-nvim-'));
    try {
      const manifest = path.join(work, 'kube-apiserver.yaml');
      copyFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), manifest);
      writeFileSync(path.join(work, 'init.lua'), SCRIPT);
      const out = path.join(work, 'result.json');
      // Neovim writes its logs and state under the XDG folders: keep them in the temp folder.
      const env: NodeJS.ProcessEnv = { ...process.env, KTL_NODE: process.execPath, KTL_SERVER: SERVER, KTL_OUT: out };
      for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
        env[name] = path.join(work, name.toLowerCase());
        mkdirSync(env[name]!);
      }
      const nvim = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(work, 'init.lua'), manifest], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      nvim.stdout.on('data', (d) => (output += String(d)));
      nvim.stderr.on('data', (d) => (output += String(d)));
      const code = await new Promise<number | null>((resolve, reject) => {
        const guard = setTimeout(() => {
          nvim.kill('SIGKILL');
          reject(new Error(`nvim did not exit within ${GUARD_MS} ms: ${output}`));
        }, GUARD_MS);
        nvim.on('exit', (exitCode) => {
          clearTimeout(guard);
          resolve(exitCode);
        });
      });
      assert.strictEqual(code, 0, output);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: NvimDiagnostic[] };
      assert.ok(result.ok, `no diagnostics arrived: ${output}`);
      const port = result.diagnostics.find((d) => /--secure-port=0/.test(d.message));
      assert.ok(port, JSON.stringify(result.diagnostics));
      // `    - --secure-port=0` is line 16 of the file (0-based 15); the range covers the flag.
      assert.deepStrictEqual([port.lnum, port.col, port.end_col, port.severity, port.source], [15, 6, 21, 1, 'kube-tls-lint']);
      assert.ok(result.diagnostics.every((d) => d.source === 'kube-tls-lint'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      // Not in this folder.
    }
  }
  return false;
}
