// Turns the measurements into targets with PASS/MISS, a console table and BENCHMARKS.md.

const KB = 1000;
const KIB = 1024;
const MIB = 1024 * 1024;

export const LIMITS = {
  typicalMs: 1,
  bigFileMs: 20,
  /** Re-analysis may be this much slower than the first analysis before it counts as slower (timer noise). */
  editTolerance: 0.1,
  scanVsRipgrep: 2,
  activateMs: 10,
  bundleBytes: 150 * KB,
  /** Heap retained per batch of 1,000 documents that still counts as "does not grow". */
  heapGrowthBytes: 256 * KIB,
  /**
   * Growth exponent k (time ~ size^k, least squares over the sizes measured) above which a row is
   * not linear: 1 is linear, 2 quadratic; the margin absorbs timer noise on a shared machine.
   */
  growthExponent: 1.4,
  /** A size that takes longer than this stops its row: larger sizes would only take longer. */
  scalingCapMs: 15_000,
};

export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

export function size(bytes) {
  if (Math.abs(bytes) >= 1024 * MIB) return `${(bytes / (1024 * MIB)).toFixed(1)} GiB`;
  if (Math.abs(bytes) >= MIB) return `${(bytes / MIB).toFixed(bytes % MIB === 0 ? 0 : 1)} MiB`;
  if (Math.abs(bytes) >= KIB) return `${(bytes / KIB).toFixed(bytes % KIB === 0 ? 0 : 1)} KiB`;
  return `${bytes} B`;
}

function signedSize(bytes) {
  return `${bytes >= 0 ? '+' : '-'}${size(Math.abs(Math.round(bytes)))}`;
}

function count(n) {
  return n.toLocaleString('en-US');
}

function pct(part, b) {
  return `${Math.round((100 * part) / (b.walkMs + b.readMs + b.prefilterMs + b.analyseMs))}%`;
}

function perMib(r) {
  return r.median / (r.bytes / MIB);
}

function verdict(pass) {
  return pass ? 'PASS' : 'MISS';
}

