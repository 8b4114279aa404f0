import { defaultConfig, LintConfig } from './config';
import { componentsOf } from './model/components';
import { SourceEditor } from './model/edit';
import { parseYaml } from './model/parse';
import { resourcesOf } from './model/resources';
import { hasTemplateActions } from './model/template';
import { applyEdits, LineIndex, Range, TextEdit } from './model/text';
import { RULES, RULES_BY_ID, YAML_SYNTAX_RULE_ID } from './rules';
import { docsUrl, Report, RuleVisitors, Severity } from './rules/types';
import { isSuppressed, readSuppressions } from './suppress';

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred: boolean;
  safe: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  docsUrl?: string;
}

export interface LintOptions {
  config?: LintConfig;
  /** A Helm template (by path or language): template actions never produce syntax errors. */
  helm?: boolean;
  /** Texts longer than this (in UTF-16 units) are skipped with a notice. */
  maxLength?: number;
}

export interface LintResult {
  findings: Finding[];
  /** Why (part of) the text was not checked: size cap, unparseable input. */
  notices: string[];
  /** The text held at least one Kubernetes-style resource (or looked like it). */
  isKubernetes: boolean;
  lines: LineIndex;
}

// Anything without these words cannot hold a resource, so it is not even parsed.
const KUBERNETES_HINT = /\bapiVersion\b/;

export function lint(text: string, options: LintOptions = {}): LintResult {
  const config = options.config ?? defaultConfig();
  const lines = new LineIndex(text);
  const result: LintResult = { findings: [], notices: [], isKubernetes: false, lines };
  if (options.maxLength !== undefined && text.length > options.maxLength) {
    result.notices.push(`skipped: ${Math.round(text.length / 1024)} KB is over the ${Math.round(options.maxLength / 1024)} KB size limit`);
    return result;
  }
  if (text.includes('\u0000')) {
    result.notices.push('skipped: binary content (NUL bytes)');
    return result;
  }
  if (!KUBERNETES_HINT.test(text)) return result;

  const file = parseYaml(text);
  const templated = options.helm || file.templateRanges.length > 0 || hasTemplateActions(text);
  const raw: Array<Report & { ruleId: string }> = [];
  if (file.fatal) {
    result.notices.push(file.fatal.message);
    if (!templated) raw.push({ ruleId: YAML_SYNTAX_RULE_ID, range: file.fatal.range, message: file.fatal.message });
  }

  const editor = new SourceEditor(text);
  const enabled = RULES.filter((rule) => severityOf(rule.meta.id, rule.meta.defaultSeverity, config) !== undefined);
  // Rules report through one context each; findings in a resource that disables the rule by annotation are dropped.
  const visitors: RuleVisitors[] = [];
  let currentResourceDisabled: ReadonlySet<string> = new Set();
  for (const rule of enabled) {
    visitors.push(
      rule.create({
        text,
        editor,
        fixDefaults: config.fix,
        report: (report: Report) => {
          if (!currentResourceDisabled.has(rule.meta.id)) raw.push({ ...report, ruleId: rule.meta.id });
        },
      }),
    );
  }

  for (const parsed of file.documents) {
    if (parsed.syntaxError) {
      const docText = text.slice(parsed.range.start, parsed.range.end);
      // Only YAML that looks like a resource gets a syntax error; template noise never does.
      if (!templated && /\bapiVersion\b/.test(docText) && /\bkind\b/.test(docText)) {
        result.isKubernetes = true;
        raw.push({ ruleId: YAML_SYNTAX_RULE_ID, range: parsed.syntaxError.range, message: `YAML syntax error: ${parsed.syntaxError.message}` });
      }
      continue;
    }
    for (const resource of resourcesOf(parsed)) {
      result.isKubernetes = true;
      currentResourceDisabled = resource.disabledRules;
      const components = componentsOf(resource, file, editor);
      for (const v of visitors) {
        v.resource?.(resource);
        if (v.component) for (const component of components) v.component(component);
      }
      currentResourceDisabled = new Set();
    }
  }

  const suppressions = readSuppressions(text, lines);
  for (const report of raw) {
    const severity = severityOf(report.ruleId, RULES_BY_ID.get(report.ruleId)?.meta.defaultSeverity ?? 'error', config);
    if (!severity) continue;
    if (isSuppressed(suppressions, report.ruleId, lines.positionAt(report.range.start).line)) continue;
    const fixes: Fix[] = (report.fixes ?? [])
      .filter((f) => f.edits && f.edits.length > 0)
      .map((f) => ({ title: f.title, edits: f.edits!, isPreferred: !!f.isPreferred, safe: f.safe !== false }));
    result.findings.push({
      ruleId: report.ruleId,
      severity,
      message: report.message,
      range: report.range,
      fixes,
      docsUrl: report.ruleId === YAML_SYNTAX_RULE_ID ? undefined : docsUrl(report.ruleId),
    });
  }
  result.findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return result;
}

function severityOf(ruleId: string, fallback: Severity, config: LintConfig): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? fallback;
}

export interface FixAllResult {
  text: string;
  /** Titles of the fixes applied, in order. */
  applied: Array<{ ruleId: string; title: string }>;
}

/**
 * Applies every safe fix (the preferred one of each finding), re-linting between passes
 * so fixes never overlap, until nothing changes.
 */
export function fixAll(text: string, options: LintOptions = {}, ruleIds?: ReadonlySet<string>): FixAllResult {
  const applied: FixAllResult['applied'] = [];
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const { findings } = lint(current, options);
    const chosen: TextEdit[] = [];
    let changed = false;
    for (const finding of findings) {
      if (ruleIds && !ruleIds.has(finding.ruleId)) continue;
      const fix = finding.fixes.find((f) => f.safe && f.isPreferred) ?? finding.fixes.find((f) => f.safe);
      if (!fix) continue;
      if (fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || e.start === c.start))) continue;
      chosen.push(...fix.edits);
      applied.push({ ruleId: finding.ruleId, title: fix.title });
      changed = true;
    }
    if (!changed) break;
    current = applyEdits(current, chosen);
  }
  return { text: current, applied };
}
