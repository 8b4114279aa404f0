import { parse } from 'yaml';
import { withLoneCrAsLf } from './model/text';
import { RULES_BY_ID, YAML_SYNTAX_RULE_ID } from './rules';
import { SEVERITIES, SeveritySetting, FixDefaults } from './rules/types';

export interface LintConfig {
  /** Severity overrides by rule id; `off` disables a rule. */
  rules: Record<string, SeveritySetting>;
  /** Values fixes insert, e.g. the certificate paths for missing TLS flags. */
  fix: FixDefaults;
  /**
   * The `fix` keys the user set (project file or settings), as opposed to built-in defaults:
   * a fix inserting a path is only safe when the path is the user's.
   */
  fixConfigured?: string[];
}

export const DEFAULT_FIX_VALUES: FixDefaults = {
  tlsCertFile: '/etc/kubernetes/pki/apiserver.crt',
  tlsPrivateKeyFile: '/etc/kubernetes/pki/apiserver.key',
  // kube-apiserver (paths are kubeadm's, like the two above).
  clientCaFile: '/etc/kubernetes/pki/ca.crt',
  kubeletClientCertificate: '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  kubeletClientKey: '/etc/kubernetes/pki/apiserver-kubelet-client.key',
  kubeletCertificateAuthority: '/etc/kubernetes/pki/ca.crt',
  apiserverEtcdCertfile: '/etc/kubernetes/pki/apiserver-etcd-client.crt',
  apiserverEtcdKeyfile: '/etc/kubernetes/pki/apiserver-etcd-client.key',
  apiserverEtcdCafile: '/etc/kubernetes/pki/etcd/ca.crt',
  serviceAccountKeyFile: '/etc/kubernetes/pki/sa.pub',
  // kube-controller-manager.
  rootCaFile: '/etc/kubernetes/pki/ca.crt',
  serviceAccountPrivateKeyFile: '/etc/kubernetes/pki/sa.key',
  // etcd (kubeadm's paths).
  etcdCertFile: '/etc/kubernetes/pki/etcd/server.crt',
  etcdKeyFile: '/etc/kubernetes/pki/etcd/server.key',
  etcdPeerCertFile: '/etc/kubernetes/pki/etcd/peer.crt',
  etcdPeerKeyFile: '/etc/kubernetes/pki/etcd/peer.key',
  // kubelet: the CA kubeadm points `authentication.x509.clientCAFile` at, and serving files.
  kubeletClientCAFile: '/etc/kubernetes/pki/ca.crt',
  kubeletTlsCertFile: '/var/lib/kubelet/pki/kubelet.crt',
  kubeletTlsPrivateKeyFile: '/var/lib/kubelet/pki/kubelet.key',
};

export const PROJECT_CONFIG_FILE = '.kube-tls-lint.yaml';
export const IGNORE_FILE = '.kube-tls-lint-ignore';

export function defaultConfig(): LintConfig {
  return { rules: {}, fix: { ...DEFAULT_FIX_VALUES }, fixConfigured: [] };
}

export interface ConfigResult {
  config: LintConfig;
  /** One message per invalid setting; the setting falls back to its default. */
  warnings: string[];
}

const SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

/** Validates a rule map (`{id: severity}`), keeping the valid entries. */
export function readRuleMap(input: unknown, where: string, warnings: string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  if (input === undefined || input === null) return rules;
  if (typeof input !== 'object' || Array.isArray(input)) {
    warnings.push(`${where}: "rules" must be a map of rule id to ${SETTINGS.join('|')}; ignored.`);
    return rules;
  }
  for (const [id, value] of Object.entries(input as Record<string, unknown>)) {
    if (!RULES_BY_ID.has(id) && id !== YAML_SYNTAX_RULE_ID) {
      warnings.push(`${where}: unknown rule "${id}"; ignored.`);
      continue;
    }
    const setting = typeof value === 'string' ? value.toLowerCase() : value;
    if (typeof setting !== 'string' || !SETTINGS.includes(setting)) {
      warnings.push(`${where}: rule "${id}" must be one of ${SETTINGS.join('|')}, not ${JSON.stringify(value)}; using its default.`);
      continue;
    }
    rules[id] = setting as SeveritySetting;
  }
  return rules;
}

