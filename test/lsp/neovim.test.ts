// The same server outside VS Code: headless Neovim (Debian's 0.7 built-in LSP client) attaches
// `node dist/server.js --stdio` to a manifest and reads back the diagnostics.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES, SERVER } from './client';

const GUARD_MS = 30000;

// Waits for diagnostics on the current buffer and writes them out as JSON.
const WAIT_AND_REPORT = `
local ok = vim.wait(${GUARD_MS - 5000}, function() return #vim.diagnostic.get(0) > 0 end, 20)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(found, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source, code = d.code or lsp.code, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, diagnostics = found }) }, os.getenv('KTL_OUT'))
vim.cmd('qall!')
`;

// Runs inside Neovim; the guard in vim.wait only turns a hang into a failure.
const SCRIPT = `
local id = vim.lsp.start_client({
  name = 'kube-tls-lint',
  cmd = { os.getenv('KTL_NODE'), os.getenv('KTL_SERVER'), '--stdio' },
  root_dir = vim.fn.getcwd(),
})
vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.argv(0)))
vim.lsp.buf_attach_client(0, id)
${WAIT_AND_REPORT}`;

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
    const result = await runNeovim(SCRIPT);
    assertSecurePortFinding(result);
    assert.ok(result.diagnostics.every((d) => d.source === 'kube-tls-lint'));
  });

  // The README's snippets, run as written but for the server command (the checkout's bundle).
  for (const [label, marker] of [
    ['Neovim 0.7', 'vim.lsp.start_client'],
    ['Neovim 0.8 and later', 'vim.lsp.start('],
  ] as const) {
    it(`the README's ${label} snippet attaches the server to YAML buffers`, async function () {
      const snippet = readmeLuaBlocks().find((block) => block.includes(marker));
      assert.ok(snippet, `the README has no Lua snippet using ${marker}`);
      const cmd = "{ 'kube-tls-lint-server', '--stdio' }";
      assert.ok(snippet.includes(cmd), snippet);
      const init = [
        // vim.lsp.start arrived in 0.8: the newer snippet is skipped on older versions.
        marker === 'vim.lsp.start(' ? "if vim.lsp.start == nil then vim.fn.writefile({ vim.fn.json_encode({ skipped = true }) }, os.getenv('KTL_OUT')); vim.cmd('qall!') end" : '',
        snippet.replace(cmd, "{ os.getenv('KTL_NODE'), os.getenv('KTL_SERVER'), '--stdio' }"),
        "vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.argv(0)))",
        WAIT_AND_REPORT,
      ].join('\n');
      const result = await runNeovim(init, true);
      if (result.skipped) return this.skip();
      assertSecurePortFinding(result);
    });
  }
});

interface NeovimResult {
  ok: boolean;
  skipped?: boolean;
  diagnostics: NvimDiagnostic[];
}

function readmeLuaBlocks(): string[] {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  return [...readme.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function assertSecurePortFinding(result: NeovimResult): void {
  assert.ok(result.ok, `no diagnostics arrived: ${JSON.stringify(result)}`);
  const port = result.diagnostics.find((d) => /--secure-port=0/.test(d.message));
  assert.ok(port, JSON.stringify(result.diagnostics));
  // `    - --secure-port=0` is line 16 of the file (0-based 15); the range covers the flag.
  assert.deepStrictEqual([port.lnum, port.col, port.end_col, port.severity, port.source], [15, 6, 21, 1, 'kube-tls-lint']);
}

/**
 * Runs headless Neovim with `init` as its init.lua on a copy of the control-plane fixture.
 * `openLater`: the init script opens the file itself (so its FileType autocmd fires first).
 */
async function runNeovim(init: string, openLater = false): Promise<NeovimResult> {
  const work = mkdtempSync(path.join(tmpdir(), 'kube-tls-lint-nvim-'));
  try {
    const manifest = path.join(work, 'kube-apiserver.yaml');
    copyFileSync(path.join(FIXTURES, 'workspace', 'control-plane', 'kube-apiserver.yaml'), manifest);
    writeFileSync(path.join(work, 'init.lua'), init);
    const out = path.join(work, 'result.json');
    // Neovim writes its logs and state under the XDG folders: keep them in the temp folder.
    const env: NodeJS.ProcessEnv = { ...process.env, KTL_NODE: process.execPath, KTL_SERVER: SERVER, KTL_OUT: out };
    for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
      env[name] = path.join(work, name.toLowerCase());
      mkdirSync(env[name]);
    }
    // With the file as an argument, Neovim opens it after init.lua; the snippets set up an
    // autocmd first, so there the file is opened by the script (argv stays readable).
    const args = ['--headless', '-n', '-i', 'NONE', '-u', path.join(work, 'init.lua'), ...(openLater ? ['--cmd', 'filetype on'] : []), manifest];
    const nvim = spawn('nvim', args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
    return JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

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
