/**
 * Writing one variable into .env text so that every common loader reads it back unchanged
 * (python-dotenv, python-decouple, django-environ, `set -a; . .env` in bash and dash, npm dotenv).
 *
 * The rule: one line `NAME='value'` ending in `\n`, at column 0, with nothing after the closing
 * quote; values that no quoting survives in every loader are refused instead of written. An existing
 * assignment is replaced where it stands, its duplicates are removed, and every other byte of the
 * file is kept as it was.
 */

import { EnvEntry, parseDotenv } from './parse';

/** Every reason a value can't be written safely, in the order they are checked. */
export const WRITE_REFUSALS = [
  'empty',
  'nul',
  'line-break',
  'starts-with-dollar',
  'single-quote',
  'interpolation',
  'backslash',
  'double-quoted',
  'dollar-name',
] as const;

export type WriteRefusal = (typeof WRITE_REFUSALS)[number];

export interface WriteOptions {
  /** Also refuse `$` followed by a letter or `_` (django-environ 0.11.0, docker compose). */
  readonly strict?: boolean;
}

export type WriteCheck = { readonly ok: true } | { readonly ok: false; readonly reason: WriteRefusal };

export type UpsertResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: WriteRefusal };

const BOM = '\uFEFF';

/**
 * CR and LF for every loader; the rest are line breaks for Python's `str.splitlines()`, which
 * django-environ uses to split the file.
 */
const LINE_BREAKS = '\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029';

const REFUSAL_CHECKS: ReadonlyArray<readonly [WriteRefusal, (value: string) => boolean]> = [
  ['empty', (v) => v === ''],
  ['nul', (v) => v.includes('\0')],
  ['line-break', (v) => [...LINE_BREAKS].some((c) => v.includes(c))],
  ['starts-with-dollar', (v) => v.startsWith('$')],
  ['single-quote', (v) => v.includes("'")],
  ['interpolation', (v) => v.includes('${')],
  ['backslash', (v) => v.includes('\\')],
  ['double-quoted', (v) => v.length >= 2 && v.startsWith('"') && v.endsWith('"')],
];

/** Whether `value` can be written as `NAME='value'` and read back unchanged by every loader. */
export function checkWritable(value: string, opts: WriteOptions = {}): WriteCheck {
  for (const [reason, applies] of REFUSAL_CHECKS) {
    if (applies(value)) return { ok: false, reason };
  }
  if (opts.strict && /\$[A-Za-z_]/.test(value)) return { ok: false, reason: 'dollar-name' };
  return { ok: true };
}

const REFUSAL_CAUSES: Readonly<Record<WriteRefusal, string>> = {
  empty: 'is empty, which Django does not accept as a secret key',
  nul: 'contains a NUL character, which a .env file cannot hold',
  'line-break': 'contains a line break, which would split it across two lines of the .env file',
  'starts-with-dollar': "starts with '$', which django-environ reads as a reference to another variable",
  'single-quote': "contains a single quote, which ends the quoted value early in shells and most .env loaders",
  interpolation: "contains '${', which python-dotenv expands as a variable reference even inside single quotes",
  backslash: 'contains a backslash, which some .env loaders read as the start of an escape sequence',
  'double-quoted': "starts and ends with '\"', which django-environ strips as a second pair of quotes",
  'dollar-name': "contains '$' followed by a letter or '_', which django-environ 0.11 and docker compose expand as a variable",
};

/** One sentence for the user: why the value of `name` is not written, and what to do instead. Never shows the value. */
export function describeRefusal(reason: WriteRefusal, name: string): string {
  return `The value of ${name} ${REFUSAL_CAUSES[reason]}, so it can't be written to a .env file safely: rotate to a new key instead.`;
}

/** A name every loader accepts: django-environ 0.4.4 and shells allow only letters, digits and `_`. */
export function isPortableEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * Sets `name` to `value`: the first existing assignment (also `export NAME=`, `NAME = ...`, indented,
 * quoted over several lines) becomes `NAME='value'\n` where it stands, including any inline comment
 * after it, and later ones are removed with their line breaks; without one, the line is appended.
 * Throws a RangeError for a name that is not portable (see isPortableEnvName).
 */
export function upsertEnvVar(text: string, name: string, value: string, opts: WriteOptions = {}): UpsertResult {
  assertPortableName(name);
  const check = checkWritable(value, opts);
  if (!check.ok) return check;
  return { ok: true, text: setLine(text, name, `${name}='${value}'\n`) };
}

/** For `.env.example`: appends `NAME=` unless the text already assigns `name`. */
export function addPlaceholder(text: string, name: string): string {
  assertPortableName(name);
  return assignmentsOf(text, name).length > 0 ? text : append(text, `${name}=\n`);
}

/**
 * The value of the last assignment of `name` (the one most loaders keep), as loaders read it;
 * undefined when there is none or its value depends on other variables.
 */
export function readEnvVar(text: string, name: string): string | undefined {
  const all = assignmentsOf(text, name);
  return all.length > 0 ? all[all.length - 1].value : undefined;
}

/** Removes every assignment of `name` (with its line break); other bytes stay as they are. */
export function removeEnvVar(text: string, name: string): string {
  let out = text;
  for (const entry of assignmentsOf(text, name).reverse()) {
    out = out.slice(0, entry.lineStart) + out.slice(withLineBreak(out, entry.lineEnd));
  }
  return out;
}

/** How many times `text` assigns `name`. */
export function envVarAssignments(text: string, name: string): number {
  return assignmentsOf(text, name).length;
}

function assertPortableName(name: string): void {
  if (!isPortableEnvName(name)) throw new RangeError('not a portable variable name (letters, digits and _ only)');
}

function assignmentsOf(text: string, name: string): EnvEntry[] {
  return parseDotenv(text).filter((e) => e.name === name);
}

function setLine(text: string, name: string, line: string): string {
  const [first, ...duplicates] = assignmentsOf(text, name);
  if (!first) return append(text, line);
  let out = text;
  for (const dup of duplicates.reverse()) {
    out = out.slice(0, dup.lineStart) + out.slice(withLineBreak(out, dup.lineEnd));
  }
  const prefix = first.lineStart === 1 && text.startsWith(BOM) ? lineBreakStyle(text) : '';
  return out.slice(0, first.lineStart) + prefix + line + out.slice(withLineBreak(out, first.lineEnd));
}

/** `line` added at the end, on a line of its own that does not sit right behind a BOM. */
function append(text: string, line: string): string {
  if (text === '') return line;
  if (text.endsWith('\n')) return text + line;
  const separator = text.endsWith('\r') ? '\n' : lineBreakStyle(text);
  return text + separator + line;
}

/** The offset just past the line break at `end` (if any). */
function withLineBreak(text: string, end: number): number {
  if (text.startsWith('\r\n', end)) return end + 2;
  return text[end] === '\n' || text[end] === '\r' ? end + 1 : end;
}

/** `\r\n` when the file's first line break is one, else `\n`. */
function lineBreakStyle(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m && m[0] === '\r\n' ? '\r\n' : '\n';
}
