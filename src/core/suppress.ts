/**
 * Inline suppression markers, in a comment on a line of the finding (or on the line of
 * the name it is bound to):
 * - `# django-secrets: ignore` (every rule) or `# django-secrets: ignore[rule-id, ...]`
 * - `# noqa: S105` (also S106, S107: Bandit/Ruff's hardcoded-password codes). A bare
 *   `# noqa` does NOT suppress: it is routinely added to silence line length on long keys.
 * - `# nosec` (Bandit, with or without test ids)
 * - `# pragma: allowlist secret` (detect-secrets)
 */
import { RuleId } from './types';

const OWN_MARKER = /django-secrets:\s*ignore(?:\[([^\]]*)\])?/i;
const NOQA_MARKER = /\bnoqa\s*:\s*[A-Z0-9 ,]*\bS10[567]\b/i;
const NOSEC_MARKER = /\bnosec\b/i;
const ALLOWLIST_MARKER = /pragma:\s*allowlist[ -]secret/i;

export function commentSuppresses(comment: string, rule: RuleId): boolean {
  const own = OWN_MARKER.exec(comment);
  if (own) {
    if (own[1] === undefined) return true;
    return own[1].split(',').some((r) => r.trim() === rule);
  }
  return NOQA_MARKER.test(comment) || NOSEC_MARKER.test(comment) || ALLOWLIST_MARKER.test(comment);
}

/** Comments by line number, for suppression checks. */
export class CommentIndex {
  private readonly byLine = new Map<number, string[]>();

  add(line: number, comment: string): void {
    const list = this.byLine.get(line);
    if (list) list.push(comment);
    else this.byLine.set(line, [comment]);
  }

  suppressed(rule: RuleId, firstLine: number, lastLine: number): boolean {
    if (this.byLine.size === 0) return false;
    // Look at the lines that have comments, not at every line of a long range.
    if (lastLine - firstLine > this.byLine.size) {
      for (const [line, comments] of this.byLine) {
        if (line >= firstLine && line <= lastLine && comments.some((c) => commentSuppresses(c, rule))) return true;
      }
      return false;
    }
    for (let line = firstLine; line <= lastLine; line++) {
      const comments = this.byLine.get(line);
      if (comments && comments.some((c) => commentSuppresses(c, rule))) return true;
    }
    return false;
  }
}
