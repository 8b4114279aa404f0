import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding } from '../engine';
import { RULES, YAML_SYNTAX_RULE_ID } from '../rules';
import { docsUrl, Severity } from '../rules/types';
import type { LineIndex } from '../model/text';

/** A finding placed in a file, with 1-based positions (end column exclusive, as in SARIF). */
export interface FileFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Other places that explain the finding, each with its file (the finding's own, or another). */
  related?: Array<{ file: string; message: string; line: number; column: number; endLine: number; endColumn: number }>;
}

export function placeFinding(file: string, finding: Finding, lines: LineIndex): FileFinding {
  const start = lines.positionAt(finding.range.start);
  const end = lines.positionAt(finding.range.end);
  return {
    file,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    ...(finding.related?.length
      ? {
          related: finding.related.map((r) => {
            const from = lines.positionAt(r.range.start);
            const to = lines.positionAt(r.range.end);
            return { file, message: r.message, line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
          }),
        }
      : {}),
  };
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

export function formatText(findings: readonly FileFinding[], filesScanned: number, color: boolean): string {
  const out: string[] = [];
  for (const f of findings) {
    const severity = color ? `${COLORS[f.severity]}${f.severity}${RESET}` : f.severity;
    const rule = color ? `${DIM}[${f.ruleId}]${RESET}` : `[${f.ruleId}]`;
    out.push(`${f.file}:${f.line}:${f.column} ${severity} ${f.message} ${rule}`);
    for (const r of f.related ?? []) out.push(`  ${r.file}:${r.line}:${r.column} ${r.message}`);
  }
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
  const noun = filesScanned === 1 ? 'file' : 'files';
  out.push(findings.length === 0 ? `No problems found in ${filesScanned} ${noun}.` : `${findings.length} problem${findings.length === 1 ? '' : 's'} (${parts.join(', ')}) in ${filesScanned} ${noun} scanned.`);
  return out.join('\n') + '\n';
}

export function formatJson(findings: readonly FileFinding[], filesScanned: number): string {
  return JSON.stringify({ version: 1, findings, filesScanned }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** `root` is the folder `file` paths are relative to (the CLI's working folder). */
export function formatSarif(findings: readonly FileFinding[], version: string, root = process.cwd()): string {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((rule) => ({
    id: rule.meta.id,
    name: toPascalCase(rule.meta.id),
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.description },
    help: { text: rule.meta.remediation, markdown: `${rule.meta.description}\n\n**How to fix:** ${rule.meta.remediation}\n\n[Documentation](${docsUrl(rule.meta.id)})` },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: SARIF_LEVEL[rule.meta.defaultSeverity] },
    properties: {
      tags: ['security', 'kubernetes', 'tls', ...rule.meta.sources.map((s) => `${s.kind} ${s.id}`)],
      'security-severity': rule.meta.defaultSeverity === 'error' ? '8.0' : rule.meta.defaultSeverity === 'warning' ? '5.0' : '2.0',
    },
  }));
  rules.push({
    id: YAML_SYNTAX_RULE_ID,
    name: 'YamlSyntax',
    shortDescription: { text: 'YAML syntax error' },
    fullDescription: { text: 'The document is not valid YAML and was not checked.' },
    help: { text: 'Fix the YAML syntax so the document can be checked.' },
    helpUri: 'https://github.com/kube-tls-lint/kube-tls-lint#rules',
    defaultConfiguration: { level: 'error' },
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-tls-lint',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/kube-tls-lint/kube-tls-lint',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: toFileUri(root) + '/' } },
        results: findings.map((f) => {
          // Files outside the working folder are shown with their absolute path.
          const artifactLocation = path.isAbsolute(f.file) ? { uri: toFileUri(f.file) } : { uri: toRelativeUri(f.file), uriBaseId: '%SRCROOT%' };
          const result: Sarif.Result = {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
          };
          if (f.related) {
            result.relatedLocations = f.related.map((r, i) => ({
              id: i + 1,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: r.file === f.file ? artifactLocation : path.isAbsolute(r.file) ? { uri: toFileUri(r.file) } : { uri: toRelativeUri(r.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            }));
          }
          return result;
        }),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toPascalCase(id: string): string {
  return id.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function toRelativeUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/').replace(/^\.\//, '');
}

/** A file URI as the platform writes it (`file:///C:/…` on Windows). */
function toFileUri(file: string): string {
  return pathToFileURL(file).href;
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff. */
export function formatGithub(findings: readonly FileFinding[]): string {
  // The runner reads `%`, CR and LF escaped in messages, and `,` and `:` too in properties.
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return findings
    .map((f) => {
      const where = `file=${property(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn}`;
      return `::${GITHUB_COMMAND[f.severity]} ${where},title=${property(`kube-tls-lint (${f.ruleId})`)}::${data(f.message)}\n`;
    })
    .join('');
}

/** JUnit XML: one test case per file scanned, one failure per finding in it. */
export function formatJunit(findings: readonly FileFinding[], files: readonly string[]): string {
  const byFile = groupByFile(findings, files);
  // JUnit counts failed test cases: files with at least one finding.
  const failed = [...byFile.values()].filter((list) => list.length > 0).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="kube-tls-lint" tests="${byFile.size}" failures="${failed}">`];
  out.push(`  <testsuite name="kube-tls-lint" tests="${byFile.size}" failures="${failed}" errors="0" skipped="0">`);
  for (const [file, list] of byFile) {
    const name = xml(file);
    if (list.length === 0) {
      out.push(`    <testcase classname="kube-tls-lint" name="${name}" file="${name}"/>`);
      continue;
    }
    out.push(`    <testcase classname="kube-tls-lint" name="${name}" file="${name}">`);
    for (const f of list) {
      out.push(`      <failure type="${xml(f.ruleId)}" message="${xml(`${f.line}:${f.column} ${f.message}`)}">${xml(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.ruleId}]`)}</failure>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** Checkstyle XML, as read by Jenkins' Warnings plugin, reviewdog and many CI dashboards. */
export function formatCheckstyle(findings: readonly FileFinding[], files: readonly string[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const [file, list] of groupByFile(findings, files)) {
    if (list.length === 0) {
      out.push(`  <file name="${xml(file)}"/>`);
      continue;
    }
    out.push(`  <file name="${xml(file)}">`);
    for (const f of list) {
      const severity = f.severity === 'hint' ? 'info' : f.severity;
      out.push(`    <error line="${f.line}" column="${f.column}" severity="${severity}" message="${xml(f.message)}" source="kube-tls-lint.${xml(f.ruleId)}"/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

/**
 * GitLab Code Quality report. A fingerprint hashes the file, the rule, the message and the
 * finding's rank among identical ones, not its line, so it survives edits elsewhere in the file
 * and GitLab tells new findings from old ones.
 */
export function formatGitlab(findings: readonly FileFinding[]): string {
  const seen = new Map<string, number>();
  const issues = findings.map((f) => {
    const key = `${f.file}\0${f.ruleId}\0${f.message}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      categories: ['Security'],
      severity: GITLAB_SEVERITY[f.severity],
      fingerprint: createHash('sha256').update(`${key}\0${rank}`).digest('hex'),
      location: { path: f.file, positions: { begin: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

/** Findings by file, in the order files were scanned (files without findings included). */
function groupByFile(findings: readonly FileFinding[], files: readonly string[]): Map<string, FileFinding[]> {
  const byFile = new Map<string, FileFinding[]>(files.map((f) => [f, []]));
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return byFile;
}

function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; markup characters are escaped.
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}
