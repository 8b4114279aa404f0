import { existsSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { mergeConfig } from '../shared/config';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fixAll, FixAllResult, lint } from '../shared/engine';
import { RULES } from '../shared/rules';
import { encodeText } from '../shared/workspace/encoding';
import { excludedBy } from '../shared/workspace/exclude';
import { fixedFileBytes } from '../shared/workspace/bytes';
import { describeError, FileForFix, formatSize, isHelmTemplatePath, listYamlFiles, readFileForFixSync, WalkEntry } from '../shared/workspace/files';
import { KustomizeIndex } from '../shared/workspace/kustomize';
import { loadProjectFile, ProjectConfigFinder, ProjectSettings } from '../shared/workspace/project';
import { realFolders, writeFileAtomic, WriteFs } from '../shared/workspace/write';
import { formatHtml } from '../shared/report/html';
import { FileFinding, formatCheckstyle, formatGithub, formatGitlab, formatJson, formatJunit, formatSarif, formatText, placeFinding } from '../shared/report/formats';
import { CliOptions, failsAt, parseArgs, UsageError, USAGE } from './options';
import { CheckJob, CheckResult, checkFiles, runCheckWorker } from './check';
import { factsOf, FileFacts } from '../shared/crossfile/facts';
import { crossFileFindings } from '../shared/crossfile/index';
import type { LintConfig } from '../shared/config';

/** This script, when it runs as the command: it also runs the lint workers (see ./check). */
let workerScript: string | undefined;

declare const KUBE_TLS_LINT_VERSION: string | undefined;
const VERSION = typeof KUBE_TLS_LINT_VERSION === 'string' ? KUBE_TLS_LINT_VERSION : '0.0.0-dev';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTty: boolean;
  /** The whole of standard input, for the path `-`. */
  readStdin?: () => Promise<string>;
  /** The system calls `--fix` writes files with (tests make them fail). */
  writeFs?: WriteFs;
}

/** Manifests in a folder: YAML, and JSON (kubectl applies it; the YAML parser reads it). */
const MANIFEST_NAME = /\.(ya?ml|json)$/i;

/** What one run found, file by file. */
interface RunState {
  findings: FileFinding[];
  /** Files read and linted, as shown in the report. */
  scanned: string[];
  /** What the rules across files need of each file read, and its settings. */
  facts: FileFacts[];
  configs: Map<string, LintConfig>;
  ioError: boolean;
  /** Findings `--fix` left with only unsafe fixes. */
  unsafeLeft: number;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const options = readOptions(argv, io);
  if (typeof options === 'number') return options;
  const answered = answerWithoutChecking(options, io);
  if (answered !== undefined) return answered;

  const state: RunState = { findings: [], scanned: [], facts: [], configs: new Map(), ioError: false, unsafeLeft: 0 };
  const settingsOf = projectSettingsSource(options, io);
  const files = await listFiles(options, io, settingsOf, state);
  const readsStdin = options.paths.includes('-');
  if (files.length === 0 && !readsStdin && !state.ioError) {
    const where = options.paths.map((p) => displayPath(path.resolve(io.cwd, p), io.cwd)).join(', ');
    io.stderr(`kube-tls-lint: no YAML or JSON files under ${where}\n`);
    return 2;
  }

  const jobs = checkJobsOf(files, options, io, settingsOf);
  for (const job of jobs) state.configs.set(job.shown, job.config);
  if (options.fix) fixFiles(jobs, options, io, state);
  const results = await checkFiles(jobs, workerScript);
  results.forEach((result, i) => report(jobs[i].shown, result, io, state));
  if (readsStdin) await lintStdin(options, io, settingsOf(path.resolve(io.cwd, options.stdinFilename)), state);
  addCrossFileFindings(state);
  io.stdout(formatReport(options, state, io.cwd));
  return exitCode(options, state);
}

