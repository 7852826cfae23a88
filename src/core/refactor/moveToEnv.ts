/**
 * The "move SECRET_KEY to .env" refactoring as a plan: settings text + finding + project
 * facts in, text edits for every file out. Pure: the faces read the files (open editors
 * first) and apply the plan as one edit. What Django reads at run time does not change:
 * the same key (or, when rotating, the new key) comes from .env through the loader.
 */
import { describeRefusal, checkWritable, envVarAssignments, readEnvVar, upsertEnvVar, addPlaceholder } from '../dotenv/edit';
import { parseDotenv } from '../dotenv/parse';
import { pythonCandidates, Candidate } from '../rules/python';
import { applyEdits, dominantEol, minimalEdit, TextEdit } from './edits';
import { declaresPackage, Loader, LOADER_LABELS, LOADER_PACKAGES } from './loaders';
import {
  baseDirOf,
  callsFunction,
  definesFunction,
  importedName,
  importInsertionPoint,
  importsModule,
  ModuleLayout,
  layoutBefore,
  moduleLayout,
  topLevelAssignment,
} from './module';
import { gitignoreEntryFor } from './gitignoreEntry';

/** The helper the rewritten settings call; defined once per module. */
export const HELPER_NAME = 'required_env';
export const DEFAULT_VARIABLE = 'DJANGO_SECRET_KEY';

export interface ProjectFile {
  /** Relative to the project root (the folder of manage.py), `/` separators. */
  readonly path: string;
  /** Current text (an open editor's, if open), or undefined when the file does not exist. */
  readonly text: string | undefined;
}

export interface MoveToEnvInput {
  readonly settings: { readonly path: string; readonly text: string };
  /** An offset inside the literal to move (e.g. the diagnostic's start). */
  readonly offset: number;
  readonly loader: Loader;
  /** Write this freshly generated key instead of the current one. */
  readonly newKey?: string;
  /**
   * False to only remove an environment lookup's literal fallback (fail fast) without
   * writing it to .env. Default true.
   */
  readonly writeEnv?: boolean;
  /** The configured variable name; a name the project already uses wins. */
  readonly variableName: string;
  readonly env: ProjectFile;
  /** The project's example file, or `.env.example` with text undefined. */
  readonly example: ProjectFile;
  readonly gitignore: ProjectFile;
  /** Whether git (or the .gitignore rules) already ignores the env file. */
  readonly envIgnored: boolean;
  /** requirements*.txt / pyproject.toml / Pipfile / setup.cfg, first the one to extend. */
  readonly dependencies: readonly { readonly path: string; readonly text: string }[];
}

export interface FileChange {
  readonly path: string;
  readonly create: boolean;
  readonly edits: readonly TextEdit[];
  readonly newText: string;
  /** Create readable by its owner only (0600) where the file system allows. */
  readonly ownerOnly: boolean;
}

