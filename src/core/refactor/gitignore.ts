/**
 * Whether a .gitignore text ignores a path, for when git itself cannot be asked
 * (no git, or an untrusted workspace). Follows gitignore(5) for the common cases:
 * comments, negation, anchoring with a leading or inner `/`, directory-only patterns,
 * `**`, and the last matching pattern winning.
 */
import { minimatch } from 'minimatch';

/** `relativePath` is relative to the .gitignore's folder, with `/` separators. */
export function gitignoreIgnores(gitignoreText: string, relativePath: string): boolean {
  let ignored = false;
  for (const raw of gitignoreText.split(/\r?\n|\r/)) {
    const rule = parseRule(raw);
    if (!rule) continue;
    if (matches(rule, relativePath)) ignored = !rule.negated;
  }
  return ignored;
}

interface Rule {
  readonly pattern: string;
  readonly negated: boolean;
  readonly anchored: boolean;
  readonly directoryOnly: boolean;
}

function parseRule(raw: string): Rule | undefined {
  let line = raw.replace(/(?<!\\)\s+$/, '');
  if (line === '' || line.startsWith('#')) return undefined;
  const negated = line.startsWith('!');
  if (negated) line = line.slice(1);
  line = line.replace(/^\\([#!])/, '$1');
  const directoryOnly = line.endsWith('/');
  if (directoryOnly) line = line.slice(0, -1);
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  return line === '' ? undefined : { pattern: line, negated, anchored, directoryOnly };
}

function matches(rule: Rule, path: string): boolean {
  const segments = path.split('/');
  // A pattern that matches a parent folder ignores everything below it.
  for (let i = 1; i <= segments.length; i++) {
    const isFile = i === segments.length;
    if (isFile && rule.directoryOnly) continue;
    const prefix = segments.slice(0, i).join('/');
    const candidate = rule.anchored ? prefix : segments[i - 1];
    if (minimatch(candidate, rule.pattern, { dot: true })) return true;
  }
  return false;
}
