/**
 * Generated inputs for the move-to-.env refactoring: a settings module (random docstring,
 * __future__ import, imports before and after the key, BASE_DIR in its usual forms, an
 * existing helper or load_dotenv call, filler code, LF or CRLF, a BOM) with the key in one
 * of the movable binding forms, and the project files around it (.env, its path, the
 * configured variable name, a rotation key).
 */
import fc from 'fast-check';
import { asciiKey, expectedFingerprint, keyArbitrary, DJANGO_ALPHABET } from './keys';
import { buildModule, filler, FILLER, KeyForm, literalChoice, LiteralChoice, MOVABLE_FORMS, renderLiteral, withEol } from './settings';

export const SETTINGS_PATHS = ['mysite/settings.py', 'config/settings/base.py', 'settings.py', 'proj/conf/settings.py'];

export const IMPORTS = [
  'import os',
  'import sys',
  'import os.path',
  'from os import path',
  'from pathlib import Path',
  'from django.core.exceptions import ImproperlyConfigured',
  'from django.core.exceptions import (\n    ImproperlyConfigured,\n    ValidationError,\n)',
  'from dotenv import load_dotenv',
  'from decouple import config',
  'import environ',
  'from django.utils.translation import gettext_lazy as _',
];

/** BASE_DIR definitions and the imports each needs. */
export const BASE_DIRS: ReadonlyArray<{ readonly code: string; readonly needs: readonly string[] }> = [
  { code: '', needs: [] },
  { code: 'BASE_DIR = Path(__file__).resolve().parent.parent', needs: ['from pathlib import Path'] },
  { code: 'BASE_DIR = Path(__file__).resolve(strict=True).parent.parent.parent', needs: ['from pathlib import Path'] },
  { code: 'BASE_DIR = Path(__file__).resolve().parents[1]', needs: ['from pathlib import Path'] },
  { code: 'BASE_DIR = Path(__file__).parent', needs: ['from pathlib import Path'] },
  { code: 'BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))', needs: ['import os'] },
  { code: 'BASE_DIR = os.path.dirname(os.path.abspath(__file__))', needs: ['import os'] },
];

const EXISTING_HELPER =
  'def required_env(name):\n    value = os.environ.get(name, "")\n    if not value:\n        raise ImproperlyConfigured(name)\n    return value';

/** Ways the project may already load .env, placed before or after the key. */
export const LOAD_CALLS: ReadonlyArray<{ readonly code: string; readonly needs: readonly string[] }> = [
  { code: '', needs: [] },
  { code: 'load_dotenv()', needs: ['from dotenv import load_dotenv'] },
  { code: 'env = environ.Env()\nenviron.Env.read_env()', needs: ['import environ'] },
];

export type EnvState = 'none' | 'other' | 'same' | 'different';

export interface RefactorCase {
  readonly path: string;
  readonly form: KeyForm;
  readonly key: string;
  readonly literal: LiteralChoice;
  readonly docstring: boolean;
  readonly future: boolean;
  readonly bom: boolean;
  readonly crlf: boolean;
  readonly imports: readonly string[];
  readonly lateImports: readonly string[];
  readonly baseDir: number;
  readonly helper: boolean;
  readonly load: number;
  readonly loadAfterKey: boolean;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly env: EnvState;
  readonly envCrlf: boolean;
  readonly envPath: string;
  readonly variableName: string;
  readonly newKey: string | undefined;
}

export const refactorCase: fc.Arbitrary<RefactorCase> = fc.record({
  path: fc.constantFrom(...SETTINGS_PATHS),
  form: fc.constantFrom(...MOVABLE_FORMS),
  key: asciiKey,
  literal: literalChoice,
  docstring: fc.boolean(),
  future: fc.boolean(),
  bom: fc.nat({ max: 9 }).map((n) => n === 0),
  crlf: fc.boolean(),
  imports: fc.subarray(IMPORTS),
  lateImports: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.subarray(IMPORTS, { maxLength: 2 }) }),
  baseDir: fc.nat({ max: BASE_DIRS.length - 1 }),
  helper: fc.boolean(),
  load: fc.nat({ max: LOAD_CALLS.length - 1 }),
  loadAfterKey: fc.boolean(),
  before: filler,
  after: filler,
  env: fc.constantFrom<EnvState>('none', 'other', 'same', 'different'),
  envCrlf: fc.boolean(),
  envPath: fc.constantFrom('.env', '.env', 'config/.env'),
  variableName: fc.constantFrom('DJANGO_SECRET_KEY', 'APP_SECRET_KEY'),
  newKey: fc.option(keyArbitrary(DJANGO_ALPHABET, 50, 50), { freq: 4 }).map((k) => k ?? undefined),
});

export interface BuiltCase {
  readonly text: string;
  /** Offset inside the key literal. */
  readonly offset: number;
  readonly envText: string | undefined;
  /** The variable the plan must use. */
  readonly variable: string;
}

function unique(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}

