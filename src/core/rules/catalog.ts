/** One line per rule, for rule tables (SARIF, README) and hovers. Keyed by RuleId. */
import { defaultSeverity } from '../severity';
import { RULE_IDS, RuleId, Severity } from '../types';

const DESCRIPTIONS: Readonly<Record<RuleId, string>> = {
  'hardcoded-secret-key': 'SECRET_KEY is bound to a string literal in Python source.',
  'secret-key-env-default': 'An environment lookup for the secret key falls back to a literal key.',
  'hardcoded-secret-key-fallbacks': 'SECRET_KEY_FALLBACKS holds string literals in Python source.',
  'insecure-secret-key': "A .env file sets the Django key to a 'django-insecure-' development key.",
  'weak-secret-key': "A .env file sets the Django key to a value Django's check security.W009 calls weak.",
  'hardcoded-secret-setting':
    'Another secret setting (a password, API key, signing key or token) is bound to a literal in Python source.',
  'unstable-secret-key': 'SECRET_KEY is generated at import time, so it changes on every restart and differs between processes.',
  'env-file-not-ignored': 'An env file that holds the Django key is not ignored by git, so it can be committed.',
  'env-file-tracked': 'An env file that holds the Django key is tracked by git: the key is in the repository.',
  'secret-key-in-history': "The key in an env file or settings module is in the repository's git history: it has leaked.",
  'shared-secret-key': 'The same key is used in more than one environment (env files or settings modules).',
};

export interface RuleSummary {
  readonly description: string;
  /** The severity in a module of no particular kind (production raises it, dev/test lower it). */
  readonly severity: Severity;
}

export const RULE_SUMMARIES: Readonly<Record<RuleId, RuleSummary>> = Object.fromEntries(
  RULE_IDS.map((id) => [id, { description: DESCRIPTIONS[id], severity: defaultSeverity(id, 'unknown', []) }]),
) as Record<RuleId, RuleSummary>;
