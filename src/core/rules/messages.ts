/**
 * Every user-facing sentence about a finding. Django facts here follow Django's own
 * source: W009/W025 conditions, and what SECRET_KEY signs (not passwords, not CSRF tokens).
 * No message ever contains the secret value.
 */
import { hygieneMessage } from '../hygiene/messages';
import { RuleId, Weakness } from '../types';

/** What SECRET_KEY protects, per Django's settings reference. */
export const PROTECTS =
  'sessions, password-reset tokens, cookie-stored messages and anything signed with django.core.signing';

const WEAKNESS_PHRASES: Record<Weakness, string> = {
  'django-insecure-prefix': "it starts with 'django-insecure-'",
  'too-short': 'it has fewer than 50 characters',
  'too-few-unique-characters': 'it has fewer than 5 unique characters',
};

export function describeWeaknesses(weaknesses: readonly Weakness[]): string {
  const phrases = weaknesses.map((w) => WEAKNESS_PHRASES[w]);
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

function weakSuffix(weaknesses: readonly Weakness[], check: 'W009' | 'W025'): string {
  if (weaknesses.length === 0) return '';
  return ` Django's check security.${check} also calls it weak: ${describeWeaknesses(weaknesses)}.`;
}

export interface MessageInput {
  readonly rule: RuleId;
  /** The setting or variable the value is bound to or looked up as. */
  readonly name: string;
  readonly weaknesses: readonly Weakness[];
}

export function findingMessage({ rule, name, weaknesses }: MessageInput): string {
  switch (rule) {
    case 'hardcoded-secret-key':
      return (
        `${name} is hardcoded in source code: anyone who can read this file can forge ${PROTECTS}. ` +
        'Move it to an environment variable.' +
        weakSuffix(weaknesses, 'W009')
      );
    case 'secret-key-env-default':
      return (
        `The lookup of ${name} falls back to a hardcoded key: when the variable is missing, Django runs ` +
        `with a key anyone who can read this file knows, and can forge ${PROTECTS}. ` +
        'Fail fast when it is missing instead.' +
        weakSuffix(weaknesses, 'W009')
      );
    case 'hardcoded-secret-key-fallbacks':
      return (
        `${name} entry is hardcoded in source code: old keys still verify sessions, password-reset tokens, ` +
        'cookie-stored messages and signed data, so anyone who can read this file can forge them. ' +
        'Load fallbacks from the environment.' +
        weakSuffix(weaknesses, 'W025')
      );
    case 'insecure-secret-key':
      return (
        `${name} is an insecure development key (Django's check security.W009: ${describeWeaknesses(weaknesses)}). ` +
        `Generate a new key for this environment: it protects ${PROTECTS}.`
      );
    case 'weak-secret-key':
      return (
        `${name} is weak (Django's check security.W009: ${describeWeaknesses(weaknesses)}). ` +
        `Generate a new key: it protects ${PROTECTS}.`
      );
    case 'unstable-secret-key':
      return (
        `${name} is generated when the settings are imported: every restart and every worker process gets a ` +
        'different key, so users are logged out and processes reject each other\'s sessions, password-reset links ' +
        'and signed data. Generate one key and keep it in the environment.'
      );
    case 'hardcoded-secret-setting':
      return `${name} is a secret hardcoded in source code: anyone who can read this file can use it. Load it from the environment.`;
    case 'env-file-not-ignored':
    case 'env-file-tracked':
    case 'secret-key-in-history':
    case 'shared-secret-key':
      // Project-level rules: src/core/hygiene words them with the facts they were found from.
      return hygieneMessage(rule, { name });
  }
}
