import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LintConfig } from '../shared/config';
import { lint, ParseCache } from '../shared/engine';
import { describeError, readTextFileSync } from '../shared/workspace/files';
import { FileFinding, placeFinding } from '../shared/report/formats';
import { factsOf, FileFacts, mayHoldFacts } from '../shared/crossfile/facts';

/** One file to read and lint: plain data, so it can go to a worker thread. */
export interface CheckJob {
  file: string;
  /** The path's bytes when a name in it is not UTF-8 (`file` is then only readable). */
  raw?: Uint8Array;
  /** The path as the report shows it. */
  shown: string;
  maxBytes: number;
  config: LintConfig;
  helm: boolean;
  kustomizePatch: boolean;
  /** The namespace a kustomization listing the file sets for its resources. */
  kustomizeNamespace?: string;
}

export type CheckResult =
  | { kind: 'linted'; findings: FileFinding[]; notices: string[]; facts: FileFacts }
  | { kind: 'skipped'; reason: string }
  | { kind: 'unreadable'; reason: string };

/**
 * Reads and lints one file. A file no enabled rule can report on is not parsed (the engine's
 * prefilter, as in the editor's workspace scan), so it gets no `yaml-syntax` finding either.
 */
export function checkFile(job: CheckJob): CheckResult {
  let read;
  try {
    read = readTextFileSync(job.raw ? Buffer.from(job.raw) : job.file, job.maxBytes);
  } catch (err) {
    return { kind: 'unreadable', reason: describeError(err) };
  }
  if (read.text === undefined) return { kind: 'skipped', reason: read.skipped ?? 'skipped' };
  // A text the rules across files read keeps its parse for them.
  const keepsParse = mayHoldFacts(read.text);
  const result = lint(read.text, { config: job.config, helm: job.helm, kustomizePatch: job.kustomizePatch, prefilter: true, cache: keepsParse ? new ParseCache() : undefined });
  const skippedText = result.notices.some((n) => n.startsWith('skipped:'));
  const facts = skippedText || !keepsParse ? { file: job.shown, resources: [] } : factsOf(job.shown, read.text, job.kustomizeNamespace, result.parsed);
  return { kind: 'linted', findings: result.findings.map((f) => placeFinding(job.shown, f, result.lines)), notices: result.notices, facts };
}

/** Below this many files a worker's start-up costs more than it saves. */
const FILES_PER_WORKER = 64;

/**
 * Checks the files on worker threads, one per core (the calling thread when there is one core,
 * few files, or no worker can start). Results come back in the order of `jobs`.
 */
export async function checkFiles(jobs: readonly CheckJob[], script: string | undefined): Promise<CheckResult[]> {
  // KUBE_TLS_LINT_CLI_WORKERS caps the pool (0 or 1: lint on the calling thread).
  const cap = Number(process.env.KUBE_TLS_LINT_CLI_WORKERS ?? availableParallelism());
  const workers = script ? Math.min(Number.isFinite(cap) ? cap : 1, Math.floor(jobs.length / FILES_PER_WORKER)) : 0;
  if (workers < 2) return jobs.map(checkFile);
  const results = new Array<CheckResult>(jobs.length);
  let next = 0;
  // Each worker takes the next job when it answers, so a big file never holds up the others.
  const run = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const send = () => {
        if (next >= jobs.length) {
          void worker.terminate();
          resolve();
          return;
        }
        const index = next++;
        worker.postMessage({ index, job: jobs[index] });
      };
      worker.on('message', ({ index, result }: { index: number; result: CheckResult }) => {
        results[index] = result;
        send();
      });
      // A worker that fails leaves the job it held to the calling thread (below).
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
      send();
    });
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < workers; i++) pool.push(new Worker(script!, { workerData: { role: 'cli-checker' } }));
  } catch {
    // Fewer workers (or none) when they cannot start.
  }
  await Promise.all(pool.map(run));
  for (let i = 0; i < jobs.length; i++) results[i] ??= checkFile(jobs[i]);
  return results;
}

/** The worker side: answers each job with its result. */
export function runCheckWorker(port: { on(event: 'message', listener: (message: { index: number; job: CheckJob }) => void): void; postMessage(value: unknown): void }): void {
  port.on('message', ({ index, job }) => {
    let result: CheckResult;
    try {
      result = checkFile(job);
    } catch (err) {
      result = { kind: 'unreadable', reason: `lint failed: ${(err as Error).message}` };
    }
    port.postMessage({ index, result });
  });
}
