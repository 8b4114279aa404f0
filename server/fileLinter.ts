import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { LintConfig } from '../shared/config';
import { describeError, readTextFileSync } from '../shared/workspace/files';
import { analyze, FileFacts, toDiagnostics } from './analysis';
import { pathToUri } from './uri';
import { factsOf, FileFacts as ResourceFileFacts, mayHoldFacts } from '../shared/crossfile/facts';
import { ParseCache } from '../shared/engine';

/** One file on disk to read and lint: plain data, so it can cross to the worker thread. */
export interface FileJob {
  /** The path, readable (a name that is not UTF-8 shows its bytes as `\xNN`). */
  file: string;
  /** The path's own bytes when a name in it is not UTF-8: the file is opened with these. */
  raw?: Uint8Array;
  /** The URI its diagnostics are published under (default: that of `file`). */
  uri?: string;
  maxFileSizeKb: number;
  /** Diagnostics sent back at most (the rest are only counted): a file's 350k findings never cross threads. */
  maxProblemsPerFile: number;
  config: LintConfig;
  facts: FileFacts;
}

export type FileOutcome =
  | { kind: 'diagnostics'; diagnostics: Diagnostic[]; resources?: ResourceFileFacts }
  | { kind: 'skipped'; reason: string }
  | { kind: 'unreadable'; reason: string };

/** Reads the job's file: its text, or the outcome when it cannot be linted (unreadable, too big, binary). */
function readJob(job: FileJob): { text: string } | { outcome: FileOutcome } {
  let read;
  try {
    read = readTextFileSync(job.raw ? Buffer.from(job.raw) : job.file, job.maxFileSizeKb * 1024);
  } catch (err) {
    return { outcome: { kind: 'unreadable', reason: describeError(err) } };
  }
  if (read.text === undefined) return { outcome: { kind: 'skipped', reason: read.skipped ?? 'skipped' } };
  return { text: read.text };
}

/**
 * Lints a file's text for the workspace scan. Files that no enabled rule can report on are not
 * parsed (the prefilter), so the scan shows no `yaml-syntax` finding for them.
 */
function lintJobText(job: FileJob, text: string): FileOutcome {
  // A text the rules across files read keeps its parse for them.
  const keepsParse = mayHoldFacts(text);
  const analysis = analyze(text, { config: job.config, settings: { maxFileSizeKb: job.maxFileSizeKb } }, job.facts, keepsParse ? new ParseCache() : undefined, true, keepsParse ? mayHoldFacts : undefined);
  if (analysis.skipped) return { kind: 'skipped', reason: analysis.skipped };
  const uri = job.uri ?? pathToUri(job.file);
  return { kind: 'diagnostics', diagnostics: toDiagnostics(analysis, { maxProblems: job.maxProblemsPerFile, uri }), resources: keepsParse ? factsOf(uri, text, job.facts.kustomizeNamespace, analysis.result.parsed) : { file: uri, resources: [] } };
}

interface WorkerJob {
  id: number;
  job: FileJob;
  text: string;
}

interface Pending {
  resolve: (outcome: FileOutcome) => void;
  job: FileJob;
  text: string;
}

/**
 * Texts at least this long (128 K characters) are linted on the worker thread; shorter ones take
 * a few milliseconds and are linted in place (the scan yields between files), so a workspace of
 * ordinary manifests never pays for a second V8 heap.
 */
export const WORKER_MIN_LENGTH = 128 * 1024;

/** An idle worker is stopped after this long: its heap is not kept while the user only types. */
const IDLE_MS = 1000;

/**
 * Reads files on the calling thread (a few system calls) and lints the big ones on a worker
 * thread, so that linting one during the workspace scan never holds up the diagnostics of the
 * document being edited. Answers come back in order. If the worker cannot start or dies, jobs
 * run on the calling thread instead (logged once).
 */
export class FileLinter {
  private worker: Worker | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private failed = false;
  private announced = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    /** The script that runs `runFileLinterWorker` when started as a worker (the bundled server). */
    private readonly script: string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  lint(job: FileJob): Promise<FileOutcome> {
    const read = readJob(job);
    if ('outcome' in read) return Promise.resolve(read.outcome);
    const text = read.text;
    if (text.length < WORKER_MIN_LENGTH) return Promise.resolve(lintJobText(job, text));
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve(lintJobText(job, text));
    const id = this.nextId++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, job, text });
      worker.postMessage({ id, job, text } satisfies WorkerJob);
    });
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    void worker?.terminate();
    this.drain();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.failed || !this.script) return this.worker;
    try {
      const worker = new Worker(this.script, {
        workerData: { role: 'file-linter' },
        // A small young generation: the scan's garbage is short-lived, and RSS stays low.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      });
      worker.on('message', (message: { id: number; outcome: FileOutcome }) => {
        const entry = this.pending.get(message.id);
        this.pending.delete(message.id);
        entry?.resolve(message.outcome);
        if (this.pending.size === 0) this.stopWhenIdle(worker);
      });
      worker.on('error', (err) => this.fail(`the lint worker failed: ${err.stack ?? err.message}`));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.fail(`the lint worker exited with code ${code}`);
      });
      // The worker must not keep the server alive after the client disconnects.
      worker.unref();
      if (!this.announced) this.log('Workspace scan: linting files on a worker thread.');
      this.announced = true;
      this.worker = worker;
    } catch (err) {
      this.fail(`could not start the lint worker: ${(err as Error).message}`);
    }
    return this.worker;
  }

  private stopWhenIdle(worker: Worker): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.worker !== worker || this.pending.size > 0) return;
      // The next job starts a new one.
      this.worker = undefined;
      void worker.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private fail(why: string): void {
    if (!this.failed) this.log(`Workspace scan: ${why}; linting files on the main thread.`);
    this.failed = true;
    this.worker = undefined;
    this.drain();
  }

  /** Jobs the worker did not answer are run here. */
  private drain(): void {
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const entry of left) entry.resolve(lintJobText(entry.job, entry.text));
  }
}

/** The worker side: answers each job message with its outcome. */
export function runFileLinterWorker(port: { on(event: 'message', listener: (message: WorkerJob) => void): void; postMessage(value: unknown): void }): void {
  port.on('message', ({ id, job, text }) => {
    let outcome: FileOutcome;
    try {
      outcome = lintJobText(job, text);
    } catch (err) {
      outcome = { kind: 'unreadable', reason: `lint failed: ${(err as Error).message}` };
    }
    port.postMessage({ id, outcome });
  });
}
