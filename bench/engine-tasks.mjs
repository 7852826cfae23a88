// Measurements of the engine in this process (run by child.mjs in a fresh Node process).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { minifiedLine, oneCharacterEdit, pythonModule, repeatedSettings, SCALING_INPUTS, seedFor, settingsModule } from './inputs.mjs';
import { collectGarbage, now, sample, summarize, time } from './stats.mjs';

const require = createRequire(import.meta.url);

/** The engine as the build transpiled it (`out/src/core`). */
export function loadEngine(build) {
  return require(join(build.dev, 'out', 'src', 'core', 'index.js'));
}

export const SEED = 20240601;

/** The typical settings.py of section 1. */
export function typicalSettings() {
  return { label: 'settings.py, typical (200 lines, one hardcoded key)', path: 'mysite/settings.py', text: settingsModule(seedFor(SEED, 'typical'), { lines: 200 }) };
}

/** The documents of section 1, with the path the engine sees. */
export function documentInputs() {
  const typical = typicalSettings();
  return {
    typical,
    large: { label: 'settings.py, large (5,000 lines, one hardcoded key)', path: 'mysite/settings.py', text: settingsModule(seedFor(SEED, 'large'), { lines: 5000 }) },
    prefiltered: {
      label: 'Python, 20,000 lines, no SECRET/PASSWORD/KEY/TOKEN word (prefilter skips it)',
      path: 'shop/services.py',
      text: pythonModule(seedFor(SEED, 'big-plain'), { lines: 20000, mentions: false }),
    },
    analysed: {
      label: 'Python, 20,000 lines, mentions SECRET_KEY/password/token/_key, no finding (fully analysed)',
      path: 'shop/services.py',
      text: pythonModule(seedFor(SEED, 'big-mentions'), { lines: 20000, mentions: true }),
    },
    minified: { label: 'Python, 1 MiB on one line, minified-looking', path: 'vendor/routes_min.py', text: minifiedLine(seedFor(SEED, 'minified'), 1 << 20) },
    edited: { label: 'settings.py, typical, after a one-character edit', path: 'mysite/settings.py', text: oneCharacterEdit(typical.text) },
  };
}

const RUNS = {
  typical: { warmup: 300, minRuns: 1000, maxRuns: 3000, minMs: 500 },
  large: { warmup: 10, minRuns: 40, maxRuns: 400, minMs: 1000 },
  prefiltered: { warmup: 20, minRuns: 100, maxRuns: 400, minMs: 500 },
  analysed: { warmup: 3, minRuns: 15, maxRuns: 100, minMs: 1000 },
  minified: { warmup: 3, minRuns: 15, maxRuns: 100, minMs: 1000 },
};

/** Section 1: latency per document, plus the first (cold) call and the edit comparison. */
export function documentLatency(build) {
  const engine = loadEngine(build);
  const docs = documentInputs();
  const analyze = (doc) => engine.analyzeText(doc.path, doc.text);
  // The very first call in the process: what opening the first document costs before the JIT warms up.
  const coldFirstMs = time(() => analyze(docs.typical));
  const rows = [];
  for (const id of Object.keys(RUNS)) {
    const doc = docs[id];
    collectGarbage();
    const times = sample(() => analyze(doc), RUNS[id]);
    rows.push({
      id,
      label: doc.label,
      bytes: doc.text.length,
      lines: doc.text.split('\n').length - 1,
      prefilterPasses: engine.mayContainFindings(doc.text),
      findings: analyze(doc).map((f) => f.rule),
      ...summarize(times),
    });
  }
  // What the engine allocates for a big file: the tokens alone, kept alive across a full GC.
  const analysedText = docs.analysed.text;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const tokens = engine.tokenize(analysedText);
  collectGarbage();
  const tokenHeap = { tokens: tokens.length, bytes: process.memoryUsage().heapUsed - heapBefore, sourceBytes: analysedText.length };
  // One-character edit: original and edited text alternately, so both see the same machine state.
  const original = [];
  const edited = [];
  for (let i = 0; i < 300; i++) {
    analyze(docs.typical);
    analyze(docs.edited);
  }
  collectGarbage();
  for (let i = 0; i < 2000; i++) {
    original.push(time(() => analyze(docs.typical)));
    edited.push(time(() => analyze(docs.edited)));
  }
  return {
    coldFirstMs,
    tokenHeap,
    rows,
    edit: {
      label: docs.edited.label,
      findings: analyze(docs.edited).map((f) => f.rule),
      original: summarize(original),
      edited: summarize(edited),
    },
  };
}

/**
 * Section 4: one input family at the given sizes. Prints one JSON line per size as soon as it is
 * measured (the parent stops the process when a size takes too long).
 */
export function scaling(build, id, sizes) {
  const engine = loadEngine(build);
  const input = SCALING_INPUTS.find((x) => x.id === id);
  // Warm the JIT up and let the heap grow to its working size first (as in a long-running editor),
  // so the smallest size is not billed for either.
  const warmup = repeatedSettings(seedFor(SEED, 'scaling-warmup'), 1 << 20);
  for (let i = 0; i < 2; i++) engine.analyzeText('config/settings.py', warmup);
  sizes.forEach((bytes, index) => {
    const text = input.make(bytes);
    const run = () => time(() => engine.analyzeText(input.path, text));
    collectGarbage();
    // The smallest size's first run warms the JIT up and is not counted; after that, runs are
    // counted until there are 3 (or 15, when quick), or one, when a single run takes over 2 s.
    const times = index === 0 ? (run(), []) : [run()];
    let spent = times.reduce((a, b) => a + b, 0);
    while (times.length < 15 && (times.length < 3 || spent < 600) && !(spent > 2000 && times.length > 0)) {
      const t = run();
      times.push(t);
      spent += t;
    }
    process.stdout.write(JSON.stringify({ bytes, ...summarize(times), findings: engine.analyzeText(input.path, text).length }) + '\n');
  });
}

/**
 * Section 3: heapUsed after full GCs, before and after each of two batches of 1,000 different
 * 200-line settings modules passed to `analyze(path, text)`. Nothing is kept between documents,
 * so a retained heap that grows with the batches is the analyser's.
 */
export function memoryGrowth(analyze) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  const batch = (label, count) => {
    for (let i = 0; i < count; i++) {
      const text = settingsModule(seedFor(SEED, `${label}-${i}`), { lines: 200 });
      analyze(`proj${i % 40}/settings_${label}_${i}.py`, text);
    }
  };
  const heap = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const started = now();
  batch('warmup', 200);
  const before = heap();
  batch('first', 1000);
  const afterFirst = heap();
  batch('second', 1000);
  const afterSecond = heap();
  return { before, afterFirst, afterSecond, documentsPerBatch: 1000, ms: now() - started };
}

export function engineAnalyzer(build) {
  const engine = loadEngine(build);
  return (path, text) => engine.analyzeText(path, text);
}
