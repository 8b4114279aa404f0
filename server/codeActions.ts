import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { PROJECT_CONFIG_FILE } from '../shared/config';
import { SHOW_RULE_DOCS_COMMAND, TURN_OFF_IN_SETTINGS_COMMAND } from '../shared/editorCommands';
import { Finding, fixAll } from '../shared/engine';
import { LineIndex, Range, TextEdit } from '../shared/model/text';
import { YAML_SYNTAX_RULE_ID } from '../shared/rules';
import { DIRECTIVE_PREFIX } from '../shared/suppress';
import { DiagnosticData, FileFacts, SOURCE, toDiagnostic } from './analysis';
import { CommentPlaces, commentPlacesOf } from './commentPlaces';
import { CrossFileTracker, crossFileDiagnostic } from './crossFile';
import { DiagnosticsController, nameOf } from './diagnostics';
import { turnOffRuleEdit } from './projectConfigEdit';
import { projectFileOf, readProjectFileText } from './projectFile';
import { pathToUri } from './uri';
import { bundledRuleDocUri } from './ruleDocs';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-tls-lint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];
export const FIX_ALL_TITLE = 'Fix all auto-fixable kube-tls-lint problems';
export const DISABLE_LINE_TITLE = 'Disable all kube-tls-lint findings for this line';

export interface CodeActionDeps {
  diagnostics: DiagnosticsController;
  facts: (uri: string) => FileFacts;
  /** The client applies `documentChanges` (versioned edits it refuses on a changed document). */
  versionedEdits: boolean;
  /** The version of an open document: a request about older diagnostics is answered without linting the new text. */
  documentVersion: (uri: string) => number | undefined;
  /** The client resolves an action's edit later (`codeAction/resolve`): "Fix all" in the light bulb is computed only when chosen. */
  resolvesEdits: boolean;
  /** The commands the client can carry out (see shared/editorCommands.ts). */
  clientCommands?: ReadonlySet<string>;
  /** The client creates files from a workspace edit (a first `.kube-tls-lint.yaml`). */
  createsFiles?: boolean;
  /** The text and version of a document open in the editor (its unsaved text wins over the disk). */
  openDocument?: (uri: string) => { text: string; version: number } | undefined;
  /** Findings of rules across files, published beside the document's own: they get the same comments and rule actions. */
  crossFile?: Pick<CrossFileTracker, 'findingsFor'>;
}

/** What a "Fix all" offered without its edit carries until it is resolved. */
interface FixAllData {
  fixAll: { uri: string; version: number };
}

/** What a "Turn off <rule> in .kube-tls-lint.yaml" offered without its edit carries. */
interface TurnOffData {
  turnOff: { configFile: string; ruleId: string };
}

export const showDocsTitle = (ruleId: string) => `Show documentation for ${ruleId}`;
export const turnOffInConfigTitle = (ruleId: string) => `Turn off ${ruleId} in ${PROJECT_CONFIG_FILE}`;
export const turnOffInSettingsTitle = (ruleId: string) => `Turn off ${ruleId} in workspace settings`;

type DocumentState = NonNullable<Awaited<ReturnType<DiagnosticsController['current']>>>;

/**
 * Quick fixes, suppression comments and "fix all" for one request. Everything is computed on
 * the document version the request was made for; a request about older diagnostics gets nothing.
 * Only the document's current analysis is read (no lint, whatever the range), except for "Fix
 * all" asked for by kind (`source.fixAll`), which runs the fixes; in the light bulb it is
 * offered without its edit and computed when chosen (resolveCodeAction).
 */
