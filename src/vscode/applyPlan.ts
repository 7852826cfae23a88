/**
 * Applies an engine plan (a list of FileChange) in the editor as ONE WorkspaceEdit: refuses when a
 * file changed since the plan was made, creates new files first and then makes every text edit, so
 * a single undo restores all the files; afterwards makes new owner-only files private and saves
 * the changed files that had no unsaved edits before. Logs paths only, never file contents.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { FileChange } from '../core/refactor/moveToEnv';
import { LineMap } from '../core/text';
import { errorName } from './checker';
import { currentText, openDocument } from './projectReader';

/** How the command applying the plan is named in the log and in its messages. */
export interface ApplyLabels {
  /** Prefix of log lines: the command's title. */
  readonly title: string;
  /** What was being prepared, for "<file> changed while the <action> was being prepared". */
  readonly action: string;
  /** Likely reasons the editor refused the edit, in parentheses after "could not apply the change". */
  readonly refusedHint: string;
}

export interface PreparedFile {
  readonly uri: vscode.Uri;
  readonly change: FileChange;
  /** The text the plan was made from (undefined for a file to create). */
  readonly before: string | undefined;
  readonly wasDirty: boolean;
}

export function prepare(uri: vscode.Uri, change: FileChange, before: string | undefined): PreparedFile {
  return { uri, change, before, wasDirty: openDocument(uri)?.isDirty ?? false };
}

export type Applied = { readonly ok: true; readonly unsaved: readonly string[] } | { readonly ok: false; readonly reason: string };

export async function applyChanges(log: vscode.LogOutputChannel, files: readonly PreparedFile[], labels: ApplyLabels): Promise<Applied> {
  const stale = await changedSince(files);
  if (stale) {
    return { ok: false, reason: `${stale} changed while the ${labels.action} was being prepared; nothing was changed. Try again.` };
  }
  if (!(await vscode.workspace.applyEdit(buildEdit(files)))) {
    log.warn(`${labels.title}: the editor did not apply the edit.`);
    return { ok: false, reason: `The editor could not apply the change (${labels.refusedHint}); nothing was changed.` };
  }
  await restrictNewFiles(log, files, labels);
  return { ok: true, unsaved: await saveUntouched(log, files, labels) };
}

/** The first file whose text differs from the one the plan was made from (or that appeared meanwhile). */
export async function changedSince(files: readonly PreparedFile[]): Promise<string | undefined> {
  for (const file of files) {
    if ((await currentText(file.uri)) !== file.before) {
      return file.change.path;
    }
  }
  return undefined;
}

/**
 * New files first, then every text edit in one run: the editor records the text edits as one
 * multi-file step, so one undo in settings.py restores all the changed files at once.
 */
export function buildEdit(files: readonly PreparedFile[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const file of files.filter((f) => f.change.create)) {
    edit.createFile(file.uri, { ignoreIfExists: false, contents: new TextEncoder().encode(file.change.newText) });
  }
  for (const file of files.filter((f) => !f.change.create)) {
    const position = positionsIn(file);
    for (const e of file.change.edits) {
      edit.replace(file.uri, new vscode.Range(position(e.start), position(e.end)), e.newText);
    }
  }
  return edit;
}

/** Offsets into the text the plan was made from, as editor positions. */
export function positionsIn(file: PreparedFile): (offset: number) => vscode.Position {
  const document = openDocument(file.uri);
  if (document) {
    return (offset) => document.positionAt(offset);
  }
  const lines = new LineMap(file.before ?? '');
  return (offset) => {
    const { line, character } = lines.position(offset);
    return new vscode.Position(line, character);
  };
}

/** Saves the changed files that had no unsaved edits before; returns those that could not be saved. */
export async function saveUntouched(log: vscode.LogOutputChannel, files: readonly PreparedFile[], labels: ApplyLabels): Promise<string[]> {
  const unsaved: string[] = [];
  for (const file of files.filter((f) => !f.change.create && !f.wasDirty)) {
    if (!(await save(file.uri))) {
      log.warn(`${labels.title}: could not save ${file.change.path}.`);
      unsaved.push(file.change.path);
    }
  }
  return unsaved;
}

async function save(uri: vscode.Uri): Promise<boolean> {
  try {
    const document = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
    return !document.isDirty || (await document.save());
  } catch {
    return false;
  }
}

/** Makes new env files readable by their owner only, where the file is on this machine's disk. */
export async function restrictNewFiles(log: vscode.LogOutputChannel, files: readonly PreparedFile[], labels: ApplyLabels): Promise<void> {
  for (const file of files.filter((f) => f.change.create && f.change.ownerOnly && f.uri.scheme === 'file')) {
    try {
      await fs.promises.chmod(file.uri.fsPath, 0o600);
    } catch (error) {
      log.warn(`${labels.title}: could not make ${file.change.path} private (${errorName(error)}).`);
    }
  }
}
