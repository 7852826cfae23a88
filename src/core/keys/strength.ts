import { Weakness } from '../types';

/** Django's prefix for keys written by `startproject` (django/core/management/utils.py). */
export const INSECURE_PREFIX = 'django-insecure-';
/** Django's thresholds in django/core/checks/security/base.py (W009 / W025). */
export const MIN_LENGTH = 50;
export const MIN_UNIQUE_CHARACTERS = 5;

/**
 * The reasons Django's `check --deploy` would call this key weak (security.W009 for
 * SECRET_KEY, security.W025 for each SECRET_KEY_FALLBACKS entry), in Django's order.
 * Length counts characters as Python does (code points), not UTF-16 units.
 */
export function keyWeaknesses(key: string): Weakness[] {
  const out: Weakness[] = [];
  const chars = Array.from(key);
  if (key.startsWith(INSECURE_PREFIX)) out.push('django-insecure-prefix');
  if (chars.length < MIN_LENGTH) out.push('too-short');
  if (new Set(chars).size < MIN_UNIQUE_CHARACTERS) out.push('too-few-unique-characters');
  return out;
}
