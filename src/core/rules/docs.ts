import { RuleId } from '../types';

/** Where each rule's documentation lives (What it does / Why is this bad / Example / Use instead). */
export const DOCS_BASE_URL = 'https://github.com/django-secret-hygiene/django-secret-hygiene/blob/main/docs/rules';

export function ruleDocsUrl(rule: RuleId): string {
  return `${DOCS_BASE_URL}/${rule}.md`;
}
