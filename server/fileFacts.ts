import { existsSync } from 'node:fs';
import { isHelmTemplatePath } from '../shared/workspace/files';
import { KustomizeIndex } from '../shared/workspace/kustomize';
import type { FileFacts } from './analysis';
import { uriToPath } from './uri';

/** File facts by path, cached as they need a few file system calls. */
export class FileFactsCache {
  private readonly helm = new Map<string, boolean>();
  private readonly kustomize = new KustomizeIndex();

  of(uri: string, languageId?: string): FileFacts {
    const file = uriToPath(uri);
    if (!file) return { helm: languageId === 'helm', kustomizePatch: false };
    let helm = this.helm.get(file);
    if (helm === undefined) {
      helm = isHelmTemplatePath(file, existsSync);
      this.helm.set(file, helm);
    }
    const kustomizeNamespace = this.kustomize.namespaceOf(file);
    return { helm: helm || languageId === 'helm', kustomizePatch: this.kustomize.isPatch(file), ...(kustomizeNamespace ? { kustomizeNamespace } : {}) };
  }

  /** A Chart.yaml or a kustomization came, went or changed. */
  clear(): void {
    this.helm.clear();
    this.kustomize.clear();
  }
}
