/**
 * Rotating a key that already lives in .env, as a plan: the new key replaces the old one, and in
 * routine mode the old one moves to the front of a fallbacks variable that settings read into
 * SECRET_KEY_FALLBACKS (Django 4.1+), so nobody is logged out until the fallback is retired. In
 * compromised mode the old key is dropped: a leaked key must never keep verifying.
 */
import { checkWritable, describeRefusal, readEnvVar, removeEnvVar, upsertEnvVar } from '../dotenv/edit';
import { parseModule, Statement } from '../python/parser';
import { tokenize } from '../python/lexer';
import { compareVersions, declaredDjangoVersion, formatVersion, Version } from './djangoVersion';
import { dominantEol, minimalEdit } from './edits';
import { detectLoader, Loader } from './loaders';
import { importsModule, moduleLayout } from './module';
import { FileChange, ProjectFile } from './moveToEnv';

export type RotateMode = 'routine' | 'compromised';
export const ROTATE_MODES: readonly RotateMode[] = ['routine', 'compromised'];

export interface RotateInput {
  /** The env file holding the key (must exist). */
  readonly env: ProjectFile;
  /** The settings module that reads the key. */
  readonly settings: { readonly path: string; readonly text: string };
  readonly variable: string;
  /** Defaults to `<variable>_FALLBACKS`. */
  readonly fallbacksVariable?: string;
  readonly newKey: string;
  readonly mode: RotateMode;
  /** requirements*.txt / pyproject.toml / Pipfile / setup.cfg texts. */
  readonly dependencyTexts: readonly string[];
}

