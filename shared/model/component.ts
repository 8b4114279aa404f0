import { isScalar, YAMLSeq } from 'yaml';
import type { SourceEditor } from './edit';
import { EnvSettings, readEnv } from './env';
import { FlagOccurrence, FlagSet, parseFlags } from './flags';
import { Binary, invocationOf, Invocation, Word } from './invocation';
import type { Container, Resource } from './resources';
import type { Range, TextEdit } from './text';

/** Writes flag changes back into wherever the flags live, in that place's own style. */
export interface FlagEditor {
  insert(flags: ReadonlyArray<{ name: string; value: string }>): TextEdit[] | undefined;
  remove(occurrence: FlagOccurrence): TextEdit[] | undefined;
  setValue(occurrence: FlagOccurrence, value: string): TextEdit[] | undefined;
}

/**
 * A running control-plane program and its effective settings, wherever they are written:
 * a container's command line today, kubeadm `extraArgs` and the like through the same shape.
 */
export interface Component {
  binary: Binary;
  origin: 'container' | 'kubeadm';
  resource: Resource;
  container?: Container;
  invocation?: Invocation;
  /** Where a finding about a missing setting is shown. */
  anchor: Range;
  flags: FlagSet;
  /**
   * False when settings may come from somewhere the file does not show (template actions in
   * the command line; kubeadm, which adds its own flags to the static pods it writes): rules
   * about missing settings stay quiet then.
   */
  complete: boolean;
  editor: FlagEditor;
  /**
   * The container's environment, for programs that read settings from it like flags (etcd's
   * `ETCD_*`): see `effectiveSetting` in ./settings. Absent for other programs and origins.
   */
  env?: EnvSettings;
}

const SHELL_SAFE = /^[A-Za-z0-9_/.\-=+@%:,]+$/;

export function containerComponent(container: Container, invocation: Invocation, editor: SourceEditor, words: readonly Word[] = invocation.words): Component {
  const flags = parseFlags(words);
  const anchor = { start: invocation.anchor.range![0], end: invocation.anchor.range![1] };
  return {
    binary: invocation.binary,
    origin: 'container',
    resource: container.resource,
    container,
    invocation,
    anchor,
    flags,
    complete: !invocation.templated,
    editor: invocation.script ? scriptEditor(invocation, editor) : sequenceEditor(container, invocation, editor),
  };
}

/**
 * The program a container runs. When template branches can render different flags, one
 * component per rendering: each is judged like a plain command line, so a flag a branch can
 * render is judged, and the last occurrence wins only among flags rendered together (the
 * engine reports a finding shared by several renderings once).
 */
export function componentsOfContainer(container: Container, text: string, templates: readonly Range[], editor: SourceEditor): Component[] {
  const invocation = invocationOf(container, text, templates, editor.text);
  if (!invocation) return [];
  const env = invocation.binary === 'etcd' ? readEnv(container, templates, editor) : undefined;
  return (invocation.renderings ?? [invocation.words]).map((words) => {
    const component = containerComponent(container, invocation, editor, words);
    if (env) component.env = env;
    return component;
  });
}

/** Edits flags where a container's `command`/`args` items hold them. */
export function sequenceEditor(container: Container, invocation: Pick<Invocation, 'words'>, editor: SourceEditor): FlagEditor {
  return {
    insert(flags) {
      if (endsFlags(invocation)) return undefined;
      // New flags go where the flags already are: `args` when it has items, else `command`.
      const target: YAMLSeq | undefined = container.args && container.args.items.length > 0 ? container.args : container.command;
      if (!target) return undefined;
      const edit = editor.appendToSeq(target, flags.map((f) => `--${f.name}=${f.value}`));
      return edit ? [edit] : undefined;
    },
    remove(occ) {
      const first = occ.nameWord;
      const last = occ.valueWord ?? occ.nameWord;
      if (!first.seq || first.seq !== last.seq || first.index === undefined || last.index === undefined) {
        // Split across command and args: remove each item on its own.
        const edits = [first, last].filter((w, i, all) => all.indexOf(w) === i).map((w) => w.seq && w.index !== undefined ? editor.removeSeqItems(w.seq, w.index, w.index) : undefined);
        return edits.every(Boolean) ? (edits as TextEdit[]) : undefined;
      }
      const edit = editor.removeSeqItems(first.seq, first.index, last.index);
      return edit ? [edit] : undefined;
    },
    setValue(occ, value) {
      const target = occ.valueWord?.node ?? occ.nameWord.node;
      if (!target || !isScalar(target)) return undefined;
      const text = occ.valueWord ? value : `--${occ.name}=${value}`;
      const edit = editor.replaceScalar(target, text);
      return edit ? [edit] : undefined;
    },
  };
}

/** Edits flags inside an `sh -c` script, in place. */
export function scriptEditor(invocation: Pick<Invocation, 'words' | 'head' | 'script'>, editor: SourceEditor): FlagEditor {
  const scriptType = invocation.script?.node.type;
  const editable = scriptType === 'PLAIN' || scriptType === 'BLOCK_LITERAL' || scriptType === 'BLOCK_FOLDED' || scriptType === 'QUOTE_DOUBLE' || scriptType === 'QUOTE_SINGLE';
  // The script's words are entries like a list's: words appended by several fixes can follow
  // one another, an append never goes with a removal it touches (the removal may take the
  // blanks the appended words would follow), and the binary's word always stays.
  const entries = (removed: number): TextEdit['entries'] => ({
    collection: invocation.script!.node.range![0],
    count: invocation.words.length + 1,
    removed,
    ...(removed === 0 ? { appends: true } : {}),
  });
  return {
    insert(flags) {
      const words = flags.map((f) => `--${f.name}=${f.value}`);
      if (!editable || endsFlags(invocation) || !words.every((w) => SHELL_SAFE.test(w))) return undefined;
      // After the last flag, or after the word naming the binary when there is none.
      const after = invocation.words.length ? invocation.words[invocation.words.length - 1] : invocation.head;
      if (!after || !after.located) return undefined;
      const at = after.range.end;
      return [{ start: at, end: at, newText: words.map((w) => ' ' + w).join(''), entries: entries(0) }];
    },
    remove(occ) {
      const words = [occ.nameWord, occ.valueWord].filter(Boolean);
      if (!editable || !words.every((w) => w!.located)) return undefined;
      // Take the blanks in front of the flag with it, but never a line break; a flag that
      // starts a line followed by more words takes the blanks after it instead, so the line
      // keeps its indentation (in a block scalar, the next word would end up outside it).
      const text = editor.text;
      const blank = (i: number) => text[i] === ' ' || text[i] === '\t';
      let start = occ.range.start;
      while (start > 0 && blank(start - 1)) start--;
      let end = occ.range.end;
      if (start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r') {
        while (end < text.length && blank(end)) end++;
        if (end < text.length && text[end] !== '\n' && text[end] !== '\r') start = occ.range.start;
        else end = occ.range.end;
      }
      return [{ start, end, newText: '', entries: entries(words.length) }];
    },
    setValue(occ, value) {
      const word = occ.valueWord ?? occ.nameWord;
      const replacement = occ.valueWord ? value : `--${occ.name}=${value}`;
      if (!editable || !word.located || !SHELL_SAFE.test(replacement)) return undefined;
      return [{ start: word.range.start, end: word.range.end, newText: replacement }];
    },
  };
}

/** A `--` word ends the flags: anything appended after it would be a positional argument. */
function endsFlags(invocation: Pick<Invocation, 'words'>): boolean {
  return invocation.words.some((w) => w.value.trim() === '--');
}