export async function provideCodeActions(params: CodeActionParams, deps: CodeActionDeps): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const askedVersions = params.context.diagnostics
    .filter((d) => d.source === SOURCE)
    .map((d) => (d.data as DiagnosticData | undefined)?.version)
    .filter((v): v is number => typeof v === 'number');
  // While typing, the editor asks about the diagnostics it shows, of a text that is gone.
  const open = deps.documentVersion(uri);
  if (open === undefined || askedVersions.some((v) => v !== open)) return [];
  const state = await deps.diagnostics.current(uri);
  if (!state || askedVersions.some((v) => v !== state.version)) return [];
  const { analysis, version } = state;
  if (analysis.skipped) return [];
  const { result } = analysis;
  const crossFindings = deps.crossFile ? await deps.crossFile.findingsFor(uri, state.text) : [];
  if (deps.documentVersion(uri) !== version) return [];
  const lines = result.lines;
  const only = params.context.only;
  const asked = (kind: string) => !!only && only.some((o) => kind === o || kind.startsWith(o + '.'));
  const edit = editMaker(state, uri, deps.versionedEdits);

  const start = lines.offsetAt(params.range.start);
  const end = Math.max(start, lines.offsetAt(params.range.end));
  // A finding's diagnostic goes with its fixes and its comments: made once (as published, for findings across files).
  const diagnostics = new Map<Finding, Diagnostic>();
  const cross = crossFindings.map((f) => {
    const finding: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, range: { start: f.place.start, end: f.place.end }, fixes: [], ...(f.embeddedIn ? { embeddedIn: f.embeddedIn } : {}) };
    diagnostics.set(finding, crossFileDiagnostic(f));
    return finding;
  });
  // Sorted by start, as the engine sorts a document's findings.
  const all = cross.length ? [...result.findings, ...cross].sort((a, b) => a.range.start - b.range.start) : result.findings;
  const here = all.filter((f) => f.range.start <= end && start <= f.range.end);
  const actions: CodeAction[] = [];
  const diagnosticOf = (finding: Finding) => {
    let diagnostic = diagnostics.get(finding);
    if (!diagnostic) diagnostics.set(finding, (diagnostic = toDiagnostic(finding, result, version, uri)));
    return diagnostic;
  };

  if (!only || asked(CodeActionKind.QuickFix)) {
    for (const finding of here) {
      if (finding.fixes.length === 0) continue;
      const diagnostic = diagnosticOf(finding);
      for (const fix of finding.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred || undefined, edit: edit(fix.edits) });
      }
    }
    // Real fixes first, then the ways to silence the findings.
    actions.push(...suppressions(here, all, state, edit, diagnosticOf));
    actions.push(...ruleActions(here, uri, state, deps, diagnosticOf));
  }

  const fixable = result.findings.some((f) => f.fixes.some((fix) => fix.safe));
  if (fixable && asked(FIX_ALL_KIND)) {
    const fixEdit = fixAllEdit(uri, state, deps);
    if (fixEdit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: fixEdit });
  } else if (fixable && !only && deps.resolvesEdits && here.some((f) => f.fixes.length > 0)) {
    actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: { fixAll: { uri, version } } satisfies FixAllData });
  }
  return actions;
}

/** Fills in the edit of a "Fix all" offered without one; anything else (or a stale one) comes back as it was. */
export async function resolveCodeAction(action: CodeAction, deps: CodeActionDeps): Promise<CodeAction> {
  const turnOff = (action?.data as Partial<TurnOffData> | undefined)?.turnOff;
  if (turnOff && typeof turnOff.configFile === 'string' && typeof turnOff.ruleId === 'string' && !action.edit) {
    const configEdit = turnOffInConfigEdit(turnOff.configFile, turnOff.ruleId, deps);
    return configEdit ? { ...action, edit: configEdit } : action;
  }
  const data = (action?.data as Partial<FixAllData> | undefined)?.fixAll;
  if (!data || typeof data.uri !== 'string' || typeof data.version !== 'number' || action.edit) return action;
  const state = await deps.diagnostics.current(data.uri);
  if (!state || state.version !== data.version || state.analysis.skipped) return action;
  const fixEdit = fixAllEdit(data.uri, state, deps);
  return fixEdit ? { ...action, edit: fixEdit } : action;
}

function editMaker(state: DocumentState, uri: string, versioned: boolean): (edits: readonly TextEdit[]) => WorkspaceEdit {
  const lines = state.analysis.result.lines;
  return (edits) => {
    const lspEdits = edits.map((e): LspTextEdit => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText }));
    return versioned ? { documentChanges: [TextDocumentEdit.create({ uri, version: state.version }, lspEdits)] } : { changes: { [uri]: lspEdits } };
  };
}

/** The whole "Fix all" as one minimal edit; its first pass takes the findings already known. */
function fixAllEdit(uri: string, state: DocumentState, deps: CodeActionDeps): WorkspaceEdit | undefined {
  const { text, context } = state;
  const facts = deps.facts(uri);
  const template = context.templateName?.(nameOf(uri)) === true;
  const fixed = fixAll(text, { config: context.config, ...facts, helm: facts.helm || template, findings: state.analysis.result.findings });
  return fixed.text === text ? undefined : editMaker(state, uri, deps.versionedEdits)([minimalEdit(text, fixed.text)]);
}

