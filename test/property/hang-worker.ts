/**
 * Worker thread for watchdog.ts: builds one pathological input and runs each target on it,
 * posting a message before and after each, so that the parent can tell which one hangs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText, tokenize } from '../../src/core';
import { parseDotenv } from '../../src/core/dotenv/parse';
import { PATHOLOGICAL, Target } from './pathological';

export type WorkerMessage =
  | { readonly kind: 'start'; readonly target: Target }
  | { readonly kind: 'done'; readonly target: Target; readonly ms: number }
  | { readonly kind: 'threw'; readonly target: Target; readonly error: string }
  | { readonly kind: 'finished' };

export interface WorkerJob {
  readonly input: string;
  readonly targets: readonly Target[];
}

const RUN: Record<Target, (text: string) => unknown> = {
  'analyzeText .py': (text) => analyzeText('mysite/settings.py', text),
  'analyzeText .env': (text) => analyzeText('.env', text),
  tokenize: (text) => tokenize(text),
  parseDotenv: (text) => parseDotenv(text),
};

function run(job: WorkerJob): void {
  const port = parentPort;
  if (!port) return;
  const input = PATHOLOGICAL.find((p) => p.name === job.input);
  if (!input) throw new Error(`no input named ${job.input}`);
  const text = input.build();
  for (const target of job.targets) {
    port.postMessage({ kind: 'start', target } satisfies WorkerMessage);
    const started = Date.now();
    try {
      RUN[target](text);
      port.postMessage({ kind: 'done', target, ms: Date.now() - started } satisfies WorkerMessage);
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : String(err);
      port.postMessage({ kind: 'threw', target, error } satisfies WorkerMessage);
    }
  }
  port.postMessage({ kind: 'finished' } satisfies WorkerMessage);
}

run(workerData as WorkerJob);