/** Least-squares slope of log(time) against log(size). */
export function exponent(results) {
  if (results.length < 2) return NaN;
  const xs = results.map((r) => Math.log(r.bytes));
  const ys = results.map((r) => Math.log(Math.max(r.median, 1e-6)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/**
 * Per-row linearity of section 4. A row stopped by the time limit shows super-linear growth when
 * its exponent says so, or when linear growth from the last size measured would have finished the
 * next size (twice as large) well within the limit; otherwise the machine was too slow to tell.
 */
export function scalingVerdicts(rows) {
  return rows.map((row) => {
    const perMib = row.results.map((r) => r.median / (r.bytes / MIB));
    const k = exponent(row.results);
    const last = row.results[row.results.length - 1];
    const predictedNextMs = last ? last.median * 2 : NaN;
    const superLinear = k > LIMITS.growthExponent || (row.capped && predictedNextMs * 1.5 < LIMITS.scalingCapMs);
    const verdict = superLinear ? 'no' : row.capped ? 'unknown' : 'yes';
    return { ...row, perMib, exponent: k, predictedNextMs, verdict, linear: verdict === 'yes' };
  });
}

/** Causes of known slow paths, shown only when the measurements show the symptom. */
const KNOWN_CAUSES = {
  mismatched:
    'matchBrackets() in src/core/python/parser.ts: for every closer it searches the whole stack of open brackets for one of its kind; when none matches (unbalanced input) it walks all of them, so n unmatched closers after n openers cost n^2.',
  'dotenv-plain':
    'addDotenvComments() in src/core/index.ts: text.indexOf(\'#\', lineStart) searches to the end of the text, not the end of the line, so a .env without # costs lines x length.',
  'dotenv-plain-large':
    'addDotenvComments() in src/core/index.ts: text.indexOf(\'#\', lineStart) searches to the end of the text, not the end of the line, so a .env without # costs lines x length.',
};

export function targets(results) {
  const { latency, scan, editor } = results;
  const row = (id) => latency.rows.find((r) => r.id === id);
  const out = [];
  const typical = row('typical');
  out.push({
    target: 'Typical settings.py (200 lines) analysed in < 1 ms',
    measured: `median ${ms(typical.median)}, p95 ${ms(typical.p95)}`,
    pass: typical.median < LIMITS.typicalMs,
    why: `median ${ms(typical.median)} for ${size(typical.bytes)} (${Math.round(perMib(typical))} ms per MiB).`,
  });
  for (const id of ['prefiltered', 'analysed']) {
    const r = row(id);
    const th = latency.tokenHeap;
    out.push({
      target: `20,000-line Python file (${id === 'prefiltered' ? 'prefilter skips it' : 'fully analysed'}) in < 20 ms`,
      measured: `median ${ms(r.median)}, p95 ${ms(r.p95)}`,
      pass: r.median < LIMITS.bigFileMs,
      why:
        `${size(r.bytes)} take ${ms(r.median)}, ${Math.round(perMib(r))} ms per MiB against ${Math.round(perMib(typical))} ms per MiB for the typical settings.py; the budget allows ${Math.round(LIMITS.bigFileMs / (r.bytes / MIB))} ms per MiB. ` +
        (id === 'analysed' && th
          ? `The engine tokenizes and parses every statement of the file: its ${count(th.tokens)} tokens alone hold ${size(th.bytes)} of heap (${Math.round(th.bytes / th.sourceBytes)} bytes per source byte) before the syntax trees are built, so a big file is mostly allocation and garbage collection, and writing fresh memory runs at ${count(results.machine.firstTouchMibPerS)} MiB/s on this machine.`
          : ''),
    });
  }
  const edit = latency.edit;
  out.push({
    target: 'Re-analysis after a one-character edit <= first analysis',
    measured: `edited ${ms(edit.edited.median)} vs original ${ms(edit.original.median)} (x${(edit.edited.median / edit.original.median).toFixed(2)})`,
    pass: edit.edited.median <= edit.original.median * (1 + LIMITS.editTolerance),
    why: 'the edited text took longer than the original, measured alternately in the same process.',
  });
  if (scan.hasRipgrep) {
    const ratio = scan.oursMs / scan.rgMs;
    const b = scan.breakdown;
    out.push({
      target: 'Workspace scan within 2x of ripgrep',
      measured: `${ms(scan.oursMs)} vs ${ms(scan.rgMs)} (x${ratio.toFixed(1)})`,
      pass: ratio <= LIMITS.scanVsRipgrep,
      why:
        `analysing the ${count(b.analysed)} files (of ${count(b.files)}) that the prefilter lets through takes ${pct(b.analyseMs, b)} of a scan's time in-process (${ms(b.analyseMs)}); ` +
        `walking takes ${pct(b.walkMs, b)} (${ms(b.walkMs)}), reading and decoding ${pct(b.readMs, b)} (${ms(b.readMs)}), the prefilter ${pct(b.prefilterMs, b)}. ` +
        `ripgrep looks for one literal in bytes (${ms(scan.rg1Ms)} on one thread with -j1), without decoding or parsing.`,
    });
  } else {
    out.push({ target: 'Workspace scan within 2x of ripgrep', measured: 'ripgrep not installed', pass: false, why: 'install ripgrep (Debian: apt-get install ripgrep) to compare.' });
  }
  for (const [key, label] of [['activateEmpty', 'no document open'], ['activateOpen', 'typical settings.py open']]) {
    const a = editor[key];
    out.push({
      target: `activate() < 10 ms (${label}; stub vscode)`,
      measured: `median ${ms(a.activateMs)} (require ${ms(a.requireMs)})`,
      pass: a.activateMs < LIMITS.activateMs,
      why:
        key === 'activateOpen'
          ? `activate() checks the documents already open before it returns (LiveDiagnostics.reset, then Checker.analyze): that is the first analysis in the process, before the JIT has compiled the engine (section 1: ${ms(results.latency.coldFirstMs)} for the same file), plus building the include/exclude matchers for the document (warm, the Checker costs ${ms(editor.checkerLatency.checker.median)} per document against ${ms(editor.checkerLatency.engine.median)} for analyzeText alone).`
          : `activate() took ${ms(a.activateMs)} with the stub vscode module.`,
    });
  }
  out.push({
    target: 'Bundle dist/extension.js (production) < 150 KB',
    measured: `${count(editor.bundleBytes)} bytes (${size(editor.bundleBytes)}; gzip ${size(editor.bundleGzipBytes)})`,
    pass: editor.bundleBytes < LIMITS.bundleBytes,
    why: `the minified bundle is ${count(editor.bundleBytes)} bytes.`,
  });
  for (const [key, label] of [['memoryEngine', 'analyzeText'], ['memoryChecker', "the editor's Checker"]]) {
    const m = editor[key];
    const first = m.afterFirst - m.before;
    const second = m.afterSecond - m.afterFirst;
    out.push({
      target: `No heap growth over 2 x 1,000 documents (${label})`,
      measured: `${signedSize(first)}, then ${signedSize(second)}`,
      pass: first < LIMITS.heapGrowthBytes && second < LIMITS.heapGrowthBytes,
      why: `heapUsed after GC grew by ${signedSize(first)} over the first 1,000 documents and ${signedSize(second)} over the next 1,000 (limit ${size(LIMITS.heapGrowthBytes)} per batch).`,
    });
  }
  for (const v of scalingVerdicts(results.scaling)) {
    const last = v.results[v.results.length - 1];
    const stopped = `the next size (${size((last?.bytes ?? 0) * 2)}) took over ${LIMITS.scalingCapMs / 1000} s, where linear growth from ${size(last?.bytes ?? 0)} predicts ${ms(v.predictedNextMs)}`;
    out.push({
      target: `Linear growth: ${v.label}`,
      measured: `${v.capped ? `stopped after ${size(last?.bytes ?? 0)}; ` : ''}exponent ${v.exponent.toFixed(2)}`,
      pass: v.linear,
      why:
        (v.verdict === 'unknown'
          ? `${stopped}, so this machine was too slow to tell; up to ${size(last?.bytes ?? 0)} time grows as size^${v.exponent.toFixed(2)}.`
          : v.capped
            ? `${stopped}; up to ${size(last?.bytes ?? 0)} time grows as size^${v.exponent.toFixed(2)}.`
            : `time grows as size^${v.exponent.toFixed(2)} from ${size(v.base)} to ${size(v.base * 8)}.`) +
        (v.verdict === 'no' && KNOWN_CAUSES[v.id] ? ` Cause: ${KNOWN_CAUSES[v.id]}` : ''),
    });
  }
  return out;
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function textTable(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function scalingCells(v) {
  return [0, 1, 2, 3].map((i) => {
    const r = v.results[i];
    if (!r) return v.capped ? `> ${LIMITS.scalingCapMs / 1000} s` : 'n/a';
    return `${ms(r.median)} (${Math.round(r.median / (r.bytes / MIB)).toLocaleString('en-US')}/MiB)`;
  });
}

function latencyRows(results) {
  const { latency } = results;
  const rows = latency.rows.map((r) => [
    r.label,
    size(r.bytes),
    count(r.lines),
    r.prefilterPasses ? 'yes' : 'no',
    r.findings.length === 0 ? 'none' : r.findings.join(', '),
    ms(r.median),
    ms(r.p95),
    count(r.runs),
  ]);
  const e = latency.edit;
  rows.push([`${e.label} (alternating with the original)`, '', '', 'yes', e.findings.join(', ') || 'none', ms(e.edited.median), ms(e.edited.p95), count(e.edited.runs)]);
  const typical = latency.rows.find((r) => r.id === 'typical');
  rows.push(['settings.py, typical, same alternating series (original text)', '', '', 'yes', typical.findings.join(', ') || 'none', ms(e.original.median), ms(e.original.p95), count(e.original.runs)]);
  return rows;
}

export function consoleReport(results) {
  const t = targets(results);
  const s = results.scan;
  const parts = [
    '',
    'Per-document latency',
    textTable(['Input', 'Size', 'Lines', 'Prefilter', 'Findings', 'Median', 'p95', 'Runs'], latencyRows(results)),
    `First call in a fresh process (typical settings.py, cold JIT): ${ms(results.latency.coldFirstMs)}`,
    '',
    'Workspace scan',
    textTable(['Tool', 'Median wall time', 'files/s', 'MiB/s'], scanRows(s)),
    '',
    'How cost grows (median; time per MiB)',
    textTable(['Input', '1x', '2x', '4x', '8x', '1x size', 'Exponent'], scalingVerdicts(results.scaling).map((v) => [v.label, ...scalingCells(v), size(v.base), v.exponent.toFixed(2)])),
    '',
    'Targets',
    textTable(['Target', 'Measured', 'Result'], t.map((x) => [x.target, x.measured, verdict(x.pass)])),
    '',
  ];
  return parts.join('\n') + '\n';
}

function scanRows(s) {
  const mib = s.tree.bytes / MIB;
  const row = (label, t) => [label, ms(t), count(Math.round(s.tree.files / (t / 1000))), (mib / (t / 1000)).toFixed(1)];
  const rows = [row('django-secret-hygiene scan --format json', s.oursMs)];
  if (s.hasRipgrep) {
    rows.push(row('rg -l SECRET_KEY', s.rgMs));
    rows.push(row('rg -j1 -l SECRET_KEY (one thread, for reference)', s.rg1Ms));
  }
  return rows;
}

export function markdownReport(results) {
  const { machine, latency, scan, editor } = results;
  const t = targets(results);
  const misses = t.filter((x) => !x.pass);
  const b = scan.breakdown;
  const scaling = scalingVerdicts(results.scaling);
  const lines = [
    '# Benchmarks',
    '',
    'How fast the engine, the `scan` command and the extension are, measured by `npm run bench`',
    '(`node bench/run.mjs`). Every input is generated from a fixed seed, so a rerun measures the same',
    'bytes; the numbers below are from one run on the machine described. Compare numbers within one run:',
    'the machine is shared and noisy, which is why the scan is compared with ripgrep as a ratio measured',
    'in alternation, not against a fixed time.',
    '',
    '## Machine',
    '',
    table(['', ''], [
      ['CPU', `${machine.cpu}, ${machine.cores} cores available`],
      ['Memory', `${size(machine.memoryBytes)}; writing fresh memory ${count(machine.firstTouchMibPerS)} MiB/s, rewriting it ${count(machine.rewriteMibPerS)} MiB/s`],
      ['OS', machine.os],
      ['Node.js', machine.node],
      ['ripgrep', scan.rgVersion ?? 'not installed'],
      ['Date (UTC)', machine.date],
      ['Code measured', sourceDescription(results.source)],
      ['Load average (1, 5, 15 min) at start / end', `${machine.loadStart.join(', ')} / ${machine.loadEnd.join(', ')}`],
      ['Benchmark run time', `${Math.round(results.seconds)} s wall, ${results.cpuSeconds === undefined ? 'n/a' : Math.round(results.cpuSeconds)} s of CPU (benchmark and its child processes)`],
    ]),
    '',
    `To reproduce: \`npm ci && ${results.command}\` (needs \`/usr/bin/rg\`: \`apt-get install ripgrep\` on Debian).`,
    'The benchmark builds a private copy of the working tree (or, with `-- --commit REF`, of a commit) with',
    '`scripts/build.mjs` (production, then development) in a temporary folder, so the checkout\'s `dist/` and',
    '`out/` are left alone. `node bench/run.mjs --quick` is a shorter run for trying changes out.',
    '',
    '## Targets',
    '',
    table(['Target', 'Measured', 'Result'], t.map((x) => [x.target, x.measured, `**${verdict(x.pass)}**`])),
    '',
  ];
  if (misses.length > 0) {
    lines.push('Why each MISS missed:', '');
    for (const m of misses) lines.push(`- **${m.target}**: ${m.why}`);
    lines.push('');
  }
  lines.push(
    '## 1. Per-document analysis latency',
    '',
    '`analyzeText(path, text)` in one Node process, after warm-up runs; median and 95th percentile of the',
    'timed runs. The prefilter column says whether the text contains a word a rule needs',
    '(SECRET, PASSWORD, _KEY, APIKEY, TOKEN); if not, `analyzeText` returns at once.',
    '',
    table(['Input', 'Size', 'Lines', 'Prefilter passes', 'Findings', 'Median', 'p95', 'Runs'], latencyRows(results)),
    '',
    `The first call in a fresh process (typical settings.py, before the JIT has seen the engine) took ${ms(latency.coldFirstMs)}.`,
    'The engine keeps no state between calls, so re-analysis after an edit costs what a first analysis of',
    'the edited text costs; the two alternating rows compare them under the same conditions.',
    '',
    '## 2. Workspace scan',
    '',
    `A generated tree of ${count(scan.tree.files)} Python files, ${size(scan.tree.bytes)} in all (${count(scan.tree.secrets)} settings modules with a hardcoded key;`,
    `${count(scan.tree.prefilterPasses)} files contain a prefilter word and are fully analysed). Each tool ran once untimed (which also fills the page`,
    `cache), then ${scan.times.ours.length} times in alternation; wall time of the whole process, median. The scan is the production`,
    '`dist/cli.js` (`node dist/cli.js scan --format json TREE`); ripgrep is `rg -l SECRET_KEY TREE`.',
    '',
    table(['Command', 'Median wall time', 'Files/s', 'MiB/s'], scanRows(scan)),
    '',
    `The scan reported ${scan.findings.length} findings (${summarizeFindings(scan.findings)}); ripgrep listed ${count(scan.rgFiles)} files.`,
    '',
    'Where one scan\'s time goes, measured in one process with the CLI\'s own modules (`out/src/cli/scan`):',
    '',
    table(['Phase', 'Time'], [
      [`Walk the tree (${count(b.files)} files chosen)`, ms(b.walkMs)],
      ['Read, sniff for binary, decode UTF-8', ms(b.readMs)],
      ['Prefilter (`mayContainFindings`)', ms(b.prefilterMs)],
      [`Analyse the ${count(b.analysed)} files the prefilter lets through`, ms(b.analyseMs)],
    ]),
    '',
    '## 3. Cost in the editor',
    '',
    table(['What', 'Value'], [
      ['`dist/extension.js`, production build (minified)', `${count(editor.bundleBytes)} bytes (${size(editor.bundleBytes)}); gzip ${size(editor.bundleGzipBytes)}`],
      ['`dist/cli.js`, production build', `${count(editor.cliBytes)} bytes (${size(editor.cliBytes)})`],
      ['`require()` of the bundle, median', ms(editor.activateEmpty.requireMs)],
      ['`activate()`, no document open, median', ms(editor.activateEmpty.activateMs)],
      ['`activate()`, typical settings.py open (checked during activation), median', ms(editor.activateOpen.activateMs)],
      ['Disposables registered by `activate()`', String(editor.activateEmpty.subscriptions)],
      ['Typical settings.py through the Checker (settings, include/exclude globs, engine), warm, median', `${ms(editor.checkerLatency.checker.median)} (analyzeText alone, alternating: ${ms(editor.checkerLatency.engine.median)})`],
      ...memoryRows('analyzeText', editor.memoryEngine),
      ...memoryRows("the editor's Checker (settings, selection, engine)", editor.memoryChecker),
    ]),
    '',
    `**These are stub measurements.** \`require()\` and \`activate()\` were timed in plain Node, one fresh process per`,
    `run (${editor.activateEmpty.runs} runs each), with \`require('vscode')\` answered by a minimal stub (bench/vscode-stub.mjs, injected through`,
    '`Module._resolveFilename` and the require cache) whose APIs do nothing. They measure the extension\'s own',
    'code, not VS Code\'s work behind those APIs (the extension host loads and activates the extension too).',
    `APIs the stub answered generically: ${editor.unmodelled.length === 0 ? 'none' : editor.unmodelled.map((n) => `\`${n}\``).join(', ')}.`,
    'Memory: heapUsed after two full GCs (`node --expose-gc`) after 200 warm-up documents, after 1,000 different',
    '200-line settings modules, and after 1,000 more; the Checker runs on the same stub.',
    '',
    '## 4. How cost grows',
    '',
    'Median `analyzeText` time at 1x, 2x, 4x and 8x the size (1x = 128 KiB, so 8x = 1 MiB, unless the 1x size column says',
    'otherwise), with the time per MiB in brackets, which stays about constant when cost grows linearly. Python inputs start with `SECRET_KEY = `',
    'and .env inputs with a `SECRET_KEY` line, so the prefilter lets every one through. The exponent is the slope',
    `of log(time) against log(size) over the sizes measured (1 = linear, 2 = quadratic); a row over ${LIMITS.growthExponent} is flagged NO.`,
    `A size that takes over ${LIMITS.scalingCapMs / 1000} s stops its row (a row that could not finish its 1x size is measured again at 1/16`,
    'of the sizes); such a row is NO when linear growth would have finished that size in well under the limit, and',
    'unknown when the machine was too slow to tell. A row over the limit is measured a second time in a new process',
    'and each size keeps the lower of the two medians, since a busy machine only ever adds time.',
    '',
    table(['Input', '1x', '2x', '4x', '8x', '1x size', 'Exponent', 'Linear?'], scaling.map((v) => [`${v.label}${v.remeasured ? ' (measured twice)' : ''}`, ...scalingCells(v), size(v.base), v.exponent.toFixed(2), { yes: 'yes', no: '**NO**', unknown: '**unknown**' }[v.verdict]])),
    '',
  );
  const causes = scaling.filter((v) => v.verdict === 'no' && KNOWN_CAUSES[v.id]);
  if (causes.length > 0) {
    lines.push('Non-linear rows and their causes:', '');
    for (const v of causes) lines.push(`- ${v.label}: ${KNOWN_CAUSES[v.id]}`);
    lines.push('');
  }
  return lines.join('\n');
}

function sourceDescription(source) {
  if (!source) return 'unknown';
  if (!source.workingTree) return `commit ${source.commit}`;
  if (source.uncommitted.length === 0) return `working tree at commit ${source.commit}, no uncommitted changes`;
  return `working tree at commit ${source.commit} with uncommitted changes to ${source.uncommitted.length} file(s)`;
}

function summarizeFindings(findings) {
  const byRule = new Map();
  for (const f of findings) {
    const rule = f.split(' ')[0];
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  return [...byRule].map(([rule, n]) => `${n} ${rule}`).join(', ') || 'none';
}

function memoryRows(label, m) {
  return [
    [`Heap after GC, ${label}: before / after 1,000 / after 2,000 documents`, `${size(m.before)} / ${size(m.afterFirst)} / ${size(m.afterSecond)}`],
    [`Heap growth, ${label}: first / second 1,000 documents`, `${signedSize(m.afterFirst - m.before)} / ${signedSize(m.afterSecond - m.afterFirst)}`],
  ];
}
