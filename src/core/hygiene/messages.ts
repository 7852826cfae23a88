/**
 * The sentences of the project-level (hygiene) findings. They name files by path and keys by
 * variable name; never a key value.
 */
import type { HygieneRuleId } from './rules';

/** What the rotation command is called where these messages point to it. */
export const ROTATE_COMPROMISED = 'rotate the key (compromised mode)';

export interface HygieneMessageInput {
  /** The setting or variable that holds the key. */
  readonly name: string;
  /** shared-secret-key: the other files holding the same value (paths as reports show them). */
  readonly others?: readonly string[];
  /** env-file-not-ignored: whether git said so, or the .gitignore files did (git not asked). */
  readonly ignoredBy?: 'git' | 'gitignore';
}

export function hygieneMessage(rule: HygieneRuleId, input: HygieneMessageInput): string {
  switch (rule) {
    case 'env-file-not-ignored':
      return (
        `This file holds ${input.name}, and ${input.ignoredBy === 'gitignore' ? 'no .gitignore ignores' : 'git does not ignore'} it: ` +
        'the next `git add` can commit the key. Add the file to .gitignore.'
      );
    case 'env-file-tracked':
      return (
        `This file is tracked by git, so ${input.name} is in the repository and everyone with a clone has the key. ` +
        `Stop tracking the file (git rm --cached), add it to .gitignore, and ${ROTATE_COMPROMISED}.`
      );
    case 'secret-key-in-history':
      return (
        `This ${input.name} value is in the git history of the repository: treat it as leaked and ${ROTATE_COMPROMISED}. ` +
        'Deleting it from the files does not remove it from existing clones.'
      );
    case 'shared-secret-key':
      return (
        `The same ${input.name} value is also used in ${listOf(input.others ?? [])}: a leak in one environment exposes the ` +
        'others, and sessions and signed data from one are accepted by the others. Give each environment its own key.'
      );
  }
}

function listOf(paths: readonly string[]): string {
  if (paths.length === 0) return 'another environment';
  if (paths.length === 1) return paths[0];
  return `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}`;
}
