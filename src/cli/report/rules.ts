import { RuleId } from '../../core';

export { RULE_SUMMARIES } from '../../core';

/** `hardcoded-secret-key` -> `HardcodedSecretKey`, the SARIF `name` of a rule. */
export function ruleName(rule: RuleId): string {
  return rule
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
