#!/usr/bin/env node
// E2E_RUNNER=electron branch of test/e2e/run-offline.sh: the same tests module
// (test/e2e/index.js) run by @vscode/test-electron in a desktop VS Code.
// Needs internet (test-electron downloads VS Code from update.code.visualstudio.com) and, on a
// headless Linux box, an X server (e.g. `xvfb-run -a bash test/e2e/run-offline.sh`).
// Needs `@vscode/test-electron@^2.5.2` (3.x wants Node >=22) installed as a devDependency.
//
// Env (set by run-offline.sh): E2E_EXT_DIR, E2E_TESTS_PATH, E2E_WORKSPACE; VSCODE_VERSION (default 'stable').
'use strict';
const path = require('path');

async function main() {
  let runTests;
  try {
    ({ runTests } = require('@vscode/test-electron'));
  } catch (_) {
    console.error('@vscode/test-electron is not installed; `npm i -D @vscode/test-electron@^2.5.2` (or use the default offline runner)');
    return 2;
  }
  const repo = path.resolve(__dirname, '..', '..');
  const extensionDevelopmentPath = path.resolve(process.env.E2E_EXT_DIR || repo);
  const extensionTestsPath = path.resolve(process.env.E2E_TESTS_PATH || path.join(__dirname, 'index.js'));
  const workspace = process.env.E2E_WORKSPACE;
  if (!workspace) {
    console.error('E2E_WORKSPACE (a temporary copy of test/e2e/fixtures/workspace) is not set');
    return 2;
  }
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  // runTests rejects when the tests module's run() rejects (test failures) or VS Code fails to start.
  console.error(err && err.message ? err.message : err);
  process.exit(1);
});
