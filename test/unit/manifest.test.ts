// The extension manifest's walkthrough and trust declaration point at what exists.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('extension manifest', () => {
  it('walks through opening a manifest, a fix, the scan and a rule setting, each step with its page', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openManifest', 'applyFix', 'scanWorkspace', 'configureRule']);
    const pages = walkthrough.steps.map((s: { media: { markdown: string } }) => s.media.markdown);
    for (const page of pages) assert.ok(existsSync(path.join(root, page)), page);
    assert.deepEqual([...pages].sort(), readdirSync(path.join(root, 'walkthrough')).map((f) => `walkthrough/${f}`).sort(), 'every page is a step');
    const ours = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      for (const [, command] of step.description.matchAll(/\(command:(kube-tls-lint\.[\w.]+)/g)) assert.ok(ours.has(command), command);
    }
    const settings = manifest.contributes.configuration.properties;
    assert.ok(settings['kubeTlsLint.rules']);
  });

  it('runs in Restricted Mode without the workspace\'s fix paths', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    const settings = manifest.contributes.configuration.properties;
    assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, Object.keys(settings).filter((key) => key === 'kubeTlsLint.fix' || key.startsWith('kubeTlsLint.fix.')));
    assert.equal(virtualWorkspaces.supported, 'limited');
  });

  it('has a web extension: the browser entry and its worker server are what the build makes', () => {
    assert.equal(manifest.browser, './dist/browserExtension.js');
    const build = readFileSync(path.join(root, 'scripts/browser-build.mjs'), 'utf8');
    assert.match(build, /outfile: 'dist\/browserExtension\.js'/);
    assert.match(build, /outfile: 'dist\/browserServer\.js'/);
    const client = readFileSync(path.join(root, 'client/browserExtension.ts'), 'utf8');
    assert.match(client, /joinPath\(context\.extensionUri, 'dist', 'browserServer\.js'\)/);
    // Shipped in the .vsix (its ignore file keeps only what is listed).
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const bundle of ['dist/browserExtension.js', 'dist/browserServer.js']) assert.ok(ignore.includes(`!${bundle}`), bundle);
  });
});
