/**
 * "Replace with a new key" on a weak key in a .env file, in the real editor: the quick fix is
 * offered and preferred, and the line becomes one single-quoted new Django key; other lines stay.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, waitFor, workspaceUri } from './util';

const FILE = 'replace-demo/.env';
const DJANGO_LINE = /^DJANGO_SECRET_KEY='[a-z0-9!@#%^&*(\-_=+)][a-z0-9!@#$%^&*(\-_=+)]{49}'\n$/;

suite('replace a weak .env key', () => {
  suiteSetup(async () => {
    await vscode.workspace.fs.writeFile(workspaceUri(FILE), new TextEncoder().encode('# local\nDJANGO_SECRET_KEY=short\nDEBUG=1\n'));
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('replace-demo'), { recursive: true, useTrash: false });
  });

  test('offers a preferred "Replace with a new key" that writes a fresh Django key in place', async () => {
    const editor = await openInEditor(FILE);
    const uri = editor.document.uri;
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find((d) => typeof d.code === 'object' && d.code.value === 'weak-secret-key'),
      { timeoutMs: 30_000, message: 'the weak-secret-key diagnostic' },
    );
    const action = await waitFor(
      async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
        return (all ?? []).find((a) => a.title === 'Replace with a new key');
      },
      { timeoutMs: 30_000, message: 'the replace quick fix' },
    );
    assert.strictEqual(action.isPreferred, true);
    assert.ok(action.command);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const lines = editor.document.getText().split(/(?<=\n)/);
    assert.strictEqual(lines.length, 3);
    assert.strictEqual(lines[0], '# local\n');
    assert.ok(DJANGO_LINE.test(lines[1]), 'the key line is one single-quoted 50-character Django key');
    assert.strictEqual(lines[2], 'DEBUG=1\n');
    await waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => d.source === 'django-secrets'), {
      timeoutMs: 30_000,
      message: 'no diagnostics left on the new key',
    });
  });
});
