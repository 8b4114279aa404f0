#!/usr/bin/env node
// Drives a running code-server (VS Code 1.100.3 inside) with Debian's Chromium via playwright-core.
// Started by test/e2e/run-offline.sh; see /work/shared/e2e-offline.md for the approach.
//
//   node drive.js test --base http://127.0.0.1:PORT --folder /abs/ws --ext /abs/ext --tests /abs/index.js
//        [--log /abs/automation.log] [--summary /abs/summary.txt]
//     Opens the workbench in extension-test mode (payload extensionDevelopmentPath +
//     extensionTestsPath, as @vscode/test-electron passes them) and exits with the extension
//     host's exit code (0 = the tests module's run() resolved).
//   node drive.js shot --base ... --folder /abs/ws --file /abs/ws/x.yaml --out /abs/x.png [--top LINE] [--hover error|warning]
//     Opens a file (extension installed from a .vsix beforehand), waits for squiggles,
//     opens the Problems panel, with --hover points at the first error (or warning) squiggle
//     and waits for the finding's help (message, why, how to fix, sources), and saves a screenshot;
//     --expect-docs PREFIX fails (exit 1) unless the help's Documentation link starts with PREFIX;
//     --expect-problems LABEL waits for the status bar's problems item to read LABEL.
//
// Env: E2E_TIMEOUT_MS (default 240000), CHROMIUM (default /usr/lib/chromium/chromium),
//      E2E_SHOT_SIZE (screenshot viewport, default 1280x960),
//      E2E_VERBOSE=1 (echo every workbench/browser log line, not just extension output).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { chromium } = require('playwright-core'); // the repo's devDependency (no browser download)

const [mode, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];
const base = (opt.base || '').replace(/\/$/, '');
const authority = new URL(base).host; // code-server's remote authority = host:port of the page
const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 240000);
const deadline = Date.now() + timeoutMs;
const left = () => Math.max(1000, deadline - Date.now());
const verbose = !!process.env.E2E_VERBOSE;
const logFile = opt.log ? fs.createWriteStream(opt.log, { flags: 'a' }) : null;

// Workbench chatter that arrives through codeAutomationLog in test mode (kept in --log only).
// Everything arrives with type 'info' (extension console.log too), so filter by text.
const NOISE = [
  /^Resolv(?:ing|ed) connection token/, /^Creating a socket/, /^Ignoring fetching additional builtin extensions/,
  /^\[Service Worker\]/, /^ChatSessionStore:/, /^Updating additional builtin extensions cache/, /^\s*$/,
];
const SUMMARY = /^e2e: \d+ passed, \d+ failed/;

async function waitHealthy() {
  const until = Date.now() + Math.min(60000, timeoutMs);
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch (_) { /* not up yet */ }
    if (Date.now() > until) throw new Error(`code-server not healthy at ${base}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function workbenchUrl(payload) {
  return `${base}/?folder=${encodeURIComponent(path.resolve(opt.folder))}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function launch(viewport = { width: 1280, height: 800 }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/lib/chromium/chromium', // the ELF, not the /usr/bin wrapper
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => {
    logFile && logFile.write(`[page error] ${e.stack || e.message}\n`);
    console.error(`[page error] ${e.message}`);
  });
  page.on('console', (m) => {
    // 'log'/'info' lines duplicate what codeAutomationLog receives in test mode.
    if (logFile && !['log', 'info', 'debug'].includes(m.type())) logFile.write(`[browser ${m.type()}] ${m.text()}\n`);
    if (verbose) console.error(`[browser ${m.type()}] ${m.text()}`);
  });
  return { browser, page };
}

async function runTests() {
  const ext = path.resolve(opt.ext);
  const tests = path.resolve(opt.tests);
  const { browser, page } = await launch();
  let summary = null;
  let done;
  const exited = new Promise((r) => { done = r; });
  // VS Code's web workbench calls these in extension-test mode (same hooks as @vscode/test-web).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // args are the raw console arguments (format string first, e.g. mocha's '%s (%dms)').
    const text = util.format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, '');
    logFile && logFile.write(`[${type}] ${text}\n`);
    for (const line of text.split('\n')) if (SUMMARY.test(line)) summary = line.trim();
    if (!verbose && NOISE.some((re) => re.test(text))) return;
    (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => done(Number(code)));
  // The session's own deadline, not Playwright's 30 s default: a busy machine loads the workbench slowly.
  await page.goto(workbenchUrl([
    ['extensionDevelopmentPath', remote(ext)],
    ['extensionTestsPath', remote(tests)],
  ]), { timeout: left() });
  const timer = new Promise((r) => setTimeout(() => r('timeout'), left()));
  let code = await Promise.race([exited, timer]);
  await browser.close().catch(() => {});
  let reason = null;
  if (code === 'timeout') {
    reason = `extension tests did not finish within ${timeoutMs} ms`;
    code = 1;
  } else {
    console.log(`extension host exited with code ${code}`);
  }
  if (!summary) {
    reason = reason || `no mocha summary; extension host exit code ${code}`;
    summary = `e2e: 0 passed, 1 failed (${reason})`;
    if (code === 0) code = 1;
  }
  if (reason) console.error(reason);
  if (opt.summary) fs.writeFileSync(opt.summary, `${summary}\n`);
  else console.log(summary);
  return code;
}

