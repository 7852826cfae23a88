/**
 * Plain data shared by the engine and both faces (editor and CLI).
 * Nothing here ever holds a secret value: a finding carries a range into the
 * document and a fingerprint, never the key itself.
 */

/** Every rule the engine knows, as reported in diagnostics `code`, JSON and SARIF. */
export const RULE_IDS = [
  'hardcoded-secret-key',
  'secret-key-env-default',
  'hardcoded-secret-key-fallbacks',
  'insecure-secret-key',
  'weak-secret-key',
  'hardcoded-secret-setting',
  'unstable-secret-key',
  'env-file-not-ignored',
  'env-file-tracked',
  'secret-key-in-history',
  'shared-secret-key',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Django's own W009/W025 conditions, in Django's terms. */
export type Weakness = 'django-insecure-prefix' | 'too-short' | 'too-few-unique-characters';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** A configured severity; `off` disables the rule. */
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 code-unit column, as VS Code counts. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** End exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Covers the whole literal (prefix and quotes included; all pieces of an implicit concatenation). */
  readonly range: Range;
  readonly message: string;
  readonly weaknesses: readonly Weakness[];
  /** The setting or variable name the value is bound to, e.g. `SECRET_KEY`. */
  readonly name: string;
  /** A short, non-reversible fingerprint of the value (safe to print), e.g. `sha256:1a2b3c4d`. */
  readonly fingerprint: string;
}

/** What kind of settings module a file looks like, from its path. */
export type ModuleKind = 'production' | 'development' | 'test' | 'unknown';

export type DocumentKind = 'python' | 'dotenv';

export interface EngineOptions {
  /** Variable names in .env files that hold a Django key. */
  readonly envKeyNames: readonly string[];
  /** Per-rule severity overrides; missing rules use the engine default. */
  readonly severity: Readonly<Partial<Record<RuleId, SeveritySetting>>>;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  envKeyNames: ['SECRET_KEY', 'DJANGO_SECRET_KEY'],
  severity: {},
};
