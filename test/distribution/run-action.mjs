// Runs action.yml's steps as the GitHub runner does: each step's `env` with `${{ inputs.* }}`
// filled from INPUT_* variables (or the input's default), GITHUB_ACTION_PATH at the action's
// folder, and GITHUB_OUTPUT / RUNNER_TEMP in a temporary folder. Prints the step outputs as
// JSON on the last line and exits with the failing step's code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const { parse } = createRequire(path.join(root, 'package.json'))('yaml');
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const temp = mkdtempSync(path.join(os.tmpdir(), 'kube-tls-lint-action-'));

const inputs = {};
for (const [name, spec] of Object.entries(action.inputs ?? {})) {
  // The runner sets INPUT_<NAME> with the name upper-cased and spaces as underscores.
  const given = process.env[`INPUT_${name.toUpperCase().replace(/ /g, '_')}`];
  inputs[name] = given ?? spec.default ?? '';
}
const expand = (text) => String(text).replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name) => inputs[name] ?? '');

const outputs = {};
for (const [i, step] of action.runs.steps.entries()) {
  const outputFile = path.join(temp, `output-${i}`);
  const env = { ...process.env, GITHUB_ACTION_PATH: root, RUNNER_TEMP: temp, GITHUB_OUTPUT: outputFile };
  for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value);
  const r = spawnSync(step.shell ?? 'bash', ['-e', '-c', expand(step.run)], { env, stdio: 'inherit' });
  let text = '';
  try {
    text = readFileSync(outputFile, 'utf8');
  } catch {
    // The step wrote no output.
  }
  for (const line of text.split('\n')) {
    const m = /^([\w-]+)=(.*)$/.exec(line);
    if (m && step.id) outputs[`${step.id}.${m[1]}`] = m[2];
  }
  if (r.status !== 0) {
    console.log(JSON.stringify(outputs));
    process.exit(r.status ?? 1);
  }
}
console.log(JSON.stringify(outputs));
