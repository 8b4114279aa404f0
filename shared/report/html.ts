import { RULES_BY_ID } from '../rules';
import { SEVERITIES, Severity, sourceLabel } from '../rules/types';
import type { FileFinding } from './formats';

// Without node:path, as the report is also rendered by the browser language server: the CLI's
// paths use the platform's separator, the editor's always `/`.
const PATH_SEP = typeof process !== 'undefined' && process.platform === 'win32' ? '\\' : '/';

/** path.posix.dirname: `a/b` of `a/b/c.yaml`, `.` of a bare name, `/` of `/c.yaml`. */
function posixDirname(file: string): string {
  const trimmed = file.length > 1 ? file.replace(/\/+$/, '') : file;
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return '.';
  if (at === 0) return '/';
  return trimmed.slice(0, at).replace(/\/+$/, '') || '/';
}

/** One way of grouping the findings: a name per finding (several for CIS, one per control). */
interface Grouping {
  id: string;
  title: string;
  keysOf: (finding: FileFinding) => string[];
}

const NO_CIS = 'no CIS control';

const GROUPINGS: Grouping[] = [
  { id: 'rule', title: 'By rule', keysOf: (f) => [f.ruleId] },
  {
    id: 'cis',
    title: 'By CIS control',
    keysOf: (f) => {
      const ids = (RULES_BY_ID.get(f.ruleId)?.meta.sources ?? []).filter((s) => s.kind === 'CIS').map(sourceLabel);
      return ids.length ? ids : [NO_CIS];
    },
  },
  { id: 'severity', title: 'By severity', keysOf: (f) => [f.severity] },
  { id: 'folder', title: 'By folder', keysOf: (f) => [posixDirname(f.file.split(PATH_SEP).join('/'))] },
];

const SEVERITY_COLOR: Record<Severity, string> = { error: '#d1242f', warning: '#bf8700', info: '#0969da', hint: '#6e7781' };

/**
 * One self-contained HTML page (no script, no network): the findings counted by rule, CIS
 * control, severity and folder, each with a bar chart, then every finding with a link to its
 * file (relative to the folder the report was made in). Counts are in `data-count` attributes.
 */
export function formatHtml(findings: readonly FileFinding[], filesScanned: number, version: string, linkOf: (finding: FileFinding) => string = relativeLink): string {
  const sections = GROUPINGS.map((grouping) => {
    const counts = new Map<string, number>();
    for (const finding of findings) for (const key of new Set(grouping.keysOf(finding))) counts.set(key, (counts.get(key) ?? 0) + 1);
    const rows = [...counts].sort((a, b) => b[1] - a[1] || (grouping.id === 'severity' ? SEVERITIES.indexOf(a[0] as Severity) - SEVERITIES.indexOf(b[0] as Severity) : a[0].localeCompare(b[0])));
    const max = Math.max(1, ...counts.values());
    const body = rows
      .map(([key, count]) => {
        const title = grouping.id === 'rule' ? RULES_BY_ID.get(key)?.meta.title : undefined;
        const label = `${escapeHtml(key)}${title ? ` <span class="note">${escapeHtml(title)}</span>` : ''}`;
        const color = grouping.id === 'severity' ? SEVERITY_COLOR[key as Severity] : '#326ce5';
        const width = Math.max(1, Math.round((count / max) * 100));
        return `<tr data-key="${escapeHtml(key)}" data-count="${count}"><td>${label}</td><td class="n">${count}</td><td class="bar"><span style="width:${width}%;background:${color}"></span></td></tr>`;
      })
      .join('\n');
    return `<section data-group="${grouping.id}"><h2>${grouping.title}</h2>\n<table>\n<tr><th>${grouping.title.replace('By ', '')}</th><th>Findings</th><th></th></tr>\n${body}\n</table></section>`;
  });
  const list = findings
    .map((f) => {
      return `<tr class="finding" data-rule="${escapeHtml(f.ruleId)}"><td><a href="${escapeHtml(linkOf(f))}">${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</a></td><td class="sev ${f.severity}">${f.severity}</td><td>${escapeHtml(f.message)}</td><td>${escapeHtml(f.ruleId)}</td></tr>`;
    })
    .join('\n');
  const summary = findings.length === 0 ? `No problems found in ${filesScanned} file${filesScanned === 1 ? '' : 's'}.` : `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${filesScanned} file${filesScanned === 1 ? '' : 's'} scanned.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>kube-tls-lint report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
td, th { padding: 2px 10px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
td.bar { width: 220px; }
td.bar span { display: block; height: 12px; }
.note { color: #6e7781; }
.sev.error { color: ${SEVERITY_COLOR.error}; } .sev.warning { color: ${SEVERITY_COLOR.warning}; } .sev.info { color: ${SEVERITY_COLOR.info}; } .sev.hint { color: ${SEVERITY_COLOR.hint}; }
</style>
</head>
<body>
<h1>kube-tls-lint report</h1>
<p id="summary" data-total="${findings.length}" data-files="${filesScanned}">${escapeHtml(summary)} kube-tls-lint ${escapeHtml(version)}.</p>
${sections.join('\n')}
<section data-group="findings"><h2>Findings</h2>
<table>
<tr><th>Where</th><th>Severity</th><th>Message</th><th>Rule</th></tr>
${list}
</table></section>
</body>
</html>
`;
}

/** The file relative to the folder the report is saved in. */
function relativeLink(finding: FileFinding): string {
  return finding.file.split(PATH_SEP).map(encodeURIComponent).join('/');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
