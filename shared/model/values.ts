import { isScalar } from 'yaml';

/**
 * Booleans as Kubernetes' YAML decoder reads them: YAML 1.1 plain scalars (`true`, `yes`, `on`,
 * `y`…). `strings` also accepts the quoted strings "true"/"false", which programs that receive
 * settings as text (ECK passes `spec.config` on to Elasticsearch, Kibana, Beats) parse as booleans.
 */
export function yamlBoolean(node: unknown, options: { strings?: boolean } = {}): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value !== 'string') return undefined;
  if (node.type === 'PLAIN') {
    if (/^(y|Y|yes|Yes|YES|on|On|ON)$/.test(node.value)) return true;
    if (/^(n|N|no|No|NO|off|Off|OFF)$/.test(node.value)) return false;
    return undefined;
  }
  if (options.strings && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
    if (node.value === 'true') return true;
    if (node.value === 'false') return false;
  }
  return undefined;
}

/** A number the decoder reads as an integer (`10255`, `0x2817`); undefined for anything else. */
export function yamlInteger(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

/** YAML booleans Kubernetes' decoder reads as true (it follows YAML 1.1 for plain scalars). */
export function isYamlTrue(node: unknown): boolean {
  return yamlBoolean(node) === true;
}
