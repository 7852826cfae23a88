/**
 * Hostile text for the lexer, the rules and the .env parser: pieces of Python and .env syntax
 * that open or close something (quotes, triple quotes, prefixes, f-string fields, brackets,
 * continuations), every kind of line break, a BOM anywhere, NUL, lone surrogates, astral and
 * combining characters, and the names the rules look for, in any order.
 */
import fc from 'fast-check';

const SYNTAX = [
  "'", '"', "'''", '"""', '`', '\\', '\\\n', '(', ')', '[', ']', '{', '}', '{{', '}}',
  "f'", 'f"', "rb'", 'Rb"', "b'", "u'", "t'", "fr'", 'F"""', "r'''", "f'{", 'f"{x!r:{w}}"',
  '#', '# noqa: S105', '# django-secrets: ignore', '=', '==', ':', ':=', ',', ';', '.', '+', '-', '*', '**', '@',
  ' or ', ' and ', ' if ', ' else ', ' not in ', ' is not ', 'lambda ', 'await ', 'not ',
  'class C:', 'def f():', 'if DEBUG:', 'async ', 'match ', 'return ',
  '0x1F', '1e+5', '.5', '...', '1_000', 'None',
  '\\x4', '\\x41', '\\u00e9', '\\uD800', '\\U0001F600', '\\U00110000', '\\N{DASH}', '\\N{', '\\777', '\\0', '\\q',
];

const NAMES = [
  'SECRET_KEY', 'secret_key', 'SECRET_KEY_FALLBACKS', 'DJANGO_SECRET_KEY', 'JWT_SECRET_KEY', 'PASSWORD', 'api_key',
  'os', 'environ', 'os.environ', 'os.environ.get(', 'os.getenv(', '.setdefault(', 'config(', 'env(', 'env.str(',
  'environ.Env(', 'Env()', 'default=', 'get_random_secret_key()', 'settings.configure(', "['SECRET_KEY']",
  "'SECRET_KEY'", '"DJANGO_SECRET_KEY"', 'django-insecure-', 'export ', '$', '${', '$X', 'A=',
];

const BREAKS = ['\n', '\r', '\r\n', '\n\n', '\r\r\n', '\u2028', '\x85', '\x0b', '\x0c'];

const ODD = [
  '\uFEFF', '\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDFFF\uD800', '😀', '𝒳', 'é', 'e\u0301', '名前',
  '\u200B', '\t', ' ', '    ', '\x7F', '\uFFFD', '\uFFFF',
];

/** One piece of hostile text. */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
);

/** Hostile text of up to `maxPieces` pieces. */
export function hostileText(maxPieces = 60): fc.Arbitrary<string> {
  return fc.array(hostilePiece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** Some valid-looking settings lines to mix with hostile pieces, so that the rules get far. */
export const SETTINGS_LINES = [
  "SECRET_KEY = 'k3v#9x!q2m@w8z$r7t%y6u^i5o&p4a*s3d(f2g-h1j_=l+0cb)'",
  "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'fallback-key')",
  "SECRET_KEY = env('DJANGO_SECRET_KEY', default='x')",
  "SECRET_KEY_FALLBACKS = ['old-1', os.environ['OLD'], 'old-2']",
  "CONF = {'SECRET_KEY': 'dict-key', 'PASSWORD': 'pw'}",
  'settings.configure(SECRET_KEY="kw-key")',
  'env = environ.Env()',
  "SECRET_KEY = get_random_secret_key()",
  "SECRET_KEY='env-file-key'",
  'export DJANGO_SECRET_KEY="django-insecure-abc"',
  "DJANGO_SECRET_KEY = 'abc' # comment",
];

/** Settings-like lines with hostile pieces spliced in anywhere. */
export function hostileSettings(): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...SETTINGS_LINES) }, { weight: 3, arbitrary: hostilePiece }), { maxLength: 40 })
    .chain((parts) => fc.constantFrom('\n', '\r\n', '\r', '').map((sep) => parts.join(sep)));
}

/** A binding the rules read, whose literal holds hostile pieces (escapes, quotes, fields, breaks). */
export function hostileBinding(): fc.Arbitrary<string> {
  const template = fc.constantFrom(
    'SECRET_KEY = @',
    'SECRET_KEY_FALLBACKS = [@, @]',
    "SECRET_KEY = os.environ.get('SECRET_KEY', @)",
    "CONF = {'SECRET_KEY': @}",
    'settings.configure(SECRET_KEY=@)',
    'SECRET_KEY = @ @ + @',
    'DJANGO_SECRET_KEY=@',
  );
  const literal = fc
    .tuple(fc.constantFrom('', 'r', 'b', 'f', 'u', 'rb', 'F', 't'), fc.constantFrom("'", '"', "'''", '"""'), fc.array(hostilePiece, { maxLength: 8 }))
    .map(([prefix, quote, body]) => prefix + quote + body.join('') + quote);
  return fc.tuple(template, fc.array(literal, { minLength: 3, maxLength: 3 })).map(([t, [a, b, c]]) => t.replace('@', a).replace('@', b).replace('@', c));
}