/** The settings text and the .env text of a case. */
export function buildCase(c: RefactorCase): BuiltCase {
  const base = BASE_DIRS[c.baseDir];
  const load = LOAD_CALLS[c.load];
  const helperNeeds = c.helper ? ['import os', 'from django.core.exceptions import ImproperlyConfigured'] : [];
  const head = [
    ...(c.docstring ? ['"""Settings."""'] : []),
    ...(c.future ? ['from __future__ import annotations'] : []),
    ...unique([...c.imports, ...c.form.needs, ...base.needs, ...helperNeeds, ...(c.loadAfterKey ? [] : load.needs)]),
    ...(base.code ? [base.code] : []),
    ...(c.helper ? [EXISTING_HELPER] : []),
    ...(load.code && !c.loadAfterKey ? [load.code] : []),
    ...c.before,
  ];
  const tail = [...c.after, ...(load.code && c.loadAfterKey ? [...load.needs, load.code] : []), ...c.lateImports];
  const module = buildModule({ ...c.form, needs: [] }, renderLiteral(c.key, c.literal), head, tail);
  const eol = c.crlf ? '\r\n' : '\n';
  const prefix = c.bom ? '\uFEFF' : '';
  const textLf = module.text;
  const text = prefix + withEol(textLf, eol);
  // The start offset moves with the BOM and with each CR added before it.
  const linesBefore = (textLf.slice(0, module.start).match(/\n/g) ?? []).length;
  const offset = prefix.length + module.start + (c.crlf ? linesBefore : 0);
  const variable = expectedVariable(c, text);
  return { text, offset, envText: envText(c, variable), variable };
}

/** A name already used for the key wins: the lookup's own variable, one in .env, one looked up in the settings. */
function expectedVariable(c: RefactorCase, text: string): string {
  if (c.form.rule === 'secret-key-env-default') return c.form.name;
  if (c.env === 'same' || c.env === 'different') return c.variableName;
  const looked = /\b(?:environ\.get|environ\[|getenv|config|env(?:\.str)?)\(\s*["']([A-Z_]*SECRET_KEY)["']/.exec(text);
  return looked?.[1] ?? c.variableName;
}

function envText(c: RefactorCase, variable: string): string | undefined {
  const eol = c.envCrlf ? '\r\n' : '\n';
  const other = ['# local settings', 'DEBUG=1', "OTHER='x y'", ''].join(eol);
  switch (c.env) {
    case 'none':
      return undefined;
    case 'other':
      return other;
    case 'same':
      return `${other}${variable}='${c.key}'${eol}`;
    case 'different':
      // Every name the plan could pick holds another key.
      return `${other}${unique([variable, 'DJANGO_SECRET_KEY', 'SECRET_KEY']).map((n) => `${n}='another-key-${n.length}'`).join(eol)}${eol}`;
  }
}

/** Why the plan must refuse, as patterns of acceptable reasons; empty when it must not. */
export function expectedRefusals(c: RefactorCase, writeEnv: boolean, loader: string): RegExp[] {
  if (c.form.rule === 'secret-key-env-default' && !writeEnv) return [];
  const value = c.newKey ?? c.key;
  const out: RegExp[] = [];
  if (unwritable(value)) out.push(/^The value of \w+ .*, so it can't be written to a \.env file safely: rotate to a new key instead\.$/);
  if (c.env === 'different' || (c.env === 'same' && c.newKey !== undefined)) out.push(/ already holds a different \w+; it was not overwritten\./);
  if (loader === 'decouple' && !decoupleFinds(c.path, c.envPath)) out.push(/^python-decouple only finds a file named \.env /);
  return out;
}

/** The safe-writing rule for .env values, written out here: values no quoting keeps intact in every loader. */
export function unwritable(value: string): boolean {
  const refused = ['\0', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', "'", '\\'];
  return (
    value === '' ||
    refused.some((c) => value.includes(c)) ||
    value.startsWith('$') ||
    value.includes('${') ||
    (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
  );
}

function decoupleFinds(settingsPath: string, envPath: string): boolean {
  const folder = (p: string): string => p.split('/').slice(0, -1).join('/');
  const envFolder = folder(envPath);
  const settingsFolder = folder(settingsPath);
  return envFolder === '' || settingsFolder === envFolder || settingsFolder.startsWith(envFolder + '/');
}

/** A case without its keys: choices by name and index, the keys by fingerprint. */
export function showCase(c: RefactorCase): string {
  return JSON.stringify({
    ...c,
    form: c.form.title,
    key: `<${c.key.length} chars ${expectedFingerprint(c.key)}${c.key.startsWith('$') ? ', starts with $' : ''}>`,
    newKey: c.newKey === undefined ? undefined : `<${expectedFingerprint(c.newKey)}>`,
    before: c.before.map((l) => FILLER.indexOf(l)),
    after: c.after.map((l) => FILLER.indexOf(l)),
    imports: c.imports.map((l) => IMPORTS.indexOf(l)),
    lateImports: c.lateImports.map((l) => IMPORTS.indexOf(l)),
  });
}
