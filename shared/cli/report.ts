import * as path from 'node:path';
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
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                // Files outside the working folder are shown with their absolute path.
                artifactLocation: path.isAbsolute(f.file) ? { uri: toFileUri(f.file) } : { uri: toRelativeUri(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
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

function toFileUri(dir: string): string {
  return 'file://' + dir.split(/[\\/]/).map(encodeURIComponent).join('/');
}
