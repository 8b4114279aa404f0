import { defaultConfig, LintConfig } from './config';
import { commandLinesOf } from './model/command-line';
import { componentsOf } from './model/components';
import { EditBatch } from './model/combine';
import { SourceEditor } from './model/edit';
import { EmbeddedText, embeddedTextsOf, isKubeconfigWithoutApiVersion } from './model/embedded';
import { EmbeddedConfigText, embeddedConfigTextsOf, parseConfigFile } from './model/embedded-config';
import { elasticStackOf, ElasticStackLookup, EMPTY_STACK } from './model/elastic-stack';
import { engineCalls, ParseCache, ParsedDocument, ParsedFile, parseYaml } from './model/parse';
import { mergedRanges, resourcesOf } from './model/resources';
import { applyEdits, LineIndex, Range, TextEdit } from './model/text';
import { RULES, RULES_BY_ID, YAML_SYNTAX_RULE_ID } from './rules';
import { docsUrl, FixSpec, formatMessage, MessageData, RelatedLocation, Report, Rule, RuleVisitors, Severity } from './rules/types';
import { mayReport } from './prefilter';
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
  /** The rule's message id (`meta.messages`) and the data its template was filled with; none for `yaml-syntax`. */
  messageId?: string;
  data?: MessageData;
  range: Range;
  /**
   * Built when first read for some rules (see `Report.fixes`): read them from the finding (or
   * its JSON), not from a spread copy; and before the lint's parse cache parses another text.
   */
  fixes: Fix[];
  docsUrl?: string;
  /**
   * The literal block scalar holding the embedded manifest or configuration file the finding is
   * in (see ./model/embedded, ./model/embedded-config).
   */
  embeddedIn?: Range;
  /** Other places that explain the finding, in the same text. */
  related?: RelatedLocation[];
}

/** A rule's report as the engine collects it, its message filled in. */
type RawReport = Omit<Report, 'messageId'> & { ruleId: string; message: string; messageId?: string; embeddedIn?: Range };

function rawReport(rule: Rule, report: Report): RawReport {
  return { ...report, ruleId: rule.meta.id, message: formatMessage(rule.meta, report.messageId, report.data) };
}

/** The fix specs of a report, computed now if the rule gave a function. */
function fixSpecsOf(report: Pick<Report, 'fixes'>): FixSpec[] {
  const fixes = report.fixes;
  return typeof fixes === 'function' ? fixes() : (fixes ?? []);
}

/** What turning a lint's fix specs into fixes needs; one per lint. */
interface FixSettings {
  /** Mappings merged by `<<` keys: a fix editing one would change every reader. */
  shared: readonly Range[];
  intern: (s: string) => string;
  /** The lint's parse cache and its generation then: a later parse with it may have moved the nodes. */
  cache?: ParseCache;
  generation?: number;
}

/**
 * A finding as `lint` returns it. Its fixes are computed when first read (most findings of a big
 * file are never fixed), from what the rule left for them; its JSON holds them as a plain
 * `fixes` array (a spread copy does not: `fixes` is read through the class).
 */
class LintFinding implements Finding {
  declare messageId?: string;
  declare data?: MessageData;
  declare embeddedIn?: Range;
  declare related?: RelatedLocation[];
  #fixes: Fix[] | undefined;
  #specs: Report['fixes'];
  #settings: FixSettings | undefined;

  constructor(
    public ruleId: string,
    public severity: Severity,
    public message: string,
    public range: Range,
    fixes: Fix[] | { specs: Report['fixes']; settings: FixSettings },
    public docsUrl: string | undefined,
    embeddedIn: Range | undefined,
    related: RelatedLocation[] | undefined,
    messageId?: string,
    data?: MessageData,
  ) {
    if (messageId !== undefined) {
      this.messageId = messageId;
      if (data) this.data = data;
    }
    if (Array.isArray(fixes)) this.#fixes = fixes;
    else {
      this.#specs = fixes.specs;
      this.#settings = fixes.settings;
    }
    if (embeddedIn) this.embeddedIn = embeddedIn;
    if (related?.length) this.related = related;
  }

