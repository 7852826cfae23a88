import { RuleId, Severity } from '../../core';

/**
 * What the SARIF rule table says about each rule: a one-line description and the severity the
 * engine uses when no setting overrides it. Keyed by RuleId, so a new rule fails type-checking here.
 */
export const RULE_SUMMARIES: Readonly<Record<RuleId, { readonly description: string; readonly severity: Severity }>> = {
  'hardcoded-secret-key': {
    description: 'SECRET_KEY is set to a literal string in source code.',
    severity: 'error',
  },
  'secret-key-env-default': {
    description: 'An environment lookup for the secret key falls back to a literal default.',
    severity: 'warning',
  },
  'hardcoded-secret-key-fallbacks': {
    description: 'SECRET_KEY_FALLBACKS contains literal keys.',
    severity: 'warning',
  },
  'insecure-secret-key': {
    description: "The secret key starts with Django's 'django-insecure-' prefix.",
    severity: 'error',
  },
  'weak-secret-key': {
    description: 'The secret key is too short or has too few unique characters (Django check W009).',
    severity: 'warning',
  },
  'hardcoded-secret-setting': {
    description: 'Another secret setting is set to a literal string in source code.',
    severity: 'warning',
  },
};

/** `hardcoded-secret-key` -> `HardcodedSecretKey`, the SARIF `name` of a rule. */
export function ruleName(rule: RuleId): string {
  return rule
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
