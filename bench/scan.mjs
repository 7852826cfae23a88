// Section 2: the CLI's `scan` over a generated tree, side by side with ripgrep.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PREFILTER_WORDS, renderFile, seedFor, workspacePlan } from './inputs.mjs';
import { median, now } from './stats.mjs';

const require = createRequire(import.meta.url);

export const TREE = { files: 10_000, totalBytes: 100 * 1024 * 1024, secrets: 5 };

/** Writes the planned tree under `root`; returns what it holds. */
export function writeTree(root, seed, spec = TREE) {
  const plan = workspacePlan(seedFor(seed, 'tree'), spec);
  let bytes = 0;
  let prefilterPasses = 0;
  const made = new Set();
  for (const entry of plan) {
    const path = join(root, entry.path);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const text = renderFile(entry);
    writeFileSync(path, text);
    bytes += text.length;
    if (PREFILTER_WORDS.test(text)) prefilterPasses++;
  }
  return { files: plan.length, bytes, prefilterPasses, secrets: plan.filter((e) => e.secret).length };
}

export const RIPGREP = '/usr/bin/rg';

function timed(command, args, options = {}) {
  const start = now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = now() - start;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs ripgrep (`rg -l SECRET_KEY`, and single-threaded with `-j1` for reference) and our scan
 * alternately, `rounds` times each after one untimed round that also warms the page cache.
 */
export function scanThroughput(build, tree, rounds) {
  const cli = join(build.production, 'dist', 'cli.js');
  const ours = () => timed(process.execPath, [cli, 'scan', '--format', 'json', tree]);
  const hasRipgrep = existsSync(RIPGREP);
  const rg = () => timed(RIPGREP, ['-l', 'SECRET_KEY', tree]);
  const rg1 = () => timed(RIPGREP, ['-j1', '-l', 'SECRET_KEY', tree]);
  const first = ours();
  if (first.status !== 1) throw new Error(`scan exited with ${first.status}: ${first.stderr.slice(0, 2000)}`);
  const findings = JSON.parse(first.stdout).findings;
  let rgFiles = 0;
  if (hasRipgrep) {
    rgFiles = rg().stdout.split('\n').filter((l) => l.length > 0).length;
    rg1();
  }
  const times = { ours: [], rg: [], rg1: [] };
  for (let i = 0; i < rounds; i++) {
    if (hasRipgrep) times.rg.push(rg().ms);
    times.ours.push(ours().ms);
    if (hasRipgrep) times.rg1.push(rg1().ms);
  }
  return {
    hasRipgrep,
    rgVersion: hasRipgrep ? spawnSync(RIPGREP, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : undefined,
    findings: findings.map((f) => `${f.rule} ${f.path}`),
    rgFiles,
    oursMs: median(times.ours),
    rgMs: hasRipgrep ? median(times.rg) : undefined,
    rg1Ms: hasRipgrep ? median(times.rg1) : undefined,
    times,
  };
}

/**
 * Where one scan's time goes, measured in-process with the CLI's own modules (out/src/cli/scan):
 * walking, reading and decoding, the prefilter, and the analysis of the files it lets through.
 */
export function scanBreakdown(build, tree) {
  const out = join(build.dev, 'out', 'src');
  const { collectFiles } = require(join(out, 'cli', 'scan', 'collect.js'));
  const { readSource, DEFAULT_MAX_FILE_SIZE } = require(join(out, 'cli', 'scan', 'read.js'));
  const { Problems } = require(join(out, 'cli', 'scan', 'problems.js'));
  const engine = require(join(out, 'core', 'index.js'));
  const problems = new Problems({ cwd: tree, writeStdout: () => undefined, writeStderr: () => undefined });
  const phases = { walkMs: 0, readMs: 0, prefilterMs: 0, analyseMs: 0 };
  let t = now();
  const files = collectFiles([tree], tree, problems);
  phases.walkMs = now() - t;
  let analysed = 0;
  let findings = 0;
  for (const file of files) {
    t = now();
    const outcome = readSource(file.absPath, DEFAULT_MAX_FILE_SIZE);
    const t1 = now();
    phases.readMs += t1 - t;
    if (outcome.status !== 'text') continue;
    const passes = engine.mayContainFindings(outcome.text);
    const t2 = now();
    phases.prefilterMs += t2 - t1;
    if (!passes) continue;
    analysed++;
    findings += engine.analyzeText(file.path, outcome.text, engine.DEFAULT_ENGINE_OPTIONS, file.kind).length;
    phases.analyseMs += now() - t2;
  }
  return { ...phases, files: files.length, analysed, findings };
}