  get fixes(): Fix[] {
    if (this.#fixes) return this.#fixes;
    const settings = this.#settings!;
    if (settings.cache && settings.cache.generation !== settings.generation) {
      throw new Error(`The fixes of this ${this.ruleId} finding were asked for after its text's parse cache parsed a newer text: lint the text again.`);
    }
    this.#fixes = toFixes(fixSpecsOf({ fixes: this.#specs }), settings);
    this.#specs = undefined;
    this.#settings = undefined;
    return this.#fixes;
  }

  set fixes(fixes: Fix[]) {
    this.#fixes = fixes;
    this.#specs = undefined;
    this.#settings = undefined;
  }

  /** Whether the fixes are computed yet (for tests). */
  get fixesComputed(): boolean {
    return this.#fixes !== undefined;
  }

  toJSON(): Finding {
    return {
      ruleId: this.ruleId,
      severity: this.severity,
      message: this.message,
      ...(this.messageId !== undefined ? { messageId: this.messageId, ...(this.data ? { data: this.data } : {}) } : {}),
      range: this.range,
      fixes: this.fixes,
      docsUrl: this.docsUrl,
      ...(this.embeddedIn ? { embeddedIn: this.embeddedIn } : {}),
      ...(this.related ? { related: this.related } : {}),
    };
  }
}

/** Whether a finding's fixes were computed yet: false until they are read, for a finding whose rule left them for later. */
export function fixesComputed(finding: Finding): boolean {
  return !(finding instanceof LintFinding) || finding.fixesComputed;
}

/** The finding with another range and fixes (computed from its own when first read). */
function movedFinding(finding: Finding, range: Range, fixes: (own: Fix[]) => Fix[]): Finding {
  const settings: FixSettings = { shared: [], intern: (s) => s };
  const specs = () => fixes(finding.fixes);
  return new LintFinding(finding.ruleId, finding.severity, finding.message, range, { specs, settings }, finding.docsUrl, finding.embeddedIn, finding.related, finding.messageId, finding.data);
}

/** A report's fix specs as the findings' fixes: those without edits dropped, and those touching shared mappings. */
function toFixes(specs: readonly FixSpec[], settings: FixSettings): Fix[] {
  const fixes: Fix[] = [];
  const { shared, intern } = settings;
  for (const f of specs) {
    if (!f.edits || f.edits.length === 0 || (shared.length > 0 && f.edits.some((e) => touchesAny(e, shared)))) continue;
    const edits = f.edits.map((e) => ({ ...e, newText: intern(e.newText) }));
    fixes.push({ title: intern(f.title), edits, isPreferred: !!f.isPreferred, safe: f.safe !== false });
  }
  return fixes;
}

export interface LintOptions {
  config?: LintConfig;
  /** A Helm template (by path or language): template actions never produce syntax errors. */
  helm?: boolean;
  /** Texts longer than this (in UTF-16 units) are skipped with a notice. */
  maxLength?: number;
  /**
   * The file is a Kustomize patch (a kustomization nearby names it): its resources are partial,
   * merged into others, so rules about missing fields stay quiet.
   */
  kustomizePatch?: boolean;
  /**
   * For bulk scans: a text no enabled rule can report on (by a cheap text test, see
   * ./prefilter) is not parsed at all, so it gets no `yaml-syntax` finding either; nor is
   * such a `---` document of a text with others.
   */
  prefilter?: boolean;
  /**
   * With `prefilter`: `---` documents the caller needs parsed even when no rule can report on
   * them (the resources rules across files read): the others are left unparsed too.
   */
  prefilterKeeps?: (documentText: string) => boolean;
  /**
   * For an editor document linted again and again: keeps its parsed documents so that the
   * next lint only parses the `---` documents whose text changed. One per open document.
   */
  cache?: ParseCache;
  /** For `fixAll`: apply unsafe fixes too (the CLI's `--unsafe-fixes`), not only safe ones. */
  unsafeFixes?: boolean;
}

export { engineCalls, ParseCache };

export interface LintResult {
  findings: Finding[];
  /** Why (part of) the text was not checked: size cap, unparseable input. */
  notices: string[];
  /** The text held at least one Kubernetes-style resource (or looked like it). */
  isKubernetes: boolean;
  lines: LineIndex;
  /**
   * The parsed text, kept only when linted with a `cache` (an editor document, whose parse is
   * kept anyway): code actions read its nodes instead of parsing again.
   */
  parsed?: ParsedFile;
}

// Anything without these words cannot hold a resource, so it is not even parsed.
const KUBERNETES_HINT = /\bapiVersion\b/;

export function lint(text: string, options: LintOptions = {}): LintResult {
  engineCalls.lints++;
  if (!KUBERNETES_HINT.test(text) && isKubeconfigWithoutApiVersion(text)) return lintBareKubeconfig(text, options);
  return lintText(text, options, false);
}

/**
 * A kubeconfig file without `apiVersion` (kubectl reads it as `v1`) is linted as one with it: a
 * header line is put in front, and findings and fixes are moved back onto the file's own text.
 */
function lintBareKubeconfig(text: string, options: LintOptions): LintResult {
  const header = `apiVersion: v1${/\r\n|\n|\r/.exec(text)?.[0] ?? '\n'}`;
  const inner = lintText(header + text, { ...options, cache: undefined }, false);
  const skip = header.length;
  const back = (r: Range): Range => ({ start: Math.max(0, r.start - skip), end: Math.max(0, r.end - skip) });
  const findings = inner.findings.map((f) =>
    movedFinding(f, back(f.range), (fixes) =>
      fixes.filter((x) => x.edits.every((e) => e.start >= skip)).map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, ...back(e), entries: e.entries && { ...e.entries, collection: e.entries.collection - skip } })) })),
    ),
  );
  return { ...inner, findings, lines: new LineIndex(text) };
}

