import { SEVERITIES, SeveritySetting } from '../rules/types';
import { RULES_BY_ID, YAML_SYNTAX_RULE_ID } from '../rules';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  maxBytes: number;
  /** How standard input (the path `-`) is named in the report. */
  stdinFilename: string;
  gitignore: boolean;
  color: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: kube-tls-lint [options] [paths...]

Finds insecure TLS and port settings in Kubernetes, kubeadm and ECK YAML.
Paths default to the current folder; folders are searched for *.yaml and *.yml.
A path of - reads standard input, e.g. \`helm template ./chart | kube-tls-lint -\`.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
      --fix                       apply every safe fix in place and report what changed
  -r, --rule <id=severity>        set a rule's severity: off|hint|info|warning|error (repeatable)
  -e, --exclude <glob>            skip files or folders matching the glob (repeatable)
      --max-file-size <KB>        skip files larger than this (default: 5120)
      --stdin-filename <name>     the name standard input is reported under (default: <stdin>)
      --no-gitignore              do not honour .gitignore files
      --color / --no-color        force colour on or off (default: on for a terminal)
      --list-rules                print the rules and exit
  -h, --help                      show this help
  -v, --version                   print the version

Exit codes: 0 no finding at warning or above, 1 findings, 2 usage or I/O error.`;

export function parseArgs(argv: readonly string[], isTty: boolean): CliOptions & { listRules: boolean } {
  const options: CliOptions & { listRules: boolean } = {
    paths: [],
    format: 'text',
    fix: false,
    rules: {},
    exclude: [],
    maxBytes: 5 * 1024 * 1024,
    stdinFilename: '<stdin>',
    gitignore: true,
    color: isTty && !process.env.NO_COLOR,
    help: false,
    version: false,
    listRules: false,
  };
  const takeValue = (i: number, name: string): string => {
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (name: string) => {
      if (inline !== undefined) return inline;
      const v = takeValue(i, name);
      i++;
      return v;
    };
    switch (arg) {
      case '-f':
      case '--format': {
        const format = value(arg);
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
        options.format = format;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '-r':
      case '--rule': {
        const spec = value(arg);
        const m = /^([^=]+)=(.+)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes id=severity, not "${spec}"`);
        const [, id, severity] = m;
        if (!RULES_BY_ID.has(id) && id !== YAML_SYNTAX_RULE_ID) throw new UsageError(`unknown rule "${id}" (see --list-rules)`);
        if (![...SEVERITIES, 'off'].includes(severity)) throw new UsageError(`severity for ${id} must be off|hint|info|warning|error, not "${severity}"`);
        options.rules[id] = severity as SeveritySetting;
        break;
      }
      case '-e':
      case '--exclude':
        options.exclude.push(value(arg));
        break;
      case '--max-file-size': {
        const kb = Number(value(arg));
        if (!Number.isFinite(kb) || kb <= 0) throw new UsageError('--max-file-size takes a positive number of KB');
        options.maxBytes = kb * 1024;
        break;
      }
      case '--stdin-filename':
        options.stdinFilename = value(arg);
        break;
      case '--no-gitignore':
        options.gitignore = false;
        break;
      case '--color':
        options.color = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      case '--list-rules':
        options.listRules = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-v':
      case '--version':
        options.version = true;
        break;
      case '--':
        options.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(argv[i]);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  if (options.fix && options.paths.includes('-')) throw new UsageError('--fix cannot write to standard input');
  return options;
}
