/**
 * The project-level (hygiene) rules, over plain facts the faces gather about the files that hold
 * a Django key: env-file-not-ignored, env-file-tracked, secret-key-in-history and
 * shared-secret-key. Pure: facts in, findings out. Findings never hold a key value.
 */
import { moduleKindOf, resolveSeverity } from '../severity';
import { DocumentKind, EngineOptions, Finding, ModuleKind, Range, RuleId, SeveritySetting } from '../types';
import type { KeyFact } from './keys';
import { hygieneMessage } from './messages';

export const HYGIENE_RULES = [
  'env-file-not-ignored',
  'env-file-tracked',
  'secret-key-in-history',
  'shared-secret-key',
] as const satisfies readonly RuleId[];
export type HygieneRuleId = (typeof HYGIENE_RULES)[number];

export interface KeyFacts extends KeyFact {
  /** Whether the value is in the searched git history; undefined when not searched or not known. */
  readonly inHistory: boolean | undefined;
}

/** What the faces found out about one file that holds a key. */
export interface FileFacts {
  /** Absolute, with `/` separators: identifies the file. */
  readonly path: string;
  /** As reports and messages name the file (relative to the workspace folder or the current folder). */
  readonly display: string;
  readonly kind: DocumentKind;
  readonly keys: readonly KeyFacts[];
  readonly firstLine: Range;
  /** Env files: whether git ignores the file; undefined when not in a git work tree or not known. */
  readonly ignored: boolean | undefined;
  /** Who said so: git itself, or the .gitignore files read when git could not be asked. */
  readonly ignoredBy: 'git' | 'gitignore';
  /** Env files: whether git tracks the file; undefined when not known. */
  readonly tracked: boolean | undefined;
}

/** A finding in some file of the project. */
export interface ProjectFinding {
  readonly path: string;
  readonly display: string;
  readonly finding: Finding;
}

/** Words in a file name that mark a template meant to be committed (`.env.example`, `.env.dist`). */
const TEMPLATE_WORDS = new Set(['example', 'sample', 'template', 'dist', 'tmpl', 'tpl']);

export function isTemplateEnvFile(path: string): boolean {
  const base = path.split(/[\\/]+/).pop() ?? '';
  return base.toLowerCase().split(/[^a-z0-9]+/).some((word) => TEMPLATE_WORDS.has(word));
}

/** Whether a rule is not `off`, so its facts are worth gathering. */
export function ruleEnabled(options: EngineOptions, rule: HygieneRuleId): boolean {
  return options.severity[rule] !== 'off';
}

/** Every hygiene finding for these files, in file order, then rule order, then position. */
export function hygieneFindings(files: readonly FileFacts[], options: EngineOptions): ProjectFinding[] {
  const shared = sharedWith(files);
  return files.flatMap((file) =>
    [...fileLevelFindings(file, options), ...historyFindings(file, options), ...sharedFindings(file, shared, options)].map(
      (finding) => ({ path: file.path, display: file.display, finding }),
    ),
  );
}

/**
 * Templates (`.env.example`) and test env files (`.env.test`) are meant to be committed while every
 * key in them is a placeholder.
 */
function committedOnPurpose(file: FileFacts): boolean {
  const purpose = isTemplateEnvFile(file.path) || moduleKindOf(file.path) === 'test';
  return purpose && file.keys.every((k) => k.placeholder);
}

function fileLevelFindings(file: FileFacts, options: EngineOptions): Finding[] {
  const key = file.keys[0];
  if (file.kind !== 'dotenv' || key === undefined || committedOnPurpose(file)) return [];
  const rule: HygieneRuleId | undefined =
    file.tracked === true ? 'env-file-tracked' : file.ignored === false ? 'env-file-not-ignored' : undefined;
  if (rule === undefined || file.keys.some((k) => k.suppressed.includes(rule))) return [];
  const message = hygieneMessage(rule, { name: key.name, ignoredBy: file.ignoredBy });
  return finding(rule, 'unknown', options, file.firstLine, key, message);
}

function historyFindings(file: FileFacts, options: EngineOptions): Finding[] {
  const rule = 'secret-key-in-history';
  return file.keys
    .filter((key) => key.inHistory === true && !key.placeholder && !key.suppressed.includes(rule))
    .flatMap((key) => finding(rule, 'unknown', options, key.range, key, hygieneMessage(rule, { name: key.name })));
}

interface Occurrence {
  readonly file: FileFacts;
  readonly key: KeyFacts;
}

/** Comparable keys (not placeholders) by identity, with every file that holds each. */
function sharedWith(files: readonly FileFacts[]): Map<string, Occurrence[]> {
  const byIdentity = new Map<string, Occurrence[]>();
  for (const file of files) {
    for (const key of file.keys.filter((k) => !k.placeholder)) {
      const list = byIdentity.get(key.identity) ?? [];
      list.push({ file, key });
      byIdentity.set(key.identity, list);
    }
  }
  return byIdentity;
}

function sharedFindings(file: FileFacts, shared: Map<string, Occurrence[]>, options: EngineOptions): Finding[] {
  const rule = 'shared-secret-key';
  return file.keys.flatMap((key) => {
    const group = key.placeholder || key.suppressed.includes(rule) ? [] : (shared.get(key.identity) ?? []);
    const others = [...new Set(group.filter((o) => o.file.path !== file.path).map((o) => o.file.display))];
    // Settings modules that share a key only with each other are left to hardcoded-secret-key.
    if (others.length === 0 || !group.some((o) => o.file.kind === 'dotenv')) return [];
    const production = group.some((o) => moduleKindOf(o.file.path) === 'production');
    const message = hygieneMessage(rule, { name: key.name, others });
    return finding(rule, production ? 'production' : 'unknown', options, key.range, key, message);
  });
}

function finding(rule: HygieneRuleId, kind: ModuleKind, options: EngineOptions, range: Range, key: KeyFact, message: string): Finding[] {
  const severity: SeveritySetting = resolveSeverity(options, rule, kind, []);
  if (severity === 'off') return [];
  return [{ rule, severity, range, message, weaknesses: [], name: key.name, fingerprint: key.fingerprint }];
}

