import { FlagEditor, scriptEditor, sequenceEditor } from './component';
import type { SourceEditor } from './edit';
import { FlagSet, parseFlags } from './flags';
import { commandWordsOf } from './invocation';
import type { ParsedFile } from './parse';
import { Container, containersOf, Resource } from './resources';

/**
 * The flags of any program a container runs (metrics-server, kubectl in a script, Traefik…),
 * for rules about flags that are not tied to one control-plane binary. The last occurrence of
 * a flag wins within one command line; each `sh -c` command is a command line of its own.
 */
export interface CommandLine {
  container: Container;
  flags: FlagSet;
  editor: FlagEditor;
}

export function commandLinesOf(resource: Resource, file: ParsedFile, editor: SourceEditor): CommandLine[] {
  const out: CommandLine[] = [];
  for (const container of containersOf(resource)) {
    for (const words of commandWordsOf(container, file.maskedText, file.templateRanges)) {
      out.push({
        container,
        flags: parseFlags(words.words),
        editor: words.script ? scriptEditor(words, editor) : sequenceEditor(container, words, editor),
      });
    }
  }
  return out;
}
