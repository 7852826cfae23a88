/**
 * Rules over .env files: insecure-secret-key (a `django-insecure-` key) and
 * weak-secret-key (too short or too few unique characters), for the configured names.
 * Empty values and values that reference other variables are not judged.
 */
import { parseDotenv } from '../dotenv/parse';
import { keyWeaknesses } from '../keys/strength';
import { Candidate } from './python';

export function dotenvCandidates(text: string, keyNames: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const entry of parseDotenv(text)) {
    if (!keyNames.includes(entry.name) || entry.value === undefined || entry.value.length === 0) continue;
    const weaknesses = keyWeaknesses(entry.value);
    if (weaknesses.length === 0) continue;
    out.push({
      rule: weaknesses.includes('django-insecure-prefix') ? 'insecure-secret-key' : 'weak-secret-key',
      name: entry.name,
      start: entry.valueStart,
      end: entry.valueEnd,
      value: entry.value,
      anchor: entry.lineStart,
    });
  }
  return out;
}
