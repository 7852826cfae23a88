/**
 * "Move SECRET_KEY to .env" in the editor, the parts free of `vscode`: which quick fixes a
 * hardcoded key gets (and the one preferred), the command's arguments, and what the user is told.
 * Nothing here ever sees a key.
 */
import { Position, Range, Weakness } from '../core';
import { Loader, LOADER_LABELS, LOADERS } from '../core/refactor/loaders';
import { defaultFixTitle, moveTitle } from '../core/refactor/moveToEnv';

/** `auto`: the loader the project already uses, else python-dotenv. */
export type LoaderChoice = Loader | 'auto';

export interface MoveChoice {
  readonly title: string;
  readonly loader: LoaderChoice;
  /** Write a freshly generated key instead of the current one. */
  readonly rotate: boolean;
  readonly preferred: boolean;
  /** False: only remove an environment lookup's literal fallback, writing nothing to .env. */
  readonly writeEnv: boolean;
}

export function autoMoveTitle(rotate: boolean): string {
  return rotate ? 'Move SECRET_KEY to .env with a new key' : 'Move SECRET_KEY to .env';
}

/**
 * The quick fixes for one hardcoded key: the move with the project's loader, keeping the key or
 * writing a new one, then the move with each loader named. Exactly one is preferred, and it comes
 * first (where the editor shows it): the new key when Django calls the current one weak (moving a
 * weak key keeps it weak), else keeping the key.
 */
export function moveChoices(weaknesses: readonly Weakness[]): MoveChoice[] {
  const keep: MoveChoice = { title: autoMoveTitle(false), loader: 'auto', rotate: false, preferred: false, writeEnv: true };
  const rotate: MoveChoice = { ...keep, title: autoMoveTitle(true), rotate: true };
  const auto = weaknesses.length > 0 ? [{ ...rotate, preferred: true }, keep] : [{ ...keep, preferred: true }, rotate];
  return [...auto, ...LOADERS.map((loader) => ({ ...keep, title: moveTitle(loader, false), loader }))];
}

/**
 * The two fixes for a literal fallback in an environment lookup, the trade-off in each title:
 * moving it into .env (preferred: local runs keep working) or removing it (fail fast).
 */
export function defaultChoices(variable: string): MoveChoice[] {
  const move: MoveChoice = { title: defaultFixTitle(variable, true), loader: 'auto', rotate: false, preferred: true, writeEnv: true };
  return [move, { ...move, title: defaultFixTitle(variable, false), preferred: false, writeEnv: false }];
}

/** The move command's arguments once checked; `uri` is passed on for the editor face to read. */
export interface MoveRequest {
  readonly uri?: unknown;
  /** UTF-16 offset inside the literal to move; without it, the cursor's (or the first) key. */
  readonly offset?: number;
  readonly loader: LoaderChoice;
  readonly rotate: boolean;
  readonly writeEnv: boolean;
}

export function isLoaderChoice(value: unknown): value is LoaderChoice {
  return value === 'auto' || LOADERS.some((loader) => loader === value);
}

/** `{ uri?, offset?, loader?, rotate? }` (or nothing) as a request; undefined when malformed. */
export function readMoveArguments(args: unknown): MoveRequest | undefined {
  if (args === undefined || args === null) {
    return { loader: 'auto', rotate: false, writeEnv: true };
  }
  if (typeof args !== 'object') {
    return undefined;
  }
  const { uri, offset, loader = 'auto', rotate = false, writeEnv = true } = args as Record<string, unknown>;
  const offsetOk = offset === undefined || (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0);
  if (!offsetOk || !isLoaderChoice(loader) || typeof rotate !== 'boolean' || typeof writeEnv !== 'boolean') {
    return undefined;
  }
  return { uri, offset: offset as number | undefined, loader, rotate, writeEnv };
}

function contains(range: Range, at: Position): boolean {
  const after = (a: Position, b: Position): boolean => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(at, range.start) && after(range.end, at);
}

/** The key to move when the command runs without an offset: the one at the cursor, else the first. */
export function chooseKeyRange(findings: readonly { readonly rule: string; readonly range: Range }[], cursor: Position): Range | undefined {
  const keys = findings.filter((finding) => finding.rule === 'hardcoded-secret-key').map((finding) => finding.range);
  return keys.find((range) => contains(range, cursor)) ?? keys[0];
}

export interface MoveSummary {
  readonly envPath: string;
  readonly variable: string;
  readonly loader: Loader;
  readonly rotated: boolean;
  /** False when only a literal fallback was removed and nothing was written to the env file. */
  readonly written: boolean;
  readonly notes: readonly string[];
}

/** What the user is told after the move: where the key went, how it is read, and the plan's notes. */
export function moveMessage(summary: MoveSummary): string {
  const reader = summary.loader === 'os' ? 'read from os.environ' : `loaded with ${LOADER_LABELS[summary.loader]}`;
  const fresh = summary.rotated ? ', with a new key' : '';
  const done = summary.written
    ? `SECRET_KEY now comes from ${summary.variable} in ${summary.envPath}${fresh} (${reader}).`
    : `The fallback key is gone: SECRET_KEY comes from ${summary.variable} only (${reader}).`;
  return [done, ...summary.notes].join(' ');
}
