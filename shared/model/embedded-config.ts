import { Document, isMap, isScalar, Scalar, YAMLMap } from 'yaml';
import { LiteralBlock } from './embedded';
import { parseYaml, type ParsedFile } from './parse';
import { getMap, getPair, getString, Resource } from './resources';
import type { Range } from './text';

/**
 * Configuration files (not manifests) kept as text in a ConfigMap's `data` or a Secret's
 * `stringData`, one file per key, each in a literal block scalar (`|`, `|-`, `|+`): what a
 * program mounted from that ConfigMap or Secret reads. The key's name says which program's
 * file it is. Quoted and folded values are not read (no exact way back to the outer text), nor a
 * Secret's `data` (base64).
 */

/** The programs whose configuration files are recognized, by the name of the key that holds them. */
export type ConfigProduct = 'elasticsearch' | 'kibana' | 'apm-server' | 'beat' | 'elastic-agent';

/** Which key names hold which program's configuration. A `.yml` name may also be spelled `.yaml`. */
const CONFIG_FILE_NAMES: ReadonlyArray<{ name: RegExp; product: ConfigProduct }> = [
  { name: /^elasticsearch\.ya?ml$/, product: 'elasticsearch' },
  { name: /^kibana\.ya?ml$/, product: 'kibana' },
  { name: /^apm-server\.ya?ml$/, product: 'apm-server' },
  { name: /^(?:filebeat|metricbeat|heartbeat|auditbeat|packetbeat|winlogbeat|journalbeat|functionbeat)\.ya?ml$/, product: 'beat' },
  { name: /^elastic-agent\.ya?ml$/, product: 'elastic-agent' },
];

/** Any text holding one of the recognized files names its key: what a prefiltered scan looks for. */
export const CONFIG_FILE_HINT = /(?:elasticsearch|kibana|apm-server|filebeat|metricbeat|heartbeat|auditbeat|packetbeat|winlogbeat|journalbeat|functionbeat|elastic-agent)\.ya?ml/;

/** The ConfigMap or Secret holding a configuration file. */
export interface ConfigHolder {
  kind: 'ConfigMap' | 'Secret';
  name?: string;
  namespace?: string;
}

/** A configuration file found in a ConfigMap or Secret, with the way back to the outer text. */
export interface EmbeddedConfigText {
  product: ConfigProduct;
  /** The key naming the file (`kibana.yml`). */
  key: string;
  holder: ConfigHolder;
  /** The key scalar's range in the outer text. */
  keyRange: Range;
  /** The literal block scalar. */
  node: Scalar;
  /** The file's text (the block's content, indentation removed). */
  text: string;
  block: LiteralBlock;
}

export function configProductOf(key: string): ConfigProduct | undefined {
  return CONFIG_FILE_NAMES.find((n) => n.name.test(key))?.product;
}

/** The recognized configuration files a ConfigMap (`data`) or Secret (`stringData`) holds, in key order. */
export function embeddedConfigTextsOf(resource: Resource, file: ParsedFile): EmbeddedConfigText[] {
  if (resource.group !== '' || (resource.kind !== 'ConfigMap' && resource.kind !== 'Secret')) return [];
  const data = getPair(resource.node, resource.kind === 'ConfigMap' ? 'data' : 'stringData')?.value;
  if (!isMap(data)) return [];
  const metadata = getMap(resource.node, 'metadata', resource.doc);
  const holder: ConfigHolder = { kind: resource.kind, name: resource.name, namespace: getString(metadata, 'namespace', resource.doc) };
  const out: EmbeddedConfigText[] = [];
  for (const pair of data.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
    const product = configProductOf(pair.key.value);
    // Aliases and other nodes are not read: only a literal block maps back exactly.
    if (!product || !isScalar(pair.value)) continue;
    const block = LiteralBlock.of(pair.value, file.text, file.maskedText);
    if (!block) continue;
    const keyRange = pair.key.range ? { start: pair.key.range[0], end: pair.key.range[1] } : { start: pair.value.range![0], end: pair.value.range![0] };
    out.push({ product, key: pair.key.value, holder, keyRange, node: pair.value, text: block.text, block });
  }
  return out;
}

/** A configuration file as its program reads it: one YAML document, offsets in the file's own text. */
export interface ConfigFile {
  product: ConfigProduct;
  /** The key naming the file (`kibana.yml`): how findings name it. */
  key: string;
  holder: ConfigHolder;
  text: string;
  doc: Document.Parsed;
  /** The document's root mapping (a file that is not one is not passed to rules). */
  root: YAMLMap;
  /** The file holds template actions (Helm): settings they write are unknown. */
  templated: boolean;
}

/**
 * The parsed configuration file, or undefined when it is not one readable mapping (a syntax
 * error, several documents, a scalar): a program would refuse it, and no rule can judge it.
 */
export function parseConfigFile(embedded: EmbeddedConfigText): ConfigFile | undefined {
  const parsed = parseYaml(embedded.text);
  if (parsed.fatal || parsed.documents.length !== 1) return undefined;
  const [document] = parsed.documents;
  if (document.syntaxError || !document.root) return undefined;
  return {
    product: embedded.product,
    key: embedded.key,
    holder: embedded.holder,
    text: embedded.text,
    doc: document.doc,
    root: document.root,
    templated: parsed.templateRanges.length > 0,
  };
}
