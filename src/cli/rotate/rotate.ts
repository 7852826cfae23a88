/**
 * `rotate` and `retire`: the engine's rotation plans for the key in a project's .env file, written
 * like `fix` writes (every file at once, or none) or printed as a diff with every .env value and
 * every key redacted. The plan's summary (what happens to logged-in users) and warnings go to
 * standard error; the files written, or the diff, to standard output.
 */
import { EXIT_OK } from '../command';
import { CliIo } from '../io';
import { unifiedDiff } from '../fix/diff';
import { DiskReader } from '../fix/disk';
import { changeLine, EXIT_NOT_FIXED, envFileIn, pendingWrites, readSettings, redactingIo, reportError, settingsFile } from '../fix/fix';
import { redactor, Redactor } from '../fix/redact';
import { checkTargets, writeAll } from '../fix/write';
import { displayPath } from '../scan/paths';
import { readEnvVar } from '../../core/dotenv/edit';
import { generateKey } from '../../core/keys/generate';
import { DEFAULT_VARIABLE, FileChange } from '../../core/refactor/moveToEnv';
import { findProjectRoot, gatherProject, GatheredProject } from '../../core/refactor/project';
import { fallbacksVariableOf, planRetireFallbacks, planRotate, RotateMode } from '../../core/refactor/rotate';
import { chooseKeyVariable, KEY_VARIABLES, setsSecretKey } from '../../vscode/rotateChoices';
import { maskEnvValues } from './mask';

export interface RetireOptions {
  /** SETTINGS_FILE as given on the command line. */
  readonly settings: string;
  /** Absolute path of --env-file. */
  readonly envFile: string | undefined;
  /** --variable; undefined to use the one the .env file and the settings agree on. */
  readonly variable: string | undefined;
  readonly dryRun: boolean;
}

export interface RotateOptions extends RetireOptions {
  readonly mode: RotateMode;
}

/** The project as read: the settings module, the env file and the key's variables. */
interface Target {
  readonly io: CliIo;
  readonly reader: DiskReader;
  /** Absolute real path of the settings file, `/` separators. */
  readonly settingsPath: string;
  readonly text: string;
  readonly project: GatheredProject;
  readonly variable: string;
  readonly fallbacksVariable: string;
  /** Every key the env file holds under the usual names and their fallbacks. */
  readonly keys: readonly string[];
}

export async function runRotate(options: RotateOptions, io: CliIo): Promise<number> {
  try {
    return await rotate(options, io);
  } catch (err) {
    return reportError(err, io);
  }
}

export async function runRetire(options: RetireOptions, io: CliIo): Promise<number> {
  try {
    return await retire(options, io);
  } catch (err) {
    return reportError(err, io);
  }
}

async function rotate(options: RotateOptions, rawIo: CliIo): Promise<number> {
  const newKey = generateKey('django');
  const target = await readTarget(options, rawIo, [newKey]);
  const io = target.io;
  if (!setsSecretKey(target.text)) {
    io.writeStderr(`${options.settings}: not changed: it does not set SECRET_KEY; give the settings module that does.\n`);
    return EXIT_NOT_FIXED;
  }
  const { input } = target.project;
  const plan = planRotate({
    env: input.env,
    settings: input.settings,
    variable: target.variable,
    newKey,
    mode: options.mode,
    dependencyTexts: input.dependencies.map((d) => d.text),
  });
  if (!plan.ok) {
    io.writeStderr(`${options.settings}: not changed: ${plan.reason}\n`);
    return EXIT_NOT_FIXED;
  }
  const old = options.mode === 'routine' ? `the old key is first in ${target.fallbacksVariable}` : 'the old key was dropped';
  const headline = `Wrote a new key to ${target.variable} in ${envShown(target)}; ${old}.\n`;
  return finish(target, options.dryRun, plan.changes, headline, [...notes(plan.summary), ...plan.warnings.map((w) => `warning: ${w}\n`)]);
}

async function retire(options: RetireOptions, rawIo: CliIo): Promise<number> {
  const target = await readTarget(options, rawIo, []);
  const plan = planRetireFallbacks(target.project.input.env, target.fallbacksVariable);
  if (!plan.ok) {
    target.io.writeStderr(`${plan.reason}\n`);
    return EXIT_OK;
  }
  const headline = `Removed ${target.fallbacksVariable} from ${envShown(target)}.\n`;
  return finish(target, options.dryRun, plan.changes, headline, notes(plan.summary));
}

async function readTarget(options: RetireOptions, rawIo: CliIo, newKeys: readonly string[]): Promise<Target> {
  const reader = new DiskReader();
  const settingsPath = settingsFile(options, rawIo.cwd);
  const text = readSettings(reader, settingsPath, options.settings);
  const root = await findProjectRoot(reader, settingsPath);
  const project = await gatherProject(reader, {
    settingsPath,
    settingsText: text,
    offset: 0,
    loader: 'auto',
    variableName: options.variable ?? DEFAULT_VARIABLE,
    ...(options.envFile === undefined ? {} : { envFile: envFileIn(root, options.envFile, rawIo.cwd) }),
  });
  const envText = project.input.env.text;
  const variable = options.variable ?? chooseKeyVariable(envText, text, DEFAULT_VARIABLE) ?? DEFAULT_VARIABLE;
  const keys = [...keysIn(envText, [variable, ...KEY_VARIABLES]), ...newKeys];
  const io = redactingIo(rawIo, keysRedactor(keys));
  return { io, reader, settingsPath, text, project, variable, fallbacksVariable: fallbacksVariableOf({ variable }), keys };
}

/** The keys held by `names` and by their fallbacks variables. */
function keysIn(envText: string | undefined, names: readonly string[]): string[] {
  const all = names.flatMap((name) => [name, fallbacksVariableOf({ variable: name })]);
  const values = [...new Set(all)].flatMap((name) => (envText === undefined ? [] : (readEnvVar(envText, name) ?? '').split(',')));
  return [...new Set(values.filter((value) => value.length > 0))];
}

function keysRedactor(keys: readonly string[]): Redactor {
  return redactor([...keys].sort((a, b) => b.length - a.length).map((key) => ({ text: key, value: key })));
}

function envShown(target: Target): string {
  return displayPath(target.io.cwd, target.project.absolute(target.project.input.env.path));
}

function notes(summary: readonly string[]): string[] {
  return summary.map((line) => `note: ${line}\n`);
}

/** Writes every change (or prints the diff on --dry-run), then the notes; exit status 0. */
function finish(target: Target, dryRun: boolean, changes: readonly FileChange[], headline: string, messages: readonly string[]): number {
  const writes = pendingWrites(target, target.project, changes);
  if (dryRun) {
    checkTargets(writes);
    target.io.writeStdout(diffs(target, changes));
  } else {
    writeAll(writes);
    target.io.writeStdout(headline + changes.map((c) => changeLine(target, target.project, c)).join(''));
  }
  target.io.writeStderr(messages.join(''));
  return EXIT_OK;
}

/** The diff of every change; in the env file every value is masked first (its other lines may hold secrets too). */
function diffs(target: Target, changes: readonly FileChange[]): string {
  const envPath = target.project.input.env.path;
  return changes
    .map((c) => {
      const mask = c.path === envPath ? maskEnvValues : (text: string): string => text;
      const before = c.create ? undefined : mask(target.reader.textOf(target.project.absolute(c.path)) ?? '');
      return unifiedDiff({ path: c.path, before, after: mask(c.newText) });
    })
    .join('');
}
