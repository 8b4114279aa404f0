// Bundles the CLI, the language server and the VS Code client with esbuild (and the web extension's, see browser-build.mjs).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { browserBundles } from './browser-build.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { KUBE_TLS_LINT_VERSION: JSON.stringify(version) },
};

const bundles = [
  { ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  ...browserBundles(common),
].filter((options) => existsSync(options.entryPoints[0]));

await Promise.all(bundles.map((options) => build(options).catch((err) => { console.error(err.message); process.exitCode = 1; })));
