// The project file (.kube-tls-lint.yaml) of a workspace folder on disk. The browser server has
// no disk: see projectFile.browser.ts.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../shared/config';

export { loadProjectSettings } from '../shared/workspace/project';

export function projectFileOf(root: string): string {
  return path.join(root, PROJECT_CONFIG_FILE);
}

/** The file's text; undefined when there is no such file, null when it cannot be read. */
export function readProjectFileText(file: string): string | undefined | null {
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
