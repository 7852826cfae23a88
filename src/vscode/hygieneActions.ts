/**
 * Quick fixes for the project-level findings on env files:
 * - env-file-not-ignored: "Add <entry> to .gitignore": the entry goes at the end of the nearest
 *   .gitignore between the env file and the root of its git work tree (never above the workspace
 *   folder), or into a new .gitignore at that root, as one WorkspaceEdit; the .gitignore is then
 *   saved (unless it had unsaved changes before), so git sees the entry at once.
 * - env-file-tracked: "Stop tracking <file> (git rm --cached)", which asks first (a modal
 *   dialog) and runs git only in a trusted workspace. The file stays on disk.
 * Both run internal commands (not in the Command Palette), with the env file's URI as argument.
 */
import * as vscode from 'vscode';
import { findWorkTree, ROTATE_COMPROMISED } from '../core/hygiene';
import { gitignoreEntryFor } from '../core/refactor/gitignoreEntry';
import { appendLine } from '../core/refactor/moveToEnv';
import { dirname, join } from '../core/refactor/project';
import { errorName } from './checker';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { stopTracking } from './gitFacts';
import type { HygieneChecker } from './hygiene';
import { folderOf } from './hygieneSources';
import { currentText, openDocument, WorkspaceProjectReader } from './projectReader';

/** Internal: the commands behind the quick fixes (argument: the env file's URI as a string). */
export const IGNORE_COMMAND = 'djangoSecrets.ignoreEnvFile';
export const STOP_TRACKING_COMMAND = 'djangoSecrets.stopTrackingEnvFile';
const STOP_BUTTON = 'Stop Tracking';

function ruleOf(diagnostic: vscode.Diagnostic): unknown {
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'object' ? diagnostic.code.value : undefined;
}

export class HygieneActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (ruleOf(diagnostic) === 'env-file-not-ignored') {
        actions.push(...(await ignoreAction(document.uri, diagnostic)));
      } else if (ruleOf(diagnostic) === 'env-file-tracked') {
        actions.push(stopTrackingAction(document.uri, diagnostic));
      }
    }
    return actions;
  }
}

/** Where the entry goes: the nearest existing .gitignore up to `top`, else a new one in `top`. */
async function gitignoreFor(envUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = folderOf(envUri);
  if (!folder) return undefined;
  const workTree = await findWorkTree(new WorkspaceProjectReader(envUri), dirname(envUri.path));
  const root = folder.uri.path.replace(/\/+$/, '');
  const top = workTree !== undefined && workTree.length > root.length ? workTree : root;
  for (let dir = dirname(envUri.path); dir.startsWith(top); dir = dirname(dir)) {
    const candidate = envUri.with({ path: join(dir, '.gitignore') });
    if ((await currentText(candidate)) !== undefined) return candidate;
    if (dir === top || dirname(dir) === dir) break;
  }
  return envUri.with({ path: join(top, '.gitignore') });
}

async function ignoreAction(envUri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const gitignore = await gitignoreFor(envUri);
  if (!gitignore) return [];
  const entry = gitignoreEntryFor(gitignore.path, envUri.path);
  const title = `Add ${entry} to ${vscode.workspace.asRelativePath(gitignore, false)}`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.command = { command: IGNORE_COMMAND, title, arguments: [envUri.toString()] };
  return [action];
}

/** What the ignore command did: the .gitignore (workspace-relative) and the entry, or why not. */
export type IgnoreResult = { readonly ok: true; readonly gitignore: string; readonly entry: string } | { readonly ok: false; readonly reason: string };

