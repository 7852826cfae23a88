import { RuleId, Severity } from '../../core';

/**
 * What the SARIF rule table says about each rule: a one-line description and the severity the
 * engine gives it by default in a settings module of no particular kind (production modules can
 * raise it, development and test modules lower it). Keyed by RuleId, so a new rule fails
 * type-checking here.
 */
export const RULE_SUMMARIES: Readonly<Record<RuleId, { readonly description: string; readonly severity: Severity }>> = {
  'hardcoded-secret-key': {
    description: 'SECRET_KEY is bound to a string literal in Python source.',
    severity: 'error',
  },
  'secret-key-env-default': {
    description: 'An environment lookup for the secret key falls back to a literal key.',
    severity: 'warning',
  },
  'hardcoded-secret-key-fallbacks': {
    description: 'SECRET_KEY_FALLBACKS holds string literals in Python source.',
    severity: 'error',
  },
  'insecure-secret-key': {
    description: "A .env file sets the Django key to a 'django-insecure-' development key.",
    severity: 'warning',
  },
  'weak-secret-key': {
    description: "A .env file sets the Django key to a value Django's check security.W009 calls weak.",
    severity: 'warning',
  },
  'hardcoded-secret-setting': {
    description: 'Another secret setting (a password, API key, signing key or token) is bound to a literal in Python source.',
    severity: 'information',
  },
};

/** `hardcoded-secret-key` -> `HardcodedSecretKey`, the SARIF `name` of a rule. */
export function ruleName(rule: RuleId): string {
  return rule
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
