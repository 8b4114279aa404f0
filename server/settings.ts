import picomatch from 'picomatch';
import type { Connection, WorkspaceFolder } from 'vscode-languageserver';
import { LintConfig, mergeConfig, readFixValues, readRuleMap } from '../shared/config';
import type { SeveritySetting } from '../shared/rules/types';
import type { ProjectSettings } from '../shared/workspace/project';
import { loadProjectSettings } from './projectFile';
import { MANIFEST_DEFAULTS } from './settingsDefaults';
import { isInside, uriToPath } from './uri';

export const SECTION = 'kubeTlsLint';

/** The editor settings under `kubeTlsLint.*`, validated. */
export interface ServerSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  /** When an open document is checked again: while typing (after the debounce) or when saved. */
  run: 'onType' | 'onSave';
  debounceMs: number;
  workspaceScan: { enable: boolean; exclude: string[] };
  /** File name globs (`*.yaml.j2`) of other files to check, read as templates. */
  files: string[];
  maxFileSizeKb: number;
  /** Diagnostics published per file at most; one more says how many were left out. */
  maxProblemsPerFile: number;
  /** Only the values the user set: unset ones leave the project file's or the built-in default. */
  fix: Record<string, string>;
}

/** The defaults package.json declares (generated into ./settingsDefaults), so the editor and the server agree. */
export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  ...MANIFEST_DEFAULTS,
  rules: {},
  fix: {},
});

const MAX_DEBOUNCE_MS = 10_000;
const MAX_FILE_SIZE_KB = 1024 * 1024;
const MAX_PROBLEMS_PER_FILE = 1_000_000;

/** Validates raw settings; every invalid value falls back to its default with one warning. */
export function validateSettings(input: unknown): { settings: ServerSettings; warnings: string[] } {
  const warnings: string[] = [];
  const settings: ServerSettings = {
    ...DEFAULT_SETTINGS,
    rules: {},
    workspaceScan: { enable: true, exclude: [] },
    files: [],
    fix: {},
  };
  if (input === undefined || input === null) return { settings, warnings };
  if (typeof input !== 'object' || Array.isArray(input)) {
    warnings.push(`${SECTION}: settings must be an object; using defaults.`);
    return { settings, warnings };
  }
  const raw = input as Record<string, unknown>;

  if (raw.enable !== undefined && raw.enable !== null) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else warnings.push(`${SECTION}.enable must be true or false, not ${JSON.stringify(raw.enable)}; using true.`);
  }

  settings.rules = readRuleMap(raw.rules, `${SECTION}.rules`, warnings);

  if (raw.run !== undefined && raw.run !== null) {
    if (raw.run === 'onType' || raw.run === 'onSave') settings.run = raw.run;
    else warnings.push(`${SECTION}.run must be "onType" or "onSave", not ${JSON.stringify(raw.run)}; using "onType".`);
  }

  const debounce = raw.debounceMs;
  if (debounce !== undefined && debounce !== null) {
    if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 && debounce <= MAX_DEBOUNCE_MS) settings.debounceMs = Math.round(debounce);
    else warnings.push(`${SECTION}.debounceMs must be a number of milliseconds from 0 to ${MAX_DEBOUNCE_MS}, not ${JSON.stringify(debounce)}; using ${DEFAULT_SETTINGS.debounceMs}.`);
  }

  const size = raw.maxFileSizeKb;
  if (size !== undefined && size !== null) {
    if (typeof size === 'number' && Number.isFinite(size) && size > 0 && size <= MAX_FILE_SIZE_KB) settings.maxFileSizeKb = size;
    else warnings.push(`${SECTION}.maxFileSizeKb must be a positive number of kilobytes up to ${MAX_FILE_SIZE_KB}, not ${JSON.stringify(size)}; using ${DEFAULT_SETTINGS.maxFileSizeKb}.`);
  }

  const problems = raw.maxProblemsPerFile;
  if (problems !== undefined && problems !== null) {
    if (typeof problems === 'number' && Number.isInteger(problems) && problems >= 1 && problems <= MAX_PROBLEMS_PER_FILE) settings.maxProblemsPerFile = problems;
    else warnings.push(`${SECTION}.maxProblemsPerFile must be a whole number from 1 to ${MAX_PROBLEMS_PER_FILE}, not ${JSON.stringify(problems)}; using ${DEFAULT_SETTINGS.maxProblemsPerFile}.`);
  }

  // Accepts both the nested object VS Code sends and flat dotted keys other editors may send.
  const scan = objectOrUndefined(raw.workspaceScan, `${SECTION}.workspaceScan`, warnings) ?? {};
  const scanEnable = scan.enable ?? raw['workspaceScan.enable'];
  if (scanEnable !== undefined && scanEnable !== null) {
    if (typeof scanEnable === 'boolean') settings.workspaceScan.enable = scanEnable;
    else warnings.push(`${SECTION}.workspaceScan.enable must be true or false, not ${JSON.stringify(scanEnable)}; using true.`);
  }
  const exclude = scan.exclude ?? raw['workspaceScan.exclude'];
  if (exclude !== undefined && exclude !== null) {
    if (Array.isArray(exclude) && exclude.every((g) => typeof g === 'string')) settings.workspaceScan.exclude = exclude.filter((g) => g.trim() !== '');
    else warnings.push(`${SECTION}.workspaceScan.exclude must be a list of glob strings; ignored.`);
  }

  if (raw.files !== undefined && raw.files !== null) {
    if (Array.isArray(raw.files) && raw.files.every((g) => typeof g === 'string')) settings.files = raw.files.filter((g) => g.trim() !== '');
    else warnings.push(`${SECTION}.files must be a list of file name globs; ignored.`);
  }

  const fixInput = objectOrUndefined(raw.fix, `${SECTION}.fix`, warnings) ?? {};
  const flat: Record<string, unknown> = { ...fixInput };
  for (const key of Object.keys(raw)) if (key.startsWith('fix.')) flat[key.slice(4)] = raw[key];
  // An empty string means "not set" (the package.json default), so the project file can supply it.
  const setFix: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) if (value !== '' && value !== null && value !== undefined) setFix[key] = value;
  const validated = readFixValues(setFix, `${SECTION}.fix`, warnings);
  for (const key of Object.keys(setFix)) if (validated[key] === setFix[key]) settings.fix[key] = validated[key];

  return { settings, warnings };
}

