/**
 * Unified diffs (`diff -u` / `git diff` format) of whole texts, line by line, with Myers'
 * O(ND) algorithm: the shortest edit script, deletions before insertions in a changed block.
 */

/** Lines of unchanged text shown around each change. */
export const CONTEXT_LINES = 3;

/** Above this many trace cells the middle is diffed as "all removed, all added" (still correct). */
const MAX_TRACE_CELLS = 4_000_000;

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

export interface DiffFile {
  /** Path shown after `a/` and `b/`. */
  readonly path: string;
  /** The text before; undefined for a file that is created. */
  readonly before: string | undefined;
  readonly after: string;
}

/** The unified diff of one file; empty when nothing changed. */
export function unifiedDiff(file: DiffFile): string {
  const ops = diffLines(splitLines(file.before ?? ''), splitLines(file.after));
  if (!ops.some((op) => op.kind !== ' ')) {
    return '';
  }
  const from = file.before === undefined ? '/dev/null' : `a/${file.path}`;
  return `--- ${from}\n+++ b/${file.path}\n` + hunks(ops).join('');
}

/** Lines with their line breaks (`\n`; a `\r` before it stays part of the line). */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

/** The edit script turning `a` into `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
    suffix++;
  }
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  const same = (lines: readonly string[]): Op[] => lines.map((line) => ({ kind: ' ', line }));
  return [...same(a.slice(0, prefix)), ...middle, ...same(a.slice(a.length - suffix))];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    if ((d + 1) * v.length > MAX_TRACE_CELLS) {
      return replaceAll(a, b);
    }
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        return backtrack(trace, a, b, offset);
      }
    }
  }
  return replaceAll(a, b);
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d > 0) {
      ops.push(x === prevX ? { kind: '+', line: b[--y] } : { kind: '-', line: a[--x] });
    }
  }
  return ops.reverse();
}

function replaceAll(a: readonly string[], b: readonly string[]): Op[] {
  return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
}

/** Groups the script into hunks with CONTEXT_LINES of context, merging hunks that touch. */
function hunks(ops: readonly Op[]): string[] {
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  const out: string[] = [];
  let first = 0;
  while (first < changed.length) {
    let last = first;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * CONTEXT_LINES + 1) last++;
    const start = Math.max(0, changed[first] - CONTEXT_LINES);
    const end = Math.min(ops.length, changed[last] + CONTEXT_LINES + 1);
    out.push(hunk(ops, start, end));
    first = last + 1;
  }
  return out;
}

function hunk(ops: readonly Op[], start: number, end: number): string {
  const before = ops.slice(0, start);
  const oldStart = before.filter((op) => op.kind !== '+').length;
  const newStart = before.filter((op) => op.kind !== '-').length;
  const body = ops.slice(start, end);
  const oldCount = body.filter((op) => op.kind !== '+').length;
  const newCount = body.filter((op) => op.kind !== '-').length;
  const header = `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
  return header + body.map(formatLine).join('');
}

/** `start,count` as diff prints it: 1-based, `,1` left out, an empty range names the line before it. */
function range(linesBefore: number, count: number): string {
  if (count === 0) {
    return `${linesBefore},0`;
  }
  return count === 1 ? `${linesBefore + 1}` : `${linesBefore + 1},${count}`;
}

function formatLine(op: Op): string {
  if (op.line.endsWith('\n')) {
    return op.kind + op.line;
  }
  return `${op.kind}${op.line}\n\\ No newline at end of file\n`;
}
