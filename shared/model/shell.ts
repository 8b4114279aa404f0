/** A word of a shell script: its unquoted value and its offsets in the script string. */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

/**
 * Splits a POSIX shell script into simple commands of words, enough to find a binary and
 * its flags in `sh -c` strings: quotes, backslash escapes, line continuations, comments
 * and the list/pipe operators. Expansions (`$VAR`, `$(…)`) are kept as literal text.
 */
export function splitShellCommands(script: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let current: ShellWord[] = [];
  let i = 0;
  const n = script.length;
  const endCommand = () => {
    if (current.length) commands.push(current);
    current = [];
  };
  while (i < n) {
    const ch = script[i];
    if (ch === '\\' && (script[i + 1] === '\n' || (script[i + 1] === '\r' && script[i + 2] === '\n'))) {
      i += script[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    // A redirection (`>log`, `2>&1`, `1>>/var/log/x.log`) and its target are not words of the command.
    REDIRECT.lastIndex = i;
    const redirect = REDIRECT.exec(script);
    if (redirect) {
      i += redirect[0].length;
      while (i < n && (script[i] === ' ' || script[i] === '\t')) i++;
      i = readWord(script, i).end;
      continue;
    }
    if (ch === '\n' || ch === '\r' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      endCommand();
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    const word = readWord(script, i);
    current.push({ value: word.value, start: i, end: word.end });
    i = word.end;
  }
  endCommand();
  return commands;
}

// An optional file descriptor number, then a redirection operator (`&>` is bash's both-streams form).
const REDIRECT = /[0-9]*(?:>>|>&|>\||<<-|<<<|<<|<&|<>|>|<)|&>>?/y;

/** Reads one word from `start`: quotes removed, escapes resolved, `$( … )` kept whole. */
function readWord(script: string, start: number): { value: string; end: number } {
  const n = script.length;
  let i = start;
  let value = '';
  let depth = 0; // inside $( … ) we keep going until it closes
  while (i < n) {
    const c = script[i];
    if (depth === 0 && (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>')) break;
    if (c === '\\') {
      if (script[i + 1] === '\n') {
        i += 2;
        continue;
      }
      value += script[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const stop = close < 0 ? n : close;
      value += script.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(script[i + 1])) {
          if (script[i + 1] !== '\n') value += script[i + 1];
          i += 2;
        } else {
          value += script[i++];
        }
      }
      i++;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      depth++;
      value += '$(';
      i += 2;
      continue;
    }
    if (c === ')' && depth > 0) depth--;
    value += c;
    i++;
  }
  return { value, end: Math.min(i, n) };
}
