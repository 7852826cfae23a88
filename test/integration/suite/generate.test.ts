import * as assert from 'assert';
import * as vscode from 'vscode';
import { report, waitFor } from './util';

// Generated keys never appear in an assertion message or in the report: checks say what is wrong
// with a key (its length, an unexpected character), not what the key is.

const COMMAND = 'djangoSecrets.generateKey';
/** Django's get_random_secret_key() alphabet, written out here independently of the extension's copy. */
const DJANGO_KEY = /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/;

/** Why `key` is not a Django-format key from the generator, or undefined when it is one. */
function djangoKeyProblem(key: string): string | undefined {
  if (!DJANGO_KEY.test(key)) return `not 50 characters of Django's alphabet (length ${key.length})`;
  if (key.startsWith('$')) return 'starts with $';
  if (new Set(key).size < 5) return 'fewer than 5 distinct characters (W009)';
  return undefined;
}

/** Discards the edits of every document these tests opened and closes its editor, without a save prompt. */
async function discard(documents: vscode.TextDocument[]): Promise<void> {
  for (const document of documents.splice(0)) {
    if (document.isClosed) continue;
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // An untitled name is reused once its document is gone: wait for that before the next test.
    await waitFor(() => document.isClosed, { message: `${document.uri.toString()} to close` });
  }
}

/** The editor's text once `ready` holds for it. */
function textWhen(editor: vscode.TextEditor, ready: (text: string) => boolean): string | undefined {
  const text = editor.document.getText();
  return ready(text) ? text : undefined;
}

/** Positions of every occurrence of `needle`, as selections. */
function selectionsOf(document: vscode.TextDocument, needle: string): vscode.Selection[] {
  const text = document.getText();
  const selections: vscode.Selection[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    selections.push(new vscode.Selection(document.positionAt(at), document.positionAt(at + needle.length)));
  }
  return selections;
}

/** Accepts the highlighted (first) item of each quick pick the command shows, until the command returns. */
async function acceptingFirstItems<T>(command: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(command).finally(() => {
    settled = true;
  });
  await waitFor(
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    },
    { intervalMs: 200, message: 'the command to finish after its pickers' },
  );
  return result;
}

suite('generate secret key', () => {
  const opened: vscode.TextDocument[] = [];

  teardown(() => discard(opened));

  /** A new unsaved Python document with `content`, under a name no earlier test used. */
  async function untitled(content: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `generate-key-${Date.now()}-${opened.length}.py` });
    const document = await vscode.workspace.openTextDocument(uri);
    opened.push(document);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), content)), 'could not fill the document');
    assert.ok(document.getText() === content, `${uri.toString()} holds other text`);
    return editor;
  }

  test('replaces every selection with its own Django key, as one undoable edit', async () => {
    const original = "SECRET_KEY = 'REPLACE_ME'\nSECRET_KEY_FALLBACKS = ['REPLACE_ME']\n";
    const editor = await untitled(original);
    editor.selections = selectionsOf(editor.document, 'REPLACE_ME');
    assert.strictEqual(editor.selections.length, 2);

    const result = await vscode.commands.executeCommand(COMMAND, { format: 'django', destination: 'insert' });

    assert.deepStrictEqual(result, { format: 'django', destination: 'insert', length: 50, count: 2 });
    const text = await waitFor(() => textWhen(editor, (t) => !t.includes('REPLACE_ME')), { message: 'both placeholders to be replaced' });
    const match = /^SECRET_KEY = '([^'\n]*)'\nSECRET_KEY_FALLBACKS = \['([^'\n]*)'\]\n$/.exec(text);
    assert.ok(match, 'the text around the selections changed');
    const [, first, second] = match;
    assert.strictEqual(djangoKeyProblem(first), undefined, 'first key');
    assert.strictEqual(djangoKeyProblem(second), undefined, 'second key');
    assert.ok(first !== second, 'both selections got the same key');

    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === original, { message: 'one undo to restore both placeholders' });
  });

  test('inserts a key at the cursor when nothing is selected', async () => {
    const editor = await untitled('SECRET_KEY = ""\n');
    editor.selection = new vscode.Selection(0, 14, 0, 14);

    const result = await vscode.commands.executeCommand(COMMAND, { format: 'shell-safe', destination: 'insert' });

    assert.deepStrictEqual(result, { format: 'shell-safe', destination: 'insert', length: 50, count: 1 });
    const text = await waitFor(() => textWhen(editor, (t) => t.length > 20), { message: 'a key to be inserted' });
    assert.ok(/^SECRET_KEY = "[A-Za-z0-9_-]{50}"\n$/.test(text), `not one shell-safe key between the quotes (length ${text.length})`);
  });

  test('copies a Django key to the clipboard, and changes no document', async () => {
    const editor = await untitled('unchanged\n');
    const sentinel = `clipboard check ${Date.now()}`;
    await vscode.env.clipboard.writeText(sentinel);
    const readable = (await vscode.env.clipboard.readText()) === sentinel;

    const result = await vscode.commands.executeCommand(COMMAND, { format: 'django', destination: 'clipboard' });

    assert.deepStrictEqual(result, { format: 'django', destination: 'clipboard', length: 50, count: 1 });
    assert.ok(editor.document.getText() === 'unchanged\n', 'the document changed');
    if (!readable) {
      // VS Code for the Web reads the clipboard through the browser, which may refuse.
      report(`    (the clipboard cannot be read back in this editor (uiKind ${vscode.UIKind[vscode.env.uiKind]}); only the command's result was checked)`);
      return;
    }
    const key = await waitFor(async () => {
      const text = await vscode.env.clipboard.readText();
      return text !== sentinel ? text : undefined;
    }, { message: 'the clipboard to change' });
    assert.strictEqual(djangoKeyProblem(key), undefined, 'clipboard key');
  });

  test('offers the remembered destination first in its picker', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => vscode.window.activeTextEditor === undefined, { message: 'no active editor' });
    // Without an editor the clipboard is the only destination; taking the first item of each picker remembers it.
    const first = await acceptingFirstItems(vscode.commands.executeCommand(COMMAND));
    assert.deepStrictEqual(first, { format: 'django', destination: 'clipboard', length: 50, count: 1 });

    // With an editor, inserting would come first had the clipboard not been chosen last time.
    const editor = await untitled('unchanged\n');
    const second = await acceptingFirstItems(vscode.commands.executeCommand(COMMAND));
    assert.deepStrictEqual(second, { format: 'django', destination: 'clipboard', length: 50, count: 1 });
    assert.ok(editor.document.getText() === 'unchanged\n', 'the document changed');
  });

  test('refuses to insert without an editor, and rejects unknown arguments', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => vscode.window.activeTextEditor === undefined, { message: 'no active editor' });
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { format: 'django', destination: 'insert' }), undefined);
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { format: 'base64', destination: 'clipboard' }), undefined);
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { format: 'django', destination: 'file' }), undefined);
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, 'django'), undefined);
  });
});
