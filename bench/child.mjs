// Runs one measurement in a fresh Node process and prints its result as JSON.
// Usage: node [--expose-gc] bench/child.mjs TASK BUILD_JSON [ARG...]
import { activateOnce, checkerAnalyzer, checkerLatency } from './editor-tasks.mjs';
import { documentLatency, engineAnalyzer, loadEngine, memoryGrowth, scaling } from './engine-tasks.mjs';
import { scanBreakdown } from './scan.mjs';

const [task, buildJson, ...args] = process.argv.slice(2);
const build = JSON.parse(buildJson);

const TASKS = {
  latency: () => documentLatency(build),
  scaling: () => scaling(build, args[0], args.slice(1).map(Number)),
  'activate-empty': () => activateOnce(build, { openSettings: false }),
  'activate-open': () => activateOnce(build, { openSettings: true }),
  'memory-engine': () => memoryGrowth(engineAnalyzer(build)),
  'memory-checker': () => memoryGrowth(checkerAnalyzer(build)),
  'checker-latency': () => checkerLatency(build, loadEngine(build)),
  'scan-breakdown': () => scanBreakdown(build, args[0]),
};

const run = TASKS[task];
if (!run) {
  console.error(`unknown task ${task}`);
  process.exit(2);
}
const result = run();
if (result !== undefined) process.stdout.write(JSON.stringify(result) + '\n');
