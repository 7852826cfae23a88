// `npm run bench`: builds a private copy of the working tree, generates every input from a fixed
// seed into a temporary folder, measures, prints a table and writes BENCHMARKS.md.
// Usage: node bench/run.mjs [--commit REF] [--quick] [--no-write]
//   --commit REF  measure a commit (e.g. HEAD) instead of the working tree as it is
//   --quick       a 1,000-file tree and fewer rounds (for trying the benchmark out; not for BENCHMARKS.md)
//   --no-write    print only; leave BENCHMARKS.md alone
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSource, prepareBuilds } from './build.mjs';
import { SEED } from './engine-tasks.mjs';
import { SCALING_INPUTS } from './inputs.mjs';
import { cpuSeconds, machineInfo, memoryWriteSpeed } from './machine.mjs';
import { consoleReport, exponent, LIMITS, markdownReport } from './report.mjs';
import { scanThroughput, TREE, writeTree } from './scan.mjs';
import { median } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const commitFlag = process.argv.indexOf('--commit');
const commit = commitFlag > 0 ? process.argv[commitFlag + 1] : undefined;
if (commitFlag > 0 && !commit) {
  process.stderr.write('usage: node bench/run.mjs [--commit REF] [--quick] [--no-write]\n');
  process.exit(2);
}

const SCALING_BASE = 128 * 1024;
const SCALING_FACTORS = [1, 2, 4, 8];
const SCALING_CAP_MS = LIMITS.scalingCapMs;

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs `bench/child.mjs TASK` in a fresh process and returns its JSON result. */
function child(build, task, args = [], { gc = false } = {}) {
  const flags = gc ? ['--expose-gc'] : [];
  const result = spawnSync(process.execPath, [...flags, join(here, 'child.mjs'), task, JSON.stringify(build), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${task} failed (${result.status}):\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/**
 * One scaling family in a child process, one JSON line per size; a size that takes longer than
 * the cap ends the child (it is the one this script started) and marks the rest as not measured.
 */
function scalingFamily(build, id, sizes) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', join(here, 'child.mjs'), 'scaling', JSON.stringify(build), id, ...sizes.map(String)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const results = [];
    let buffer = '';
    let stderr = '';
    let capped = false;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        capped = true;
        proc.kill('SIGKILL');
      }, SCALING_CAP_MS);
    };
    arm();
    proc.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        results.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
        arm();
      }
    });
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !capped) reject(new Error(`scaling ${id} failed (${code}):\n${stderr}`));
      else resolve({ results, capped: capped || results.length < sizes.length });
    });
  });
}

async function measureScaling(build) {
  const rows = [];
  for (const input of SCALING_INPUTS) {
    let base = input.base ?? SCALING_BASE;
    log(`scaling: ${input.id}`);
    let { results, capped } = await scalingFamily(build, input.id, SCALING_FACTORS.map((f) => f * base));
    if (results.length < 2) {
      // Too slow to show a trend at full size: the same input at 1/16 of the sizes.
      base /= 16;
      log(`scaling: ${input.id} again at 1/16 of the sizes`);
      ({ results, capped } = await scalingFamily(build, input.id, SCALING_FACTORS.map((f) => f * base)));
    }
    let remeasured = false;
    if (!capped && exponent(results) > LIMITS.growthExponent) {
      // Noise only adds time: measure again and keep the lower median of each size.
      log(`scaling: ${input.id} again, to tell growth from noise`);
      const again = await scalingFamily(build, input.id, results.map((r) => r.bytes));
      if (!again.capped) {
        results = results.map((r, i) => (again.results[i].median < r.median ? again.results[i] : r));
        remeasured = true;
      }
    }
    rows.push({ id: input.id, label: input.label, base, results, capped, remeasured });
  }
  return rows;
}

function editorCost(build, rounds) {
  const bundle = readFileSync(join(build.production, 'dist', 'extension.js'));
  const activations = { empty: [], open: [] };
  for (let i = 0; i < rounds; i++) {
    activations.empty.push(child(build, 'activate-empty'));
    activations.open.push(child(build, 'activate-open'));
  }
  const summary = (list) => ({
    requireMs: median(list.map((a) => a.requireMs)),
    activateMs: median(list.map((a) => a.activateMs)),
    subscriptions: list[0].subscriptions,
    runs: list.length,
  });
  return {
    bundleBytes: bundle.length,
    bundleGzipBytes: gzipSync(bundle).length,
    cliBytes: statSync(join(build.production, 'dist', 'cli.js')).size,
    activateEmpty: summary(activations.empty),
    activateOpen: summary(activations.open),
    unmodelled: activations.open[0].unmodelled,
    memoryEngine: child(build, 'memory-engine', [], { gc: true }),
    memoryChecker: child(build, 'memory-checker', [], { gc: true }),
    checkerLatency: child(build, 'checker-latency'),
  };
}

async function main() {
  const started = Date.now();
  const machine = { ...machineInfo(), ...memoryWriteSpeed() };
  const work = mkdtempSync(join(tmpdir(), 'dsh-bench-'));
  try {
    const source = describeSource(repo, commit);
    log(`building ${commit ? `commit ${source.commit}` : 'a copy of the working tree'} in ${work}`);
    const build = prepareBuilds(repo, work, commit);

    log('section 1: per-document latency');
    const latency = child(build, 'latency', [], { gc: true });

    log('section 2: generating the workspace tree');
    const tree = join(work, 'tree');
    const spec = quick ? { files: 1000, totalBytes: 10 * 1024 * 1024, secrets: 5 } : TREE;
    const treeInfo = writeTree(tree, SEED, spec);
    log(`section 2: scanning ${treeInfo.files} files (${(treeInfo.bytes / 1048576).toFixed(0)} MiB)`);
    const scan = scanThroughput(build, tree, quick ? 2 : 3);
    const breakdown = child(build, 'scan-breakdown', [tree]);
    rmSync(tree, { recursive: true, force: true });

    log('section 3: editor cost');
    const editor = editorCost(build, quick ? 3 : 9);

    log('section 4: how cost grows');
    const scaling = await measureScaling(build);

    const results = {
      machine: { ...machine, loadEnd: machineInfo().loadStart },
      source,
      command: `npm run bench${commit ? ` -- --commit ${commit}` : ''}`,
      quick,
      seconds: (Date.now() - started) / 1000,
      cpuSeconds: cpuSeconds(),
      latency,
      scan: { ...scan, tree: treeInfo, breakdown },
      editor,
      scaling,
    };
    process.stdout.write(consoleReport(results));
    if (write) {
      writeFileSync(join(repo, 'BENCHMARKS.md'), markdownReport(results));
      log('wrote BENCHMARKS.md');
    }
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
