import { Document, isMap, isScalar, parseAllDocuments, YAMLMap } from 'yaml';
import { maskTemplates } from './template';
import type { Range } from './text';

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
}

export interface ParsedFile {
  /** The original text; every offset refers to it. */
  text: string;
  /** The text the parser saw (template actions masked, same length). */
  maskedText: string;
  documents: ParsedDocument[];
  templateRanges: Range[];
  /** A problem that stopped parsing altogether (e.g. nesting too deep for the parser). */
  fatal?: SyntaxProblem;
}

export function parseYaml(text: string): ParsedFile {
  const masked = maskTemplates(text);
  const file: ParsedFile = { text, maskedText: masked.text, documents: [], templateRanges: masked.templateRanges };
  let docs: Document.Parsed[];
  try {
    // Aliases are never expanded: the model reads nodes, it never calls toJS().
    docs = parseAllDocuments(masked.text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (err) {
    file.fatal = { message: `YAML could not be parsed: ${(err as Error).message}`, range: { start: 0, end: 0 } };
    return file;
  }
  for (const doc of docs) {
    const range = { start: doc.range?.[0] ?? 0, end: doc.range?.[2] ?? text.length };
    const parsed: ParsedDocument = { doc, range };
    const error = doc.errors[0];
    if (error) {
      const start = Math.max(0, Math.min(error.pos[0], text.length));
      const end = Math.max(start, Math.min(error.pos[1], text.length));
      parsed.syntaxError = { message: cleanMessage(error.message), range: { start, end } };
    } else if (isMap(doc.contents)) {
      parsed.root = doc.contents;
    }
    file.documents.push(parsed);
  }
  return file;
}

function cleanMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Reads a scalar's string value from a map, without resolving anything else. */
export function scalarString(map: YAMLMap | undefined, key: string): string | undefined {
  const node = map?.get(key, true);
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  return undefined;
}
