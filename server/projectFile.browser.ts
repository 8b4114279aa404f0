// The browser server's stand-in for projectFile.ts. Its workspace folders have no path on disk
// (uri.browser.ts), so no folder has a root and these are never reached with one: folders are
// read with the defaults and the editor settings only.
import { defaultConfig, PROJECT_CONFIG_FILE } from '../shared/config';
import type { ProjectSettings } from '../shared/workspace/project';

export function loadProjectSettings(root: string): ProjectSettings {
  return { config: defaultConfig(), exclude: [], include: [], warnings: [], dir: root };
}

export function projectFileOf(root: string): string {
  return `${root}/${PROJECT_CONFIG_FILE}`;
}

export function readProjectFileText(): string | undefined | null {
  return null;
}
