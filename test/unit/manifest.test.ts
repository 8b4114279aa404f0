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

  it('runs in Restricted Mode without the workspace\'s fix paths, and only on disk', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    const settings = manifest.contributes.configuration.properties;
    assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, Object.keys(settings).filter((key) => key === 'kubeTlsLint.fix' || key.startsWith('kubeTlsLint.fix.')));
    assert.equal(virtualWorkspaces.supported, false);
  });
});
