// The browser server's stand-in for fileFacts.ts: without a file system, it knows the folders
// the workspace scan listed (through the client). A document is a Helm template when the editor
// says so (the `helm` language) or when it is under a `templates/` folder beside a `Chart.yaml`
// (as on disk), and a possible Kustomize patch when there is a kustomization in its folder or up
// to three folders above: judged only on what it contains, as a patch is (a finding fewer rather
// than a false one, since which files the kustomization names is not read here).
import { KUSTOMIZATION_LEVELS_UP } from '../shared/workspace/kustomizeNames';
import type { FileFacts } from './analysis';

export class FileFactsCache {
  /** The folders (URIs) holding a kustomization, by workspace folder. */
  private readonly kustomizationDirs = new Map<string, ReadonlySet<string>>();
  /** The folders (URIs) holding a Chart.yaml, by workspace folder. */
  private readonly chartDirs = new Map<string, ReadonlySet<string>>();

  of(uri: string, languageId?: string): FileFacts {
    return { helm: languageId === 'helm' || this.inChartTemplates(uri), kustomizePatch: this.nearKustomization(uri) };
  }

  /**
   * What the scan found in a workspace folder: the folders holding a kustomization and those
   * holding a Chart.yaml. Tells whether it changed (open documents are then checked again).
   */
  setFolderLayout(folderUri: string, layout: { kustomizationDirs: readonly string[]; chartDirs: readonly string[] }): boolean {
    const kustomizations = replace(this.kustomizationDirs, folderUri, layout.kustomizationDirs);
    const charts = replace(this.chartDirs, folderUri, layout.chartDirs);
    return kustomizations || charts;
  }

  clear(): void {}

  private inChartTemplates(uri: string): boolean {
    const parts = uri.split('/');
    for (let i = parts.length - 2; i > 0; i--) {
      if (parts[i] !== 'templates') continue;
      const chartDir = parts.slice(0, i).join('/');
      for (const dirs of this.chartDirs.values()) if (dirs.has(chartDir)) return true;
    }
    return false;
  }

  private nearKustomization(uri: string): boolean {
    let dir = parentOf(uri);
    for (let level = 0; level <= KUSTOMIZATION_LEVELS_UP && dir; level++) {
      for (const dirs of this.kustomizationDirs.values()) if (dirs.has(dir)) return true;
      dir = parentOf(dir);
    }
    return false;
  }
}

/** Sets a folder's entry; tells whether it changed. */
function replace(map: Map<string, ReadonlySet<string>>, key: string, dirs: readonly string[]): boolean {
  const before = map.get(key);
  if (before ? before.size === dirs.length && dirs.every((d) => before.has(d)) : dirs.length === 0) return false;
  map.set(key, new Set(dirs));
  return true;
}

/** The URI of the folder holding this one, or undefined at the root of its authority. */
export function parentOf(uri: string): string | undefined {
  const at = uri.lastIndexOf('/');
  return at > uri.indexOf('://') + 2 ? uri.slice(0, at) : undefined;
}