function objectOrUndefined(value: unknown, where: string, warnings: string[]): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  warnings.push(`${where} must be an object; ignored.`);
  return undefined;
}

/** Everything needed to lint a file of one workspace folder (or of no folder). */
export interface FolderContext {
  /** The folder's URI, or undefined for files outside every folder. */
  uri?: string;
  /** The folder's path on disk. */
  root?: string;
  settings: ServerSettings;
  project?: ProjectSettings;
  /** Defaults < `.kube-tls-lint.yaml` < editor settings. */
  config: LintConfig;
  /** Project file and editor exclude globs. */
  exclude: string[];
  /** A file name matched by the project file's `include` or `kubeTlsLint.files`, not a YAML name: a template to check. */
  templateName: (name: string) => boolean;
}

const YAML_NAME = /\.ya?ml$/i;

/** Matches file names (`*.yaml.j2`); a leading "all folders" part of a glob is dropped, as only the name is matched. */
export function templateNameMatcher(globs: readonly string[]): (name: string) => boolean {
  const patterns = globs.map((g) => g.trim().replace(/^(\*\*\/)+/, '')).filter((g) => g !== '' && !g.includes('/'));
  if (patterns.length === 0) return () => false;
  const matches = picomatch(patterns, { dot: true });
  return (name) => !YAML_NAME.test(name) && matches(name);
}

export interface SettingsOptions {
  /** The client answers `workspace/configuration` (pull); otherwise settings come with didChangeConfiguration (push). */
  pull: boolean;
  /**
   * The editor trusts the workspace. When it does not (VS Code's Restricted Mode), the project
   * file's fix paths are not used: what a fix inserts comes only from the user's own settings.
   */
  trusted?: boolean;
  /** Logs one line to the client's output. */
  log: (message: string) => void;
}

