/**
 * Runs the pathological inputs in worker threads, two at a time, under a generous time limit
 * per target. It only tells a hang (or a throw, or a stack overflow) from a finished run: the
 * limit is far above any reasonable time, not a speed requirement.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerMessage } from './hang-worker';
import { Target } from './pathological';

export interface Outcome {
  readonly input: string;
  readonly target: Target;
  /** Milliseconds, or what went wrong. */
  readonly result: { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly problem: string };
}

const WORKER = join(__dirname, 'hang-worker.js');

/** Runs every job; resolves with one outcome per job and target. */
export async function runUnderWatchdog(jobs: readonly WorkerJob[], limitMs: number, concurrency = 2): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const queue = [...jobs];
  const lanes = Array.from({ length: concurrency }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) outcomes.push(...(await runJob(job, limitMs)));
  });
  await Promise.all(lanes);
  return outcomes;
}

function runJob(job: WorkerJob, limitMs: number): Promise<Outcome[]> {
  return new Promise((resolve) => {
    const outcomes: Outcome[] = [];
    // The main thread's stack (about 1 MB), so that a recursion too deep for the editor shows here.
    const worker = new Worker(WORKER, { workerData: job, resourceLimits: { stackSizeMb: 1 } });
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      for (const target of job.targets) {
        if (!outcomes.some((o) => o.target === target)) {
          outcomes.push({ input: job.input, target, result: { ok: false, problem: 'did not run (the worker stopped)' } });
        }
      }
      void worker.terminate();
      resolve(outcomes);
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'start') {
        timer = setTimeout(() => {
          outcomes.push({ input: job.input, target: m.target, result: { ok: false, problem: `still running after ${limitMs} ms` } });
          finish();
        }, limitMs);
      } else if (m.kind === 'done' || m.kind === 'threw') {
        if (timer) clearTimeout(timer);
        const result = m.kind === 'done' ? ({ ok: true, ms: m.ms } as const) : ({ ok: false, problem: `threw ${m.error}` } as const);
        outcomes.push({ input: job.input, target: m.target, result });
      } else {
        finish();
      }
    });
    worker.on('error', (err) => {
      outcomes.push({ input: job.input, target: job.targets[outcomes.length] ?? job.targets[0], result: { ok: false, problem: `worker error ${err.name}: ${err.message}` } });
      finish();
    });
    worker.on('exit', finish);
  });
}
