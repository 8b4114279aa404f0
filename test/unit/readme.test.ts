import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { USAGE } from '../../cli/options';

const README = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

describe('README', () => {
  it('shows the CLI usage exactly as --help prints it', () => {
    const block = /<!-- usage:start[^\n]*-->\n```text\n([\s\S]*?)\n```\n<!-- usage:end -->/.exec(README);
    assert.ok(block, 'README has no usage block between <!-- usage:start --> and <!-- usage:end -->');
    assert.equal(block[1], USAGE);
  });

  it('runs the CLI through commands that exist outside this repository (no npx of an unpublished name, no `|| true`)', () => {
    assert.doesNotMatch(README, /\|\| true/);
    assert.doesNotMatch(README, /npx kube-tls-lint/);
  });
});