/** Validates `fix` values (non-empty strings for known keys). */
export function readFixValues(input: unknown, where: string, warnings: string[]): FixDefaults {
  const fix = { ...DEFAULT_FIX_VALUES };
  if (input === undefined || input === null) return fix;
  if (typeof input !== 'object' || Array.isArray(input)) {
    warnings.push(`${where}: "fix" must be a map; ignored.`);
    return fix;
  }
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!(key in DEFAULT_FIX_VALUES)) {
      warnings.push(`${where}: unknown fix setting "${key}"; ignored.`);
    } else if (typeof value !== 'string' || value.trim() === '' || /[\s"'\\]/.test(value)) {
      warnings.push(`${where}: fix setting "${key}" must be a path without spaces or quotes; using ${DEFAULT_FIX_VALUES[key]}.`);
    } else {
      fix[key] = value;
    }
  }
  return fix;
}

/** What a project file says besides the lint configuration. */
export interface ProjectFileSettings {
  /** Globs of files and folders to skip, relative to the project file's folder. */
  exclude: string[];
  /** Extra file name globs (`*.yaml.j2`) to search folders for; such files are read as templates. */
  include: string[];
}

/** Reads `.kube-tls-lint.yaml`: `rules`, `fix`, `exclude` and `include` (globs). */
export function parseProjectConfig(text: string, where = PROJECT_CONFIG_FILE): ConfigResult & ProjectFileSettings {
  const warnings: string[] = [];
  let data: unknown;
  try {
    data = parse(withLoneCrAsLf(text), { maxAliasCount: 100 });
  } catch (err) {
    warnings.push(`${where}: not valid YAML (${(err as Error).message.split('\n')[0]}); using defaults.`);
    return { config: defaultConfig(), warnings, exclude: [], include: [] };
  }
  if (data === null || data === undefined) return { config: defaultConfig(), warnings, exclude: [], include: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    warnings.push(`${where}: expected a map with "rules", "fix", "exclude" and "include"; using defaults.`);
    return { config: defaultConfig(), warnings, exclude: [], include: [] };
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['rules', 'fix', 'exclude', 'include'].includes(key)) warnings.push(`${where}: unknown setting "${key}"; ignored.`);
  }
  const globs = (key: 'exclude' | 'include'): string[] => {
    const value = record[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((g) => typeof g === 'string')) return value;
    warnings.push(`${where}: "${key}" must be a list of globs; ignored.`);
    return [];
  };
  const fix = readFixValues(record.fix, where, warnings);
  const config: LintConfig = { rules: readRuleMap(record.rules, where, warnings), fix };
  const fixInput = record.fix !== null && typeof record.fix === 'object' && !Array.isArray(record.fix) ? (record.fix as Record<string, unknown>) : {};
  config.fixConfigured = Object.keys(fixInput).filter((key) => key in DEFAULT_FIX_VALUES && fix[key] === fixInput[key]);
  return { config, warnings, exclude: globs('exclude'), include: globs('include') };
}

/**
 * Later layers win: defaults < project file < editor settings or CLI flags. A layer's `fix`
 * keys count as the user's unless it says which are (`fixConfigured`, as a project file does).
 */
export function mergeConfig(...layers: Array<Partial<LintConfig> | undefined>): LintConfig {
  const merged = defaultConfig();
  const configured = new Set<string>();
  for (const layer of layers) {
    if (!layer) continue;
    Object.assign(merged.rules, layer.rules ?? {});
    Object.assign(merged.fix, layer.fix ?? {});
    for (const key of layer.fixConfigured ?? Object.keys(layer.fix ?? {})) configured.add(key);
  }
  merged.fixConfigured = [...configured];
  return merged;
}
