import { parseArgs as parseNodeArgs } from 'node:util';
import { SEVERITIES, Severity, SeveritySetting } from '../shared/rules/types';
import { RULES_BY_ID, YAML_SYNTAX_RULE_ID } from '../shared/rules';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab', 'checkstyle', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Severities that can make the run fail (hints never do). */
export const FAIL_LEVELS = ['error', 'warning', 'info'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** `--fix` applies unsafe fixes too. */
  unsafeFixes: boolean;
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  maxBytes: number;
  /** How standard input (the path `-`) is named in the report. */
  stdinFilename: string;
  gitignore: boolean;
  color: boolean;
  /** The lowest severity that makes the exit code 1. */
  failLevel: FailLevel;
  /** Warnings are tolerated up to this many (ESLint's --max-warnings); undefined: none are. */
  maxWarnings?: number;
  /** One configuration file for every path, instead of the nearest `.kube-tls-lint.yaml`. */
  configFile?: string;
  /** Extra file name globs (`*.yaml.j2`) that folders are searched for; read as templates. */
  extraPatterns: string[];
  help: boolean;
  version: boolean;
  listRules: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: kube-tls-lint [options] [paths...]

Finds insecure TLS and port settings in Kubernetes, kubeadm and ECK YAML.
Paths default to the current folder; folders are searched for *.yaml, *.yml and *.json.
A path of - reads standard input, e.g. \`helm template ./chart | kube-tls-lint -\`.

Options:
  -f, --format <format>           text, json, sarif, github, junit, gitlab, checkstyle or html (default: text)
      --fix                       apply every safe fix in place and report what changed
      --unsafe-fixes              with --fix, apply unsafe fixes too (implies --fix)
  -r, --rule <id=severity>        set a rule's severity: off|hint|info|warning|error (repeatable)
  -c, --config <file>             use this configuration file for every path
                                  (default: the nearest .kube-tls-lint.yaml above each file)
  -e, --exclude <glob>            skip files or folders matching the glob, relative to the
                                  current folder; applies to named files too (repeatable)
      --ext <glob>                also search folders for these file names, read as templates,
                                  e.g. --ext '*.yaml.j2' (repeatable)
      --fail-level <level>        lowest severity that fails the run: error|warning|info (default: warning)
      --max-warnings <n>          fail on warnings only when there are more than n
      --max-file-size <KB>        skip files larger than this (default: 5120)
      --stdin-filename <name>     the name standard input is reported under (default: <stdin>)
      --no-gitignore              do not honour .gitignore files
      --color / --no-color        force colour on or off (default: on for a terminal)
      --list-rules                print the rules and exit
  -h, --help                      show this help
  -v, --version                   print the version

Exit codes: 0 nothing at the fail level, 1 findings, 2 usage or I/O error or no files found.`;

const OPTION_SPEC = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  rule: { type: 'string', short: 'r', multiple: true },
  config: { type: 'string', short: 'c' },
  exclude: { type: 'string', short: 'e', multiple: true },
  ext: { type: 'string', multiple: true },
  'fail-level': { type: 'string' },
  'max-warnings': { type: 'string' },
  'max-file-size': { type: 'string' },
  'stdin-filename': { type: 'string' },
  gitignore: { type: 'boolean' },
  'no-gitignore': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'list-rules': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseArgs(argv: readonly string[], isTty: boolean): CliOptions {
  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: OPTION_SPEC, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError(describeParseError(err as Error & { code?: string }));
  }
  const { values, positionals, tokens } = parsed;
  const options: CliOptions = {
    paths: [...positionals],
    format: 'text',
    fix: values.fix === true || values['unsafe-fixes'] === true,
    unsafeFixes: values['unsafe-fixes'] === true,
    rules: {},
    exclude: values.exclude ?? [],
    maxBytes: 5 * 1024 * 1024,
    stdinFilename: values['stdin-filename'] ?? '<stdin>',
    gitignore: true,
    color: isTty && !process.env.NO_COLOR,
    failLevel: 'warning',
    configFile: values.config,
    extraPatterns: values.ext ?? [],
    help: values.help === true,
    version: values.version === true,
    listRules: values['list-rules'] === true,
  };
  // Paired on/off switches: the last one written wins.
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (token.name === 'color' || token.name === 'no-color') options.color = token.name === 'color';
    if (token.name === 'gitignore' || token.name === 'no-gitignore') options.gitignore = token.name === 'gitignore';
  }
  if (values.format !== undefined) options.format = outputFormatOf(values.format);
  options.rules = ruleSettingsOf(values.rule ?? []);
  if (values['fail-level'] !== undefined) options.failLevel = failLevelOf(values['fail-level']);
  if (values['max-warnings'] !== undefined) options.maxWarnings = maxWarningsOf(values['max-warnings']);
  if (values['max-file-size'] !== undefined) options.maxBytes = maxBytesOf(values['max-file-size']);
  if (options.paths.length === 0) options.paths.push('.');
  if (options.fix && options.paths.includes('-')) throw new UsageError('--fix cannot write to standard input');
  return options;
}

function outputFormatOf(value: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format "${value}" (${OUTPUT_FORMATS.join(', ')})`);
  return value as OutputFormat;
}

/** `--rule id=severity`, each written: the last one for an id wins. */
function ruleSettingsOf(specs: readonly string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--rule takes id=severity, not "${spec}"`);
    const [, id, severity] = m;
    if (!RULES_BY_ID.has(id) && id !== YAML_SYNTAX_RULE_ID) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
    if (![...SEVERITIES, 'off'].includes(severity)) throw new UsageError(`severity for ${id} must be off|hint|info|warning|error, not "${severity}"`);
    rules[id] = severity as SeveritySetting;
  }
  return rules;
}

function failLevelOf(level: string): FailLevel {
  if (!(FAIL_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--fail-level takes error, warning or info, not "${level}"`);
  return level as FailLevel;
}

function maxWarningsOf(n: string): number {
  if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a whole number, not "${n}"`);
  return Number(n);
}

/** `--max-file-size` is in KB. */
function maxBytesOf(value: string): number {
  const kb = Number(value);
  if (!Number.isFinite(kb) || kb <= 0) throw new UsageError('--max-file-size takes a positive number of KB');
  return kb * 1024;
}

/** node:util's messages name the option in its own words; ours are one short line. */
function describeParseError(err: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? err.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message) ? `${option} needs a value` : `${option} takes no value`;
    default:
      return err.message;
  }
}

/** Whether findings at this severity make the run fail. */
export function failsAt(severity: Severity, level: FailLevel): boolean {
  const rank = { error: 3, warning: 2, info: 1, hint: 0 } as const;
  return rank[severity] >= rank[level];
}