/** `nested`: the text is a manifest embedded in another (see ./model/embedded): it is not searched for more. */
function lintText(text: string, options: LintOptions, nested: boolean): LintResult {
  const config = options.config ?? defaultConfig();
  const lines = new LineIndex(text);
  const result: LintResult = { findings: [], notices: [], isKubernetes: false, lines };
  const skipped = whySkipped(text, options);
  if (skipped) {
    result.notices.push(skipped);
    return result;
  }
  if (!KUBERNETES_HINT.test(text)) return result;

  const enabled = RULES.filter((rule) => severityOf(rule.meta.id, rule.meta.defaultSeverity, config) !== undefined);
  if (options.prefilter && !mayReport(enabled, text)) {
    result.isKubernetes = /\bkind\b/.test(text);
    return result;
  }

  // Prefiltered: of a text some rule may report on, only the documents some rule may report on
  // are parsed (an embedded text is parsed whole: its documents are the one resource's).
  const keepDocument = options.prefilter && !nested ? (doc: string) => mayReport(enabled, doc) || options.prefilterKeeps?.(doc) === true : undefined;
  const file = parseYaml(text, options.cache, keepDocument);
  if (options.cache) result.parsed = file;
  // Mappings merged by `<<` keys are shared: a fix editing one would change every reader.
  const shared: Range[] = [];
  const intern = stringInterner();
  const accept = findingCollector(result, config, readSuppressions(text, lines), { shared, intern, cache: options.cache, generation: options.cache?.generation });
  const elasticStack = nested ? EMPTY_STACK : elasticStackOf(file);
  const editor = new SourceEditor(text, lines);
  const rules = startRules(enabled, { text, editor, config, options, elasticStack }, accept);

  if (file.fatal) {
    result.notices.push(file.fatal.message);
    // The document the parser lost cannot tell where its actions are: any action counts.
    if (!options.helm && file.templateRanges.length === 0) accept({ ruleId: YAML_SYNTAX_RULE_ID, range: file.fatal.range, message: file.fatal.message });
  }
  visitDocuments(file, editor, rules, { text, options, nested, enabled, elasticStack, shared, result, accept });

  // Rule ids are ASCII: code-unit order, far cheaper than localeCompare on many findings.
  result.findings.sort((a, b) => a.range.start - b.range.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return result;
}

/** Why a text is not checked at all (over the size cap, binary), or undefined. */
function whySkipped(text: string, options: LintOptions): string | undefined {
  if (options.maxLength !== undefined && text.length > options.maxLength) {
    return `skipped: ${Math.round(text.length / 1024)} KB is over the ${Math.round(options.maxLength / 1024)} KB size limit`;
  }
  if (text.includes('\u0000')) return 'skipped: binary content (NUL bytes)';
  return undefined;
}

/** Thousands of components report the same messages and fixes: one copy of each string is kept. */
function stringInterner(): (s: string) => string {
  const strings = new Map<string, string>();
  return (s) => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
}

type Accept = (report: RawReport) => void;

/**
 * What takes each report and turns it into a finding of `result` as it comes (the reports
 * themselves are not kept): severity from the config, suppression comments, one finding for a
 * node seen through several aliases.
 */
function findingCollector(result: LintResult, config: LintConfig, suppressions: ReturnType<typeof readSuppressions>, fixSettings: FixSettings): Accept {
  const anySuppression = suppressions.file.size > 0 || suppressions.lines.size > 0;
  // A node shared through an alias (`command: *cmd`) is seen once per user: report it once.
  // Reports at one start offset are few: they are compared directly, no key is built.
  const seen = new Map<number, Array<Pick<RawReport, 'ruleId' | 'range' | 'message'>>>();
  return (report) => {
    const atStart = seen.get(report.range.start);
    if (atStart?.some((r) => r.ruleId === report.ruleId && r.range.end === report.range.end && r.message === report.message)) return;
    const severity = severityOf(report.ruleId, report.severity ?? RULES_BY_ID.get(report.ruleId)?.meta.defaultSeverity ?? 'error', config);
    const kept = severity !== undefined && !(anySuppression && isSuppressed(suppressions, report.ruleId, result.lines.positionAt(report.range.start).line));
    let finding: LintFinding | undefined;
    if (kept) {
      // Fixes a rule left for later are computed when read; the others are settled now.
      const fixes = typeof report.fixes === 'function' ? { specs: report.fixes, settings: fixSettings } : toFixes(report.fixes ?? [], fixSettings);
      const docs = report.ruleId === YAML_SYNTAX_RULE_ID ? undefined : ruleDocsUrl(report.ruleId);
      finding = new LintFinding(report.ruleId, severity, fixSettings.intern(report.message), report.range, fixes, docs, report.embeddedIn, report.related, report.messageId, report.data);
      result.findings.push(finding);
    }
    const record = finding ?? { ruleId: report.ruleId, range: report.range, message: report.message };
    if (atStart) atStart.push(record);
    else seen.set(report.range.start, [record]);
  };
}

/** The enabled rules' visitors, and the resource being visited (whose annotations may disable rules). */
interface StartedRules {
  visitors: RuleVisitors[];
  setResource(disabled: ReadonlySet<string>): void;
}

/**
 * Creates each enabled rule's visitors; rules report through one context each, and findings in
 * a resource that disables the rule by annotation are dropped.
 */
function startRules(
  enabled: readonly Rule[],
  input: { text: string; editor: SourceEditor; config: LintConfig; options: LintOptions; elasticStack: ElasticStackLookup },
  accept: Accept,
): StartedRules {
  const { text, editor, config, options, elasticStack } = input;
  const fixConfigured = new Set(config.fixConfigured ?? []);
  let currentResourceDisabled: ReadonlySet<string> = new Set();
  const visitors = enabled.map((rule) =>
    rule.create({
      text,
      editor,
      fixDefaults: config.fix,
      fixConfigured: (key) => fixConfigured.has(key),
      partialResources: options.kustomizePatch === true,
      elasticStack,
      report: (report: Report) => {
        // Each report is the rule's own new object: it is tagged, not copied.
        if (currentResourceDisabled.has(rule.meta.id)) return;
        const tagged = report as unknown as RawReport;
        tagged.ruleId = rule.meta.id;
        tagged.message = formatMessage(rule.meta, report.messageId, report.data);
        accept(tagged);
      },
    }),
  );
  return { visitors, setResource: (disabled) => (currentResourceDisabled = disabled) };
}

/**
 * Walks every parsed document: syntax errors of resource-like YAML, then each resource through
 * every rule's visitors (the resource, its components, its command lines), then the manifests
 * and configuration files embedded in it.
 */
function visitDocuments(
  file: ParsedFile,
  editor: SourceEditor,
  rules: StartedRules,
  input: { text: string; options: LintOptions; nested: boolean; enabled: readonly Rule[]; elasticStack: ElasticStackLookup; shared: Range[]; result: LintResult; accept: Accept },
): void {
  const { text, options, nested, enabled, elasticStack, shared, result, accept } = input;
  const { visitors } = rules;
  // A document whose YAML is shaped by template actions gets no syntax errors: what was parsed is a guess.
  const templated = (parsed: ParsedDocument) => options.helm === true || parsed.templated;
  const wantsCommandLines = visitors.some((v) => v.commandLine !== undefined);
  for (const parsed of file.documents) {
    if (parsed.root && text.includes('<<')) shared.push(...mergedRanges(parsed.doc));
    if (parsed.syntaxError) {
      const docText = text.slice(parsed.range.start, parsed.range.end);
      // Only YAML that looks like a resource gets a syntax error; template noise never does.
      if (!templated(parsed) && /\bapiVersion\b/.test(docText) && /\bkind\b/.test(docText)) {
        result.isKubernetes = true;
        accept({ ruleId: YAML_SYNTAX_RULE_ID, range: parsed.syntaxError.range, message: `YAML syntax error: ${parsed.syntaxError.message}` });
      }
      continue;
    }
    for (const resource of resourcesOf(parsed)) {
      result.isKubernetes = true;
      rules.setResource(resource.disabledRules);
      const components = componentsOf(resource, file, editor);
      const lines = wantsCommandLines ? commandLinesOf(resource, file, editor) : [];
      for (const v of visitors) {
        v.resource?.(resource);
        if (v.component) for (const component of components) v.component(component);
        if (v.commandLine) for (const line of lines) v.commandLine(line);
      }
      rules.setResource(new Set());
      if (nested) continue;
      for (const embedded of embeddedTextsOf(resource, file)) {
        for (const report of embeddedReports(embedded, options, templated(parsed))) if (!resource.disabledRules.has(report.ruleId)) accept(report);
      }
      for (const embedded of embeddedConfigTextsOf(resource, file)) {
        for (const report of configFileReports(embedded, enabled, options, elasticStack)) if (!resource.disabledRules.has(report.ruleId)) accept(report);
      }
    }
  }
}

/** The edit changes text inside one of `ranges` (an insertion: at or between its ends). */
function touchesAny(edit: TextEdit, ranges: readonly Range[]): boolean {
  return ranges.some((r) => (edit.start === edit.end ? r.start <= edit.start && edit.start <= r.end : edit.start < r.end && r.start < edit.end));
}

const docsUrls = new Map<string, string>();

/** The rule's documentation link, one string per rule however many findings point to it. */
function ruleDocsUrl(ruleId: string): string {
  let url = docsUrls.get(ruleId);
  if (url === undefined) {
    url = docsUrl(ruleId);
    docsUrls.set(ruleId, url);
  }
  return url;
}

/**
 * The findings of a manifest embedded in a block scalar, linted on its own, at their places in
 * the outer text. A fix with an edit that cannot be placed there exactly is dropped; a finding
 * outside the block's content (in a header added for linting) too. A syntax error is reported
 * only when the content clearly is a manifest.
 */
function embeddedReports(embedded: EmbeddedText, options: LintOptions, templated: boolean): RawReport[] {
  const partial = options.kustomizePatch === true || embedded.partial;
  const inner = lintText(embedded.text, { config: options.config, helm: templated, prefilter: options.prefilter, kustomizePatch: partial }, true);
  const skip = embedded.header.length;
  const back = (e: TextEdit): TextEdit | undefined =>
    e.start < skip ? undefined : embedded.block.edit({ ...e, start: e.start - skip, end: e.end - skip, entries: e.entries && { ...e.entries, collection: e.entries.collection - skip } });
  const out: RawReport[] = [];
  for (const finding of inner.findings) {
    if (finding.ruleId === YAML_SYNTAX_RULE_ID && !embedded.isManifest) continue;
    if (finding.range.start < skip) continue;
    const range = embedded.block.range({ start: finding.range.start - skip, end: finding.range.end - skip });
    if (!range) continue;
    const fixes = () =>
      finding.fixes.map((fix) => {
        const edits = fix.edits.map(back);
        return { title: fix.title, isPreferred: fix.isPreferred, safe: fix.safe, edits: edits.every(Boolean) ? (edits as TextEdit[]) : undefined };
      });
    const block = embedded.node.range!;
    out.push({ ruleId: finding.ruleId, range, message: finding.message, messageId: finding.messageId, data: finding.data, severity: finding.severity, fixes, embeddedIn: { start: block[0], end: block[1] } });
  }
  return out;
}

/**
 * The reports of the rules' `configFile` visitors on a configuration file kept in a block scalar,
 * at their places in the outer text; a fix with an edit that cannot be placed there exactly is
 * dropped. Related locations are already in the outer text. A file that is not one readable
 * mapping gets nothing (no syntax error: it may be any program's text). Suppression comments in
 * the file count.
 */
function configFileReports(embedded: EmbeddedConfigText, rules: readonly Rule[], options: LintOptions, elasticStack: ElasticStackLookup): RawReport[] {
  const file = parseConfigFile(embedded);
  if (!file) return [];
  const config = options.config ?? defaultConfig();
  const editor = new SourceEditor(file.text);
  const inner: RawReport[] = [];
  for (const rule of rules) {
    const visitors = rule.create({
      text: file.text,
      editor,
      fixDefaults: config.fix,
      fixConfigured: (key) => config.fixConfigured?.includes(key) === true,
      partialResources: options.kustomizePatch === true,
      elasticStack,
      report: (report: Report) => inner.push(rawReport(rule, report)),
    });
    visitors.configFile?.(file);
  }
  // The file's own comments (`# kube-tls-lint-disable-next-line …`) are honoured as in any file.
  const lines = new LineIndex(file.text);
  const suppressions = readSuppressions(file.text, lines);
  const block = embedded.node.range!;
  const out: RawReport[] = [];
  for (const report of inner) {
    if (isSuppressed(suppressions, report.ruleId, lines.positionAt(report.range.start).line)) continue;
    const range = embedded.block.range(report.range);
    if (!range) continue;
    const fixes = fixSpecsOf(report).map((fix) => {
      const edits = fix.edits?.map((e) => embedded.block.edit(e));
      return { ...fix, edits: edits?.every(Boolean) ? (edits as TextEdit[]) : undefined };
    });
    out.push({ ...report, range, fixes, embeddedIn: { start: block[0], end: block[1] } });
  }
  return out;
}

function severityOf(ruleId: string, fallback: Severity, config: LintConfig): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? fallback;
}

