import { createHash } from 'node:crypto';

/**
 * A short, non-reversible label for a secret value, safe to print and to use as a
 * SARIF partial fingerprint: the first 8 hex digits of its SHA-256.
 */
export function fingerprint(value: string): string {
  return 'sha256:' + createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}
