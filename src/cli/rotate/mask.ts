/**
 * An env file as it may be shown: every assignment's value replaced by `<redacted sha256:...>`
 * (the fingerprint of the value loaders read), inside the quotes it was written with. A diff of two
 * masked texts still shows which assignments changed, and never a value: the lines around a key
 * often hold other secrets (database passwords, API tokens).
 */
import { fingerprint } from '../../core/fingerprint';
import { parseDotenv } from '../../core/dotenv/parse';
import { analyzeText, classifyPath } from '../../core';
import { LineMap } from '../../core/text';

export function maskEnvValues(text: string): string {
  let out = '';
  let at = 0;
  for (const entry of parseDotenv(text)) {
    const quoted = entry.quote !== '' && entry.valueEnd - entry.valueStart >= 2;
    const start = quoted ? entry.valueStart + 1 : entry.valueStart;
    const end = quoted ? entry.valueEnd - 1 : entry.valueEnd;
    if (end > start && !text.startsWith('<redacted ', start)) {
      const shown = entry.value ?? text.slice(start, end);
      out += text.slice(at, start) + `<redacted ${fingerprint(shown)}>`;
      at = end;
    }
  }
  return out + text.slice(at);
}

/**
 * Text of a project file as a diff may show it: env files with every value masked, Python files
 * with every secret literal the engine finds (other passwords, tokens, keys) masked.
 */
export function maskFileSecrets(path: string, text: string): string {
  const kind = classifyPath(path) ?? (/\.env\.[^/]*$|(^|\/)env\.example$/.test(path) ? 'dotenv' : undefined);
  if (kind === 'dotenv') return maskEnvValues(text);
  if (kind !== 'python') return text;
  const lines = new LineMap(text);
  const offset = (p: { line: number; character: number }): number => lines.lineStart(p.line) + p.character;
  const findings = analyzeText(path, text, { envKeyNames: [], severity: {} }, 'python')
    .map((f) => ({ start: offset(f.range.start), end: offset(f.range.end), fingerprint: f.fingerprint }))
    .filter((f) => !text.slice(f.start, f.end).includes('<redacted ')) // already shown as a fingerprint
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const f of findings) out = out.slice(0, f.start) + `'<redacted ${f.fingerprint}>'` + out.slice(f.end);
  return out;
}