export interface FixAllResult {
  text: string;
  /** The fixes applied, in order, each with the 1-based line of its finding in the text its pass fixed. */
  applied: Array<{ ruleId: string; title: string; line: number }>;
  /**
   * The edits of each pass, as given to `applyEdits`, each on the text the pass before left:
   * they place the changes on the file's own bytes (`--fix`).
   */
  edits?: TextEdit[][];
}

export interface FixAllOptions extends LintOptions {
  /** The findings of `text` linted with these options, when known (an editor's current analysis): the first pass uses them. */
  findings?: readonly Finding[];
}

/** What fixAll did, for benchmarks and tests. */
export interface FixAllStats {
  /** Passes run, each a lint but a first one given its `findings` (fixes that cannot go with others of a pass wait for the next one). */
  passes: number;
  /** When given, each pass's text and the edits applied to it are added. */
  trace?: Array<{ text: string; edits: TextEdit[] }>;
}

/**
 * Applies every safe fix (the preferred one of each finding; unsafe ones too with
 * `unsafeFixes`), re-linting between passes until nothing changes. The fixes of one pass are
 * combined only where they cannot disturb each other (see EditBatch); the others are computed
 * again on the next pass's text.
 */
export function fixAll(text: string, options: FixAllOptions = {}, ruleIds?: ReadonlySet<string>, stats?: FixAllStats): FixAllResult {
  const applied: FixAllResult['applied'] = [];
  const edits: TextEdit[][] = [];
  let current = text;
  // Each pass changes only the documents it fixed: the others are not parsed again.
  const { findings: known, ...lintOptions } = options;
  const passOptions = { ...lintOptions, cache: new ParseCache() };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    if (stats) stats.passes = pass + 1;
    const findings = pass === 0 && known ? known : lint(current, passOptions).findings;
    const batch = new EditBatch();
    let changed = false;
    let lines: LineIndex | undefined;
    for (const finding of findings) {
      if (ruleIds && !ruleIds.has(finding.ruleId)) continue;
      const usable = finding.fixes.filter((f) => f.safe || options.unsafeFixes);
      const fix = usable.find((f) => f.isPreferred) ?? usable[0];
      if (!fix || !batch.add(fix.edits)) continue;
      lines ??= new LineIndex(current);
      applied.push({ ruleId: finding.ruleId, title: fix.title, line: lines.positionAt(finding.range.start).line + 1 });
      changed = true;
    }
    if (!changed) break;
    const passEdits = batch.edits();
    stats?.trace?.push({ text: current, edits: passEdits });
    edits.push(passEdits);
    current = applyEdits(current, passEdits);
  }
  return { text: current, applied, edits };
}

/** fixAll stops after this many passes even if fixes are left (each pass takes one lint). */
export const MAX_FIX_PASSES = 10;
