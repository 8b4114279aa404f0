import { visit } from 'yaml';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { LintConfig } from '../shared/config';
import { Finding, fixAll, lint } from '../shared/engine';
import { parseYaml } from '../shared/model/parse';
import { LineIndex, TextEdit, applyEdits } from '../shared/model/text';
import { YAML_SYNTAX_RULE_ID } from '../shared/rules';
import { DIRECTIVE_PREFIX } from '../shared/suppress';
import { DiagnosticData, FileFacts, SOURCE, toDiagnostic } from './analysis';
import type { DiagnosticsController } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-tls-lint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionDeps {
  diagnostics: DiagnosticsController;
  facts: (uri: string) => FileFacts;
  /** The client applies `documentChanges` (versioned edits it refuses on a changed document). */
  versionedEdits: boolean;
}

/**
 * Quick fixes, suppression comments and "fix all" for one request. Everything is computed on
 * the document version the request was made for; a request about older diagnostics gets nothing.
 */
export async function provideCodeActions(params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const askedVersions = params.context.diagnostics
    .filter((d) => d.source === SOURCE)
    .map((d) => (d.data as DiagnosticData | undefined)?.version)
    .filter((v): v is number => typeof v === 'number');
  const state = await deps.diagnostics.current(uri);
  if (!state || askedVersions.some((v) => v !== state.version)) return [];
  const { analysis, version, text, context } = state;
  if (analysis.skipped) return [];
  const { result } = analysis;
  const lines = result.lines;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));

  const edit = (edits: readonly TextEdit[]): WorkspaceEdit => {
    const lspEdits = edits.map((e): LspTextEdit => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText }));
    return deps.versionedEdits ? { documentChanges: [TextDocumentEdit.create({ uri, version }, lspEdits)] } : { changes: { [uri]: lspEdits } };
  };

  const start = lines.offsetAt(params.range.start);
  const end = Math.max(start, lines.offsetAt(params.range.end));
  const here = result.findings.filter((f) => f.range.start <= end && start <= f.range.end);
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const suppressions: CodeAction[] = [];
    const seen = new Set<string>();
    for (const finding of here) {
      const diagnostic = toDiagnostic(finding, result, version);
      for (const fix of finding.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred || undefined, edit: edit(fix.edits) });
      }
      if (finding.ruleId === YAML_SYNTAX_RULE_ID) continue;
      const line = lines.positionAt(finding.range.start).line;
      const lineKey = `${finding.ruleId}@${line}`;
      if (!seen.has(lineKey)) {
        seen.add(lineKey);
        const lineEdit = disableForLine(text, lines, finding);
        if (lineEdit && suppresses(text, lineEdit, finding, result.findings, context.config, deps.facts(uri))) {
          suppressions.push({ title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([lineEdit]) });
        }
      }
      if (!seen.has(finding.ruleId)) {
        seen.add(finding.ruleId);
        const fileEdit = disableForFile(text, lines, finding.ruleId);
        if (fileEdit) suppressions.push({ title: `Disable ${finding.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([fileEdit]) });
      }
    }
    // Real fixes first, then the ways to silence the finding.
    actions.push(...suppressions);
  }

  const fixable = result.findings.some((f) => f.fixes.some((fix) => fix.safe));
  if (fixable && (only ? wants(FIX_ALL_KIND) : here.some((f) => f.fixes.length > 0))) {
    const fixed = fixAll(text, { config: context.config, ...deps.facts(uri) });
    if (fixed.text !== text) {
      actions.push({ title: 'Fix all auto-fixable kube-tls-lint problems', kind: FIX_ALL_KIND, edit: edit([minimalEdit(text, fixed.text)]) });
    }
  }
  return actions;
}

/** One edit replacing only the part that differs, so the editor keeps cursor and folding elsewhere. */
export function minimalEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a CRLF or a surrogate pair between kept and replaced text.
  while (prefix > 0 && isPairStart(before, prefix - 1)) prefix--;
  while (suffix > 0 && isPairStart(before, before.length - suffix - 1)) suffix--;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

function isPairStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 13 && text.charCodeAt(i + 1) === 10) || (c >= 0xd800 && c <= 0xdbff);
}

// The engine's directive syntax: `# kube-tls-lint-disable[-next-line|-line] [rule[, rule]] [-- reason]`.
const DIRECTIVE = /(?:^|[ \t])#[ \t]*kube-tls-lint-disable(-next-line|-line)?(?=$|[ \t])([^\r\n]*)/;

/**
 * `# kube-tls-lint-disable-next-line <rule>` above the finding's line, indented like it. An
 * existing next-line directive there gets the rule added (a line in between would break it).
 * Lines inside a multi-line scalar or template action cannot take a comment (but a literal block
 * holding an embedded manifest can): no edit.
 */
export function disableForLine(text: string, lines: LineIndex, finding: Finding): TextEdit | undefined {
  const line = lines.positionAt(finding.range.start).line;
  const lineStart = lines.lineStart(line);
  // In a manifest embedded in a literal block the comment becomes one of the manifest's own; in
  // any other multi-line node (a `sh -c` script) it would change the value.
  const embedded = finding.embeddedIn && finding.embeddedIn.start < lineStart && lineStart < finding.embeddedIn.end;
  const enclosing = enclosingMultilineNode(text, lineStart);
  if (enclosing && !(enclosing === 'literal-block' && embedded)) return undefined;
  if (line > 0) {
    const previous = lines.lineText(line - 1);
    const existing = previous.includes(DIRECTIVE_PREFIX) ? DIRECTIVE.exec(previous) : null;
    if (existing && existing[1] === '-next-line') return addRuleToDirective(lines.lineStart(line - 1), existing, finding.ruleId);
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  return { start: lineStart, end: lineStart, newText: `${indent}# ${DIRECTIVE_PREFIX}-next-line ${finding.ruleId}${lines.eolOf(line)}` };
}

/**
 * `# kube-tls-lint-disable <rule>` as the first line (after a byte order mark), or the rule
 * added to a file directive already in the leading comment block.
 */
export function disableForFile(text: string, lines: LineIndex, ruleId: string): TextEdit | undefined {
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line).replace(/^\uFEFF/, '');
    const trimmed = content.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && trimmed !== '---') break;
    const existing = content.includes(DIRECTIVE_PREFIX) ? DIRECTIVE.exec(content) : null;
    if (existing && existing[1] === undefined) {
      return addRuleToDirective(lines.lineStart(line) + (lines.lineText(line).length - content.length), existing, ruleId);
    }
  }
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  return { start, end: start, newText: `# ${DIRECTIVE_PREFIX} ${ruleId}${lines.eolOf(0)}` };
}

function addRuleToDirective(lineOffset: number, match: RegExpExecArray, ruleId: string): TextEdit | undefined {
  const rest = match[2];
  const restStart = match.index + match[0].length - rest.length;
  const ids = rest.split('--')[0];
  // No ids means every rule is already off here.
  if (ids.trim() === '') return undefined;
  const at = lineOffset + restStart + ids.trimEnd().length;
  return { start: at, end: at, newText: `, ${ruleId}` };
}

/** What spans the offset (a line start) over several lines: a literal block scalar, another scalar or a template action. */
function enclosingMultilineNode(text: string, offset: number): 'literal-block' | 'other' | undefined {
  const file = parseYaml(text);
  if (file.templateRanges.some((r) => r.start < offset && offset < r.end)) return 'other';
  for (const parsed of file.documents) {
    let found: 'literal-block' | 'other' | undefined;
    visit(parsed.doc, {
      Scalar(_key, node) {
        if (node.range && node.range[0] < offset && offset < node.range[1]) {
          found = node.type === 'BLOCK_LITERAL' ? 'literal-block' : 'other';
          return visit.BREAK;
        }
        return undefined;
      },
    });
    // Keys are scalars too and `visit` reaches them; comments between flow items are fine.
    if (found) return found;
  }
  return undefined;
}

/** The comment must silence this finding and break nothing else. */
function suppresses(text: string, edit: TextEdit, finding: Finding, before: readonly Finding[], config: LintConfig, facts: FileFacts): boolean {
  const after = lint(applyEdits(text, [edit]), { config, ...facts }).findings;
  if (after.some((f) => f.ruleId === YAML_SYNTAX_RULE_ID) && !before.some((f) => f.ruleId === YAML_SYNTAX_RULE_ID)) return false;
  const count = (list: readonly Finding[]) => list.filter((f) => f.ruleId === finding.ruleId).length;
  return count(after) < count(before) && after.length < before.length;
}
