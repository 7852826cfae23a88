/**
 * "Rotate Secret Key" and "Retire Old Secret Keys", the parts free of `vscode` (the command line
 * uses them too): the two rotation modes offered, the commands' arguments, which variable of the
 * .env file holds the key, which settings module manage.py names, and what the user is told.
 * Nothing here ever sees a key except `chooseKeyVariable`, which only asks whether one is set.
 */
import { readEnvVar } from '../core/dotenv/edit';
import { parseModule } from '../core/python/parser';
import { ROTATE_MODES, RotateMode } from '../core/refactor/rotate';

export const ROTATE_TITLE = 'Rotate Secret Key';
export const RETIRE_TITLE = 'Retire Old Secret Keys';
export const ROTATE_BUTTON = 'Rotate';
export const RETIRE_BUTTON = 'Retire';

export interface ModeItem {
  readonly label: string;
  readonly detail: string;
  readonly mode: RotateMode;
}

/** The quick pick's items, routine first. */
export const MODE_ITEMS: readonly ModeItem[] = [
  {
    mode: 'routine',
    label: 'Routine rotation: keep the old key as a fallback',
    detail: `Nobody is logged out; run "${RETIRE_TITLE}" once sessions and password-reset links made with it have expired.`,
  },
  {
    mode: 'compromised',
    label: 'Compromised key: drop the old key now (everyone is logged out)',
    detail: 'For a key that leaked: sessions, password-reset links and data signed with it stop verifying at once.',
  },
];

export const ROTATE_ARGUMENTS_HELP = "expected { uri, mode: 'routine' | 'compromised', confirm: boolean }";
export const RETIRE_ARGUMENTS_HELP = 'expected { uri, confirm: boolean }';

export interface RotateRequest {
  /** A settings module or the project's env file; passed on for the editor face to read. */
  readonly uri?: unknown;
  /** Without a mode, the user is asked. */
  readonly mode?: RotateMode;
  /** False skips the confirmation (for callers that asked already, and tests). */
  readonly confirm: boolean;
}

export type RetireRequest = Omit<RotateRequest, 'mode'>;

function isMode(value: unknown): value is RotateMode {
  return ROTATE_MODES.some((mode) => mode === value);
}

/** `{ uri?, mode?, confirm? }` (or nothing) as a request; undefined when malformed. */
export function readRotateArguments(args: unknown): RotateRequest | undefined {
  if (args === undefined || args === null) {
    return { confirm: true };
  }
  if (typeof args !== 'object') {
    return undefined;
  }
  const { uri, mode, confirm = true } = args as Record<string, unknown>;
  if ((mode !== undefined && !isMode(mode)) || typeof confirm !== 'boolean') {
    return undefined;
  }
  return { uri, confirm, ...(mode === undefined ? {} : { mode }) };
}

/** `{ uri?, confirm? }` (or nothing) as a request; undefined when malformed. */
export function readRetireArguments(args: unknown): RetireRequest | undefined {
  if (args !== undefined && args !== null && typeof args === 'object' && 'mode' in args) {
    return undefined;
  }
  const request = readRotateArguments(args);
  return request && { uri: request.uri, confirm: request.confirm };
}

/** The names a Django key usually goes by in .env files, after the configured one. */
export const KEY_VARIABLES: readonly string[] = ['DJANGO_SECRET_KEY', 'SECRET_KEY'];

/**
 * The variable of the env file that holds the key: among the configured name and KEY_VARIABLES
 * (in that order) those set in the env file, preferring one the settings module names in quotes.
 */
export function chooseKeyVariable(envText: string | undefined, settingsText: string, configured: string): string | undefined {
  if (envText === undefined) {
    return undefined;
  }
  const set = [...new Set([configured, ...KEY_VARIABLES])].filter((name) => Boolean(readEnvVar(envText, name)));
  return set.find((name) => namesInQuotes(settingsText, name)) ?? set[0];
}

function namesInQuotes(text: string, name: string): boolean {
  return text.includes(`"${name}"`) || text.includes(`'${name}'`);
}

/**
 * The settings module manage.py names (`os.environ.setdefault('DJANGO_SETTINGS_MODULE',
 * 'mysite.settings')`), as the paths it may have, relative to manage.py's folder.
 */
export function settingsPathsFromManagePy(text: string): string[] {
  const match = /["']DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][\w.]*)["']/.exec(text);
  if (!match) {
    return [];
  }
  const path = match[1].split('.').join('/');
  return [`${path}.py`, `${path}/__init__.py`];
}

/** Whether the module binds SECRET_KEY anywhere (the line the fallbacks setting goes after). */
export function setsSecretKey(text: string): boolean {
  return parseModule(text).statements.some((s) =>
    s.targets.some((t) => (t.kind === 'name' || t.kind === 'attr') && t.name === 'SECRET_KEY'),
  );
}

export interface Dialog {
  readonly message: string;
  readonly detail: string;
}

export interface RotatePreview {
  readonly variable: string;
  readonly envPath: string;
  readonly mode: RotateMode;
  readonly summary: readonly string[];
  readonly warnings: readonly string[];
  /** Paths of the files the rotation changes, relative to the project. */
  readonly changed: readonly string[];
}

/** The modal confirmation before a rotation: the plan's summary, its warnings and the files. */
export function rotateConfirmation(preview: RotatePreview): Dialog {
  const message =
    preview.mode === 'routine'
      ? `Rotate ${preview.variable} in ${preview.envPath}, keeping the old key as a fallback?`
      : `Rotate ${preview.variable} in ${preview.envPath} and drop the old key now?`;
  const detail = [...preview.summary, ...preview.warnings.map((w) => `Warning: ${w}`), `Changes ${preview.changed.join(' and ')}.`];
  return { message, detail: detail.join('\n\n') };
}

/** What the user is told after a rotation. */
export function rotateMessage(preview: Pick<RotatePreview, 'variable' | 'envPath' | 'mode'>, fallbacksVariable: string): string {
  const done = `Rotated ${preview.variable} in ${preview.envPath}`;
  const restart = 'Restart every process that runs Django.';
  return preview.mode === 'routine'
    ? `${done}; the old key keeps verifying from ${fallbacksVariable}. ${restart} Run "${RETIRE_TITLE}" once nothing signed with it is still valid.`
    : `${done}; the old key is gone and everyone is logged out. ${restart}`;
}

export interface RetirePreview {
  readonly envPath: string;
  readonly fallbacksVariable: string;
  /** How many old keys the fallbacks variable holds. */
  readonly count: number;
}

/** The modal confirmation before retiring the fallbacks. */
export function retireConfirmation(preview: RetirePreview): Dialog {
  const keys = preview.count === 1 ? 'the old key' : `the ${preview.count} old keys`;
  const them = preview.count === 1 ? 'it' : 'them';
  return {
    message: `Retire ${keys} in ${preview.fallbacksVariable} (${preview.envPath})?`,
    detail:
      `Sessions, password-reset links and data signed with ${them} stop verifying: whoever is still logged in with ${them} is logged out. ` +
      `Retire once SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT have passed since the rotation.\n\nChanges ${preview.envPath}.`,
  };
}

/** What the user is told after retiring: the plan's summary. */
export function retireMessage(summary: readonly string[]): string {
  return [...summary, 'Restart every process that runs Django.'].join(' ');
}

/** How many keys a comma-separated fallbacks value holds. */
export function countKeys(value: string | undefined): number {
  return (value ?? '').split(',').filter((key) => key.length > 0).length;
}
