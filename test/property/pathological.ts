/**
 * One-megabyte inputs that stress a linear-time lexer and parser: long runs of one opening
 * character, unterminated literals, deep nesting, long operator chains, every line break,
 * BOMs, NULs and lone surrogates. Each is built on demand (in a worker thread, see
 * watchdog.ts) and most carry a SECRET_KEY binding so that the rules run too, not only the
 * cheap pre-check.
 */

export const MEGABYTE = 1 << 20;

/** The functions under the watchdog. */
export const TARGETS = ['analyzeText .py', 'analyzeText .env', 'tokenize', 'parseDotenv'] as const;
export type Target = (typeof TARGETS)[number];

export interface Pathological {
  readonly name: string;
  build(): string;
  /**
   * Targets left out, each with the reason: a known performance bug, named by its report
   * (PB-n), that exceeds the watchdog on this input. Remove the entry once it is fixed.
   */
  readonly knownSlow?: Partial<Record<Target, string>>;
  /** Checked only in a deep run (PROPERTY_RUNS set), to keep the normal suite fast. */
  readonly deepOnly?: boolean;
}

/** `unit` repeated to exactly `size` UTF-16 units (after `head`). */
export function fill(unit: string, head = '', size = MEGABYTE): string {
  const body = unit.repeat(Math.ceil((size - head.length) / unit.length) + 1);
  return (head + body).slice(0, size);
}

/** A small deterministic generator (mulberry32), so that the random inputs are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random UTF-16 units: any code point, lone surrogates and NULs included. */
function randomUnicode(seed: number, size = MEGABYTE): string {
  const next = prng(seed);
  const out: string[] = ['SECRET_KEY = '];
  let length = out[0].length;
  while (length < size) {
    const r = next();
    let piece: string;
    if (r < 0.15) piece = String.fromCharCode(0xd800 + Math.floor(next() * 0x800)); // lone surrogate
    else if (r < 0.25) piece = String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff)); // astral
    else if (r < 0.3) piece = '\0';
    else if (r < 0.35) piece = ['\n', '\r', '\r\n', '\uFEFF'][Math.floor(next() * 4)];
    else if (r < 0.6) piece = String.fromCharCode(Math.floor(next() * 128));
    else piece = String.fromCharCode(Math.floor(next() * 0x10000));
    out.push(piece);
    length += piece.length;
  }
  return out.join('').slice(0, size);
}

/** Random pieces of Python and .env syntax. */
function randomSyntax(seed: number, size = MEGABYTE): string {
  const pieces = [
    "'", '"', "'''", '"""', '\\', '\\\n', '(', ')', '[', ']', '{', '}', "f'{", 'rb"', '#', '=', ':', ',', ';', ' or ', ' if ',
    ' else ', '\n', '\r', '\r\n', '\uFEFF', 'SECRET_KEY', 'SECRET_KEY = ', "os.environ.get('SECRET_KEY', ", 'env(', 'default=',
    'SECRET_KEY_FALLBACKS = [', 'export ', '${', '$', 'x', '1', ' ',
  ];
  const next = prng(seed);
  const out: string[] = [];
  let length = 0;
  while (length < size) {
    const piece = pieces[Math.floor(next() * pieces.length)];
    out.push(piece);
    length += piece.length;
  }
  return out.join('').slice(0, size);
}

const KEY = 'SECRET_KEY = ';

export const PATHOLOGICAL: readonly Pathological[] = [
  { name: 'single quotes', build: () => fill("'", KEY) },
  { name: 'double quotes', build: () => fill('"', KEY), deepOnly: true },
  { name: 'triple quotes', build: () => fill('"""', KEY), deepOnly: true },
  { name: 'backslashes', build: () => fill('\\', KEY) },
  { name: 'backslash-newlines', build: () => fill('\\\n', KEY), deepOnly: true },
  { name: 'unterminated strings, one per line', build: () => fill("'abc\n", KEY) },
  { name: 'unterminated triple quotes', build: () => KEY + "'''" + fill('x', '', MEGABYTE - KEY.length - 3) },
  { name: 'prefixed unterminated strings', build: () => fill("rb'\\", KEY), deepOnly: true },
  { name: 'unterminated f-string fields', build: () => fill("f'{", KEY), deepOnly: true },
  { name: 'nested f-string fields', build: () => KEY + 'f"""' + fill('{"', '', MEGABYTE / 2), deepOnly: true },
  { name: 'deeply nested brackets', build: () => KEY + '('.repeat(MEGABYTE / 2) + ')'.repeat(MEGABYTE / 2) },
  { name: 'unclosed brackets', build: () => fill('[', KEY), deepOnly: true },
  { name: 'unmatched closers', build: () => fill(')]}', KEY), deepOnly: true },
  { name: 'mixed CR, LF and CRLF', build: () => fill('\r\n\n\r\r\n\r', 'SECRET_KEY=x') },
  { name: 'BOMs in the middle', build: () => fill('\uFEFFSECRET_KEY = 1\n', '\uFEFF') },
  { name: 'NULs', build: () => fill('\0', KEY), deepOnly: true },
  { name: 'lone surrogates', build: () => fill('\uDC00\uD800', KEY), deepOnly: true },
  { name: 'astral characters', build: () => fill('😀𝒳', KEY), deepOnly: true },
  { name: 'random Unicode', build: () => randomUnicode(1) },
  { name: 'random syntax', build: () => randomSyntax(2), deepOnly: true },
  { name: 'a long + chain of literals', build: () => fill("'a' + ", KEY), deepOnly: true },
  { name: 'a long or chain of lookups', build: () => fill("os.environ.get('SECRET_KEY') or ", KEY), deepOnly: true },
  { name: 'a long conditional chain', build: () => fill("'a' if os.environ['SECRET_KEY'] else ", KEY), deepOnly: true },
  { name: 'a long unary chain', build: () => fill('-', KEY), deepOnly: true },
  { name: 'many fallbacks on one line', build: () => fill("'fallback-key', ", 'SECRET_KEY_FALLBACKS = ['), deepOnly: true },
  {
    name: 'many fallbacks, one per line, after a comment',
    build: () => fill("'fallback-key',\n", '# keys\nSECRET_KEY_FALLBACKS = [\n'),
  },
  { name: 'many .env assignments', build: () => fill("SECRET_KEY='x'  # c\n"), deepOnly: true },
  { name: 'unterminated .env quotes', build: () => fill("A='\nB=\"\nC=`\n", 'SECRET_KEY=x # c\n'), deepOnly: true },
];
