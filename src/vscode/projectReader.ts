/**
 * The refactoring engine's view of a project (`ProjectReader`) over the editor: an open document's
 * text first (unsaved edits included), else the file through `workspace.fs`, so it works for any
 * file system the workspace uses. Paths are URI paths (`/` separators) on the scheme and authority
 * of one base URI. Remembers what it read, so edits can be placed on exactly that text.
 */
import * as vscode from 'vscode';
import { ProjectReader } from '../core/refactor/project';

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/** A file's text from disk (undefined when it is missing or not a file); the BOM is dropped as the editor does. */
export async function readDiskText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) {
      return undefined;
    }
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The open document's text, else the file's. */
export async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  return openDocument(uri)?.getText() ?? readDiskText(uri);
}

export class WorkspaceProjectReader implements ProjectReader {
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  async read(path: string): Promise<string | undefined> {
    const text = await currentText(this.uri(path));
    this.texts.set(path, text);
    return text;
  }

  async list(folder: string): Promise<string[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(this.uri(folder))).map(([name]) => name);
    } catch {
      return [];
    }
  }

  /** The text `read` returned for `path` (undefined when it was missing or never read). */
  textRead(path: string): string | undefined {
    return this.texts.get(path);
  }
}

/**
 * A command argument as a Uri: a Uri, its string form, or its JSON form (`{ scheme, path, ... }`,
 * as arguments may arrive); undefined when it is none of these.
 */
export function uriFromArgument(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  try {
    if (typeof value === 'string') return vscode.Uri.parse(value, true);
    const parts = value as { scheme?: unknown; path?: unknown } | null;
    if (typeof parts === 'object' && parts !== null && typeof parts.scheme === 'string' && typeof parts.path === 'string') {
      return vscode.Uri.from(parts as { scheme: string; path: string });
    }
  } catch {
    return undefined;
  }
  return undefined;
}