export type MovePlan =
  | { readonly ok: true; readonly variable: string; readonly changes: readonly FileChange[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly suggestRotate: boolean };

/** Titles of the two fixes for a literal fallback in an environment lookup; the trade-off is in the title. */
export function defaultFixTitle(variable: string, writeEnv: boolean): string {
  return writeEnv
    ? `Move the fallback key into .env (local runs keep working; ${variable} must be set everywhere else)`
    : `Remove the fallback key and fail fast (set ${variable} yourself, also for local runs)`;
}

export function moveTitle(loader: Loader, rotate: boolean): string {
  const how = rotate ? ' with a new key' : '';
  if (loader === 'os') return `Move SECRET_KEY to .env${how}, read it from os.environ (platform sets the variable)`;
  return `Move SECRET_KEY to .env${how} (${LOADER_LABELS[loader]})`;
}

export function planMoveToEnv(input: MoveToEnvInput): MovePlan {
  const candidate = pythonCandidates(input.settings.text).find(
    (c) => MOVABLE.has(c.rule) && c.start <= input.offset && input.offset <= c.end,
  );
  if (!candidate) return refuse('There is no hardcoded SECRET_KEY at this position any more.', false);
  const value = input.newKey ?? candidate.value;
  const variable = candidate.rule === 'secret-key-env-default' && IDENTIFIER.test(candidate.name) ? candidate.name : chooseVariable(input);
  if (input.writeEnv === false) return removeFallback(input, candidate, variable);
  const writable = checkWritable(value);
  if (!writable.ok) return refuse(describeRefusal(writable.reason, variable), input.newKey === undefined);
  if (isNonAsciiBytes(input.settings.text, candidate, value)) {
    return refuse('The key is a bytes literal with non-ASCII bytes, which a .env file cannot hold as the same bytes.', true);
  }
  const existing = input.env.text === undefined ? undefined : readEnvVar(input.env.text, variable);
  const assigned = input.env.text !== undefined && envVarAssignments(input.env.text, variable) > 0;
  const unreadable = assigned && existing === undefined; // `${OTHER}` or `$OTHER`: another value at run time
  if (unreadable || (existing !== undefined && existing !== '' && existing !== value)) {
    return refuse(
      `${input.env.path} already holds a different ${variable}; it was not overwritten. ` +
        'Remove it (or make it equal) and try again.',
      false,
    );
  }
  if (input.loader === 'decouple' && !decoupleFinds(input.settings.path, input.env.path)) {
    return refuse(
      `python-decouple only finds a file named .env in the settings module's folder or above it, not ${input.env.path}.`,
      false,
    );
  }
  const settings = rewriteSettings(input, candidate, variable);
  const changes = [
    settings,
    envChange(input, variable, value),
    ...gitChanges(input, variable),
    ...dependencyChanges(input),
  ].filter((c): c is FileChange => c !== undefined);
  return { ok: true, variable, changes, notes: notesFor(input, variable) };
}

const MOVABLE: ReadonlySet<string> = new Set(['hardcoded-secret-key', 'secret-key-env-default']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Only rewrites settings (and the example file): the literal fallback is dropped, not moved. */
function removeFallback(input: MoveToEnvInput, candidate: Candidate, variable: string): MovePlan {
  const changes = [rewriteSettings(input, candidate, variable), exampleChange(input, variable), ...dependencyChanges(input)];
  const where = input.loader === 'os' ? 'in the environment' : `in the environment or in ${input.env.path}`;
  const notes = [`Set ${variable} ${where}: Django now stops at start-up without it.`, ...dependencyNotes(input)];
  return { ok: true, variable, changes: changes.filter((c): c is FileChange => c !== undefined), notes };
}

function refuse(reason: string, suggestRotate: boolean): MovePlan {
  return { ok: false, reason, suggestRotate };
}

function isNonAsciiBytes(text: string, c: Candidate, value: string): boolean {
  const prefix = /^[A-Za-z]*/.exec(text.slice(c.start, c.end))?.[0] ?? '';
  return prefix.toLowerCase().includes('b') && Array.from(value).some((ch) => ch.charCodeAt(0) > 0x7f);
}

/** A name already used for the key in .env or in an environment lookup wins over the setting. */
function chooseVariable(input: MoveToEnvInput): string {
  const inEnv = input.env.text ? parseDotenv(input.env.text).map((e) => e.name) : [];
  for (const name of [input.variableName, DEFAULT_VARIABLE, 'SECRET_KEY']) if (inEnv.includes(name)) return name;
  const looked = /\b(?:environ\.get|environ\[|getenv|config|env(?:\.str)?)\(\s*["']([A-Z_]*SECRET_KEY)["']/.exec(input.settings.text);
  return looked?.[1] ?? input.variableName;
}

function decoupleFinds(settingsPath: string, envPath: string): boolean {
  const envDir = envPath.split('/').slice(0, -1).join('/');
  const settingsDir = settingsPath.split('/').slice(0, -1).join('/');
  const base = envPath.split('/').pop();
  return base === '.env' && (envDir === '' || settingsDir === envDir || settingsDir.startsWith(envDir + '/'));
}

function envChange(input: MoveToEnvInput, variable: string, value: string): FileChange | undefined {
  const before = input.env.text ?? '';
  const result = upsertEnvVar(before, variable, value);
  if (!result.ok) throw new Error(`unwritable value passed the check (${result.reason})`);
  if (input.env.text !== undefined && result.text === before) return undefined;
  return fileChange(input.env.path, input.env.text, result.text, input.env.text === undefined);
}

function gitChanges(input: MoveToEnvInput, variable: string): FileChange[] {
  const out: FileChange[] = [];
  if (!input.envIgnored) {
    const before = input.gitignore.text ?? '';
    const entry = gitignoreEntryFor(input.gitignore.path, input.env.path);
    const after = appendLine(before, entry);
    out.push(fileChange(input.gitignore.path, input.gitignore.text, after, false));
  }
  const example = exampleChange(input, variable);
  if (example) out.push(example);
  return out;
}

function exampleChange(input: MoveToEnvInput, variable: string): FileChange | undefined {
  const before = input.example.text ?? '';
  const after = addPlaceholder(before, variable);
  if (input.example.text !== undefined && after === before) return undefined;
  return fileChange(input.example.path, input.example.text, after, false);
}

function dependencyChanges(input: MoveToEnvInput): FileChange[] {
  if (input.loader === 'os') return [];
  const loader = input.loader;
  if (input.dependencies.some((d) => declaresPackage(d.text, loader))) return [];
  const target = input.dependencies.find((d) => /(^|\/)requirements[^/]*\.txt$/.test(d.path));
  if (!target) return [];
  return [fileChange(target.path, target.text, appendLine(target.text, LOADER_PACKAGES[loader]), false)];
}

function notesFor(input: MoveToEnvInput, variable: string): string[] {
  const notes: string[] = [];
  if (input.loader === 'os') {
    notes.push(
      `${input.env.path} is not read by Python with this choice: set ${variable} in the platform's environment ` +
        `(the value is kept in ${input.env.path} so it is not lost).`,
    );
  }
  notes.push(...dependencyNotes(input));
  if (input.newKey !== undefined) {
    notes.push('A new key was written: existing sessions and password-reset links signed with the old key stop working.');
  }
  return notes;
}

function dependencyNotes(input: MoveToEnvInput): string[] {
  const loader = input.loader;
  if (loader === 'os' || input.dependencies.some((d) => declaresPackage(d.text, loader))) return [];
  const target = input.dependencies.find((d) => /(^|\/)requirements[^/]*\.txt$/.test(d.path));
  const pkg = LOADER_PACKAGES[loader];
  return [target ? `Added ${pkg} to ${target.path}.` : `Install ${pkg} and add it to your project's dependencies.`];
}

function fileChange(path: string, before: string | undefined, after: string, ownerOnly: boolean): FileChange {
  const edit = minimalEdit(before ?? '', after);
  return { path, create: before === undefined, edits: edit ? [edit] : [], newText: after, ownerOnly };
}

/** Appends one line, adding a line break first when the text does not end with one. */
export function appendLine(text: string, line: string): string {
  const eol = dominantEol(text);
  const sep = text.length === 0 || /[\r\n]$/.test(text) ? '' : eol;
  return text + sep + line + eol;
}

// --- settings.py -------------------------------------------------------------

interface SettingsContext {
  readonly input: MoveToEnvInput;
  readonly layout: ModuleLayout;
  readonly eol: string;
  /** Offset of the top-level statement holding the key. */
  readonly top: number;
}

function rewriteSettings(input: MoveToEnvInput, candidate: Candidate, variable: string): FileChange {
  const text = input.settings.text;
  const full = moduleLayout(text);
  const topLine = [...full.lines].reverse().find((l) => l.start <= candidate.anchor);
  const top = topLine?.start ?? candidate.start;
  // Only code above the key's statement counts as present: later imports or calls run too late.
  const layout = layoutBefore(full, top);
  const ctx: SettingsContext = { input, layout, eol: dominantEol(text), top };
  const pathExpr = envPathExpression(ctx);
  const setup = setupLines(ctx, pathExpr.code);
  const imports = neededImports(ctx, pathExpr, setup);
  const helper = definesFunction(layout, HELPER_NAME) ? [] : helperLines(ctx, variable);
  const importPoint = importInsertionPoint(layout, ctx.top);
  const setupPoint = Math.max(importPoint, pathExpr.after, input.loader === 'environ' ? environInstance(layout, ctx.top).after : 0);
  const replaced = candidate.expression ?? candidate;
  const edits: TextEdit[] = [{ start: replaced.start, end: replaced.end, newText: `${HELPER_NAME}("${variable}")` }];
  const block = [...setup, ...(setup.length > 0 && helper.length > 0 ? ['', ''] : []), ...helper];
  const importText = imports.map((l) => l + ctx.eol).join('');
  if (setupPoint === importPoint) {
    pushInsert(edits, importPoint, importText + blockText(ctx, block, importPoint));
  } else {
    pushInsert(edits, importPoint, importText);
    pushInsert(edits, setupPoint, blockText(ctx, block, setupPoint));
  }
  const after = applyEdits(text, edits);
  return { path: input.settings.path, create: false, edits, newText: after, ownerOnly: false };
}

/**
 * Top-level code inserted at a line start: one blank line before plain statements, two
 * around a function definition (PEP 8), counting the blank lines already there.
 */
function blockText(ctx: SettingsContext, block: string[], at: number): string {
  if (block.length === 0) return '';
  const eol = ctx.eol;
  const before = block[0].startsWith('def ') ? eol + eol : eol;
  const wanted = block.some((l) => l.startsWith('def ')) ? 2 : 1;
  const existing = blankLinesAt(ctx.input.settings.text, at);
  return before + block.join(eol) + eol + eol.repeat(Math.max(0, wanted - existing));
}

function blankLinesAt(text: string, at: number): number {
  const m = /^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(text.slice(at, at + 200));
  return m ? (m[0].match(/\r\n|\r|\n/g) ?? []).length : 0;
}

function pushInsert(edits: TextEdit[], at: number, newText: string): void {
  if (newText.length > 0) edits.push({ start: at, end: at, newText });
}

interface PathExpression {
  readonly code: string;
  readonly needsPath: boolean;
  readonly needsOs: boolean;
  /** Offset after which the expression can be evaluated (after BASE_DIR when it is used). */
  readonly after: number;
}

/** `BASE_DIR / ".env"` when BASE_DIR is the folder of manage.py; otherwise a path from __file__. */
function envPathExpression(ctx: SettingsContext): PathExpression {
  const envSegments = ctx.input.env.path.split('/').map((s) => JSON.stringify(s));
  const depth = ctx.input.settings.path.split('/').length;
  const base = baseDirOf(ctx.layout, ctx.top);
  if (base && base.levels === depth) {
    if (base.style === 'path') return { code: ['BASE_DIR', ...envSegments].join(' / '), needsPath: false, needsOs: false, after: base.line.next };
    return { code: `os.path.join(BASE_DIR, ${envSegments.join(', ')})`, needsPath: false, needsOs: true, after: base.line.next };
  }
  const root = 'Path(__file__).resolve()' + '.parent'.repeat(depth);
  return { code: [root, ...envSegments].join(' / '), needsPath: true, needsOs: false, after: 0 };
}

function neededImports(ctx: SettingsContext, pathExpr: PathExpression, setup: readonly string[]): string[] {
  const { layout, input } = ctx;
  const out: string[] = [];
  const loader = input.loader;
  const usesPath = setup.some((l) => l.includes(pathExpr.code));
  if ((loader === 'dotenv' || loader === 'os' || (usesPath && pathExpr.needsOs)) && !importsModule(layout, 'os')) out.push('import os');
  if (usesPath && pathExpr.needsPath && !importedName(layout, 'pathlib', 'Path')) out.push('from pathlib import Path');
  if (!importedName(layout, 'django.core.exceptions', 'ImproperlyConfigured')) {
    out.push('from django.core.exceptions import ImproperlyConfigured');
  }
  if (loader === 'dotenv' && !callsFunction(layout, 'load_dotenv') && !importedName(layout, 'dotenv', 'load_dotenv')) {
    out.push('from dotenv import load_dotenv');
  }
  if (loader === 'decouple' && !decoupleConfigName(layout)) out.push('from decouple import config');
  if (setup.some((l) => l.includes('environ.')) && !importsModule(layout, 'environ')) out.push('import environ');
  return out;
}

function decoupleConfigName(layout: ModuleLayout): string | undefined {
  return importedName(layout, 'decouple', 'config') ?? (topLevelAssignment(layout, 'config', Infinity) ? 'config' : undefined);
}

/** The Env instance's name: an existing top-level `X = environ.Env(...)` before `before`, else `env` (created here). */
function environInstance(layout: ModuleLayout, before: number): { name: string; exists: boolean; after: number } {
  for (const line of layout.lines) {
    if (line.start >= before) break;
    const w = line.tokens.map((t) => t.value);
    if (w[1] === '=' && w.slice(2).join('').startsWith('environ.Env(')) return { name: w[0], exists: true, after: line.next };
  }
  // `from .base import env` (a settings package): the instance is already set up there.
  const imported = layout.imports.find((i) => i.line.start < before && i.names.some((n) => n.bound === 'env'));
  return imported ? { name: 'env', exists: true, after: imported.line.next } : { name: 'env', exists: false, after: 0 };
}

function setupLines(ctx: SettingsContext, pathCode: string): string[] {
  const { layout, input } = ctx;
  if (input.loader === 'dotenv') return callsFunction(layout, 'load_dotenv') ? [] : [`load_dotenv(${pathCode})`];
  if (input.loader !== 'environ') return [];
  const instance = environInstance(layout, ctx.top);
  const lines = instance.exists ? [] : [`${instance.name} = environ.Env()`];
  const importedInstance = instance.exists && !layout.lines.some((l) => l.tokens[0]?.value === instance.name && l.tokens[1]?.value === '=');
  // django-environ 0.4.x (Debian 12) opens only a str: given a Path it fails with AttributeError.
  const envPath = pathCode.startsWith('os.path.join(') ? pathCode : `str(${pathCode})`;
  if (!callsFunction(layout, 'read_env') && !importedInstance) lines.push(`environ.Env.read_env(${envPath})`);
  return lines;
}

function helperLines(ctx: SettingsContext, variable: string): string[] {
  void variable;
  const { input, layout } = ctx;
  const reader: Record<Loader, string> = {
    dotenv: 'os.environ.get(name, "")',
    os: 'os.environ.get(name, "")',
    decouple: `${decoupleConfigName(layout) ?? 'config'}(name, default="")`,
    environ: `${environInstance(layout, ctx.top).name}.str(name, default="")`,
  };
  const where =
    input.loader === 'os'
      ? ' in the environment of the process that runs Django'
      : ` in the environment or in ${input.env.path === '.env' ? '.env beside manage.py' : `${input.env.path} (relative to manage.py)`}`;
  return [
    `def ${HELPER_NAME}(name):`,
    '    """Return the environment variable `name`; stop at start-up when it is missing or empty."""',
    `    value = ${reader[input.loader]}`,
    '    if not value:',
    `        raise ImproperlyConfigured(f"Set {name}${where}.")`,
    '    return value',
  ];
}
