import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseProjectConfig, PROJECT_CONFIG_FILE, LintConfig } from '../config';
import { describeError, readTextFileSync, SETTINGS_FILE_MAX_BYTES } from './files';

export interface ProjectSettings {
  config: LintConfig;
  /** Globs relative to `dir`. */
  exclude: string[];
  /** Extra file name globs read as templates. */
  include: string[];
  warnings: string[];
  /** The config file read, if any. */
  file?: string;
  /** The folder the file's globs are relative to. */
  dir: string;
}

/** Reads `.kube-tls-lint.yaml` at `root`; a missing file means defaults. */
export function loadProjectSettings(root: string): ProjectSettings {
  const file = path.join(root, PROJECT_CONFIG_FILE);
  if (!existsSync(file)) return { config: defaultConfig(), exclude: [], include: [], warnings: [], dir: root };
  return loadProjectFile(file);
}

/**
 * Reads one configuration file (`--config`); its globs are relative to its folder. It is read
 * like a manifest: a FIFO or device is never waited on (defaults, with a warning).
 */
export function loadProjectFile(file: string): ProjectSettings {
  const dir = path.dirname(file);
  let read;
  try {
    read = readTextFileSync(file, SETTINGS_FILE_MAX_BYTES);
  } catch (err) {
    return { config: defaultConfig(), exclude: [], include: [], warnings: [`${file}: ${describeError(err)}; using defaults.`], file, dir };
  }
  if (read.text === undefined) return { config: defaultConfig(), exclude: [], include: [], warnings: [`${file}: ${read.skipped}; using defaults.`], file, dir };
  const { config, warnings, exclude, include } = parseProjectConfig(read.text, file);
  return { config, exclude, include, warnings, file, dir };
}

/**
 * Finds the configuration that governs each file, as Ruff and yamllint do: the nearest
 * `.kube-tls-lint.yaml` in the file's folder or above it, up to the repository root (a folder
 * holding `.git`) or the file system root. Each folder is looked at once.
 */
export class ProjectConfigFinder {
  private readonly byDir = new Map<string, ProjectSettings | undefined>();
  private readonly loaded = new Map<string, ProjectSettings>();

  /** `fallbackDir`: whose defaults a file without any project file gets (globs relative to it). */
  constructor(private readonly fallbackDir: string) {}

  forFile(file: string): ProjectSettings {
    return this.nearest(path.dirname(path.resolve(file))) ?? this.defaults();
  }

  /** Every project file read so far (to report their warnings once). */
  read(): ProjectSettings[] {
    return [...this.loaded.values()];
  }

  private nearest(dir: string): ProjectSettings | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let found: ProjectSettings | undefined;
    const file = path.join(dir, PROJECT_CONFIG_FILE);
    if (existsSync(file)) {
      found = this.loaded.get(file) ?? loadProjectFile(file);
      this.loaded.set(file, found);
    } else {
      const parent = path.dirname(dir);
      const isRepoRoot = existsSync(path.join(dir, '.git'));
      found = parent === dir || isRepoRoot ? undefined : this.nearest(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  private defaultSettings: ProjectSettings | undefined;
  private defaults(): ProjectSettings {
    this.defaultSettings ??= { config: defaultConfig(), exclude: [], include: [], warnings: [], dir: this.fallbackDir };
    return this.defaultSettings;
  }
}
