import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { withLoneCrAsLf } from '../model/text';
import { readSettingsFile } from './files';
import { KUSTOMIZATION_FILES, KUSTOMIZATION_LEVELS_UP as LEVELS_UP } from './kustomizeNames';

export { KUSTOMIZATION_FILES };

/**
 * The patch files a kustomization names: `patches[].path`, `patchesStrategicMerge[]` (file
 * names; inline patches are skipped) and `patchesJson6902[].path`, as absolute paths.
 */
export function patchFilesOf(kustomizationText: string, dir: string): string[] {
  let doc;
  try {
    doc = parseDocument(withLoneCrAsLf(kustomizationText), { uniqueKeys: false });
  } catch {
    return [];
  }
  const root = doc.contents;
  if (!isMap(root)) return [];
  const out: string[] = [];
  const add = (value: unknown) => {
    // A string holding YAML (an inline patch) is not a file name.
    if (typeof value === 'string' && value.trim() && !/[\n:{]/.test(value)) out.push(path.resolve(dir, value.trim()));
  };
  for (const key of ['patches', 'patchesJson6902', 'patchesStrategicMerge']) {
    const list = root.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (isScalar(item)) add(item.value);
      else if (isMap(item)) {
        const p = item.get('path', true);
        if (isScalar(p)) add(p.value);
      }
    }
  }
  return out;
}

/** A kustomization's `namespace` and the files its `resources` list, as absolute paths. */
export function resourcesAndNamespaceOf(kustomizationText: string, dir: string): { namespace?: string; resources: string[] } {
  let doc;
  try {
    doc = parseDocument(kustomizationText, { uniqueKeys: false });
  } catch {
    return { resources: [] };
  }
  const root = doc.contents;
  if (!isMap(root)) return { resources: [] };
  const ns = root.get('namespace', true);
  const value: unknown = isScalar(ns) ? ns.value : undefined;
  const namespace = typeof value === 'string' && value.trim() ? value.trim() : undefined;
  const list = root.get('resources', true);
  const resources = isSeq(list) ? list.items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' && !item.value.includes('://') ? [path.resolve(dir, item.value.trim())] : [])) : [];
  return { namespace, resources };
}

/**
 * Tells whether a file is a Kustomize patch: a partial resource, merged into one defined
 * elsewhere, so a field it lacks (an Ingress's `tls`) is not missing. Kustomizations are read
 * once per folder; `clear()` when one changes.
 */
export class KustomizeIndex {
  private readonly patchesByDir = new Map<string, ReadonlySet<string>>();
  private readonly namespaceByDir = new Map<string, { namespace?: string; resources: ReadonlySet<string> }>();
  private readonly quietDirs = new Map<string, boolean>();

  constructor(private readonly read: (file: string) => string | undefined = (file) => readSettingsFile(file)) {}

  isPatch(file: string): boolean {
    const absolute = path.resolve(file);
    let dir = path.dirname(absolute);
    if (this.quiet(dir)) return false;
    for (let level = 0; level <= LEVELS_UP; level++) {
      if (this.patchesIn(dir).has(absolute)) return true;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return false;
  }

  /** The namespace a kustomization above the file (up to a few folders) sets for it when it lists it in `resources`. */
  namespaceOf(file: string): string | undefined {
    const absolute = path.resolve(file);
    let dir = path.dirname(absolute);
    if (this.quiet(dir)) return undefined;
    for (let level = 0; level <= LEVELS_UP; level++) {
      const found = this.namespacesIn(dir);
      if (found.resources.has(absolute)) return found.namespace;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  private namespacesIn(dir: string): { namespace?: string; resources: ReadonlySet<string> } {
    let found = this.namespaceByDir.get(dir);
    if (!found) {
      const entry: { namespace?: string; resources: Set<string> } = { resources: new Set() };
      for (const name of KUSTOMIZATION_FILES) {
        const text = this.read(path.join(dir, name));
        if (text === undefined) continue;
        const read = resourcesAndNamespaceOf(text, dir);
        entry.namespace ??= read.namespace;
        for (const r of read.resources) entry.resources.add(r);
      }
      found = entry;
      this.namespaceByDir.set(dir, found);
    }
    return found;
  }

  clear(): void {
    this.patchesByDir.clear();
    this.namespaceByDir.clear();
    this.quietDirs.clear();
  }

  /**
   * No kustomization in the folder or the few above it names a file: true for most folders, and
   * then each of their files is answered without walking up again.
   */
  private quiet(dir: string): boolean {
    let quiet = this.quietDirs.get(dir);
    if (quiet === undefined) {
      quiet = true;
      for (let level = 0, at = dir; level <= LEVELS_UP && quiet; level++) {
        quiet = this.patchesIn(at).size === 0 && this.namespacesIn(at).resources.size === 0;
        const parent = path.dirname(at);
        if (parent === at) break;
        at = parent;
      }
      this.quietDirs.set(dir, quiet);
    }
    return quiet;
  }

  private patchesIn(dir: string): ReadonlySet<string> {
    let patches = this.patchesByDir.get(dir);
    if (!patches) {
      const found = new Set<string>();
      for (const name of KUSTOMIZATION_FILES) {
        const text = this.read(path.join(dir, name));
        if (text !== undefined) for (const file of patchFilesOf(text, dir)) found.add(file);
      }
      patches = found;
      this.patchesByDir.set(dir, patches);
    }
    return patches;
  }
}
