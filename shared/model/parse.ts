import { Composer, CST, Document, isMap, isNode, isScalar, isSeq, Lexer, Parser, YAMLMap } from 'yaml';
import { maskTemplates } from './template';
import { Range, withLoneCrAsLf } from './text';

export interface SyntaxProblem {
  message: string;
  range: Range;
}

export interface ParsedDocument {
  doc: Document.Parsed;
  /** The document's root mapping, when it has one. */
  root?: YAMLMap;
  /** Set when the document has a syntax error; such a document is not checked. */
  syntaxError?: SyntaxProblem;
  range: Range;
  /**
   * The document holds template actions where they shape its YAML (see `shapesYaml`): what the
   * parser read is a guess at the rendered text, so its syntax errors and repeated keys are not
   * the user's. Actions only inside comments or scalars leave the YAML as written.
   */
  templated: boolean;
}

export interface ParsedFile {
  /** The original text; every offset refers to it. */
  text: string;
  /** The text the parser saw (template actions masked, lone CRs as LF: same length). */
  maskedText: string;
  documents: ParsedDocument[];
  templateRanges: Range[];
  /** A problem that stopped the parser (nesting too deep for it): that document is lost. */
  fatal?: SyntaxProblem;
}

/**
 * The parsed documents of a text, for parsing the next version of the same text (an editor
 * document): parts of it that did not change are not parsed again. Keep one per document.
 */
export class ParseCache {
  /** The previous text's document chunks (text from one `---` line to the next) and their documents. */
  chunks = new Map<string, Array<{ start: number; docs: Document.Parsed[] }>>();
  /**
   * Counts the parses made with this cache. A parse may move reused documents (their node
   * ranges) to where their text now is: what was computed from the nodes before is then stale.
   */
  generation = 0;
}

// Aliases are never expanded: the model reads nodes, it never calls toJS(). The parser's
// own duplicate-key check is quadratic in a map's size (a 40,000-key ConfigMap took 40 s);
// duplicateKeyError below does the same check in linear time.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * How deep the parser's stack (the document and its open collections) may grow. Not much deeper
 * the composer's recursion overflows the call stack anyway (from about 800 levels, by shape
 * and by how much stack the caller used), and up to there the parser keeps every level open:
 * 200,000 unclosed `{{ ` (400,000 nested flow mappings) took seconds before failing. Nothing
 * real nests near this.
 */
export const MAX_NESTING = 500;

/** Thrown when a document nests deeper than MAX_NESTING: `offset` is where the level too many opens. */
export class NestingTooDeep extends Error {
  constructor(readonly offset: number) {
    super(`more than ${MAX_NESTING} levels`);
  }
}

/** Parses `source` as if it stood at `offset` of a larger text: node ranges and errors are offsets into that text. */
function parseAt(source: string, offset: number): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = offset;
  // The parser makes an Error per bad token (200,000 stray `}}` made as many): only messages
  // and positions are read, so no stack trace is captured for them.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return Array.from(new Composer(PARSE_OPTIONS).compose(boundedTokens(parser, source)));
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}

/** Stray-token errors kept per parse: only a document's first error is reported, and a document with one is not checked. */
const MAX_ERROR_TOKENS = 100;

/**
 * The parser's tokens for `source` (as `parser.parse` gives them), stopped by NestingTooDeep
 * past MAX_NESTING open collections, without the stray-token errors past MAX_ERROR_TOKENS.
 */
function* boundedTokens(parser: Parser, source: string): Generator<CST.Token, void> {
  let errors = 0;
  for (const lexeme of new Lexer().lex(source)) {
    const at = parser.offset;
    for (const token of parser.next(lexeme)) {
      if (token.type !== 'error' || ++errors <= MAX_ERROR_TOKENS) yield token;
    }
    if (parser.stack.length > MAX_NESTING) throw new NestingTooDeep(at);
  }
  yield* parser.end();
}

// A `---` line always starts a new document: it cannot be part of any node.
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;
// Directives and `...` carry state from one document to the next: such texts are parsed whole.
const STREAM_STATE = /^(?:%|\.\.\.(?=[ \t\r\n]|$))/m;

interface Parsed {
  docs: Document.Parsed[];
  /** Where parsing threw (the text from there to the next `---` line is lost) and why. */
  fatal?: { offset: number; error: unknown };
}