async function openProblemsPanel(page) {
  const panel = page.locator('.markers-panel');
  // Focus the editor so the keybinding goes to the workbench, then Ctrl+Shift+M (View: Problems).
  // Click on the first line so the cursor does not land in the middle of the picture.
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+Shift+M');
  try {
    await panel.first().waitFor({ state: 'visible', timeout: 5000 });
    console.log('problems panel opened with Ctrl+Shift+M');
  } catch (_) { // fall back to the command palette
    console.log('Ctrl+Shift+M did not open the problems panel; using the command palette');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10000 });
    await page.keyboard.type('Focus on Problems View');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    await panel.first().waitFor({ state: 'visible', timeout: 10000 });
  }
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: left() });
  return (await page.locator('.markers-panel .monaco-list-row').count());
}

/** Scrolls the editor so `line` (1-based) is the first visible line; waits until it is drawn. */
async function scrollToLine(page, line) {
  // Focus the editor on its first line, then Ctrl+Down (scroll one line) line-1 times.
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
  for (let i = 1; i < line; i++) await page.keyboard.press('Control+ArrowDown');
  await page.waitForFunction((want) => {
    const top = document.querySelector('.monaco-editor .overflow-guard').getBoundingClientRect().top;
    const visible = [...document.querySelectorAll('.monaco-editor .margin-view-overlays .line-numbers')]
      .filter((n) => n.getBoundingClientRect().top >= top - 1)
      .map((n) => Number(n.textContent));
    return Math.min(...visible) === want;
  }, line, { timeout: 10000 });
}

/** Points the mouse at the first squiggle of this severity and waits for kube-tls-lint's hover. */
async function hoverFinding(page, severity) {
  if (!['error', 'warning'].includes(severity)) throw new Error(`--hover ${severity}: use error or warning`);
  const squiggle = page.locator(`.monaco-editor .squiggly-${severity}`).first();
  await squiggle.waitFor({ timeout: left() });
  const box = await squiggle.boundingBox();
  // The decoration takes no pointer events: move over the text under it.
  await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').filter({ hasText: 'How to fix' });
  await hover.first().waitFor({ state: 'visible', timeout: 20000 });
  console.log(`hover shown: ${(await hover.first().innerText()).split('\n')[0]}`);
  const docs = await hover.first().locator('a', { hasText: 'Documentation' }).first().getAttribute('data-href');
  console.log(`hover documentation link: ${docs}`);
  return docs;
}

async function screenshot() {
  // Tall enough that the editor above the Problems panel shows ~30 lines of a manifest.
  const [width, height] = (process.env.E2E_SHOT_SIZE || '1280x960').split('x').map(Number);
  const { browser, page } = await launch({ width, height });
  await page.goto(workbenchUrl([['openFile', remote(opt.file)]]), { timeout: left() });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: left() });
  await page.waitForSelector('.squiggly-error, .squiggly-warning', { timeout: left() });
  const problems = page.locator('[id="status.problems"]');
  await problems.waitFor({ timeout: left() });
  const rows = await openProblemsPanel(page);
  if (opt.top) await scrollToLine(page, Number(opt.top));
  if (opt['expect-problems']) {
    // The workspace scan's findings too (files never opened), as the Problems panel counts them.
    await page.waitForFunction((want) => document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') === want, opt['expect-problems'], { timeout: 30000 })
      .catch(async () => { throw new Error(`status bar problems ${await problems.getAttribute('aria-label')}, expected ${opt['expect-problems']}`); });
  }
  const docs = opt.hover ? await hoverFinding(page, opt.hover) : undefined;
  // The help links the rule page shipped in the extension (in code-server a vscode-remote: URI).
  if (opt['expect-docs'] && !(docs || '').startsWith(opt['expect-docs'])) {
    console.error(`the hover's documentation link ${docs} does not start with ${opt['expect-docs']}`);
    await page.screenshot({ path: opt.out });
    await browser.close();
    return 1;
  }
  // Let the panel finish its layout/animation before capturing (render, not a result wait).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  console.log(`status bar: ${await problems.getAttribute('aria-label')}; problems panel rows: ${rows}`);
  await page.screenshot({ path: opt.out });
  console.log(`screenshot written to ${opt.out}`);
  await browser.close();
  return 0;
}

(async () => {
  await waitHealthy();
  if (mode === 'test') return runTests();
  if (mode === 'shot') return screenshot();
  throw new Error(`unknown mode ${mode}; use test or shot`);
})().then((code) => process.exit(code), (err) => {
  console.error(err);
  if (mode === 'test' && opt.summary) fs.writeFileSync(opt.summary, `e2e: 0 passed, 1 failed (driver error: ${err.message.split('\n')[0]})\n`);
  process.exit(1);
});