/** The parsed arguments, or the exit code of a usage error (said on stderr). */
function readOptions(argv: readonly string[], io: CliIo): CliOptions | number {
  try {
    return parseArgs(argv, io.isTty);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kube-tls-lint: ${err.message} (see --help)\n`);
      return 2;
    }
    throw err;
  }
}

/** `--help`, `--version` and `--list-rules` are answered at once: their exit code, else undefined. */
function answerWithoutChecking(options: CliOptions, io: CliIo): number | undefined {
  if (options.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (options.version) {
    io.stdout(VERSION + '\n');
    return 0;
  }
  if (options.listRules) {
    for (const rule of RULES) io.stdout(`${rule.meta.id.padEnd(42)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.title}\n`);
    return 0;
  }
  return undefined;
}

/** Each file to check with its settings: project file and `--rule`, template or not, Kustomize role. */
function checkJobsOf(files: readonly WalkEntry[], options: CliOptions, io: CliIo, settingsOf: (file: string) => ProjectSettings): CheckJob[] {
  const kustomize = new KustomizeIndex();
  return files.map(({ path: file, raw }): CheckJob => {
    const project = settingsOf(file);
    const helm = isHelmTemplatePath(file, existsSync) || isExtraPattern(file, options, project);
    const config = mergeConfig(project.config, { rules: options.rules });
    return { file, raw, shown: displayPath(file, io.cwd), maxBytes: options.maxBytes, config, helm, kustomizePatch: kustomize.isPatch(file), kustomizeNamespace: kustomize.namespaceOf(file) };
  });
}

/** `--fix`: fixes every file in place before it is checked, and says how many unsafe fixes were left. */
function fixFiles(jobs: readonly CheckJob[], options: CliOptions, io: CliIo, state: RunState): void {
  // `--fix` writes only inside these (never through a symbolic link to a file elsewhere).
  const writable = realFolders(options.paths.filter((p) => p !== '-').map((p) => path.resolve(io.cwd, p)));
  for (const job of jobs) fixFile(job, io, state, writable, options.unsafeFixes);
  if (state.unsafeLeft > 0) io.stderr(`kube-tls-lint: ${state.unsafeLeft} unsafe ${state.unsafeLeft === 1 ? 'fix' : 'fixes'} left unapplied (--unsafe-fixes applies them)\n`);
}

/**
 * The project settings of each file: `--config` for all, else the nearest project file above it.
 * Warnings of each project file are shown once.
 */
function projectSettingsSource(options: CliOptions, io: CliIo): (file: string) => ProjectSettings {
  const shown = new Set<string>();
  const warn = (settings: ProjectSettings) => {
    if (!settings.file || shown.has(settings.file)) return;
    shown.add(settings.file);
    for (const warning of settings.warnings) io.stderr(`kube-tls-lint: ${warning}\n`);
  };
  if (options.configFile) {
    const fixed = loadProjectFile(path.resolve(io.cwd, options.configFile));
    return () => {
      warn(fixed);
      return fixed;
    };
  }
  const finder = new ProjectConfigFinder(io.cwd);
  return (file) => {
    const settings = finder.forFile(file);
    warn(settings);
    return settings;
  };
}

/**
 * The files to lint, each once: folders are searched for manifests and for the `include`/`--ext`
 * patterns; `--exclude` (relative to the current folder) and each project file's `exclude`
 * (relative to its folder) apply to named files too.
 */
async function listFiles(options: CliOptions, io: CliIo, settingsOf: (file: string) => ProjectSettings, state: RunState): Promise<WalkEntry[]> {
  const roots = options.paths.filter((p) => p !== '-').map((p) => path.resolve(io.cwd, p));
  if (roots.length === 0) return [];
  const extraPatterns = [...options.extraPatterns, ...roots.flatMap((root) => settingsOf(path.join(root, '_')).include)];
  const isExtra = extraPatterns.length ? picomatch(extraPatterns, { dot: true, basename: true }) : () => false;
  const { files, errors } = await listYamlFiles(roots, { gitignore: options.gitignore, fileName: (name) => MANIFEST_NAME.test(name) || isExtra(name) });
  for (const error of errors) {
    io.stderr(`kube-tls-lint: cannot read ${displayPath(error, io.cwd)}\n`);
    state.ioError = true;
  }
  const excludedByCli = excludedBy(options.exclude, io.cwd);
  const excluded = (file: string) => {
    if (excludedByCli(file)) return true;
    return matchersOf(settingsOf(file), options).excluded(file);
  };
  // A file named twice (`a.yaml` and its folder) is checked once. Names that are not UTF-8 are
  // shown readable (`path`) and opened by their own bytes (`raw`).
  const unique = new Map(files.map((f) => [f.path, f]));
  return [...unique.values()].filter((file) => !excluded(file.path));
}

/** Applies every safe fix (unsafe ones too with `unsafe`) to the file in place (its findings are read afterwards). */
function fixFile(job: CheckJob, io: CliIo, state: RunState, writable: readonly string[], unsafe: boolean): void {
  let read: FileForFix;
  try {
    read = readFileForFixSync(job.raw ? Buffer.from(job.raw) : job.file, job.maxBytes);
  } catch {
    return; // Reported when the file is checked.
  }
  if (read.text === undefined) return;
  const lintOptions = { config: job.config, helm: job.helm, kustomizePatch: job.kustomizePatch };
  const fixed = fixAll(read.text, { ...lintOptions, unsafeFixes: unsafe });
  if (!unsafe) state.unsafeLeft += lint(fixed.text, lintOptions).findings.filter((f) => f.fixes.length > 0 && !f.fixes.some((x) => x.safe)).length;
  if (fixed.text === read.text) return;
  const written = writeFixed(job.raw ? Buffer.from(job.raw) : job.file, read, fixed, writable, io.writeFs);
  if (written === true) {
    for (const applied of fixed.applied) io.stderr(`kube-tls-lint: fixed ${job.shown}:${applied.line}: ${applied.title} [${applied.ruleId}]\n`);
  } else if (written.notFixed) {
    io.stderr(`kube-tls-lint: ${job.shown}: not fixed: ${written.notFixed}\n`);
  } else {
    io.stderr(`kube-tls-lint: cannot write ${job.shown}: ${describeError(written.error)}\n`);
    state.ioError = true;
  }
}

/**
 * Writes a fixed file: its own bytes with only the edits changed (UTF-16 and UTF-32 files in
 * their encoding), replaced atomically if it is unchanged since it was read. True when written;
 * else why it was left as it is, or the error.
 */
function writeFixed(file: string | Buffer, read: FileForFix, fixed: FixAllResult, writable: readonly string[], fs?: WriteFs): true | { notFixed?: string; error?: unknown } {
  if (!read.bytes || !read.snapshot || read.text === undefined) return { notFixed: 'its content was not kept to write it back' };
  const encoding = read.encoding ?? 'utf8';
  let bytes: Buffer;
  if (encoding === 'utf8') {
    const placed = fixedFileBytes(read.bytes, read.text, fixed.text, fixed.edits);
    if ('refused' in placed) return { notFixed: placed.refused };
    bytes = placed.bytes;
  } else {
    // Only a lossless decoding may be encoded again.
    if (!encodeText(read.text, encoding).equals(read.bytes)) return { notFixed: `it is not valid ${encoding.toUpperCase().replace(/(\d+)/, '-$1')} and would be re-encoded` };
    bytes = encodeText(fixed.text, encoding);
  }
  const outcome = writeFileAtomic(file, bytes, { expected: read.snapshot, allowedFolders: writable, fs });
  if (outcome.kind === 'written') return true;
  if (outcome.kind === 'skipped') return { notFixed: outcome.reason };
  return { error: outcome.error };
}

function report(shown: string, result: CheckResult, io: CliIo, state: RunState): void {
  if (result.kind === 'unreadable') {
    io.stderr(`kube-tls-lint: cannot read ${shown}: ${result.reason}\n`);
    state.ioError = true;
    return;
  }
  if (result.kind === 'skipped') {
    io.stderr(`kube-tls-lint: ${shown}: ${result.reason}\n`);
    return;
  }
  state.scanned.push(shown);
  for (const notice of result.notices) io.stderr(`kube-tls-lint: ${shown}: ${notice}\n`);
  state.findings.push(...result.findings);
  state.facts.push(result.facts);
}

/** Rules across files, over every file read (standard input too), placed among each file's findings. */
function addCrossFileFindings(state: RunState): void {
  const found = crossFileFindings(state.facts, (file) => state.configs.get(file));
  if (found.length === 0) return;
  for (const f of found) {
    state.findings.push({
      file: f.file,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.place.line + 1,
      column: f.place.character + 1,
      endLine: f.place.endLine + 1,
      endColumn: f.place.endCharacter + 1,
      related: f.related.map((r) => ({ file: r.file, line: r.place.line + 1, column: r.place.character + 1, endLine: r.place.endLine + 1, endColumn: r.place.endCharacter + 1, message: r.message })),
    });
  }
  const order = new Map(state.scanned.map((file, i) => [file, i]));
  state.findings.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column);
}

/** A file matched only by an `include`/`--ext` pattern (`*.yaml.j2`): a template. */
function isExtraPattern(file: string, options: CliOptions, project: ProjectSettings): boolean {
  return !MANIFEST_NAME.test(file) && matchersOf(project, options).extra(path.basename(file));
}

/** A project file's globs, compiled once for all the files it governs (not once per file). */
const compiledMatchers = new WeakMap<ProjectSettings, { excluded: (file: string) => boolean; extra: (name: string) => boolean }>();

function matchersOf(project: ProjectSettings, options: CliOptions): { excluded: (file: string) => boolean; extra: (name: string) => boolean } {
  let matchers = compiledMatchers.get(project);
  if (!matchers) {
    const patterns = [...options.extraPatterns, ...project.include];
    matchers = {
      excluded: excludedBy(project.exclude, project.dir),
      extra: patterns.length > 0 ? picomatch(patterns, { dot: true, basename: true }) : () => false,
    };
    compiledMatchers.set(project, matchers);
  }
  return matchers;
}

/** Rendered output (`helm template`, `kustomize build`): plain manifests, named as the user says. */
async function lintStdin(options: CliOptions, io: CliIo, project: ProjectSettings, state: RunState): Promise<void> {
  const shown = options.stdinFilename;
  const text = io.readStdin ? await io.readStdin() : '';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > options.maxBytes) {
    io.stderr(`kube-tls-lint: ${shown}: skipped: ${formatSize(bytes)} is over the ${formatSize(options.maxBytes)} size limit\n`);
    return;
  }
  if (text.includes('\u0000')) {
    io.stderr(`kube-tls-lint: ${shown}: skipped: binary content (NUL bytes)\n`);
    return;
  }
  state.scanned.push(shown);
  const named = path.resolve(io.cwd, shown);
  const config = mergeConfig(project.config, { rules: options.rules });
  const result = lint(text, { config, helm: isHelmTemplatePath(named, existsSync) });
  for (const notice of result.notices) io.stderr(`kube-tls-lint: ${shown}: ${notice}\n`);
  state.configs.set(shown, config);
  if (!result.notices.some((n) => n.startsWith('skipped:'))) state.facts.push(factsOf(shown, text));
  for (const finding of result.findings) state.findings.push(placeFinding(shown, finding, result.lines));
}

function formatReport(options: CliOptions, state: RunState, cwd: string): string {
  const { findings, scanned } = state;
  switch (options.format) {
    case 'json':
      return formatJson(findings, scanned.length);
    case 'sarif':
      return formatSarif(findings, VERSION, cwd);
    case 'github':
      return formatGithub(findings);
    case 'junit':
      return formatJunit(findings, scanned);
    case 'gitlab':
      return formatGitlab(findings);
    case 'checkstyle':
      return formatCheckstyle(findings, scanned);
    case 'html':
      return formatHtml(findings, scanned.length, VERSION);
    default:
      return formatText(findings, scanned.length, options.color);
  }
}

/** 2 on an I/O error; 1 when a finding is at the fail level (warnings beyond --max-warnings only); else 0. */
function exitCode(options: CliOptions, state: RunState): number {
  if (state.ioError) return 2;
  const warnings = state.findings.filter((f) => f.severity === 'warning').length;
  const warningsFail = options.maxWarnings === undefined || warnings > options.maxWarnings;
  const fails = state.findings.some((f) => failsAt(f.severity, options.failLevel) && (f.severity !== 'warning' || warningsFail));
  return fails ? 1 : 0;
}

/** Paths are shown relative to the current folder (as `file` in JSON and SARIF). */
function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === 'cli-checker') {
  runCheckWorker(parentPort);
} else if (require.main === module) {
  workerScript = __filename;
  // A closed pipe (`kube-tls-lint . | head`) ends the run quietly, as other command-line tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // `npm run scan -- <dir>` runs in the package folder; resolve paths where the user typed them.
    cwd: process.env.npm_lifecycle_event === 'scan' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd(),
    isTty: !!process.stdout.isTTY,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`kube-tls-lint: internal error: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
