/**
 * An env file as it may be shown: every assignment's value replaced by `<redacted sha256:...>`
 * (the fingerprint of the value loaders read), inside the quotes it was written with. A diff of two
 * masked texts still shows which assignments changed, and never a value: the lines around a key
 * often hold other secrets (database passwords, API tokens).
 */
import { fingerprint } from '../../core/fingerprint';
import { parseDotenv } from '../../core/dotenv/parse';

export function maskEnvValues(text: string): string {
  let out = '';
  let at = 0;
  for (const entry of parseDotenv(text)) {
    const quoted = entry.quote !== '' && entry.valueEnd - entry.valueStart >= 2;
    const start = quoted ? entry.valueStart + 1 : entry.valueStart;
    const end = quoted ? entry.valueEnd - 1 : entry.valueEnd;
    if (end > start) {
      const shown = entry.value ?? text.slice(start, end);
      out += text.slice(at, start) + `<redacted ${fingerprint(shown)}>`;
      at = end;
    }
  }
  return out + text.slice(at);
}
