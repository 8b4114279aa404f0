// `--format html`: one self-contained page whose numbers equal the JSON output, rendered in a
// real browser (Chromium through playwright-core) where its links open the files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES_BY_ID } from '../../shared/rules';
import { sourceLabel } from '../../shared/rules/types';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
// Every rule on: many rules, CIS controls, severities and folders.
const WORKSPACE = path.join(ROOT, 'test/fixtures/workspace');
const CHROMIUM = process.env.CHROMIUM || '/usr/lib/chromium/chromium';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  column: number;
}

function cli(format: string): string {
  const result = spawnSync(process.execPath, [CLI, '--format', format, '.'], { cwd: WORKSPACE, encoding: 'utf8' });
  if (result.error) throw result.error;
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return result.stdout;
}

/** What the JSON says each grouping's counts are. */
function expectedGroups(findings: readonly JsonFinding[]): Record<string, Record<string, number>> {
  const groups: Record<string, Record<string, number>> = { rule: {}, cis: {}, severity: {}, folder: {} };
  const add = (group: string, key: string) => (groups[group][key] = (groups[group][key] ?? 0) + 1);
  for (const f of findings) {
    add('rule', f.ruleId);
    add('severity', f.severity);
    add('folder', path.posix.dirname(f.file));
    const cis = [...new Set((RULES_BY_ID.get(f.ruleId)?.meta.sources ?? []).filter((s) => s.kind === 'CIS').map(sourceLabel))];
    for (const key of cis.length ? cis : ['no CIS control']) add('cis', key);
  }
  return groups;
}

describe('CLI --format html', () => {
  const json = JSON.parse(cli('json')) as { findings: JsonFinding[]; filesScanned: number };
  const html = cli('html');

  it('counts by rule, CIS control, severity and folder exactly as the JSON output', () => {
    assert.ok(json.findings.length > 3, 'the workspace has findings');
    const groups: Record<string, Record<string, number>> = {};
    for (const [, group, body] of html.matchAll(/<section data-group="(\w+)">([\s\S]*?)<\/section>/g)) {
      groups[group] = {};
      for (const [, key, count] of body.matchAll(/<tr data-key="([^"]*)" data-count="(\d+)">/g)) groups[group][key] = Number(count);
    }
    const { findings: _list, ...counted } = groups;
    assert.deepEqual(counted, expectedGroups(json.findings));
    assert.match(html, new RegExp(`<p id="summary" data-total="${json.findings.length}" data-files="${json.filesScanned}">`));
    assert.equal([...html.matchAll(/<tr class="finding"/g)].length, json.findings.length);
  });

  it('needs no network: no script, no remote resource, a policy that forbids both', () => {
    assert.doesNotMatch(html, /<script|<link|src=|url\(|https?:\/\//i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  });

  it('renders in Chromium with the same numbers, and every link opens its file', async function () {
    if (!existsSync(CHROMIUM)) this.skip();
    this.timeout(60000);
    const { chromium } = await import('playwright-core');
    // Saved where the CLI ran: the links are relative to that folder.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-html-'));
    const page = path.join(WORKSPACE, `.report-${path.basename(dir)}.html`);
    writeFileSync(page, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage();
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(r.url()));
      await tab.goto(pathToFileURL(page).href);
      assert.deepEqual(requests, [pathToFileURL(page).href], 'the page loads nothing else');
      const total = await tab.locator('#summary').getAttribute('data-total');
      assert.equal(Number(total), json.findings.length);
      const visibleRows = await tab.locator('tr.finding').count();
      assert.equal(visibleRows, json.findings.length);
      const ruleRows = await tab.locator('section[data-group="rule"] tr[data-key]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-key'), Number(r.querySelector('td.n')!.textContent)]));
      assert.deepEqual(Object.fromEntries(ruleRows), expectedGroups(json.findings).rule);
      const links = await tab.locator('tr.finding a').evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href));
      assert.equal(links.length, json.findings.length);
      for (const [i, link] of links.entries()) assert.equal(link, pathToFileURL(path.join(WORKSPACE, json.findings[i].file)).href);
      for (const link of new Set(links)) assert.ok(existsSync(new URL(link)), link);
    } finally {
      await browser.close();
      rmSync(page, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
