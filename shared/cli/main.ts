import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergeConfig } from '../config';
import { fixAll, lint } from '../engine';
import { RULES } from '../rules';
import { describeError, formatSize, isHelmTemplatePath, listYamlFiles, readTextFileSync } from '../workspace/files';
import { KustomizeIndex } from '../workspace/kustomize';
import { loadProjectSettings } from '../workspace/project';
import { FileFinding, formatJson, formatSarif, formatText, placeFinding } from './report';
import { parseArgs, UsageError, USAGE } from './options';

declare const KUBE_TLS_LINT_VERSION: string | undefined;
const VERSION = typeof KUBE_TLS_LINT_VERSION === 'string' ? KUBE_TLS_LINT_VERSION : '0.0.0-dev';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTty: boolean;
  /** The whole of standard input, for the path `-`. */
  readStdin?: () => Promise<string>;
}

const SEVERITY_RANK = { error: 3, warning: 2, info: 1, hint: 0 } as const;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseArgs(argv, io.isTty);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kube-tls-lint: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (options.version) {
    io.stdout(VERSION + '\n');
    return 0;
  }
  if (options.listRules) {
    for (const rule of RULES) io.stdout(`${rule.meta.id.padEnd(42)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.title}\n`);
    return 0;
  }

  const project = loadProjectSettings(io.cwd);
  for (const warning of project.warnings) io.stderr(`kube-tls-lint: ${warning}\n`);
  const config = mergeConfig(project.config, { rules: options.rules });
  let ioError = false;

  const roots = options.paths.filter((p) => p !== '-').map((p) => path.resolve(io.cwd, p));
  const { files, errors } = roots.length === 0 ? { files: [], errors: [] } : await listYamlFiles(roots, { exclude: [...project.exclude, ...options.exclude], gitignore: options.gitignore });
  for (const error of errors) {
    io.stderr(`kube-tls-lint: cannot read ${displayPath(error, io.cwd)}\n`);
    ioError = true;
  }

  const findings: FileFinding[] = [];
  let filesScanned = 0;
  const kustomize = new KustomizeIndex();
  // A file named twice (`a.yaml` and its folder) is checked once.
  const unique = [...new Set(files.map((f) => f.path))];
  for (const file of unique) {
    const shown = displayPath(file, io.cwd);
    let read;
    try {
      read = readTextFileSync(file, options.maxBytes);
    } catch (err) {
      io.stderr(`kube-tls-lint: cannot read ${shown}: ${describeError(err)}\n`);
      ioError = true;
      continue;
    }
    if (read.text === undefined) {
      io.stderr(`kube-tls-lint: ${shown}: ${read.skipped}\n`);
      continue;
    }
    filesScanned++;
    const lintOptions = { config, helm: isHelmTemplatePath(file, existsSync), kustomizePatch: kustomize.isPatch(file) };
    let text = read.text;
    if (options.fix) {
      const fixed = fixAll(text, lintOptions);
      if (fixed.text !== text) {
        try {
          await fs.writeFile(file, fixed.text, 'utf8');
          text = fixed.text;
          for (const applied of fixed.applied) io.stderr(`kube-tls-lint: fixed ${shown}: ${applied.title} [${applied.ruleId}]\n`);
        } catch (err) {
          io.stderr(`kube-tls-lint: cannot write ${shown}: ${describeError(err)}\n`);
          ioError = true;
        }
      }
    }
    const result = lint(text, lintOptions);
    for (const notice of result.notices) io.stderr(`kube-tls-lint: ${shown}: ${notice}\n`);
    for (const finding of result.findings) findings.push(placeFinding(shown, finding, result.lines));
  }

  if (options.paths.includes('-')) {
    // Rendered output (`helm template`, `kustomize build`): plain manifests, named as the user says.
    const shown = options.stdinFilename;
    const text = io.readStdin ? await io.readStdin() : '';
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > options.maxBytes) {
      io.stderr(`kube-tls-lint: ${shown}: skipped: ${formatSize(bytes)} is over the ${formatSize(options.maxBytes)} size limit\n`);
    } else if (text.includes('\u0000')) {
      io.stderr(`kube-tls-lint: ${shown}: skipped: binary content (NUL bytes)\n`);
    } else {
      filesScanned++;
      const named = path.resolve(io.cwd, shown);
      const result = lint(text, { config, helm: isHelmTemplatePath(named, existsSync) });
      for (const notice of result.notices) io.stderr(`kube-tls-lint: ${shown}: ${notice}\n`);
      for (const finding of result.findings) findings.push(placeFinding(shown, finding, result.lines));
    }
  }

  if (options.format === 'json') io.stdout(formatJson(findings, filesScanned));
  else if (options.format === 'sarif') io.stdout(formatSarif(findings, VERSION, io.cwd));
  else io.stdout(formatText(findings, filesScanned, options.color));

  if (ioError) return 2;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning) ? 1 : 0;
}

/** Paths are shown relative to the current folder (as `file` in JSON and SARIF). */
function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // `npm run scan -- <dir>` runs in the package folder; resolve paths where the user typed them.
    cwd: process.env.npm_lifecycle_event === 'scan' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd(),
    isTty: !!process.stdout.isTTY,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`kube-tls-lint: internal error: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
