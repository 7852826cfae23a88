/**
 * The files of one workspace folder that the project-level checks look at: every dotenv file the
 * settings select (found on disk, plus open dotenv documents), and the Python files known to hold
 * a key (from documents opened or saved, and from the last workspace scan). Texts come from the
 * editor for open documents, else from disk; files over `maxFileSize` are left out.
 */
import * as vscode from 'vscode';
import { DocumentKind } from '../core';
import { HygieneSource } from '../core/hygiene';
import { identityOf } from './checker';
import { openDocument, readDiskText } from './projectReader';
import { createDocumentSelector } from './selection';
import { isOverSizeLimit, Settings } from './settings';

/** The names classifyPath reads as dotenv, as one glob for findFiles. */
export const DOTENV_GLOB = '**/{.env,.env.*,*.env,.envs/**}';

export function folderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(uri);
}

/** The dotenv files of the folder that the settings select, each once. */
export async function dotenvFiles(folder: vscode.WorkspaceFolder, settings: Settings): Promise<vscode.Uri[]> {
  const select = createDocumentSelector(settings);
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, DOTENV_GLOB));
  const open = vscode.workspace.textDocuments.filter((d) => folderOf(d.uri)?.uri.toString() === folder.uri.toString());
  const candidates = [
    ...found.map((uri) => ({ uri, languageId: openDocument(uri)?.languageId })),
    ...open.map((d) => ({ uri: d.uri, languageId: d.languageId })),
  ];
  const unique = new Map<string, vscode.Uri>();
  for (const { uri, languageId } of candidates) {
    if (select(identityOf(uri, languageId)) === 'dotenv') unique.set(uri.toString(), uri);
  }
  return [...unique.values()];
}

/** One file as a source for the checks; undefined when it is gone, unreadable or too large. */
export async function sourceOf(uri: vscode.Uri, kind: DocumentKind, settings: Settings): Promise<HygieneSource | undefined> {
  const text = openDocument(uri)?.getText() ?? (await readDiskText(uri));
  if (text === undefined || isOverSizeLimit(Buffer.byteLength(text, 'utf8'), settings.maxFileSize)) {
    return undefined;
  }
  return { path: uri.path, display: vscode.workspace.asRelativePath(uri, false), text, kind };
}
