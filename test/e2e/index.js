// Tests module for the real VS Code extension host (the `extensionTestsPath` target).
// Used unchanged by both runners in test/e2e/run-offline.sh:
//   - code-server + headless Chromium (default, offline; see test/e2e/drive.js)
//   - @vscode/test-electron (E2E_RUNNER=electron; see test/e2e/run-electron.js)
// It loads the compiled e2e tests <repo>/out/test/e2e/**/*.test.js (`npm run compile-tests`)
// and must export run(): Promise<void>; a rejection makes the extension host exit with code 1.
'use strict';
const fs = require('fs');
const path = require('path');
const mochaModule = require('mocha'); // resolved from the repo's node_modules (npm ci)
// mocha <=11 is CommonJS (module.exports = Mocha); mocha 12 is an ESM wrapper whose
// require() on Node >=20.19 returns a namespace with .default.
const Mocha = mochaModule.default || mochaModule;

const REPO = path.resolve(__dirname, '..', '..');
const TESTS_DIR = path.join(REPO, 'out', 'test', 'e2e');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...findTests(p));
    else if (ent.isFile() && ent.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

exports.run = function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.E2E_MOCHA_TIMEOUT_MS || 60000),
    grep: process.env.E2E_GREP || undefined,
  });
  const files = findTests(TESTS_DIR);
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js under ${TESTS_DIR}; run \`npm run compile-tests\` first`));
  }
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    let runner;
    try {
      runner = mocha.run((failures) => {
        const s = runner.stats || {};
        // Plain summary line; test/e2e/drive.js picks it up and run-offline.sh repeats it last.
        console.log(`e2e: ${s.passes || 0} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else resolve();
      });
    } catch (err) { // e.g. a test file that throws at load time
      console.error(err);
      reject(err);
    }
  });
};