/** Appends the env file's entry to its .gitignore and saves it; resolves to what it did. */
export async function ignoreCommand(checker: HygieneChecker, log: vscode.LogOutputChannel, arg: unknown): Promise<IgnoreResult> {
  const envUri = uriOf(arg);
  const gitignore = envUri && (await gitignoreFor(envUri));
  if (!envUri || !gitignore) return failed('Add to .gitignore: expected the URI of an env file in the workspace.');
  const entry = gitignoreEntryFor(gitignore.path, envUri.path);
  const shown = vscode.workspace.asRelativePath(gitignore, false);
  const wasDirty = openDocument(gitignore)?.isDirty ?? false;
  if (!(await vscode.workspace.applyEdit(await appendEdit(gitignore, entry)))) {
    return failed(`Could not change ${shown}; nothing was changed.`);
  }
  if (!wasDirty && !(await save(gitignore))) {
    log.warn(`Add to .gitignore: could not save ${shown}.`);
    return failed(`Added ${entry} to ${shown} in the editor, but could not save it: save it for git to see the entry.`);
  }
  log.info(`Added an entry for ${vscode.workspace.asRelativePath(envUri, false)} to ${shown}.`);
  checker.noteFileChange(envUri);
  return { ok: true, gitignore: shown, entry };
}

function failed(reason: string): IgnoreResult {
  void vscode.window.showErrorMessage(reason);
  return { ok: false, reason };
}

async function save(uri: vscode.Uri): Promise<boolean> {
  try {
    const document = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
    return !document.isDirty || (await document.save());
  } catch {
    return false;
  }
}

/** Appends a line: a text edit on the file, or the file created with the line. */
async function appendEdit(uri: vscode.Uri, line: string): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  const document = openDocument(uri);
  const text = document?.getText() ?? (await currentText(uri));
  if (text === undefined) {
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(appendLine('', line)) });
    return edit;
  }
  const end = document ? document.positionAt(text.length) : endOf(text);
  edit.insert(uri, end, appendLine(text, line).slice(text.length));
  return edit;
}

/** The position after the last character, as the editor counts lines (LF, CRLF, CR). */
function endOf(text: string): vscode.Position {
  const lines = text.split(/\r\n|\r|\n/);
  return new vscode.Position(lines.length - 1, lines[lines.length - 1].length);
}

function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  try {
    return typeof arg === 'string' ? vscode.Uri.parse(arg, true) : undefined;
  } catch {
    return undefined;
  }
}

function stopTrackingAction(envUri: vscode.Uri, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const title = `Stop tracking ${vscode.workspace.asRelativePath(envUri, false)} (git rm --cached)`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.command = { command: STOP_TRACKING_COMMAND, title, arguments: [envUri.toString()] };
  return action;
}

/** Asks, then takes the env file out of git's index (as `git rm --cached`); resolves to whether git did it. */
export async function stopTrackingCommand(checker: HygieneChecker, log: vscode.LogOutputChannel, arg: unknown): Promise<boolean> {
  const uri = uriOf(arg);
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Stop tracking: expected the URI of a local env file.');
    return false;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Stop tracking runs git, which this extension runs only in a trusted workspace.');
    return false;
  }
  const shown = vscode.workspace.asRelativePath(uri, false);
  const detail =
    'This takes the file out of git\'s index, as git rm --cached does: it stays on disk, and your next commit removes it from the branch. ' +
    `The key stays in the history of the repository: add the file to .gitignore and ${ROTATE_COMPROMISED}.`;
  const choice = await vscode.window.showWarningMessage(`Stop tracking ${shown}?`, { modal: true, detail }, STOP_BUTTON);
  if (choice !== STOP_BUTTON) return false;
  return untrack(checker, log, uri, shown);
}

async function untrack(checker: HygieneChecker, log: vscode.LogOutputChannel, uri: vscode.Uri, shown: string): Promise<boolean> {
  let done = false;
  try {
    done = await stopTracking(uri.fsPath);
  } catch (error) {
    log.error(`Stop tracking ${shown} failed (${errorName(error)}).`);
  }
  log.info(`Stop tracking ${shown}: ${done ? 'done' : 'git failed'}.`);
  if (!done) {
    void vscode.window.showErrorMessage(`git could not stop tracking ${shown}; nothing was changed.`);
    return false;
  }
  checker.noteFileChange(uri);
  void vscode.window.showInformationMessage(`${shown} is no longer tracked. Commit the change, and ${ROTATE_COMPROMISED}.`);
  return true;
}