/**
 * "Disable … for this line" and "… for this file" for the findings in the request, grouped so
 * the menu stays short: on a line, one entry for the rule asked about (when only one is), and
 * one comment naming every rule of the line when it has several; for the file, one entry per
 * rule. A line entry is offered only where the comment line is read as one and changes no value.
 */
function suppressions(
  here: readonly Finding[],
  all: readonly Finding[],
  state: DocumentState,
  edit: (edits: readonly TextEdit[]) => WorkspaceEdit,
  diagnosticOf: (finding: Finding) => Diagnostic,
): CodeAction[] {
  const { result } = state.analysis;
  const { lines } = result;
  const byLine = new Map<number, Finding[]>();
  for (const finding of here) {
    if (finding.ruleId === YAML_SYNTAX_RULE_ID) continue;
    const line = lines.positionAt(finding.range.start).line;
    const list = byLine.get(line);
    if (list) list.push(finding);
    else byLine.set(line, [finding]);
  }
  if (byLine.size === 0) return [];
  const places = commentPlacesOf(result);
  const diagnosticsOf = (findings: readonly Finding[]) => findings.map(diagnosticOf);
  const lineActions: CodeAction[] = [];
  for (const [line, asked] of byLine) {
    const onLine = findingsOnLine(all, lines, line).filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID);
    // One comment serves the whole line: all its findings must be read in the same manifest.
    const embeddedIn = onLine[0].embeddedIn;
    if (onLine.some((f) => f.embeddedIn?.start !== embeddedIn?.start) || !places.lineTakesComment(line, embeddedIn)) continue;
    const askedRules = ruleIdsOf(asked);
    const lineRules = ruleIdsOf(onLine);
    const offer = (title: string, ruleIds: readonly string[], findings: readonly Finding[]) => {
      const lineEdit = disableForLine(lines, places, line, ruleIds, embeddedIn);
      if (lineEdit) lineActions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOf(findings), edit: edit([lineEdit]) });
    };
    if (askedRules.length === 1) offer(`Disable ${askedRules[0]} for this line`, askedRules, asked);
    if (lineRules.length > 1) offer(DISABLE_LINE_TITLE, lineRules, onLine);
  }
  const fileActions: CodeAction[] = [];
  const inRange = [...byLine.values()].flat();
  for (const ruleId of ruleIdsOf(here.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID))) {
    const fileEdit = disableForFile(state.text, lines, ruleId);
    const findings = inRange.filter((f) => f.ruleId === ruleId);
    if (fileEdit) fileActions.push({ title: `Disable ${ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOf(findings), edit: edit([fileEdit]) });
  }
  return [...lineActions, ...fileActions];
}

function ruleIdsOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))];
}

/** The findings starting on `line` (findings are sorted by start). */
function findingsOnLine(findings: readonly Finding[], lines: LineIndex, line: number): Finding[] {
  const from = lines.lineStart(line);
  const to = lines.nextLineStart(line);
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (findings[mid].range.start < from) low = mid + 1;
    else high = mid;
  }
  const out: Finding[] = [];
  // The last line has no line break after it: its findings may start at the very end.
  const last = line === lines.lineCount - 1;
  for (let i = low; i < findings.length && (findings[i].range.start < to || last); i++) out.push(findings[i]);
  return out;
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

// A file directive on a line of the leading comment block: `# kube-tls-lint-disable [rule[, rule]] [-- reason]`.
const FILE_DIRECTIVE = /(?:^|[ \t])#[ \t]*kube-tls-lint-disable(-next-line|-line)?(?=$|[ \t])([^\r\n]*)/;

/**
 * `# kube-tls-lint-disable-next-line <rules>` above `line`, indented like it, where a comment
 * line can go (see CommentPlaces). An existing next-line directive there gets the rules added (a
 * line in between would break it).
 */
function disableForLine(lines: LineIndex, places: CommentPlaces, line: number, ruleIds: readonly string[], embeddedIn: Range | undefined): TextEdit | undefined {
  const existing = line > 0 ? places.directiveOn(line - 1, embeddedIn) : undefined;
  if (existing && existing.match[1] === '-next-line') return addRulesToDirective(existing.offset, existing.match, ruleIds);
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  return { start: lineStart, end: lineStart, newText: `${indent}# ${DIRECTIVE_PREFIX}-next-line ${ruleIds.join(', ')}${lines.eolOf(line)}` };
}

/**
 * `# kube-tls-lint-disable <rule>` as the first line (after a byte order mark), or the rule
 * added to a file directive already in the leading comment block.
 */
function disableForFile(text: string, lines: LineIndex, ruleId: string): TextEdit | undefined {
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line).replace(/^\uFEFF/, '');
    const trimmed = content.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && trimmed !== '---') break;
    const existing = content.includes(DIRECTIVE_PREFIX) ? FILE_DIRECTIVE.exec(content) : null;
    if (existing && existing[1] === undefined) {
      return addRulesToDirective(lines.lineStart(line) + (lines.lineText(line).length - content.length), existing, [ruleId]);
    }
  }
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  return { start, end: start, newText: `# ${DIRECTIVE_PREFIX} ${ruleId}${lines.eolOf(0)}` };
}

