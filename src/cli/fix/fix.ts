/**
 * `fix`: moves the first hardcoded SECRET_KEY of a settings file into .env with the engine's
 * plan, then writes every changed file at once (or prints the plan as a redacted diff).
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { EXIT_ERROR, EXIT_OK } from '../command';
import { CliIo } from '../io';
import { displayPath } from '../scan/paths';
import { analyzeText } from '../../core';
import { generateKey } from '../../core/keys/generate';
import { Loader, LOADER_LABELS } from '../../core/refactor/loaders';
import { FileChange, MovePlan, planMoveToEnv } from '../../core/refactor/moveToEnv';
import { findProjectRoot, gatherProject, GatheredProject } from '../../core/refactor/project';
import { pythonCandidates } from '../../core/rules/python';
import { LineMap } from '../../core/text';
import { unifiedDiff } from './diff';
import { DiskReader, FileError, gitIgnores } from './disk';
import { Redactor, redactor } from './redact';
import { maskFileSecrets } from '../rotate/mask';
import { checkTargets, describe, PendingWrite, writeAll, WriteError } from './write';

/** The plan was refused: the key can't be moved as it is. */
export const EXIT_NOT_FIXED = 1;

export interface FixOptions {
  /** SETTINGS_FILE as given on the command line. */
  readonly settings: string;
  readonly loader: Loader | 'auto';
  readonly rotate: boolean;
  /** Absolute path of --env-file. */
  readonly envFile: string | undefined;
  readonly variable: string;
  readonly dryRun: boolean;
}

/** A problem with one path, reported as `path: error: message`. */
export class FixError extends Error {
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(message);
  }
}

/** The literal to move: where it is, its value and its source text. */
interface KeyLiteral {
  readonly offset: number;
  readonly value: string;
  readonly source: string;
}

interface Context {
  readonly options: FixOptions;
  readonly io: CliIo;
  readonly reader: DiskReader;
  readonly redact: Redactor;
  /** Absolute real path of the settings file, `/` separators. */
  readonly settingsPath: string;
}

export async function runFix(options: FixOptions, io: CliIo): Promise<number> {
  try {
    return await fix(options, io);
  } catch (err) {
    return reportError(err, io);
  }
}

async function fix(options: FixOptions, rawIo: CliIo): Promise<number> {
  const reader = new DiskReader();
  const settingsPath = settingsFile(options, rawIo.cwd);
  const text = readSettings(reader, settingsPath, options.settings);
  const key = firstHardcodedKey(settingsPath, text);
  if (!key) {
    rawIo.writeStderr(`No hardcoded SECRET_KEY in ${options.settings}.\n`);
    return EXIT_OK;
  }
  const newKey = options.rotate ? generateKey('django') : undefined;
  const redact = secretsRedactor(key, newKey);
  const io = redactingIo(rawIo, redact);
  const ctx: Context = { options, io, reader, redact, settingsPath };
  const project = await gather(ctx, text, key, newKey);
  const plan = planMoveToEnv(project.input);
  if (!plan.ok) {
    return refuse(ctx, plan);
  }
  const writes = pendingWrites(ctx, project, plan.changes);
  if (options.dryRun) {
    checkTargets(writes);
    io.writeStdout(diffs(ctx, project, plan.changes));
  } else {
    writeAll(writes);
    io.writeStdout(summary(ctx, project, plan.variable) + plan.changes.map((c) => changeLine(ctx, project, c)).join(''));
  }
  io.writeStderr(notes(ctx, project, plan.notes));
  return EXIT_OK;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The settings file's real path (so a symlinked file is edited where it lives). */
export function settingsFile(options: Pick<FixOptions, 'settings'>, cwd: string): string {
  const given = resolve(cwd, options.settings);
  try {
    const real = realpathSync(given);
    if (statSync(real).isDirectory()) {
      throw new FixError(options.settings, 'is a folder, not a settings file');
    }
    return toSlashes(real);
  } catch (err) {
    if (err instanceof FixError) throw err;
    throw new FixError(options.settings, describe(err));
  }
}

export function readSettings(reader: DiskReader, path: string, shown: string): string {
  let text: string | undefined;
  try {
    text = reader.readSync(path);
  } catch (err) {
    throw new FixError(shown, describe(err instanceof FileError ? err.error : err));
  }
  if (text === undefined) {
    throw new FixError(shown, 'no such file or folder');
  }
  if (reader.isInvalidUtf8(path)) {
    throw new FixError(shown, 'is not valid UTF-8; it was not changed');
  }
  return text;
}

/** The first `hardcoded-secret-key` finding (suppressions and severity settings apply), as a literal. */
function firstHardcodedKey(path: string, text: string): KeyLiteral | undefined {
  const finding = analyzeText(path, text, undefined, 'python')
    .filter((f) => f.rule === 'hardcoded-secret-key')
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
  if (!finding) {
    return undefined;
  }
  const offset = new LineMap(text).lineStart(finding.range.start.line) + finding.range.start.character;
  const candidate = pythonCandidates(text).find((c) => c.rule === 'hardcoded-secret-key' && c.start <= offset && offset <= c.end);
  return candidate && { offset, value: candidate.value, source: text.slice(candidate.start, candidate.end) };
}

function secretsRedactor(key: KeyLiteral, newKey: string | undefined): Redactor {
  return redactor([
    { text: key.value, value: key.value },
    { text: key.source, value: key.value },
    ...(newKey === undefined ? [] : [{ text: newKey, value: newKey }]),
  ]);
}

/** Everything the command prints passes through the redactor, whatever produced it. */
export function redactingIo(io: CliIo, redact: Redactor): CliIo {
  return {
    cwd: io.cwd,
    writeStdout: (text) => io.writeStdout(redact(text)),
    writeStderr: (text) => io.writeStderr(redact(text)),
  };
}

async function gather(ctx: Context, text: string, key: KeyLiteral, newKey: string | undefined): Promise<GatheredProject> {
  const root = await findProjectRoot(ctx.reader, ctx.settingsPath);
  return gatherProject(ctx.reader, {
    settingsPath: ctx.settingsPath,
    settingsText: text,
    offset: key.offset,
    loader: ctx.options.loader,
    ...(newKey === undefined ? {} : { newKey }),
    variableName: ctx.options.variable,
    ...(ctx.options.envFile === undefined ? {} : { envFile: envFileIn(root, ctx.options.envFile, ctx.io.cwd) }),
    gitIgnores: gitIgnores(root),
  });
}

/** --env-file relative to the project folder; it must be inside it. */
export function envFileIn(root: string, envFile: string, cwd: string): string {
  const rel = toSlashes(relative(root, envFile));
  if (rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel)) {
    throw new FixError(displayPath(cwd, envFile), `is not inside the project folder (${displayPath(cwd, root)}, where manage.py is)`);
  }
  return rel;
}

