import * as assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import {
  DEFAULT_KEY_FORMAT,
  DJANGO_ALPHABET,
  DJANGO_DEFAULT_BITS,
  generateKey,
  isKeyFormat,
  KEY_FORMAT_INFO,
  KEY_FORMATS,
  KeyFormat,
  RandomInt,
  SHELL_SAFE_ALPHABET,
} from '../../src/core/keys/generate';
import { keyWeaknesses } from '../../src/core/keys/strength';

// No assertion message below ever contains a generated key: failures name counts and positions only.

/**
 * Chi-square critical values for a false-alarm probability of 1e-6, by degrees of freedom:
 * P(X > value) = 1e-6 for X ~ chi2(df), from scipy.stats.chi2.isf(1e-6, df). A CSPRNG fails a
 * test once in a million runs; a biased generator fails it every time (see the last tests).
 */
const P_FALSE_ALARM = 1e-6;
const CRITICAL: Readonly<Record<number, number>> = {
  15: 56.4934, // hex digits: 16 symbols
  48: 109.659, // Django key, first character: 49 symbols ($ excluded)
  49: 111.1359, // Django key, other characters: 50 symbols
  63: 131.3697, // shell-safe: 64 symbols
  255: 377.0781, // Fernet key, decoded: 256 byte values
};
/** Characters (or bytes) per uniformity test. */
const SAMPLE = 500_000;
/** Keys per property test (no `$` first, W009). */
const DRAWS = 20_000;

/** Pearson's statistic against the uniform distribution: sum over symbols of (observed - expected)^2 / expected. */
function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

/** Counts how often each symbol of `alphabet` occurs in `text`; a character outside it fails the test. */
function countSymbols(alphabet: string, chunks: Iterable<string>): number[] {
  const counts = new Array<number>(alphabet.length).fill(0);
  for (const chunk of chunks) {
    for (const c of chunk) {
      const index = alphabet.indexOf(c);
      assert.ok(index >= 0, `a character outside the alphabet (code ${c.codePointAt(0)})`);
      counts[index]++;
    }
  }
  return counts;
}

function assertUniform(counts: readonly number[], what: string): void {
  const df = counts.length - 1;
  const statistic = chiSquare(counts);
  assert.ok(statistic < CRITICAL[df], `${what}: chi-square ${statistic.toFixed(1)} >= ${CRITICAL[df]} (df ${df}, p < ${P_FALSE_ALARM})`);
}

function* keys(format: KeyFormat, count: number, rng?: RandomInt): Generator<string> {
  for (let i = 0; i < count; i++) yield generateKey(format, rng);
}

/** A random source that replays `values` and then falls back to `then`; counts its calls. */
function scripted(values: readonly number[], then: RandomInt = (n) => n - 1): RandomInt & { calls: number } {
  const source = Object.assign((n: number) => (source.calls < values.length ? values[source.calls++] : (source.calls++, then(n))), {
    calls: 0,
  });
  return source;
}

/** Counts 0, 1, 2, ... modulo n: a key of the alphabet's first characters, in order. */
function counter(): RandomInt {
  let i = 0;
  return (n) => i++ % n;
}

