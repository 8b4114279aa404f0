/**
 * Worker thread for the pipelined scan variant of benchmark 3: lints the texts the main
 * thread reads, so reading the next file and linting the last one overlap on two cores.
 */
import { parentPort } from 'node:worker_threads';
import { lint } from '../shared/engine';
import { YAML_SYNTAX_RULE_ID } from '../shared/rules';

let findings = 0;
parentPort?.on('message', (message: { text?: string; helm?: boolean; done?: boolean }) => {
  if (message.done) {
    parentPort?.postMessage({ findings });
    findings = 0;
    return;
  }
  const result = lint(message.text ?? '', { prefilter: true, helm: message.helm });
  findings += result.findings.filter((f) => f.ruleId !== YAML_SYNTAX_RULE_ID).length;
});