function refuse(ctx: Context, plan: Extract<MovePlan, { ok: false }>): number {
  const hint = plan.suggestRotate && !ctx.options.rotate ? 'Run again with --rotate to write a new key instead.\n' : '';
  ctx.io.writeStderr(`${ctx.options.settings}: not changed: ${plan.reason}\n${hint}`);
  return EXIT_NOT_FIXED;
}

/** The writes in a safe order: the settings file last, so an interrupted run leaves the key readable. */
export function pendingWrites(
  ctx: Pick<Context, 'io' | 'reader' | 'settingsPath'>,
  project: Pick<GatheredProject, 'absolute'>,
  changes: readonly FileChange[],
): PendingWrite[] {
  const writes = changes.map((c): PendingWrite => {
    const path = project.absolute(c.path);
    if (!c.create && ctx.reader.isInvalidUtf8(path)) {
      throw new FixError(displayPath(ctx.io.cwd, path), 'is not valid UTF-8; nothing was changed');
    }
    const snapshot = ctx.reader.snapshot(path) ?? { bytes: undefined, mtimeMs: 0 };
    return { path, text: c.newText, snapshot, ownerOnly: c.ownerOnly && c.create };
  });
  return [...writes.filter((w) => w.path !== ctx.settingsPath), ...writes.filter((w) => w.path === ctx.settingsPath)];
}

/** The diff of every change, with the keys redacted in both texts before diffing. */
function diffs(ctx: Context, project: GatheredProject, changes: readonly FileChange[]): string {
  return changes
    .map((c) => {
      const before = c.create ? undefined : (ctx.reader.textOf(project.absolute(c.path)) ?? '');
      // Other secrets in the same files (passwords, tokens) must not show up as context lines either.
      const show = (text: string): string => maskFileSecrets(c.path, ctx.redact(text));
      return unifiedDiff({ path: c.path, before: before === undefined ? undefined : show(before), after: show(c.newText) });
    })
    .join('');
}

const READ_BY: Readonly<Record<Loader, string>> = {
  dotenv: 'read with python-dotenv',
  decouple: 'read with python-decouple',
  environ: 'read with django-environ',
  os: 'read from os.environ',
};

function summary(ctx: Context, project: GatheredProject, variable: string): string {
  const env = displayPath(ctx.io.cwd, project.absolute(project.input.env.path));
  const what = ctx.options.rotate ? 'Wrote a new SECRET_KEY' : 'Moved SECRET_KEY';
  return `${what} to ${variable} in ${env}, ${READ_BY[project.input.loader]}.\n`;
}

export function changeLine(ctx: Pick<Context, 'io'>, project: Pick<GatheredProject, 'absolute'>, change: FileChange): string {
  const path = displayPath(ctx.io.cwd, project.absolute(change.path));
  return change.create ? `created ${path}${change.ownerOnly ? ' (owner-only)' : ''}\n` : `updated ${path}\n`;
}

function notes(ctx: Context, project: GatheredProject, planNotes: readonly string[]): string {
  const guessed =
    ctx.options.loader === 'auto' && project.detected === undefined
      ? [`No .env loader found in the project; using ${LOADER_LABELS.dotenv} (choose another with --loader).`]
      : [];
  return [...guessed, ...planNotes].map((n) => `note: ${n}\n`).join('');
}

export function reportError(err: unknown, io: CliIo): number {
  if (err instanceof FixError) {
    io.writeStderr(`${err.subject}: error: ${err.message}\n`);
  } else if (err instanceof FileError) {
    io.writeStderr(`${displayPath(io.cwd, err.path)}: error: ${describe(err.error)}\n`);
  } else if (err instanceof WriteError) {
    io.writeStderr(writeErrorText(err, io.cwd));
  } else {
    throw err;
  }
  return EXIT_ERROR;
}

function writeErrorText(err: WriteError, cwd: string): string {
  const shown = (path: string): string => displayPath(cwd, path);
  if (err.unrestored.length === 0) {
    return `${shown(err.path)}: error: ${err.message}; nothing was changed\n`;
  }
  const lost = err.unrestored.map((u) =>
    u.backup === ''
      ? `${shown(u.path)}: error: was created and could not be removed again\n`
      : `${shown(u.path)}: error: could not be restored; its previous content is in ${shown(u.backup)}\n`,
  );
  return `${shown(err.path)}: error: ${err.message}\n${lost.join('')}`;
}
