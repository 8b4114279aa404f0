import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { withLoneCrAsLf } from '../model/text';
import { readSettingsFile } from './files';

/** The names kustomize looks for in a folder. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kustomizations this many folders above a file are still searched for it (`patches/x.yaml`, `../base-patches/x.yaml`). */
const LEVELS_UP = 3;

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

/**
 * Tells whether a file is a Kustomize patch: a partial resource, merged into one defined
 * elsewhere, so a field it lacks (an Ingress's `tls`) is not missing. Kustomizations are read
 * once per folder; `clear()` when one changes.
 */
export class KustomizeIndex {
  private readonly patchesByDir = new Map<string, ReadonlySet<string>>();

  constructor(private readonly read: (file: string) => string | undefined = (file) => readSettingsFile(file)) {}

  isPatch(file: string): boolean {
    const absolute = path.resolve(file);
    let dir = path.dirname(absolute);
    for (let level = 0; level <= LEVELS_UP; level++) {
      if (this.patchesIn(dir).has(absolute)) return true;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return false;
  }

  clear(): void {
    this.patchesByDir.clear();
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
