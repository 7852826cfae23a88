/**
 * Generated Django settings modules: the key in every binding form the detector knows
 * (see test/unit/engine-python.test.ts), written as any kind of literal, among random
 * surrounding code that holds no finding of its own. Each module knows where its key
 * literal is, so tests can state the exact range a finding must have.
 */
import fc from 'fast-check';

export type KeyRule = 'hardcoded-secret-key' | 'secret-key-env-default' | 'hardcoded-secret-key-fallbacks';

export interface KeyForm {
  readonly title: string;
  readonly rule: KeyRule;
  /** The name a finding reports (the setting, or the looked-up variable). */
  readonly name: string;
  /** Top-level code; `@K@` marks where the key literal goes. */
  readonly code: string;
  /** Top-level lines the form needs before it (imports, an Env instance). */
  readonly needs: readonly string[];
}

const K = '@K@';

export const KEY_FORMS: readonly KeyForm[] = [
  { title: 'plain', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `SECRET_KEY = ${K}`, needs: [] },
  { title: 'annotated', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `SECRET_KEY: str = ${K}`, needs: [] },
  { title: 'chained', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `A = SECRET_KEY = B = ${K}`, needs: [] },
  { title: 'tuple unpacking', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `DEBUG, SECRET_KEY = False, ${K}`, needs: [] },
  { title: 'lower-case name', rule: 'hardcoded-secret-key', name: 'secret_key', code: `secret_key = ${K}`, needs: [] },
  { title: 'attribute', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `settings.SECRET_KEY = ${K}`, needs: ['from django.conf import settings'] },
  { title: 'subscript', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `CONFIG = {}\nCONFIG['SECRET_KEY'] = ${K}`, needs: [] },
  { title: 'environ subscript', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `os.environ["SECRET_KEY"] = ${K}`, needs: ['import os'] },
  { title: 'dict entry', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `CONF = {'DEBUG': True, 'SECRET_KEY': ${K}}`, needs: [] },
  { title: 'dict over lines', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `CONF = {\n    "DEBUG": True,\n    "SECRET_KEY": ${K},\n}`, needs: [] },
  { title: 'call keyword', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `settings.configure(DEBUG=True, SECRET_KEY=${K})`, needs: ['from django.conf import settings'] },
  { title: 'semicolon statements', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `DEBUG = True; SECRET_KEY = ${K}`, needs: [] },
  { title: 'if one-liner', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `DEBUG = True\nif DEBUG: SECRET_KEY = ${K}`, needs: [] },
  {
    title: 'if/else block',
    rule: 'hardcoded-secret-key',
    name: 'SECRET_KEY',
    code: `DEBUG = True\nif DEBUG:\n    SECRET_KEY = ${K}\nelse:\n    SECRET_KEY = os.environ['SECRET_KEY']`,
    needs: ['import os'],
  },
  { title: 'class attribute', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `class Prod:\n    DEBUG = False\n    SECRET_KEY = ${K}`, needs: [] },
  { title: 'parenthesized', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `SECRET_KEY = (\n    ${K}\n)`, needs: [] },
  { title: 'backslash continuation', rule: 'hardcoded-secret-key', name: 'SECRET_KEY', code: `SECRET_KEY = \\\n    ${K}`, needs: [] },
  {
    title: 'os.environ.get default',
    rule: 'secret-key-env-default',
    name: 'DJANGO_SECRET_KEY',
    code: `SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', ${K})`,
    needs: ['import os'],
  },
  {
    title: 'os.getenv keyword default',
    rule: 'secret-key-env-default',
    name: 'DJANGO_SECRET_KEY',
    code: `SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", default=${K})`,
    needs: ['import os'],
  },
  {
    title: 'os.environ.setdefault',
    rule: 'secret-key-env-default',
    name: 'DJANGO_SECRET_KEY',
    code: `os.environ.setdefault('DJANGO_SECRET_KEY', ${K})\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']`,
    needs: ['import os'],
  },
  {
    title: 'decouple config',
    rule: 'secret-key-env-default',
    name: 'SECRET_KEY',
    code: `SECRET_KEY = config('SECRET_KEY', default=${K})`,
    needs: ['from decouple import config'],
  },
  {
    title: 'django-environ instance',
    rule: 'secret-key-env-default',
    name: 'DJANGO_SECRET_KEY',
    code: `ENV = environ.Env(DEBUG=(bool, False))\nSECRET_KEY = ENV('DJANGO_SECRET_KEY', default=${K})`,
    needs: ['import environ'],
  },
  {
    title: 'django-environ call over lines',
    rule: 'secret-key-env-default',
    name: 'DJANGO_SECRET_KEY',
    code: `env = environ.Env()\nSECRET_KEY = env(\n    "DJANGO_SECRET_KEY",\n    default=${K},\n)`,
    needs: ['import environ'],
  },
  {
    title: 'env.str positional default',
    rule: 'secret-key-env-default',
    name: 'SECRET_KEY',
    code: `env = environ.Env()\nSECRET_KEY = env.str('SECRET_KEY', ${K})`,
    needs: ['import environ'],
  },
  {
    title: 'or fallback',
    rule: 'secret-key-env-default',
    name: 'SECRET_KEY',
    code: `SECRET_KEY = os.environ.get('SECRET_KEY') or ${K}`,
    needs: ['import os'],
  },
  {
    title: 'conditional fallback',
    rule: 'secret-key-env-default',
    name: 'SECRET_KEY',
    code: `SECRET_KEY = os.environ['SECRET_KEY'] if 'SECRET_KEY' in os.environ else ${K}`,
    needs: ['import os'],
  },
  {
    title: 'literal first, lookup second',
    rule: 'secret-key-env-default',
    name: 'SECRET_KEY',
    code: `DEBUG = False\nSECRET_KEY = ${K} if DEBUG else os.environ['SECRET_KEY']`,
    needs: ['import os'],
  },
  { title: 'fallbacks list', rule: 'hardcoded-secret-key-fallbacks', name: 'SECRET_KEY_FALLBACKS', code: `SECRET_KEY_FALLBACKS = [${K}]`, needs: [] },
  {
    title: 'fallbacks over lines',
    rule: 'hardcoded-secret-key-fallbacks',
    name: 'SECRET_KEY_FALLBACKS',
    code: `SECRET_KEY_FALLBACKS = [\n    os.environ['OLD_SECRET_KEY'],\n    ${K},\n]`,
    needs: ['import os'],
  },
];

