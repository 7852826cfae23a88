/**
 * The engine's public surface. Pure: text in, plain data out; no I/O, no `vscode`.
 */
import { fingerprint } from './fingerprint';
import { keyWeaknesses } from './keys/strength';
import { tokenize } from './python/lexer';
import { parseModule } from './python/parser';
import { dotenvCandidates } from './rules/dotenv';
import { findingMessage } from './rules/messages';
import { Candidate, pythonCandidates } from './rules/python';
import { moduleKindOf, resolveSeverity } from './severity';
import { CommentIndex } from './suppress';
import { LineMap } from './text';
import { DEFAULT_ENGINE_OPTIONS, DocumentKind, EngineOptions, Finding, RuleId, Weakness } from './types';

export * from './types';
export { ruleDocsUrl } from './rules/docs';
export { keyWeaknesses } from './keys/strength';
export { RULE_SUMMARIES } from './rules/catalog';
export type { RuleSummary } from './rules/catalog';

const RULES_WITHOUT_WEAKNESSES: ReadonlySet<RuleId> = new Set<RuleId>(['hardcoded-secret-setting', 'unstable-secret-key']);

/**
 * Which analyser applies to a file path (POSIX or Windows separators), or undefined.
 * Python: `*.py`, `*.pyi`. Dotenv: `.env`, `.env.*`, `*.env`, anything under a `.envs/` folder.
 */
export function classifyPath(path: string): DocumentKind | undefined {
  const segments = path.split(/[\\/]+/);
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  if (base.endsWith('.py') || base.endsWith('.pyi')) return 'python';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  if (segments.slice(0, -1).some((s) => s.toLowerCase() === '.envs') && base.length > 0) return 'dotenv';
  return undefined;
}

/**
 * Analyse one document. `path` decides the analyser (see classifyPath, or pass `kind`)
 * and the module kind used for default severities. Never throws on any text.
 */
export function analyzeText(
  path: string,
  text: string,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  kind: DocumentKind | undefined = classifyPath(path),
): Finding[] {
  if (kind === undefined || !mayContainFindings(text, options)) return [];
  const lines = new LineMap(text);
  const comments = new CommentIndex();
  let candidates: Candidate[];
  if (kind === 'python') {
    const parsed = parseModule(text, relevantLines());
    for (const t of parsed.tokens) if (t.type === 'comment') comments.add(lines.lineOf(t.start), t.value);
    candidates = pythonCandidates(text, parsed);
  } else {
    candidates = dotenvCandidates(text, options.envKeyNames);
    addDotenvComments(text, lines, comments);
  }
  const moduleKind = moduleKindOf(path);
  const findings: Finding[] = [];
  for (const c of candidates) {
    const weaknesses: Weakness[] = RULES_WITHOUT_WEAKNESSES.has(c.rule) ? [] : keyWeaknesses(c.value);
    const severity = resolveSeverity(options, c.rule, moduleKind, weaknesses);
    if (severity === 'off') continue;
    const range = lines.range(c.start, c.end);
    if (comments.suppressed(c.rule, Math.min(lines.lineOf(c.anchor), range.start.line), range.end.line)) continue;
    findings.push({
      rule: c.rule,
      severity,
      range,
      message: findingMessage({ rule: c.rule, name: c.name, weaknesses }),
      weaknesses,
      name: c.name,
      fingerprint: fingerprint(c.value),
    });
  }
  return findings;
}

/** In .env files a suppression marker may follow the value after `#`. */
function addDotenvComments(text: string, lines: LineMap, comments: CommentIndex): void {
  // Jump from one `#` to the next (not line by line), so a file without `#` costs one search.
  for (let hash = text.indexOf('#'); hash >= 0; ) {
    const line = lines.lineOf(hash);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    comments.add(line, text.slice(hash, end));
    hash = text.indexOf('#', end);
  }
}

const RULE_NAME_HINT = /secret|password|_key|apikey|token/i;

/**
 * Every Python rule needs a name or string on the statement's logical line that mentions a
 * secret (a binding's name, a dict key, a keyword, a looked-up variable); `Env` marks the line
 * creating a django-environ instance, whose name later lookups use. Only such lines are parsed.
 */
function relevantLines(): RegExp {
  return new RegExp(`${RULE_NAME_HINT.source}|\\benv\\b`, 'gi');
}

/**
 * Cheap check on raw text: false means analyzeText would certainly find nothing.
 * Every Python rule needs a name containing SECRET, PASSWORD, _KEY, APIKEY or TOKEN
 * (any case); .env rules need one of the configured key names.
 */
export function mayContainFindings(text: string, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): boolean {
  return RULE_NAME_HINT.test(text) || options.envKeyNames.some((n) => text.includes(n));
}

/** Exposed for tests and benchmarks of the tokenizer alone. */
export { tokenize };