/**
 * Parses each `---` document on its own (as the YAML spec reads them: a broken quote or
 * bracket cannot swallow the documents after it, and a parser crash loses one document),
 * reusing the cached documents whose text did not change. With `keep`, a document whose text
 * it rejects is not parsed: it is left out of the documents.
 */
function parseDocuments(masked: string, cache: ParseCache | undefined, keep?: (documentText: string) => boolean): Parsed {
  if (cache) cache.generation++;
  if (STREAM_STATE.test(masked)) {
    if (cache) cache.chunks = new Map();
    try {
      return { docs: parseAt(masked, 0) };
    } catch (error) {
      return { docs: [], fatal: { offset: 0, error } };
    }
  }
  const starts = [0];
  DOCUMENT_START.lastIndex = 0;
  for (let m = DOCUMENT_START.exec(masked); m; m = DOCUMENT_START.exec(masked)) if (m.index > 0) starts.push(m.index);
  const previous = cache?.chunks ?? new Map<string, Array<{ start: number; docs: Document.Parsed[] }>>();
  const chunks = new Map<string, Array<{ start: number; docs: Document.Parsed[] }>>();
  const result: Parsed = { docs: [] };
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const chunk = masked.slice(start, i + 1 < starts.length ? starts[i + 1] : masked.length);
    if (keep && !keep(chunk)) continue;
    let entry = previous.get(chunk)?.shift();
    if (entry) {
      if (entry.start !== start) shiftDocuments(entry.docs, start - entry.start);
      entry.start = start;
    } else {
      try {
        entry = { start, docs: parseAt(chunk, start) };
      } catch (error) {
        result.fatal ??= { offset: start, error };
        continue;
      }
    }
    const same = chunks.get(chunk);
    if (same) same.push(entry);
    else chunks.set(chunk, [entry]);
    for (const doc of entry.docs) result.docs.push(doc);
  }
  if (cache) cache.chunks = chunks;
  return result;
}

/** Moves reused documents to where their text now is. */
function shiftDocuments(docs: readonly Document.Parsed[], delta: number): void {
  const seen = new Set<unknown>();
  const shift = (range: number[] | null | undefined) => {
    if (!range || seen.has(range)) return;
    seen.add(range);
    for (let i = 0; i < range.length; i++) range[i] += delta;
  };
  for (const doc of docs) {
    shift(doc.range);
    for (const problem of [...doc.errors, ...doc.warnings]) shift(problem.pos);
    const stack: unknown[] = [doc.contents];
    while (stack.length) {
      const node = stack.pop();
      if (!isNode(node)) continue;
      shift(node.range);
      if (isMap(node)) for (const pair of node.items) stack.push(pair.key, pair.value);
      else if (isSeq(node)) for (const item of node.items) stack.push(item);
    }
  }
}

/** How often whole texts were linted and parsed in this process (embedded manifests included): for tests and benchmarks. */
export const engineCalls = { lints: 0, parses: 0 };

/**
 * Parses the text's documents. `keep` (for bulk scans, see ../prefilter) leaves out the `---`
 * documents whose text it rejects, unparsed; it is not used on texts with template actions
 * (a `{{ if }}` may open in one document and close in another) or directives and `...` lines.
 */
