/**
 * Which documents the extension checks, and with which analyser. Free of `vscode`.
 *
 * A file is checked when checks are enabled for it, its workspace-relative path matches an
 * include glob and no exclude glob, and it is Python or dotenv: by its name (the engine's
 * classifyPath) or, for a document open in the editor, by its language mode. Unsaved (untitled)
 * documents have no path to match, so only their language mode counts.
 */
import { classifyPath, DocumentKind } from '../core';
import { createPathFilter } from './globs';
import { Settings } from './settings';

/** Documents on disk or unsaved; output panes, git and diff views and other schemes are skipped. */
export const CHECKED_SCHEMES: readonly string[] = ['file', 'vscode-remote', 'untitled'];

export interface DocumentIdentity {
  readonly scheme: string;
  /** Workspace-relative path (absolute for files outside the workspace), either separator. */
  readonly relativePath: string;
  /** The editor's language mode, when the document is open. */
  readonly languageId?: string;
}

export function kindForLanguage(languageId: string | undefined): DocumentKind | undefined {
  return languageId === 'python' || languageId === 'dotenv' ? languageId : undefined;
}

/** Builds, once per settings, the function that picks the analyser for a document (or none). */
export function createDocumentSelector(
  settings: Pick<Settings, 'enable' | 'include' | 'exclude'>,
): (document: DocumentIdentity) => DocumentKind | undefined {
  const isIncluded = createPathFilter(settings.include, settings.exclude);
  return (document) => {
    if (!settings.enable || !CHECKED_SCHEMES.includes(document.scheme)) {
      return undefined;
    }
    if (document.scheme === 'untitled') {
      return kindForLanguage(document.languageId);
    }
    if (!isIncluded(document.relativePath)) {
      return undefined;
    }
    return classifyPath(document.relativePath) ?? kindForLanguage(document.languageId);
  };
}