export type RotatePlan =
  | {
      readonly ok: true;
      readonly changes: readonly FileChange[];
      /** What happens to users, and when to retire the fallback. */
      readonly summary: readonly string[];
      /** Things that make this rotation log people out anyway, or that need checking. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

const DEFAULT_SESSION_COOKIE_AGE = 60 * 60 * 24 * 7 * 2;
const DEFAULT_PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3;
const DAY = 60 * 60 * 24;

export function fallbacksVariableOf(input: Pick<RotateInput, 'variable' | 'fallbacksVariable'>): string {
  return input.fallbacksVariable ?? `${input.variable}_FALLBACKS`;
}

export function planRotate(input: RotateInput): RotatePlan {
  const envText = input.env.text;
  const old = envText === undefined ? undefined : readEnvVar(envText, input.variable);
  if (envText === undefined || !old) {
    return { ok: false, reason: `${input.env.path} holds no ${input.variable} to rotate; move the key there first.` };
  }
  if (old === input.newKey) return { ok: false, reason: 'The new key is the same as the old one.' };
  const fallbacksVariable = fallbacksVariableOf(input);
  const existing = (readEnvVar(envText, fallbacksVariable) ?? '').split(',').filter((k) => k.length > 0);
  const keep = existing.filter((k) => k !== old && k !== input.newKey);
  // Compromised: the older fallbacks go too, since the file they sit in may have leaked with the key.
  const fallbacks = input.mode === 'routine' ? [old, ...keep] : [];
  const unread = input.mode === 'routine' ? fallbacksNotRead(input.settings, fallbacksVariable) : undefined;
  if (unread) return { ok: false, reason: unread };
  if (input.mode === 'routine' && old.includes(',')) {
    return { ok: false, reason: `The current ${input.variable} contains a comma, so it cannot join the comma-separated fallbacks. Rotate in compromised mode instead.` };
  }
  const withKey = upsertEnvVar(envText, input.variable, input.newKey);
  if (!withKey.ok) return { ok: false, reason: describeRefusal(withKey.reason, input.variable) };
  const env = writeFallbacks(withKey.text, fallbacksVariable, fallbacks);
  if (!env.ok) return env;
  const changes: FileChange[] = [change(input.env.path, envText, env.text, false)];
  const settings = fallbacks.length > 0 ? addFallbacksSetting(input.settings.text, fallbacksVariable) : undefined;
  if (settings !== undefined && settings !== input.settings.text) {
    changes.unshift(change(input.settings.path, input.settings.text, settings, false));
  }
  return { ok: true, changes, summary: summaryOf(input, fallbacksVariable), warnings: warningsOf(input) };
}

/** Removes every fallback key (after sessions and reset links signed with them have expired). */
export function planRetireFallbacks(env: ProjectFile, fallbacksVariable: string): RotatePlan {
  const before = env.text ?? '';
  const after = removeEnvVar(before, fallbacksVariable);
  if (after === before) return { ok: false, reason: `${env.path} holds no ${fallbacksVariable}: there is nothing to retire.` };
  const count = (readEnvVar(before, fallbacksVariable) ?? '').split(',').filter((k) => k.length > 0).length;
  return {
    ok: true,
    changes: [change(env.path, env.text, after, false)],
    summary: [
      `Retired ${count} old key${count === 1 ? '' : 's'}: sessions, password-reset links and signed data made with ${count === 1 ? 'it' : 'them'} no longer verify.`,
    ],
    warnings: [],
  };
}

function writeFallbacks(text: string, name: string, keys: string[]): { ok: true; text: string } | { ok: false; reason: string } {
  if (keys.length === 0) return { ok: true, text: removeEnvVar(text, name) };
  const value = keys.join(',');
  const check = checkWritable(value);
  if (!check.ok) return { ok: false, reason: describeRefusal(check.reason, name) };
  const written = upsertEnvVar(text, name, value);
  return written.ok ? written : { ok: false, reason: describeRefusal(written.reason, name) };
}

function change(path: string, before: string | undefined, after: string, ownerOnly: boolean): FileChange {
  const edit = minimalEdit(before ?? '', after);
  return { path, create: before === undefined, edits: edit ? [edit] : [], newText: after, ownerOnly };
}

// --- settings ------------------------------------------------------------------------------------

/** Why the settings would not see the fallbacks (so everyone would be logged out), if they would not. */
function fallbacksNotRead(settings: RotateInput['settings'], fallbacksVariable: string): string | undefined {
  const { statements } = parseModule(settings.text);
  if (!statements.some((s) => bindsName(s, 'SECRET_KEY'))) {
    return `${settings.path} does not set SECRET_KEY, so the fallbacks cannot be wired up there; rotate from the module that sets it.`;
  }
  const setsFallbacks = statements.some((s) => bindsName(s, 'SECRET_KEY_FALLBACKS'));
  if (setsFallbacks && !settings.text.includes(fallbacksVariable)) {
    return (
      `${settings.path} sets SECRET_KEY_FALLBACKS without reading ${fallbacksVariable}, so the old key would not verify ` +
      `and everyone would be logged out. Make it read ${fallbacksVariable}, or rotate in compromised mode.`
    );
  }
  return undefined;
}

function bindsName(s: Statement, name: string): boolean {
  return s.targets.some((t) => (t.kind === 'name' && t.name === name) || (t.kind === 'attr' && t.name === name));
}

/**
 * Adds `SECRET_KEY_FALLBACKS = [...]` reading the fallbacks variable right after the statement
 * that sets SECRET_KEY (same indentation), unless the module already sets SECRET_KEY_FALLBACKS.
 */
export function addFallbacksSetting(text: string, fallbacksVariable: string): string {
  const { statements } = parseModule(text);
  if (statements.some((s) => bindsName(s, 'SECRET_KEY_FALLBACKS'))) return text;
  const keyStatement = statements.filter((s) => bindsName(s, 'SECRET_KEY')).pop();
  if (!keyStatement) return text;
  const eol = dominantEol(text);
  const at = lineEndAfter(text, keyStatement.start);
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', keyStatement.start - 1) + 1))?.[0] ?? '';
  const line = `${indent}SECRET_KEY_FALLBACKS = [key for key in ${optionalReader(text, fallbacksVariable)}.split(",") if key]`;
  const needsOs = line.includes('os.environ') && !importsModule(moduleLayout(text), 'os');
  const body = text.slice(0, at.offset) + (at.addBreak ? eol : '') + line + eol + text.slice(at.offset);
  return needsOs ? addImportOs(body, eol) : body;
}

/** Where the logical line starting at `start` ends (after its line break), and whether it had one. */
function lineEndAfter(text: string, start: number): { offset: number; addBreak: boolean } {
  const tokens = tokenize(text);
  const next = tokens.find((t) => t.type === 'newline' && t.start >= start);
  if (!next || next.end === next.start) return { offset: text.length, addBreak: true };
  return { offset: next.end, addBreak: false };
}

/** The loader's way to read an optional variable (empty when missing). */
function optionalReader(text: string, name: string): string {
  const loader: Loader = detectLoader({ settingsTexts: [text], dependencyTexts: [] }) ?? 'os';
  const quoted = JSON.stringify(name);
  if (loader === 'decouple') return `config(${quoted}, default="")`;
  if (loader === 'environ') {
    const instance = /^(\w+)\s*=\s*environ\.Env\(/m.exec(text)?.[1] ?? 'env';
    return `${instance}.str(${quoted}, default="")`;
  }
  return `os.environ.get(${quoted}, "")`;
}

function addImportOs(text: string, eol: string): string {
  const layout = moduleLayout(text);
  const last = layout.imports[layout.imports.length - 1];
  const at = last ? last.line.next : 0;
  return text.slice(0, at) + 'import os' + eol + text.slice(at);
}

// --- what the user is told -------------------------------------------------------------------------

function summaryOf(input: RotateInput, fallbacksVariable: string): string[] {
  if (input.mode === 'compromised') {
    return [
      'Everyone is logged out now, and password-reset links and data signed with the old key stop verifying: a leaked key must not keep verifying.',
      'Older fallback keys are dropped too: they sat in the same file as the leaked key.',
      'Restart every process that runs Django so it reads the new key.',
    ];
  }
  const days = Math.ceil(Math.max(settingSeconds(input.settings.text, 'SESSION_COOKIE_AGE', DEFAULT_SESSION_COOKIE_AGE), settingSeconds(input.settings.text, 'PASSWORD_RESET_TIMEOUT', DEFAULT_PASSWORD_RESET_TIMEOUT)) / DAY);
  return [
    `Nobody is logged out: the old key moves to ${fallbacksVariable} and keeps verifying sessions, password-reset links and signed data.`,
    `Retire it in ${days} day${days === 1 ? '' : 's'} (the longer of SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT), when nothing signed with it is still valid.`,
    'Restart every process that runs Django so it reads the new key; behind a load balancer, first add the new key to the fallbacks on every server, then swap.',
  ];
}

/** A top-level `NAME = <integer product>` in seconds, else the default. */
function settingSeconds(text: string, name: string, fallback: number): number {
  const m = new RegExp(`^${name}\\s*=\\s*([0-9_\\s*]+?)\\s*(?:#.*)?$`, 'm').exec(text);
  if (!m) return fallback;
  const value = m[1].split('*').reduce((acc, part) => acc * Number(part.replace(/[_\s]/g, '')), 1);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const FALLBACKS_SINCE: Version = [4, 1, 0];
const SESSION_FALLBACKS_SINCE: Version = [4, 1, 8];

function warningsOf(input: RotateInput): string[] {
  const warnings: string[] = [];
  const version = declaredDjangoVersion(input.dependencyTexts);
  if (!version) {
    warnings.push('The project does not declare its Django version: keeping users logged in needs Django 4.1.8 or later.');
  } else if (compareVersions(version, FALLBACKS_SINCE) < 0) {
    warnings.push(`Django ${formatVersion(version)} has no SECRET_KEY_FALLBACKS (it came in 4.1): everyone is logged out and password-reset links stop working whatever the mode.`);
  } else if (input.mode === 'routine' && compareVersions(version, SESSION_FALLBACKS_SINCE) < 0) {
    warnings.push(`Django ${formatVersion(version)} does not check fallbacks for sessions (fixed in 4.1.8): everyone is logged out; password-reset links and signed data still verify.`);
  }
  const simplejwt = input.dependencyTexts.some((t) => /djangorestframework[-_]simplejwt/i.test(t));
  if (simplejwt && !/\bSIGNING_KEY\b/.test(input.settings.text)) {
    warnings.push("djangorestframework-simplejwt signs its tokens with SECRET_KEY (SIMPLE_JWT's SIGNING_KEY is not set) and ignores SECRET_KEY_FALLBACKS: every token it issued stops working now.");
  }
  return warnings;
}