describe('generateKey: formats', () => {
  it('defaults to the Django format', () => {
    assert.equal(DEFAULT_KEY_FORMAT, 'django');
    assert.equal(generateKey(undefined, counter()), DJANGO_ALPHABET);
  });

  it("uses Django's exact 50-symbol alphabet", () => {
    assert.equal(DJANGO_ALPHABET, 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)');
    assert.equal(new Set(DJANGO_ALPHABET).size, 50);
    assert.equal(generateKey('django', counter()), DJANGO_ALPHABET);
  });

  it('has a shell-safe alphabet of letters, digits, - and _ only', () => {
    assert.match(SHELL_SAFE_ALPHABET, /^[A-Za-z0-9_-]{64}$/);
    assert.equal(new Set(SHELL_SAFE_ALPHABET).size, 64);
    for (const special of `$#%&()*^!='"\\ \t\`;|<>?[]{}~,:/@+.`) {
      assert.ok(!SHELL_SAFE_ALPHABET.includes(special), `shell-safe alphabet contains ${JSON.stringify(special)}`);
    }
    assert.equal(generateKey('shell-safe', counter()), SHELL_SAFE_ALPHABET.slice(0, 50));
  });

  it('writes hex keys as 72 lowercase hex digits (36 bytes)', () => {
    assert.equal(generateKey('hex', counter()), '0123456789abcdef'.repeat(4) + '01234567');
    assert.equal(KEY_FORMAT_INFO.hex.length, 72);
  });

  it("writes Fernet keys as cryptography's Fernet.generate_key() does: urlsafe base64 of 32 bytes, padded", () => {
    assert.equal(generateKey('fernet', counter()), Buffer.from([...Array(32).keys()]).toString('base64'));
    assert.equal(generateKey('fernet', counter()), 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
    // 0xfb 0xff 0xbf is '+/+/' in standard base64: the urlsafe alphabet uses '-' and '_'.
    assert.equal(generateKey('fernet', scripted([0xfb, 0xff, 0xbf], () => 0)).slice(0, 4), '-_-_');
  });

  it('gives every real key the length and alphabet its metadata states', () => {
    for (const format of KEY_FORMATS) {
      const info = KEY_FORMAT_INFO[format];
      for (const key of keys(format, 200)) {
        assert.equal(key.length, info.length, format);
        assert.ok([...key].every((c) => info.alphabet.includes(c)), `${format}: a character outside its alphabet`);
      }
    }
    assert.deepEqual(
      KEY_FORMATS.map((format) => KEY_FORMAT_INFO[format].length),
      [50, 50, 44, 72],
    );
  });

  it('gives a Fernet key the exact shape cryptography expects', () => {
    for (const key of keys('fernet', 200)) {
      assert.match(key, /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]=$/, 'not a padded urlsafe base64 encoding of 32 bytes');
      assert.equal(Buffer.from(key, 'base64url').length, 32);
    }
  });

  it('recognises exactly the format ids', () => {
    assert.deepEqual(KEY_FORMATS, ['django', 'shell-safe', 'fernet', 'hex']);
    for (const format of KEY_FORMATS) assert.ok(isKeyFormat(format), format);
    for (const other of ['Django', 'shell_safe', 'base64', '', undefined, 1]) assert.ok(!isKeyFormat(other), String(other));
  });
});

describe('generateKey: entropy', () => {
  it("puts Django's default at 50 x log2(50) bits", () => {
    assert.ok(Math.abs(DJANGO_DEFAULT_BITS - 282.19) < 0.01, String(DJANGO_DEFAULT_BITS));
  });

  it('gives every SECRET_KEY format at least 282 bits, and the new alphabets at least the Django default', () => {
    for (const format of KEY_FORMATS.filter((f) => KEY_FORMAT_INFO[f].djangoSecretKey)) {
      assert.ok(KEY_FORMAT_INFO[format].bits >= 282, `${format}: ${KEY_FORMAT_INFO[format].bits} bits`);
    }
    // The redraw of a leading $ costs log2(50/49) = 0.03 bits.
    assert.ok(Math.abs(KEY_FORMAT_INFO.django.bits - (Math.log2(49) + 49 * Math.log2(50))) < 1e-9);
    assert.ok(KEY_FORMAT_INFO['shell-safe'].bits >= DJANGO_DEFAULT_BITS);
    assert.equal(KEY_FORMAT_INFO['shell-safe'].bits, 300);
    assert.ok(KEY_FORMAT_INFO.hex.bits >= DJANGO_DEFAULT_BITS);
    assert.equal(KEY_FORMAT_INFO.hex.bits, 288);
  });

  it('sizes the shell-safe key as max(50, ceil(282.19 / log2(64)))', () => {
    assert.equal(KEY_FORMAT_INFO['shell-safe'].length, Math.max(50, Math.ceil(DJANGO_DEFAULT_BITS / Math.log2(64))));
  });

  it('gives Fernet keys the 256 bits the Fernet spec fixes, and marks them as no SECRET_KEY', () => {
    assert.equal(KEY_FORMAT_INFO.fernet.bits, 256);
    assert.equal(KEY_FORMAT_INFO.fernet.djangoSecretKey, false);
    assert.deepEqual(keyWeaknesses(generateKey('fernet')), ['too-short']);
  });
});