export function parseYaml(text: string, cache?: ParseCache, keep?: (documentText: string) => boolean): ParsedFile {
  engineCalls.parses++;
  const masked = maskTemplates(text);
  const maskedText = withLoneCrAsLf(masked.text);
  const file: ParsedFile = { text, maskedText, documents: [], templateRanges: masked.templateRanges };
  const { docs, fatal } = parseDocuments(maskedText, cache, masked.templateRanges.length === 0 ? keep : undefined);
  if (fatal) {
    const error = fatal.error;
    const why = error instanceof RangeError || error instanceof NestingTooDeep ? `nested too deeply (${error.message})` : String((error as Error)?.message ?? error);
    // Past the nesting cap the opener of the level too many is known: the finding points at it.
    const range = error instanceof NestingTooDeep ? { start: error.offset, end: Math.min(error.offset + 1, text.length) } : { start: fatal.offset, end: fatal.offset };
    file.fatal = { message: `YAML could not be parsed: ${why}`, range };
  }
  // Template ranges and documents both come in text order: one pass pairs them up. A document
  // owns the actions from the end of the one before it to its own end (a leading `{{ if }}`).
  const ranges = masked.templateRanges;
  let next = 0;
  let previousEnd = 0;
  for (const doc of docs) {
    const range = { start: doc.range?.[0] ?? 0, end: doc.range?.[2] ?? text.length };
    const owned = { start: Math.min(previousEnd, range.start), end: range.end };
    previousEnd = range.end;
    if (next > 0 && ranges[next - 1].end > owned.start) next = 0;
    while (next < ranges.length && ranges[next].end <= owned.start) next++;
    let last = next;
    while (last < ranges.length && ranges[last].start < owned.end) last++;
    const templated = last > next && shapesYaml(text, owned, ranges.slice(next, last));
    const parsed: ParsedDocument = { doc, range, templated };
    // In a template a key written in two branches (`{{ if }}key: a{{ else }}key: b{{ end }}`) renders
    // once: repeated keys make only a plain document unreadable, never one holding template actions.
    const duplicate = templated ? undefined : duplicateKeyError(doc);
    const error = duplicate && (!doc.errors[0] || duplicate.pos[0] < doc.errors[0].pos[0]) ? duplicate : doc.errors[0];
    if (error) {
      const start = Math.max(0, Math.min(error.pos[0], text.length));
      const end = Math.max(start, Math.min(error.pos[1], text.length));
      // The parser reports a stack overflow on deep nesting as a plain error: say what it means.
      const message = error.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(error.message) ? `nested too deeply to parse (${cleanMessage(error.message)})` : cleanMessage(error.message);
      parsed.syntaxError = { message, range: { start, end } };
    } else if (isMap(doc.contents)) {
      parsed.root = doc.contents;
    }
    file.documents.push(parsed);
  }
  return file;
}

// The lexer's zero-width markers (document start, scalar, end of a broken flow collection): not source text.
const LEXER_MARKERS = new Set([CST.DOCUMENT, CST.SCALAR, CST.FLOW_END]);

/**
 * Whether some of `spans` (template spans within `extent`, in order) shape the YAML: an action
 * that is not wholly inside one comment or one scalar of the text as written (`key: {{ .x }}`,
 * `{{ .k }}: v`, `[a, {{ .b }}]`, a line `{{- if .x }}`, or `"{{ .x | quote }}"` whose quotes
 * end the scalar early), or one a plain scalar starts with (a `${FIELDS}` line standing for keys). An action inside a comment or scalar (`# {{ x }}`, `note: "{{ x }}"`,
 * `image: repo/{{ .tag }}`, a line of a `|` block) does not: the YAML reads the same without it.
 */
function shapesYaml(text: string, extent: Range, spans: readonly Range[]): boolean {
  let i = 0;
  let offset = extent.start;
  let afterBlockHeader = false;
  let scalar: 'plain' | 'block' | undefined;
  for (const token of new Lexer().lex(withLoneCrAsLf(text.slice(extent.start, extent.end)))) {
    if (LEXER_MARKERS.has(token)) {
      if (token === CST.SCALAR) scalar = afterBlockHeader ? 'block' : 'plain';
      afterBlockHeader = false;
      continue;
    }
    const start = offset;
    offset += token.length;
    const type = CST.tokenType(token);
    // Comments and quoted scalars are single tokens; plain and block scalar content follows the scalar marker.
    let opaque = scalar !== undefined || type === 'comment' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar';
    if (type === 'block-scalar-header') afterBlockHeader = true;
    else if (type !== 'space' && type !== 'comment' && type !== 'newline') afterBlockHeader = false;
    for (; i < spans.length && spans[i].start < offset; i++) {
      const span = spans[i];
      if (scalar === 'plain' && span.start === start + token.length - token.trimStart().length) opaque = false;
      if (span.start < start || span.end > offset || !opaque) return true;
    }
    scalar = undefined;
    if (i === spans.length) return false;
  }
  return i < spans.length;
}

/**
 * The first repeated key of any mapping, as the parser's `uniqueKeys` check reports it (scalar
 * keys with equal values). Walks without recursion, so deep nesting cannot overflow the stack.
 */
function duplicateKeyError(doc: Document.Parsed): { code: string; message: string; pos: [number, number] } | undefined {
  let first: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (keys.has(key.value)) {
            const at = key.range?.[0] ?? node.range?.[0] ?? 0;
            if (first === undefined || at < first) first = at;
          } else {
            keys.add(key.value);
          }
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return first === undefined ? undefined : { code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [first, first + 1] };
}

function cleanMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
