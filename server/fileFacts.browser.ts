// The browser server's stand-in for fileFacts.ts: without a file system, a document is a Helm
// template when the editor says so (the `helm` language) and never a Kustomize patch.
import type { FileFacts } from './analysis';

export class FileFactsCache {
  of(_uri: string, languageId?: string): FileFacts {
    return { helm: languageId === 'helm', kustomizePatch: false };
  }

  clear(): void {}
}
