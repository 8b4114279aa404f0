// The web extension's bundles (VS Code for the Web): the client and the language server for a
// Web Worker. Built for the browser with no Node polyfill: an import of a Node built-in fails the
// build, naming the file. Modules that need Node have a `.browser.ts` twin beside them (same
// exports, no file system), which these bundles use instead.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Fails the build on `node:fs`, `path`, `worker_threads`, ... wherever they are imported from. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!nodeBuiltins.has(args.path) && !nodeBuiltins.has(args.path.split('/')[0])) return undefined;
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${path.relative(process.cwd(), args.importer)}: the browser bundles must not depend on Node (give the module a .browser.ts twin)` }] };
    });
  },
};

/** `./uri` resolves to `./uri.browser.ts` when that twin exists. */
const browserTwins = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const twin = path.resolve(args.resolveDir, `${args.path}.browser.ts`);
      return existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

export function browserBundles(common) {
  const browser = { ...common, platform: 'browser', target: 'es2022', plugins: [noNodeBuiltins, browserTwins] };
  return [
    { ...browser, entryPoints: ['client/browserExtension.ts'], outfile: 'dist/browserExtension.js', format: 'cjs', external: ['vscode'] },
    { ...browser, entryPoints: ['server/browser.ts'], outfile: 'dist/browserServer.js', format: 'iife' },
  ];
}
