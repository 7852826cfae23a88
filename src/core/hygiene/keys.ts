/**
 * The Django keys a file holds, as the project-level (hygiene) checks need them: where each value
 * is, a fingerprint safe to print, an identity to compare values across files, and the value
 * itself for the history search only. The value never goes into a finding, a message or a log.
 */
import { createHash } from 'node:crypto';
import { parseDotenv } from '../dotenv/parse';
import { fingerprint } from '../fingerprint';
import { analyzeText, classifyPath } from '../index';
import { keyWeaknesses } from '../keys/strength';
import { parseModule } from '../python/parser';
import { pythonCandidates } from '../rules/python';
import { commentSuppresses, CommentIndex } from '../suppress';
import { LineMap } from '../text';
import { DocumentKind, EngineOptions, Range, RuleId } from '../types';
import { HYGIENE_RULES, HygieneRuleId } from './rules';

/** Python findings whose value is "a hardcoded key in settings" for these checks. */
const PYTHON_KEY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['hardcoded-secret-key', 'secret-key-env-default']);

export interface KeyFact {
  /** The setting or variable name, e.g. `DJANGO_SECRET_KEY`. */
  readonly name: string;
  /** The value as written (quotes included). */
  readonly range: Range;
  readonly fingerprint: string;
  /** The value's full SHA-256: compares values across files without holding them. */
  readonly identity: string;
  /**
   * Django calls the value weak (check security.W009): a placeholder or a development key.
   * insecure-secret-key and weak-secret-key report those; they are not compared or searched for.
   */
  readonly placeholder: boolean;
  /** Hygiene rules a suppression marker on the key's line turns off. */
  readonly suppressed: readonly HygieneRuleId[];
}

/** A key fact with its value, which is for the in-process history search only. */
export interface KeySighting {
  readonly fact: KeyFact;
  readonly value: string;
}

export interface FileKeys {
  readonly kind: DocumentKind;
  readonly sightings: readonly KeySighting[];
  /** Line 0, where findings about the file as a whole go. */
  readonly firstLine: Range;
}

/**
 * The keys in one file: in a dotenv file every non-empty value of a name in `envKeyNames` (values
 * that refer to other variables excluded); in a Python file each hardcoded SECRET_KEY and literal
 * fallback the engine reports (so severity `off` and suppression markers apply).
 */
export function fileKeys(
  path: string,
  text: string,
  options: EngineOptions,
  kind: DocumentKind | undefined = classifyPath(path),
): FileKeys | undefined {
  if (kind === undefined) return undefined;
  const lines = new LineMap(text);
  const sightings = kind === 'dotenv' ? dotenvSightings(text, lines, options) : pythonSightings(path, text, lines, options);
  return { kind, sightings, firstLine: lines.range(lines.lineStart(0), lineEnd(text, lines.lineStart(0))) };
}

function lineEnd(text: string, from: number): number {
  const match = /[\r\n]/.exec(text.slice(from));
  return match ? from + match.index : text.length;
}

function dotenvSightings(text: string, lines: LineMap, options: EngineOptions): KeySighting[] {
  return parseDotenv(text)
    .filter((entry) => options.envKeyNames.includes(entry.name) && entry.value !== undefined && entry.value.length > 0)
    .map((entry) =>
      sighting(entry.name, entry.value ?? '', lines.range(entry.valueStart, entry.valueEnd), (rule) =>
        commentSuppresses(entry.trailing, rule),
      ),
    );
}

function pythonSightings(path: string, text: string, lines: LineMap, options: EngineOptions): KeySighting[] {
  const findings = analyzeText(path, text, options, 'python').filter((f) => PYTHON_KEY_RULES.has(f.rule));
  if (findings.length === 0) return [];
  const parsed = parseModule(text);
  const comments = new CommentIndex();
  for (const t of parsed.tokens) if (t.type === 'comment') comments.add(lines.lineOf(t.start), t.value);
  const out: KeySighting[] = [];
  for (const candidate of pythonCandidates(text, parsed)) {
    const range = lines.range(candidate.start, candidate.end);
    const reported = findings.some((f) => f.rule === candidate.rule && sameRange(f.range, range));
    if (!reported) continue;
    const first = Math.min(lines.lineOf(candidate.anchor), range.start.line);
    out.push(sighting(candidate.name, candidate.value, range, (rule) => comments.suppressed(rule, first, range.end.line)));
  }
  return out;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function sighting(name: string, value: string, range: Range, suppresses: (rule: RuleId) => boolean): KeySighting {
  return {
    value,
    fact: {
      name,
      range,
      fingerprint: fingerprint(value),
      identity: createHash('sha256').update(value, 'utf8').digest('hex'),
      placeholder: keyWeaknesses(value).length > 0,
      suppressed: HYGIENE_RULES.filter((rule) => suppresses(rule)),
    },
  };
}
