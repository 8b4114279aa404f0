// The web extension's bundles are built for the browser with no Node polyfill: a Node built-in
// anywhere in their imports fails the build, and a module with a `.browser.ts` twin is replaced
// by it (scripts/browser-build.mjs).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, BuildOptions } from 'esbuild';
import { utf8ByteLength } from '../../shared/workspace/size';

const ROOT = path.resolve(__dirname, '../../..');

async function browserOptions(): Promise<BuildOptions> {
  const { browserBundles } = (await import(pathToFileURL(path.join(ROOT, 'scripts/browser-build.mjs')).href)) as { browserBundles: (common: BuildOptions) => BuildOptions[] };
  const server = browserBundles({ bundle: true, logLevel: 'silent' }).find((b) => b.outfile === 'dist/browserServer.js')!;
  return { ...server, entryPoints: undefined, outfile: undefined, write: false, absWorkingDir: ROOT };
}

/** Bundles `contents` as if it were a module of server/. */
async function bundle(contents: string) {
  return build({ ...(await browserOptions()), stdin: { contents, resolveDir: path.join(ROOT, 'server'), sourcefile: 'probe.ts', loader: 'ts' } });
}

describe('browser bundles', () => {
  for (const builtin of ['node:fs', 'path', 'worker_threads', 'fs/promises']) {
    it(`fail to build when ${builtin} is imported`, async () => {
      await assert.rejects(bundle(`import * as m from '${builtin}'; export const x = m;`), (err: Error) => {
        assert.match(err.message, new RegExp(`Node built-in "${builtin}" imported by server/probe\\.ts: the browser bundles must not depend on Node`));
        return true;
      });
    });
  }

  it('fail to build when a Node built-in is imported deeper down (the Node server modules)', async () => {
    await assert.rejects(bundle(`export * from './workspaceScan';`), /Node built-in "node:path" imported by server\/workspaceScan\.ts/);
  });

  it('use a module\'s .browser.ts twin', async () => {
    const result = await bundle(`import { uriToPath } from './uri'; export const p = uriToPath('file:///etc/x.yaml');`);
    const text = result.outputFiles![0].text;
    assert.match(text, /server\/uri\.browser\.ts/);
    assert.doesNotMatch(text, /fileURLToPath/);
  });

  it('count UTF-8 bytes as Buffer does, without Buffer', () => {
    for (const text of ['', 'plain', 'é', '€', '😀', '\ud800', 'a\udc00b', '\ud83d\ude00\ud83d', 'x'.repeat(1000) + 'ü']) {
      assert.equal(utf8ByteLength(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text));
    }
  });
});
