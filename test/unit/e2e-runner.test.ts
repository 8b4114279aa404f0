import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const script = readFileSync(path.join(root, 'test/e2e/run-offline.sh'), 'utf8');

/** The runner's `stop_code_server` function, as written in the script. */
function stopFunction(): string {
  const match = /^stop_code_server\(\) \{[\s\S]*?^\}$/m.exec(script);
  assert.ok(match, 'stop_code_server not found in run-offline.sh');
  return match[0];
}

/** Runs `body` under the runner's shell options with stop_code_server defined; stdout and exit status. */
function runWithStop(body: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', `set -euo pipefail\n${stopFunction()}\n${body}`], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('e2e runner (run-offline.sh)', () => {
  it('stop_code_server returns normally under set -e when the process group is already gone', () => {
    // The session's code-server exited (with all its children) before it is stopped.
    const { status, stdout, stderr } = runWithStop('setsid sleep 0 & CS_PID=$!\nwhile kill -0 "$CS_PID" 2>/dev/null; do sleep 0.05; done\nstop_code_server\necho "next session"\necho "pid cleared: [${CS_PID}]"');
    assert.equal(status, 0, stderr);
    assert.equal(stdout, 'next session\npid cleared: []\n');
  });

  it('stop_code_server stops every process of the group, not only its leader', () => {
    // A leader that has left a child behind: the child keeps the group alive.
    const { status, stdout, stderr } = runWithStop(
      'TMPFILE=$(mktemp)\nsetsid bash -c \'sleep 30 & echo $! > "$0"; wait\' "$TMPFILE" & CS_PID=$!\n' +
        'while [ ! -s "$TMPFILE" ]; do sleep 0.05; done\nchild=$(cat "$TMPFILE")\nstop_code_server\n' +
        'if kill -0 "$child" 2>/dev/null; then echo "child alive"; else echo "child stopped"; fi\nrm -f "$TMPFILE"',
    );
    assert.equal(status, 0, stderr);
    assert.equal(stdout, 'child stopped\n');
  });
});