/** Forms the move-to-.env refactoring handles (a hardcoded key, or a lookup's literal fallback). */
export const MOVABLE_FORMS = KEY_FORMS.filter((f) => f.rule !== 'hardcoded-secret-key-fallbacks');

export type LiteralStyle = 'single' | 'double' | 'prefix' | 'triple' | 'implicit' | 'plus' | 'lines' | 'continued';
export const LITERAL_STYLES: readonly LiteralStyle[] = ['single', 'double', 'prefix', 'triple', 'implicit', 'plus', 'lines', 'continued'];

export interface LiteralChoice {
  readonly style: LiteralStyle;
  /** Where a split style cuts the key (0..1 of its length). */
  readonly cut: number;
  /** For `prefix`: which prefix. */
  readonly prefix: string;
}

export interface RenderedLiteral {
  readonly source: string;
  /** The range a finding covers, as offsets into `source`. */
  readonly start: number;
  readonly end: number;
}

const PREFIXES = ['r', 'R', 'u', 'U', 'f', 'F', 'b', 'B', 'rb', 'Br', 'fr', 'Rf'];

export const literalChoice: fc.Arbitrary<LiteralChoice> = fc.record({
  style: fc.constantFrom(...LITERAL_STYLES),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  prefix: fc.constantFrom(...PREFIXES),
});

/** Source of a literal denoting `key` (which holds no quote, backslash or line break). */
export function renderLiteral(key: string, choice: LiteralChoice): RenderedLiteral {
  const chars = Array.from(key);
  const cut = Math.min(chars.length, Math.max(0, Math.round(choice.cut * chars.length)));
  const head = chars.slice(0, cut).join('');
  const tail = chars.slice(cut).join('');
  const whole = (source: string): RenderedLiteral => ({ source, start: 0, end: source.length });
  switch (choice.style) {
    case 'single':
      return whole(`'${key}'`);
    case 'double':
      return whole(`"${key}"`);
    case 'prefix': {
      const ascii = /^[\x20-\x7e]*$/.test(key);
      const prefix = ascii ? choice.prefix : choice.prefix.replace(/[bB]/g, '') || 'r';
      const body = /f/i.test(prefix) ? key.replace(/[{}]/g, (c) => c + c) : key;
      return whole(`${prefix}'${body}'`);
    }
    case 'triple':
      return whole(`"""${key}"""`);
    case 'implicit':
      return whole(`'${head}' "${tail}"`);
    case 'plus':
      return whole(`'${head}' + '${tail}'`);
    case 'lines': {
      const source = `(\n    '${head}'\n    '${tail}'\n)`;
      return { source, start: 6, end: source.length - 2 };
    }
    case 'continued':
      return whole(`'${head}\\\n${tail}'`);
  }
}

