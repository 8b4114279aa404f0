import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LintConfig } from '../shared/config';
import { lint, ParseCache } from '../shared/engine';
import { describeError, readTextFileSync } from '../shared/workspace/files';
import { FileFinding, placeFinding } from '../shared/report/formats';
import { factsOf, FileFacts, mayHoldFacts } from '../shared/crossfile/facts';
import { mayReportWith } from '../shared/prefilter';

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

/** Reads one job's file: its text, or the result when it cannot be linted (unreadable, too big, binary). */
function readJob(job: CheckJob): { text: string } | { result: CheckResult } {
  let read;
  try {
    read = readTextFileSync(job.raw ? Buffer.from(job.raw) : job.file, job.maxBytes);
  } catch (err) {
    return { result: { kind: 'unreadable', reason: describeError(err) } };
  }
  if (read.text === undefined) return { result: { kind: 'skipped', reason: read.skipped ?? 'skipped' } };
  return { text: read.text };
}

/** Reads and lints one file. */
export function checkFile(job: CheckJob): CheckResult {
  const read = readJob(job);
  return 'result' in read ? read.result : checkText(job, read.text);
}

/**
 * Lints one file's text. A text no enabled rule can report on is not parsed (the engine's
 * prefilter, as in the editor's workspace scan), so it gets no `yaml-syntax` finding either.
 */
function checkText(job: CheckJob, text: string): CheckResult {
  // A text the rules across files read keeps its parse for them.
  const keepsParse = mayHoldFacts(text);
  const result = lint(text, {
    config: job.config,
    helm: job.helm,
    kustomizePatch: job.kustomizePatch,
    prefilter: true,
    prefilterKeeps: keepsParse ? mayHoldFacts : undefined,
    cache: keepsParse ? new ParseCache() : undefined,
  });
  const skippedText = result.notices.some((n) => n.startsWith('skipped:'));
  const facts = skippedText || !keepsParse ? { file: job.shown, resources: [] } : factsOf(job.shown, text, job.kustomizeNamespace, result.parsed);
  return { kind: 'linted', findings: result.findings.map((f) => placeFinding(job.shown, f, result.lines)), notices: result.notices, facts };
}

/**
 * Text to parse that one more worker thread is worth (1 MB). A worker takes about 0.1 s of CPU to
 * start (the bundle is loaded and compiled again) and parses at first at about 1 MB/s, before
 * its code is optimized: below this it costs more than it saves, even on an idle machine.
 */
export const PARSE_BYTES_PER_WORKER = 1024 * 1024;

/**
 * Worker threads for this much text to parse, beside the calling thread: one per
 * PARSE_BYTES_PER_WORKER beyond the first (the calling thread's share), at most one per other core.
 */
export function poolSize(bytesToParse: number, cores: number): number {
  return Math.max(0, Math.min(cores - 1, Math.floor(bytesToParse / PARSE_BYTES_PER_WORKER) - 1));
}

/**
 * Checks the files; results come back in the order of `jobs`. The calling thread reads every
 * file and lints those the prefilter drops whole (most, and cheap); the files to parse are the
 * work, and the pool is sized by it (see poolSize): they are shared between the calling thread
 * and the workers, each taking the next when done, so a big file never holds up the others.
 */
export async function checkFiles(jobs: readonly CheckJob[], script: string | undefined): Promise<CheckResult[]> {
  const results = new Array<CheckResult>(jobs.length);
  const toParse: Array<{ index: number; text: string }> = [];
  let bytesToParse = 0;
  for (let i = 0; i < jobs.length; i++) {
    const read = readJob(jobs[i]);
    if ('result' in read) results[i] = read.result;
    // What a prefiltered lint gives such a text, without testing it again.
    else if (!mayReportWith(jobs[i].config, read.text) && !mayHoldFacts(read.text)) results[i] = { kind: 'linted', findings: [], notices: [], facts: { file: jobs[i].shown, resources: [] } };
    else {
      toParse.push({ index: i, text: read.text });
      bytesToParse += read.text.length;
    }
  }
  // KUBE_TLS_LINT_CLI_WORKERS sets the pool's size (0: the calling thread only).
  const forced = process.env.KUBE_TLS_LINT_CLI_WORKERS;
  const wanted = forced !== undefined && forced !== '' ? Math.max(0, Math.floor(Number(forced)) || 0) : poolSize(bytesToParse, availableParallelism());
  const workers = script ? Math.min(wanted, toParse.length) : 0;
  let next = 0;
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < workers; i++) pool.push(new Worker(script!, { workerData: { role: 'cli-checker' } }));
  } catch {
    // Fewer workers (or none) when they cannot start.
  }
  const run = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const send = () => {
        if (next >= toParse.length) {
          void worker.terminate();
          resolve();
          return;
        }
        const { index, text } = toParse[next++];
        worker.postMessage({ index, job: jobs[index], text });
      };
      worker.on('message', ({ index, result }: { index: number; result: CheckResult }) => {
        results[index] = result;
        send();
      });
      // A worker that fails leaves the file it held to the calling thread (below).
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
      send();
    });
  const running = Promise.all(pool.map(run));
  // The calling thread takes its share, letting the workers' answers in between files.
  while (next < toParse.length) {
    const { index, text } = toParse[next++];
    results[index] ??= checkText(jobs[index], text);
    if (pool.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await running;
  for (let i = 0; i < jobs.length; i++) results[i] ??= checkFile(jobs[i]);
  return results;
}

/** The worker side: answers each job with its result. */
export function runCheckWorker(port: { on(event: 'message', listener: (message: { index: number; job: CheckJob; text: string }) => void): void; postMessage(value: unknown): void }): void {
  port.on('message', ({ index, job, text }) => {
    let result: CheckResult;
    try {
      result = checkText(job, text);
    } catch (err) {
      result = { kind: 'unreadable', reason: `lint failed: ${(err as Error).message}` };
    }
    port.postMessage({ index, result });
  });
}