/** `offset`: where the text `match` was run on starts. */
function addRulesToDirective(offset: number, match: RegExpExecArray, ruleIds: readonly string[]): TextEdit | undefined {
  const rest = match[2];
  const restStart = match.index + match[0].length - rest.length;
  const ids = rest.split('--')[0];
  // No ids means every rule is already off here.
  if (ids.trim() === '') return undefined;
  const listed = new Set(ids.split(/[\s,]+/));
  const added = ruleIds.filter((id) => !listed.has(id));
  if (added.length === 0) return undefined;
  const at = offset + restStart + ids.trimEnd().length;
  return { start: at, end: at, newText: added.map((id) => `, ${id}`).join('') };
}

/**
 * For each rule of the findings in the request: its documentation, and turning it off for the
 * project (in `.kube-tls-lint.yaml` at the folder's root) or in the workspace settings. The
 * project file's edit is computed when chosen where the client resolves actions.
 */
function ruleActions(
  here: readonly Finding[],
  uri: string,
  state: DocumentState,
  deps: CodeActionDeps,
  diagnosticOf: (finding: Finding) => Diagnostic,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const root = state.context.root;
  const configFile = root ? projectFileOf(root) : undefined;
  for (const ruleId of ruleIdsOf(here.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID))) {
    const diagnostics = here.filter((f) => f.ruleId === ruleId).map(diagnosticOf);
    if (deps.clientCommands?.has(SHOW_RULE_DOCS_COMMAND) && bundledRuleDocUri(ruleId)) {
      const title = showDocsTitle(ruleId);
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, command: { title, command: SHOW_RULE_DOCS_COMMAND, arguments: [ruleId] } });
    }
    // Already off in the project file (the editor settings turned it back on): nothing to add there.
    if (configFile && state.context.project?.config.rules[ruleId] !== 'off') {
      const title = turnOffInConfigTitle(ruleId);
      if (deps.resolvesEdits) {
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, data: { turnOff: { configFile, ruleId } } satisfies TurnOffData });
      } else {
        const configEdit = turnOffInConfigEdit(configFile, ruleId, deps);
        if (configEdit) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, edit: configEdit });
      }
    }
    if (root && deps.clientCommands?.has(TURN_OFF_IN_SETTINGS_COMMAND)) {
      const title = turnOffInSettingsTitle(ruleId);
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, command: { title, command: TURN_OFF_IN_SETTINGS_COMMAND, arguments: [ruleId, uri] } });
    }
  }
  return actions;
}

/** The edit of the project file (its open text, else the disk's) turning the rule off, creating the file if need be. */
function turnOffInConfigEdit(configFile: string, ruleId: string, deps: CodeActionDeps): WorkspaceEdit | undefined {
  const configUri = pathToUri(configFile);
  const open = deps.openDocument?.(configUri);
  let text = open?.text;
  if (text === undefined) {
    const read = readProjectFileText(configFile);
    if (read === null) return undefined;
    text = read;
  }
  const edit = turnOffRuleEdit(text, ruleId);
  if (!edit) return undefined;
  const lines = new LineIndex(text ?? '');
  const lspEdit: LspTextEdit = { range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, newText: edit.newText };
  if (text === undefined) {
    if (!deps.createsFiles || !deps.versionedEdits) return undefined;
    // Fails rather than overwrite a file made meanwhile.
    return { documentChanges: [CreateFile.create(configUri), TextDocumentEdit.create({ uri: configUri, version: null }, [lspEdit])] };
  }
  return deps.versionedEdits
    ? { documentChanges: [TextDocumentEdit.create({ uri: configUri, version: open?.version ?? null }, [lspEdit])] }
    : { changes: { [configUri]: [lspEdit] } };
}
