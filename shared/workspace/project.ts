import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, parseProjectConfig, PROJECT_CONFIG_FILE, LintConfig } from '../config';

export interface ProjectSettings {
  config: LintConfig;
  exclude: string[];
  warnings: string[];
  /** The config file read, if any. */
  file?: string;
}

/** Reads `.kube-tls-lint.yaml` at `root`; a missing file means defaults. */
export function loadProjectSettings(root: string): ProjectSettings {
  const file = path.join(root, PROJECT_CONFIG_FILE);
  if (!existsSync(file)) return { config: defaultConfig(), exclude: [], warnings: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { config: defaultConfig(), exclude: [], warnings: [`${file}: ${(err as Error).message}; using defaults.`], file };
  }
  const { config, warnings, exclude } = parseProjectConfig(text, file);
  return { config, exclude, warnings, file };
}
