/**
 * Running fast-check properties in the normal suite: a fixed seed and a bounded number of
 * runs, so every run of `npm test` checks the same cases. For an occasional deep check:
 *
 *   npm run build && PROPERTY_RUNS=20000 npx mocha --no-config 'out/test/unit/property-*.test.js'
 *
 * (PROPERTY_SEED=<n> picks another seed). A failure names the seed and the shrunk input as
 * the property's `show` function prints it, never through fast-check's own report, which
 * would print generated keys.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20_241_202;

function positiveInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

export const SEED = positiveInteger('PROPERTY_SEED') ?? DEFAULT_SEED;
/** Set for a deep run: every property runs this many cases, without a time limit. */
export const DEEP_RUNS = positiveInteger('PROPERTY_RUNS');

/** The number of cases: `normal` in the suite, PROPERTY_RUNS in a deep run. */
export function runs(normal: number): number {
  return DEEP_RUNS ?? normal;
}

/** The mocha time limit for a property test: none in a deep run. */
export function timeLimit(normalMs: number): number {
  return DEEP_RUNS === undefined ? normalMs : 0;
}

export interface CheckOptions<Ts> {
  /** Cases in the normal suite. */
  readonly runs: number;
  /** How a failing input is shown; must not print generated keys (use indices or fingerprints). */
  readonly show: (value: Ts) => string;
}

/** Runs a synchronous property; throws with the seed and the shrunk input when it fails. */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, options: CheckOptions<Ts>): void {
  report(fc.check(property, parameters<Ts>(options)), options);
}

/** Runs an asynchronous property; throws with the seed and the shrunk input when it fails. */
export async function checkAsyncProperty<Ts>(property: fc.IAsyncProperty<Ts>, options: CheckOptions<Ts>): Promise<void> {
  report(await fc.check(property, parameters<Ts>(options)), options);
}

function parameters<Ts>(options: CheckOptions<Ts>): fc.Parameters<Ts> {
  return { seed: SEED, numRuns: runs(options.runs) };
}

function report<Ts>(details: fc.RunDetails<Ts>, options: CheckOptions<Ts>): void {
  if (!details.failed) return;
  if (details.counterexample === null) {
    throw new Error(`property gave up after ${details.numRuns} runs (seed ${details.seed}): ${details.interrupted ? 'interrupted' : 'too many skipped cases'}`);
  }
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `property failed after ${details.numRuns} runs and ${details.numShrinks} shrinks ` +
      `(seed ${details.seed}, path "${details.counterexamplePath}")\n` +
      `minimal input: ${options.show(details.counterexample)}\n` +
      `cause: ${cause}`,
  );
}

/** `show` for inputs that hold no key: the input as JSON. */
export function asJson(value: unknown): string {
  return JSON.stringify(value);
}
