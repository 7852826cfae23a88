// Seeded random .env files and Django keys, shared by the dotenv edit and interop tests.

/** mulberry32: small, fast and reproducible from a 32-bit seed. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  string(alphabet: string, length: number): string {
    const chars = [...alphabet];
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick(chars);
    return out;
  }
}

/** The characters of django.core.management.utils.get_random_secret_key(). */
export const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

/** A 50-character key as `startproject` would make (without its prefix), never starting with `$`. */
export function djangoKey(rng: Prng, length = 50): string {
  for (;;) {
    const key = rng.string(DJANGO_ALPHABET, length);
    if (!key.startsWith('$')) return key;
  }
}

export const BOM = '\uFEFF';

/** One physical line or, for a value quoted over several lines, a few; `eol` is its line break ('' at the end of the file). */
export interface EnvLine {
  readonly body: string;
  readonly eol: string;
  /** Whether the line assigns the target variable. */
  readonly target: boolean;
}

export interface RandomEnv {
  readonly bom: boolean;
  readonly lines: readonly EnvLine[];
}

export function renderEnv(env: RandomEnv): string {
  return (env.bom ? BOM : '') + env.lines.map((l) => l.body + l.eol).join('');
}

/** What writing `line` for the target must produce, derived from the lines rather than by parsing. */
export function expectedUpsert(env: RandomEnv, line: string): string {
  const sep = firstLineBreak(renderEnv(env)) === '\r\n' ? '\r\n' : '\n';
  let out = env.bom ? BOM : '';
  let placed = false;
  env.lines.forEach((l, i) => {
    if (!l.target) {
      out += l.body + l.eol;
    } else if (!placed) {
      placed = true;
      out += (i === 0 && env.bom ? sep : '') + line;
    }
  });
  if (placed) return out;
  const last = env.lines[env.lines.length - 1];
  const needsSeparator = last === undefined ? env.bom : last.eol === '';
  return out + (needsSeparator ? sep : '') + line;
}

function firstLineBreak(text: string): string | undefined {
  return /\r\n|\n|\r/.exec(text)?.[0];
}

/** Characters for values and comments of other lines: ASCII, non-ASCII, no quotes or backslashes. */
const PLAIN = 'abcXYZ019 !@#$%^&*(-_=+)éü€☕日本';

export interface EnvShape {
  /** The variable that will be written. */
  readonly target: string;
  /** Only lines that shells and every Python loader read without errors (no backticks, no stray words). */
  readonly loaderSafe?: boolean;
}

/** A random .env file: comments, blanks, other variables, near-miss names, 0-3 target assignments, mixed line breaks. */
export function randomEnv(rng: Prng, shape: EnvShape): RandomEnv {
  const style = rng.pick(['\n', '\r\n', 'mixed']);
  const eol = (): string => (style === 'mixed' ? rng.pick(['\n', '\r\n']) : style);
  const count = rng.int(12);
  const targets = new Set<number>();
  for (let n = rng.pick([0, 0, 1, 1, 1, 2, 3]); n > 0 && count > 0; n--) targets.add(rng.int(count));
  const lines: EnvLine[] = [];
  for (let i = 0; i < count; i++) {
    const target = targets.has(i);
    const body = target ? assignment(rng, shape.target, eol, true, shape.target) : otherLine(rng, shape, eol);
    lines.push({ body, eol: eol(), target });
  }
  const last = lines[lines.length - 1];
  if (last && last.body !== '' && rng.chance(0.35)) lines[lines.length - 1] = { ...last, eol: '' };
  const bom = rng.chance(0.15);
  // Behind a BOM the first line is neither a comment nor an assignment for shells: it runs as a
  // command, and a stray `(` there stops bash and dash from reading the rest of the file.
  if (bom && shape.loaderSafe && lines[0] && !lines[0].target) lines[0] = { ...lines[0], body: rng.pick(['', '# settings', 'DEBUG=1']) };
  return { bom, lines };
}

function otherLine(rng: Prng, shape: EnvShape, eol: () => string): string {
  const kinds = shape.loaderSafe ? ['comment', 'blank', 'other', 'other', 'near'] : ['comment', 'blank', 'other', 'other', 'near', 'garbage'];
  switch (rng.pick(kinds)) {
    case 'comment':
      return rng.pick(['#', '# ', '  # ']) + rng.pick([rng.string(PLAIN, rng.int(30)), `${shape.target}=${djangoKey(rng)}`, `${shape.target}='x'`]);
    case 'blank':
      return rng.pick(['', '', ' ', '\t']);
    case 'near':
      return assignment(rng, rng.pick(nearMisses(shape.target)), eol, !shape.loaderSafe, shape.target);
    case 'garbage':
      return rng.pick(['not an assignment', '=novalue', 'export', `export ${shape.target}`, `${shape.target}`, `${shape.target}:x`]);
    default:
      return assignment(rng, rng.pick(OTHER_NAMES), eol, !shape.loaderSafe, shape.target);
  }
}

const OTHER_NAMES = ['DEBUG', 'DATABASE_URL', 'ALLOWED_HOSTS', 'EMAIL_HOST_PASSWORD', 'API_TOKEN'];

function nearMisses(target: string): string[] {
  return [`${target}_FALLBACKS`, `MY_${target}`, `${target}S`, target.toLowerCase(), `X${target}`];
}

/**
 * `NAME=value` in one of the forms loaders accept; `wild` also allows forms shells reject, and values
 * over several lines with a line assigning `target` inside.
 */
function assignment(rng: Prng, name: string, eol: () => string, wild: boolean, target: string): string {
  const prefix = wild ? rng.pick(['', '', 'export ', '  ', '\t', 'export  ']) : rng.pick(['', '', 'export ']);
  const equals = wild ? rng.pick(['=', '=', ' = ', '= ', ' =']) : '=';
  return prefix + name + equals + value(rng, target, eol, wild);
}

function value(rng: Prng, target: string, eol: () => string, wild: boolean): string {
  const text = rng.chance(0.5) ? djangoKey(rng, 1 + rng.int(50)) : rng.string(PLAIN, rng.int(20)).trim();
  const safe = text.replace(/[\s#$()&*!^;|<>]/g, '_');
  switch (rng.pick(wild ? ['plain', 'single', 'double', 'multi', 'comment', 'backtick'] : ['plain', 'single', 'double', 'multi'])) {
    case 'single':
      return `'${text}'`;
    case 'double':
      return `"${wild ? text : safe}"`;
    case 'multi':
      return `"${wild ? text : safe}${eol()}${wild ? `${target}=inner` : 'second line'}${eol()}end"`;
    case 'comment':
      return `${safe} # ${text}`;
    case 'backtick':
      return `\`${text}\``;
    default:
      return safe;
  }
}