/** Per-folder settings cache: fetched once, dropped on configuration or project file changes. */
export class SettingsManager {
  private folders: WorkspaceFolder[] = [];
  private readonly cache = new Map<string, Promise<FolderContext>>();
  private pushed: unknown;
  /** Each distinct warning is shown once until the settings change. */
  private readonly shown = new Set<string>();
  /** Bumped on every invalidation so callers can tell stale contexts. */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly options: SettingsOptions,
  ) {}

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = folders.map((f) => ({ uri: f.uri.replace(/\/+$/, ''), name: f.name }));
    this.invalidate();
  }

  addFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => f.uri.replace(/\/+$/, '')));
    this.folders = this.folders.filter((f) => !gone.has(f.uri));
    for (const f of added) this.folders.push({ uri: f.uri.replace(/\/+$/, ''), name: f.name });
    this.invalidate();
  }

  workspaceFolders(): readonly WorkspaceFolder[] {
    return this.folders;
  }

  /**
   * The editor says settings changed: reads them again and tells whether the settings in force
   * changed in any folder (clients send this notification at start and for unrelated sections too).
   */
  async reload(pushed: unknown): Promise<boolean> {
    const before = await this.fingerprint();
    this.pushed = pushed;
    // Warnings already shown for settings still in place are not shown again.
    this.cache.clear();
    this.generation++;
    const after = await this.fingerprint();
    return after !== before;
  }

  private async fingerprint(): Promise<string> {
    const contexts = await Promise.all([...this.folders, undefined].map((folder) => this.forFolder(folder)));
    return JSON.stringify(contexts.map((c) => [c.settings, c.config, c.exclude]));
  }

  invalidate(): void {
    this.cache.clear();
    this.shown.clear();
    this.generation++;
  }

  /** The innermost workspace folder holding the URI. */
  folderOf(uri: string): WorkspaceFolder | undefined {
    const file = uriToPath(uri);
    let best: WorkspaceFolder | undefined;
    let bestLength = -1;
    for (const folder of this.folders) {
      const root = uriToPath(folder.uri);
      if (file && root) {
        if (!isInside(root, file)) continue;
      } else if (!(uri === folder.uri || uri.startsWith(folder.uri + '/'))) {
        continue;
      }
      if (folder.uri.length > bestLength) {
        best = folder;
        bestLength = folder.uri.length;
      }
    }
    return best;
  }

  forUri(uri: string): Promise<FolderContext> {
    return this.forFolder(this.folderOf(uri));
  }

  forFolder(folder: WorkspaceFolder | undefined): Promise<FolderContext> {
    const key = folder?.uri ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(folder);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async load(folder: WorkspaceFolder | undefined): Promise<FolderContext> {
    let raw: unknown = this.pushed;
    if (this.options.pull) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: folder?.uri, section: SECTION });
      } catch (err) {
        this.options.log(`Could not read the ${SECTION} settings: ${(err as Error).message}; using defaults.`);
        raw = undefined;
      }
    }
    const { settings, warnings } = validateSettings(raw);
    const root = folder ? uriToPath(folder.uri) : undefined;
    let project: ProjectSettings | undefined;
    if (root) {
      try {
        project = loadProjectSettings(root);
      } catch (err) {
        warnings.push(`${root}: could not read the project settings: ${(err as Error).message}`);
      }
      warnings.push(...(project?.warnings ?? []));
    }
    for (const warning of warnings) this.warnOnce(warning);
    return {
      uri: folder?.uri,
      root,
      settings,
      project,
      config: mergeConfig(this.options.trusted === false && project ? { rules: project.config.rules } : project?.config, { rules: settings.rules, fix: settings.fix }),
      exclude: [...(project?.exclude ?? []), ...settings.workspaceScan.exclude],
      templateName: templateNameMatcher([...(project?.include ?? []), ...settings.files]),
    };
  }

  warnOnce(message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.options.log(`Warning: ${message}`);
    this.connection.window.showWarningMessage(`kube-tls-lint: ${message}`);
  }
}
