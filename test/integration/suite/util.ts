/** Helpers for tests that run inside the real editor: deadlines instead of sleeps. */
import * as util from 'util';
import * as vscode from 'vscode';

/**
 * Prefix of the console lines that belong to the test report. The launcher prints those and keeps
 * the editor's own log lines in a file.
 */
export const TEST_OUTPUT_TAG = '[test-output] ';

/** Prints a line into the test report (the editor's other console output is not shown). */
export function report(...args: unknown[]): void {
  console.log(TEST_OUTPUT_TAG + util.format(...args));
}

export interface WaitOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** Pause between two checks (default 50 ms). */
  intervalMs?: number;
  /** What was awaited, for the failure message; a function is called at the deadline for the latest state. */
  message: string | (() => string);
}

/**
 * Calls `predicate` until it returns a truthy value (awaiting promises) and returns that value.
 * A throwing predicate counts as "not yet"; its last error is reported at the deadline.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 20_000, intervalMs = 50, message }: WaitOptions,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) {
        return value as NonNullable<T>;
      }
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const what = typeof message === 'function' ? message() : message;
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}${cause}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The fixture workspace folder the test run opened. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the integration tests need a workspace folder to be open');
  }
  return folder;
}

/** URI of a file in the fixture workspace, from its POSIX relative path. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/**
 * Opens a workspace file in an editor tab as a user would, and returns the editor.
 *
 * Deliberately not `workspace.openTextDocument` / `showTextDocument(uri)`: the editor keeps a
 * document an extension opened that way alive for minutes after its tab is closed, so
 * `onDidCloseTextDocument` would not fire when the test closes the tab.
 */
export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(relativePath);
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  return waitFor(
    () => vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString()),
    { message: `an editor showing ${relativePath}` },
  );
}

/**
 * Closes every editor tab, discarding unsaved edits first (closing a modified file would otherwise
 * ask whether to save it), so each test starts from the files as they are on disk.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme !== 'untitled') {
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Closes the tab(s) showing `uri`; unsaved edits must have been reverted first. */
export async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()),
  );
  await vscode.window.tabGroups.close(tabs);
}


/** A workspace file's text on disk, or undefined when it does not exist. */
export async function disk(relativePath: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relativePath)));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** Writes a workspace file (creating its folders). */
export async function write(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(text));
}
