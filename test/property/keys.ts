/**
 * Generated keys. Each character is drawn uniformly from its alphabet (no small-value bias),
 * and keys whose every 8-character window is not varied enough are left out, so that a test
 * looking for 8-character pieces of a key in output cannot be fooled by runs like `--------`.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';

/** The alphabet of django.core.management.utils.get_random_secret_key(). */
export const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
/** Printable ASCII without quotes and backslash: any of it survives a plain Python literal. */
export const PRINTABLE_ALPHABET = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
  .filter((c) => c !== "'" && c !== '"' && c !== '\\')
  .join('');
/** Some characters beyond ASCII, astral ones included. */
export const UNICODE_EXTRA = 'éßøЖж名前ключ😀𝒳';

function uniformString(alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  const chars = Array.from(alphabet);
  return fc.noBias(
    fc
      .tuple(fc.nat({ max: maxLength - minLength }), fc.array(fc.nat({ max: chars.length - 1 }), { minLength: maxLength, maxLength }))
      .map(([extra, picks]) => picks.slice(0, minLength + extra).map((i) => chars[i]).join('')),
  );
}

/** Every 8-character window has at least 5 distinct characters. */
export function varied(key: string): boolean {
  const chars = Array.from(key);
  for (let i = 0; i + 8 <= chars.length; i++) if (new Set(chars.slice(i, i + 8)).size < 5) return false;
  return true;
}

export function keyArbitrary(alphabet: string, minLength = 8, maxLength = 64): fc.Arbitrary<string> {
  return uniformString(alphabet, minLength, maxLength).filter(varied);
}

/** Keys from Django's alphabet or from printable ASCII; sometimes with the startproject prefix. */
export const asciiKey: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(keyArbitrary(DJANGO_ALPHABET), keyArbitrary(PRINTABLE_ALPHABET)), fc.boolean())
  .map(([key, insecure]) => (insecure ? `django-insecure-${key}` : key));

/** Keys with characters beyond ASCII too (1 to 64 characters, weak ones included). */
export const anyKey: fc.Arbitrary<string> = fc.oneof(
  asciiKey,
  uniformString(DJANGO_ALPHABET + UNICODE_EXTRA, 1, 64),
  uniformString(PRINTABLE_ALPHABET, 1, 12),
);

/** The fingerprint a finding must carry, computed here independently of the engine. */
export function expectedFingerprint(value: string): string {
  return 'sha256:' + createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}

/** Django's W009 conditions, written out here independently of the engine. */
export function expectedWeaknesses(value: string): string[] {
  const chars = Array.from(value);
  const out: string[] = [];
  if (value.startsWith('django-insecure-')) out.push('django-insecure-prefix');
  if (chars.length < 50) out.push('too-short');
  if (new Set(chars).size < 5) out.push('too-few-unique-characters');
  return out;
}

/** Every 8-character piece of a key (what may never be printed), by UTF-16 units. */
export function piecesOf(key: string, length = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i + length <= key.length; i++) out.push(key.slice(i, i + length));
  return out;
}
