/**
 * Secret-key generation. Every character or byte is drawn uniformly from the platform CSPRNG
 * (`crypto.randomInt` rejects out-of-range values, so there is no modulo bias); the random
 * source is injectable so tests can drive edge cases. Keys never pass through any log.
 */
import { randomInt } from 'node:crypto';
import { keyWeaknesses, MIN_LENGTH } from './strength';

/** Returns a uniformly distributed integer in [0, n). */
export type RandomInt = (n: number) => number;

export const KEY_FORMATS = ['django', 'shell-safe', 'fernet', 'hex'] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];
export const DEFAULT_KEY_FORMAT: KeyFormat = 'django';

/** Django's alphabet for `get_random_secret_key()` (django/core/management/utils.py). */
export const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
/**
 * Letters, digits, `-` and `_` (RFC 4648's URL-safe base64 alphabet): none of them is special to
 * a POSIX shell in any quoting, to dotenv loaders, to docker compose interpolation or to URLs.
 */
export const SHELL_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX_ALPHABET = '0123456789abcdef';

/** Entropy of a key from Django's own generator: 50 characters from 50 symbols, ≈ 282.19 bits. */
export const DJANGO_DEFAULT_BITS = MIN_LENGTH * Math.log2(DJANGO_ALPHABET.length);

/** A Fernet key is 32 bytes (16 for signing, 16 for encryption); the size is fixed by the spec. */
const FERNET_BYTES = 32;
/** The fewest whole bytes with at least Django's default entropy: 36 bytes, 288 bits. */
const HEX_BYTES = Math.ceil(DJANGO_DEFAULT_BITS / 8);
/** Shell-safe length: Django's default entropy or more, and never under Django's 50 characters. */
const SHELL_SAFE_LENGTH = Math.max(MIN_LENGTH, Math.ceil(DJANGO_DEFAULT_BITS / Math.log2(SHELL_SAFE_ALPHABET.length)));

/** After this many unusable draws the random source is taken to be broken (a CSPRNG never gets here). */
const MAX_ATTEMPTS = 100;

export interface KeyFormatInfo {
  readonly id: KeyFormat;
  /** A short name for pickers and messages. */
  readonly label: string;
  /** One sentence: what the key looks like and what it is for. */
  readonly description: string;
  /** Characters in every key of this format. */
  readonly length: number;
  /** log2 of the number of different keys the format can produce. */
  readonly bits: number;
  /** Every character a key of this format may contain. */
  readonly alphabet: string;
  /** Whether the keys pass Django's W009 check and are meant for SECRET_KEY. */
  readonly djangoSecretKey: boolean;
}

interface CharacterKeySpec {
  readonly alphabet: string;
  readonly length: number;
  /** Characters a key must not start with; a key that does is drawn again entirely. */
  readonly forbiddenFirst: string;
}

/** `$` first makes django-environ read the value as a reference to another variable. */
const DJANGO_SPEC: CharacterKeySpec = { alphabet: DJANGO_ALPHABET, length: MIN_LENGTH, forbiddenFirst: '$' };
const SHELL_SAFE_SPEC: CharacterKeySpec = { alphabet: SHELL_SAFE_ALPHABET, length: SHELL_SAFE_LENGTH, forbiddenFirst: '' };
const HEX_SPEC: CharacterKeySpec = { alphabet: HEX_ALPHABET, length: 2 * HEX_BYTES, forbiddenFirst: '' };

/** Metadata of every format, in the order pickers and help list them. */
export const KEY_FORMAT_INFO: Readonly<Record<KeyFormat, KeyFormatInfo>> = {
  django: {
    ...characterInfo(DJANGO_SPEC),
    id: 'django',
    label: 'Django',
    description: `${DJANGO_SPEC.length} characters from Django's own alphabet (a-z, 0-9, !@#$%^&*(-_=+)), as get_random_secret_key() makes them, never starting with $`,
    djangoSecretKey: true,
  },
  'shell-safe': {
    ...characterInfo(SHELL_SAFE_SPEC),
    id: 'shell-safe',
    label: 'Shell-safe',
    description: `${SHELL_SAFE_SPEC.length} characters from A-Z, a-z, 0-9, - and _: nothing a shell, a .env loader or docker compose would interpret`,
    djangoSecretKey: true,
  },
  fernet: {
    id: 'fernet',
    label: 'Fernet',
    description: `${FERNET_BYTES} random bytes in URL-safe base64, as Fernet.generate_key() makes them: for encrypted-field packages, not for SECRET_KEY (too short for Django's check)`,
    length: 4 * Math.ceil(FERNET_BYTES / 3),
    bits: 8 * FERNET_BYTES,
    alphabet: `${SHELL_SAFE_ALPHABET}=`,
    djangoSecretKey: false,
  },
  hex: {
    ...characterInfo(HEX_SPEC),
    id: 'hex',
    label: 'Hex',
    description: `${HEX_BYTES} random bytes as ${HEX_SPEC.length} lowercase hexadecimal digits`,
    djangoSecretKey: true,
  },
};

function characterInfo(spec: CharacterKeySpec): Pick<KeyFormatInfo, 'length' | 'bits' | 'alphabet'> {
  const size = spec.alphabet.length;
  const firstChoices = size - [...spec.forbiddenFirst].filter((c) => spec.alphabet.includes(c)).length;
  return { length: spec.length, bits: Math.log2(firstChoices) + (spec.length - 1) * Math.log2(size), alphabet: spec.alphabet };
}

export function isKeyFormat(value: unknown): value is KeyFormat {
  return KEY_FORMATS.some((format) => format === value);
}

/** The platform CSPRNG: uniform, without modulo bias. */
export const cryptoRandomInt: RandomInt = (n) => randomInt(n);

/** A new random key in `format`. `rng` defaults to the platform CSPRNG. */
export function generateKey(format: KeyFormat = DEFAULT_KEY_FORMAT, rng: RandomInt = cryptoRandomInt): string {
  switch (format) {
    case 'django':
      return characterKey(DJANGO_SPEC, rng);
    case 'shell-safe':
      return characterKey(SHELL_SAFE_SPEC, rng);
    case 'hex':
      return characterKey(HEX_SPEC, rng);
    case 'fernet':
      return fernetKey(rng);
  }
}

/** Draws until the key neither starts with a forbidden character nor fails Django's W009 check. */
function characterKey(spec: CharacterKeySpec, rng: RandomInt): string {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const key = drawCharacters(spec.alphabet, spec.length, rng);
    if (!spec.forbiddenFirst.includes(key[0]) && keyWeaknesses(key).length === 0) {
      return key;
    }
  }
  throw new Error(`the random source produced ${MAX_ATTEMPTS} unusable keys in a row; it cannot be random`);
}

function drawCharacters(alphabet: string, length: number, rng: RandomInt): string {
  let key = '';
  for (let i = 0; i < length; i++) {
    key += alphabet[draw(rng, alphabet.length)];
  }
  return key;
}

/** Like cryptography's `Fernet.generate_key()`: `base64.urlsafe_b64encode(os.urandom(32))`, padding kept. */
function fernetKey(rng: RandomInt): string {
  const bytes = Buffer.alloc(FERNET_BYTES);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = draw(rng, 256);
  }
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** One value from `rng`, checked, so a faulty injected source cannot yield `undefined` characters. */
function draw(rng: RandomInt, n: number): number {
  const value = rng(n);
  if (!Number.isInteger(value) || value < 0 || value >= n) {
    throw new RangeError(`the random source returned ${String(value)}, not an integer in [0, ${n})`);
  }
  return value;
}