describe('generateKey: redraws', () => {
  const DOLLAR = DJANGO_ALPHABET.indexOf('$');

  it('draws a whole new Django key when the first character is $', () => {
    const rng = scripted([DOLLAR, ...Array<number>(49).fill(1)], counter());
    const key = generateKey('django', rng);
    assert.equal(rng.calls, 100, 'the key was not drawn again in full');
    assert.equal(key, DJANGO_ALPHABET);
  });

  it('draws again for as long as the first character is $', () => {
    const dollars = Array.from({ length: 5 }, () => [DOLLAR, ...Array<number>(49).fill(0)]).flat();
    const rng = scripted(dollars, counter());
    assert.equal(generateKey('django', rng), DJANGO_ALPHABET);
    assert.equal(rng.calls, 300);
  });

  it('keeps $ anywhere but first', () => {
    const key = generateKey('django', scripted([0, DOLLAR], counter()));
    assert.equal(key[1], '$');
  });

  it('draws again when a key would fail W009 (fewer than 5 distinct characters)', () => {
    for (const format of ['django', 'shell-safe', 'hex'] as const) {
      const fourSymbols = Array.from({ length: KEY_FORMAT_INFO[format].length }, (_, i) => i % 4);
      const rng = scripted(fourSymbols, counter());
      const key = generateKey(format, rng);
      assert.equal(rng.calls, 2 * KEY_FORMAT_INFO[format].length, format);
      assert.deepEqual(keyWeaknesses(key), [], format);
    }
  });

  it('gives up on a random source that never yields a usable key', () => {
    assert.throws(() => generateKey('django', () => 0), /100 unusable keys/);
  });

  it('rejects values outside [0, n) from the random source', () => {
    for (const bad of [-1, 50, 0.5, Number.NaN]) {
      assert.throws(() => generateKey('django', () => bad), RangeError, String(bad));
    }
    assert.throws(() => generateKey('fernet', () => 256), RangeError);
  });

  it(`never starts a real Django key with $ (${DRAWS} keys)`, () => {
    let dollars = 0;
    for (const key of keys('django', DRAWS)) if (key.startsWith('$')) dollars++;
    assert.equal(dollars, 0);
  });

  it(`never produces a key that fails W009 (${DRAWS} keys of each SECRET_KEY format)`, () => {
    for (const format of KEY_FORMATS.filter((f) => KEY_FORMAT_INFO[f].djangoSecretKey)) {
      let weak = 0;
      for (const key of keys(format, DRAWS)) if (keyWeaknesses(key).length > 0) weak++;
      assert.equal(weak, 0, format);
    }
  });
});

describe(`generateKey: uniformity (chi-square over >= ${SAMPLE} symbols, fails at p < ${P_FALSE_ALARM})`, () => {
  it('keeps the critical values consistent with the chi-square distribution (Wilson-Hilferty, within 2%)', () => {
    const z = 4.753424; // standard normal quantile for 1 - 1e-6
    for (const [df, value] of Object.entries(CRITICAL).map(([d, v]) => [Number(d), v])) {
      const h = 2 / (9 * df);
      const approximation = df * (1 - h + z * Math.sqrt(h)) ** 3;
      assert.ok(Math.abs(approximation - value) / value < 0.02, `df ${df}: ${value} vs ${approximation.toFixed(3)}`);
    }
  });

  it("Django: characters 2 to 50 are uniform over Django's 50 symbols", () => {
    const count = Math.ceil(SAMPLE / 49);
    const rest = function* () {
      for (const key of keys('django', count)) yield key.slice(1);
    };
    assertUniform(countSymbols(DJANGO_ALPHABET, rest()), 'django');
  });

  it(`Django: the first character is uniform over the 49 symbols other than $ (${DRAWS} keys)`, () => {
    const first = function* () {
      for (const key of keys('django', DRAWS)) yield key[0];
    };
    assertUniform(countSymbols(DJANGO_ALPHABET.replace('$', ''), first()), 'django first character');
  });

  it('shell-safe: characters are uniform over 64 symbols', () => {
    assertUniform(countSymbols(SHELL_SAFE_ALPHABET, keys('shell-safe', Math.ceil(SAMPLE / 50))), 'shell-safe');
  });

  it('hex: digits are uniform over 16 symbols', () => {
    assertUniform(countSymbols('0123456789abcdef', keys('hex', Math.ceil(SAMPLE / 72))), 'hex');
  });

  it('Fernet: the decoded bytes are uniform over 256 values', () => {
    const counts = new Array<number>(256).fill(0);
    for (const key of keys('fernet', Math.ceil(SAMPLE / 32))) {
      for (const byte of Buffer.from(key, 'base64url')) counts[byte]++;
    }
    assertUniform(counts, 'fernet');
  });

  it('catches modulo bias: the same test fails for a byte-modulo-50 source', () => {
    // 256 = 5 x 50 + 6: 'a' to 'f' come up 6/256 of the time, the rest 5/256; over 500,000
    // characters the statistic's expected value is about 2,000 against a critical value of 111.
    const pool = randomBytes(2 * SAMPLE);
    let next = 0;
    const moduloOfByte: RandomInt = (n) => pool[next++] % n;
    const count = Math.ceil(SAMPLE / 50);
    assert.throws(() => assertUniform(countSymbols(DJANGO_ALPHABET, keys('django', count, moduloOfByte)), 'modulo'), /chi-square/);
  });

  it('catches a skewed source: the same test fails when one symbol is twice as likely as the others', () => {
    const skewed: RandomInt = (n) => {
      const value = randomInt(n + 1);
      return value === n ? 0 : value;
    };
    const count = Math.ceil(SAMPLE / 50);
    assert.throws(() => assertUniform(countSymbols(SHELL_SAFE_ALPHABET, keys('shell-safe', count, skewed)), 'skewed'), /chi-square/);
  });
});