/** Code around the key that holds no finding: each piece is whole top-level lines. */
export const FILLER: readonly string[] = [
  '# A comment.',
  '# SECURITY WARNING: keep the secret key used in production secret!',
  '',
  '"""Django settings for mysite."""',
  '"""\nDjango settings.\n\nSECRET_KEY = "not-a-real-one"\n"""',
  "'''Docstring with a # hash and a 'quote'.'''",
  'import sys',
  'import os.path',
  'from pathlib import Path',
  'DEBUG = True',
  "ALLOWED_HOSTS = ['localhost', '127.0.0.1']",
  "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.auth',  # auth\n]",
  "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': 'db.sqlite3',\n    }\n}",
  "URL = 'http://example.com/#fragment'",
  'QUOTE = "it\'s"',
  "GREETING = f'{DEBUG!r} {{braces}}'",
  'DATA = b"\\x00\\xff"',
  'TOTAL = 1 + \\\n    2',
  'def helper(value):\n    """Doubles."""\n    return value * 2',
  'class Router:\n    def db_for_read(self, model, **hints):\n        return None',
  "LOGGING = {'version': 1, 'handlers': {}}",
  "PASSWORD_HASHERS = ['django.contrib.auth.hashers.PBKDF2PasswordHasher']",
  "EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '')",
  'SECRET_KEY_FILE = "/run/secrets/django"',
  'TIME_ZONE = "UTC"  # noqa',
  'if DEBUG:\n    INTERNAL_IPS = ["127.0.0.1"]',
  'x = [\n    1,\n    2,\n]  # trailing comment',
  '# it\'s a "comment" with (an open bracket and a \\ backslash',
  'NOTE = """one\nline \' " two\\\n"""',
  'pair = (1,\n        2)',
  'square = lambda x: {x: [x * x for x in range(3)]}',
  'def decorator(f):\n    return f\n\n\n@decorator\ndef view(request, name: str = "a#b") -> None:\n    global DEBUG\n    print(*[name], sep="")',
  'async def task():\n    async with lock:\n        await other()',
  'try:\n    from .local import *  # noqa: F403\nexcept ImportError:\n    pass',
  'with open(__file__) as handle:\n    FIRST_LINE = handle.readline()',
  'match DEBUG:\n    case True:\n        LEVEL = "DEBUG"\n    case _:\n        LEVEL = "INFO"',
  'if (n := len(ALLOWED_HOSTS)) > 1:\n    pass',
  'CACHES = {\n    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},\n}\nSESSION_ENGINE = "django.contrib.sessions.backends.cache"',
];

export const filler: fc.Arbitrary<string[]> = fc.array(fc.constantFrom(...FILLER), { maxLength: 6 });

export interface SettingsModule {
  readonly text: string;
  readonly form: KeyForm;
  /** Offsets of the range a finding on the key must cover. */
  readonly start: number;
  readonly end: number;
}

/** Builds a module: needs, filler, the form with its literal, more filler; lines joined with LF. */
export function buildModule(form: KeyForm, literal: RenderedLiteral, before: readonly string[], after: readonly string[]): SettingsModule {
  const head = [...form.needs, ...before].map((l) => l + '\n').join('');
  const at = form.code.indexOf(K);
  const code = form.code.slice(0, at) + literal.source + form.code.slice(at + K.length);
  const text = head + code + '\n' + after.map((l) => l + '\n').join('');
  const start = head.length + at + literal.start;
  return { text, form, start, end: start + (literal.end - literal.start) };
}

/** The same text with every line break written as `eol`. */
export function withEol(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}
