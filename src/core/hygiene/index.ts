/**
 * Project-level checks on the files that hold a Django key: is an env file ignored by git, is it
 * tracked, is a key in the git history, is one key used in several environments. Pure: the faces
 * gather the facts (git's answers, ignore files) through the interfaces in gather.ts.
 */
export { checkHygiene } from './gather';
export type { GitAnswers, HygieneContext, HygieneSource } from './gather';
export { findWorkTree, gitignoreVerdict, ignoredByIgnoreFiles } from './gitignoreFiles';
export { fileKeys } from './keys';
export type { FileKeys, KeyFact, KeySighting } from './keys';
export { hygieneMessage, ROTATE_COMPROMISED } from './messages';
export { HYGIENE_RULES, hygieneFindings, isTemplateEnvFile, ruleEnabled } from './rules';
export type { FileFacts, HygieneRuleId, KeyFacts, ProjectFinding } from './rules';
