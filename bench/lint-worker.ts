/**
 * Worker thread for the worst-case rows of the benchmarks: lints one text and answers with the
 * time it took, so the main thread can give up on a lint that runs too long (terminate()).
 */
import { parentPort } from 'node:worker_threads';
import { lint } from '../shared/engine';

parentPort?.on('message', (message: { text: string }) => {
  const start = performance.now();
  const result = lint(message.text);
  parentPort?.postMessage({ ms: performance.now() - start, findings: result.findings.length });
});
