// The browser server's stand-in for fileFacts.ts: without a file system, a document is a Helm
// template when the editor says so (the `helm` language), and a possible Kustomize patch when
// the workspace scan listed a kustomization in its folder or up to three folders above: judged
// only on what it contains, as a patch is (a finding fewer rather than a false one, since which
// files the kustomization names is not read here).
import { KUSTOMIZATION_LEVELS_UP } from '../shared/workspace/kustomizeNames';
import type { FileFacts } from './analysis';

export class FileFactsCache {
  /** The folders (URIs) holding a kustomization, by workspace folder. */
  private readonly kustomizationDirs = new Map<string, ReadonlySet<string>>();

  of(uri: string, languageId?: string): FileFacts {
    return { helm: languageId === 'helm', kustomizePatch: this.nearKustomization(uri) };
  }

  /** What the scan found in a workspace folder; tells whether it changed (open documents are then checked again). */
  setKustomizationDirs(folderUri: string, dirs: readonly string[]): boolean {
    const before = this.kustomizationDirs.get(folderUri);
    if (before && before.size === dirs.length && dirs.every((d) => before.has(d))) return false;
    if (!before && dirs.length === 0) return false;
    this.kustomizationDirs.set(folderUri, new Set(dirs));
    return true;
  }

  clear(): void {}

  private nearKustomization(uri: string): boolean {
    let dir = parentOf(uri);
    for (let level = 0; level <= KUSTOMIZATION_LEVELS_UP && dir; level++) {
      for (const dirs of this.kustomizationDirs.values()) if (dirs.has(dir)) return true;
      dir = parentOf(dir);
    }
    return false;
  }
}

/** The URI of the folder holding this one, or undefined at the root of its authority. */
export function parentOf(uri: string): string | undefined {
  const at = uri.lastIndexOf('/');
  return at > uri.indexOf('://') + 2 ? uri.slice(0, at) : undefined;
}
