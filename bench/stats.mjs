// Timing and summary statistics.

/** Milliseconds since an arbitrary origin, with sub-microsecond resolution. */
export function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` once and returns how long it took, in milliseconds. */
export function time(fn) {
  const start = now();
  fn();
  return now() - start;
}

/** Collects garbage when the process runs with --expose-gc, so one series' garbage is not billed to the next. */
export function collectGarbage() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/**
 * Times `fn` after warming it up: `warmup` untimed runs, then at least `minRuns` timed runs,
 * more until `minMs` milliseconds were spent, at most `maxRuns`. Returns the durations (ms).
 */
export function sample(fn, { warmup = 10, minRuns = 10, maxRuns = 1000, minMs = 300 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  collectGarbage();
  const times = [];
  let spent = 0;
  while (times.length < maxRuns && (times.length < minRuns || spent < minMs)) {
    const t = time(fn);
    times.push(t);
    spent += t;
  }
  return times;
}

/** The q-quantile (0..1) by nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{ median, p95, runs }` of a list of durations. */
export function summarize(times) {
  return { median: median(times), p95: quantile(times, 0.95), runs: times.length };
}
