/**
 * The engine's public surface. Pure: text in, plain data out; no I/O, no `vscode`.
 */
import { DEFAULT_ENGINE_OPTIONS, DocumentKind, EngineOptions, Finding } from './types';

export * from './types';

/**
 * Which analyser applies to a file path (POSIX or Windows separators), or undefined.
 * Python: `*.py`, `*.pyi`. Dotenv: `.env`, `.env.*`, `*.env`, anything under a `.envs/` folder.
 */
export function classifyPath(path: string): DocumentKind | undefined {
  void path;
  throw new Error('not implemented yet');
}

/**
 * Analyse one document. `path` decides the analyser (see classifyPath, or pass `kind`)
 * and the module kind used for default severities. Never throws on any text.
 */
export function analyzeText(
  path: string,
  text: string,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  kind: DocumentKind | undefined = classifyPath(path),
): Finding[] {
  void text;
  void options;
  void kind;
  return [];
}

/** Cheap check on raw text: false means analyzeText would certainly find nothing. */
export function mayContainFindings(text: string): boolean {
  return /SECRET/i.test(text);
}
export { ruleDocsUrl } from './rules/docs';
