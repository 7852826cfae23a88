/**
 * What a refactoring needs to know about a Python module's top level: its logical lines,
 * imports, the BASE_DIR definition, and where new top-level code may be inserted.
 */
import { Token, tokenize } from '../python/lexer';
import { LineMap } from '../text';

export interface TopLine {
  /** Offset of the first token. */
  readonly start: number;
  /** Offset where the next line starts (after this logical line's line break). */
  readonly next: number;
  readonly tokens: readonly Token[];
}

export interface ImportLine {
  /** `from X import ...` module, or undefined for `import X`. */
  readonly from: string | undefined;
  /** Bound names: `import os.path` binds `os`; `import a as b` binds `b`. */
  readonly names: ReadonlyArray<{ readonly name: string; readonly bound: string }>;
  readonly line: TopLine;
}

export interface ModuleLayout {
  readonly text: string;
  readonly lines: readonly TopLine[];
  readonly imports: readonly ImportLine[];
}

export function moduleLayout(text: string): ModuleLayout {
  const map = new LineMap(text);
  const lines: TopLine[] = [];
  let current: Token[] = [];
  for (const t of tokenize(text)) {
    if (t.type === 'comment') continue;
    if (t.type !== 'newline') {
      current.push(t);
      continue;
    }
    if (current.length > 0 && map.position(current[0].start).character === 0) {
      lines.push({ start: current[0].start, next: t.end, tokens: current });
    }
    current = [];
  }
  return { text, lines, imports: lines.map(readImport).filter((i): i is ImportLine => i !== undefined) };
}

function readImport(line: TopLine): ImportLine | undefined {
  const words = line.tokens.map((t) => t.value);
  if (words[0] === 'import') return { from: undefined, names: importedNames(words.slice(1), true), line };
  const importAt = words.indexOf('import');
  if (words[0] === 'from' && importAt > 1) {
    return { from: words.slice(1, importAt).join(''), names: importedNames(words.slice(importAt + 1), false), line };
  }
  return undefined;
}

function importedNames(words: string[], plainImport: boolean): Array<{ name: string; bound: string }> {
  const out: Array<{ name: string; bound: string }> = [];
  const parts = words.filter((w) => w !== '(' && w !== ')').join(' ').split(',');
  for (const part of parts) {
    const m = /^\s*([\w.* ]+?)(?:\s+as\s+(\w+))?\s*$/.exec(part.replace(/\s*\.\s*/g, '.'));
    if (!m) continue;
    const name = m[1].trim();
    out.push({ name, bound: m[2] ?? (plainImport ? name.split('.')[0] : name) });
  }
  return out;
}

/**
 * The layout as seen from `offset`: only the top-level lines before it. What comes later
 * (an import, a `load_dotenv()` call, a helper) runs too late for code at `offset`.
 */
export function layoutBefore(layout: ModuleLayout, offset: number): ModuleLayout {
  return {
    text: layout.text,
    lines: layout.lines.filter((l) => l.start < offset),
    imports: layout.imports.filter((i) => i.line.start < offset),
  };
}

/** True when `import <module>` (binding the module's name) appears at top level. */
export function importsModule(layout: ModuleLayout, module: string): boolean {
  return layout.imports.some((i) => i.from === undefined && i.names.some((n) => n.name === module && n.bound === module));
}

/** The local name bound by `from <module> import <name>` at top level, if any. */
export function importedName(layout: ModuleLayout, module: string, name: string): string | undefined {
  for (const i of layout.imports) {
    if (i.from !== module) continue;
    const n = i.names.find((x) => x.name === name);
    if (n) return n.bound;
  }
  return undefined;
}

/** A top-level simple assignment `NAME = ...` before `before`, as its line. */
export function topLevelAssignment(layout: ModuleLayout, name: string, before: number): TopLine | undefined {
  let found: TopLine | undefined;
  for (const line of layout.lines) {
    if (line.start >= before) break;
    const [a, b] = line.tokens;
    if (a?.type === 'name' && a.value === name && b?.type === 'op' && (b.value === '=' || b.value === ':')) found = line;
  }
  return found;
}

/** A call of `name(` (or `x.name(`) anywhere in the module's tokens. */
export function callsFunction(layout: ModuleLayout, name: string): boolean {
  return layout.lines.some((l) => l.tokens.some((t, i) => t.value === name && t.type === 'name' && l.tokens[i + 1]?.value === '('));
}

/** A top-level `def name(`. */
export function definesFunction(layout: ModuleLayout, name: string): boolean {
  return layout.lines.some((l) => l.tokens[0]?.value === 'def' && l.tokens[1]?.value === name);
}

/**
 * Where new imports go: after the last top-level import before `before`; with none, after
 * the module docstring and `from __future__` imports; else at the start (after a BOM).
 */
export function importInsertionPoint(layout: ModuleLayout, before: number): number {
  const earlier = layout.imports.filter((i) => i.line.start < before);
  if (earlier.length > 0) return earlier[earlier.length - 1].line.next;
  let point = layout.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const line of layout.lines) {
    if (line.start >= before) break;
    const isDocstring = line.tokens.length === 1 && line.tokens[0].type === 'string';
    const isFuture = line.tokens[0]?.value === 'from' && line.tokens[1]?.value === '__future__';
    if (!isDocstring && !isFuture) break;
    point = line.next;
  }
  return point;
}

/** How BASE_DIR is built: a pathlib Path or an os.path string, and how many levels above this file. */
export interface BaseDir {
  readonly style: 'path' | 'str';
  /** 1 = the settings module's own folder. */
  readonly levels: number;
  readonly line: TopLine;
}

export function baseDirOf(layout: ModuleLayout, before: number): BaseDir | undefined {
  const line = topLevelAssignment(layout, 'BASE_DIR', before);
  if (!line) return undefined;
  const words = line.tokens.map((t) => t.value);
  const rhs = words.slice(words.indexOf('=') + 1);
  if (!rhs.includes('__file__')) return undefined;
  if (rhs.includes('Path')) {
    const parents = rhs.filter((w) => w === 'parent').length;
    const idx = rhs.indexOf('parents');
    const extra = idx >= 0 && rhs[idx + 1] === '[' ? Number(rhs[idx + 2]) + 1 : 0;
    if (Number.isNaN(extra)) return undefined;
    return { style: 'path', levels: parents + extra, line };
  }
  const dirnames = rhs.filter((w) => w === 'dirname').length;
  return dirnames > 0 ? { style: 'str', levels: dirnames, line } : undefined;
}
