// Packages the VS Code extension (.vsix) from a staging folder. The package manifest's `files`
// list is for the npm package (the CLI); vsce refuses a manifest with both `files` and a
// .vscodeignore, so the staged manifest drops `files` and the .vscodeignore decides.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
delete manifest.files;
// Already built above; the staging folder has no sources to build from.
delete manifest.scripts['vscode:prepublish'];
delete manifest.scripts.prepack;

const stage = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-vsix-'));
try {
  for (const entry of ['.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'dist/server.js', 'dist/browserExtension.js', 'dist/browserServer.js', 'docs/rules', 'schemas', 'walkthrough', 'syntaxes', 'images/icon.png']) {
    cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
  }
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const out = path.join(root, `${manifest.name}-${manifest.version}.vsix`);
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
