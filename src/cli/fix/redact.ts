/**
 * Hides secrets in text the CLI prints (dry-run diffs): every occurrence of a secret becomes
 * `<redacted sha256:XXXXXXXX>`, and a line that still holds any 8-character piece of a secret
 * value (a key split over several literals, say) becomes `<redacted line>`.
 */
import { fingerprint } from '../../core/fingerprint';

/** The shortest piece of a secret that may never be printed. */
export const PIECE_LENGTH = 8;

export interface Secret {
  /** The text to hide. */
  readonly text: string;
  /** The value whose fingerprint names it (the key itself, for its literal's source text). */
  readonly value: string;
}

export type Redactor = (text: string) => string;

/**
 * Replaces the secrets in the order given (list values before source texts that contain them, so
 * `'key'` reads `'<redacted sha256:...>'`), then hides lines that still hold a piece of one.
 */
export function redactor(secrets: readonly Secret[]): Redactor {
  const known = secrets.filter((s) => s.text.length > 0);
  // Pieces of the values only: a literal's source may hold runs of plain indentation.
  const pieces = piecesOf(known.map((s) => s.value));
  return (text) => {
    let out = text;
    for (const s of known) {
      out = out.split(s.text).join(`<redacted ${fingerprint(s.value)}>`);
    }
    return redactLines(out, pieces);
  };
}

function piecesOf(values: readonly string[]): Set<string> {
  const pieces = new Set<string>();
  for (const value of values) {
    for (let i = 0; i + PIECE_LENGTH <= value.length; i++) {
      pieces.add(value.slice(i, i + PIECE_LENGTH));
    }
  }
  return pieces;
}

function redactLines(text: string, pieces: ReadonlySet<string>): string {
  if (pieces.size === 0) {
    return text;
  }
  return text
    .split(/(?<=\n)/)
    .map((line) => ([...pieces].some((p) => line.includes(p)) ? `<redacted line>${line.endsWith('\n') ? '\n' : ''}` : line))
    .join('');
}
