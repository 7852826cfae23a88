import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, report, waitFor, workspaceFolder } from './util';

const EXTENSION_ID = 'django-secret-hygiene.django-secret-hygiene';

suite('activation', () => {
  suiteTeardown(closeAllEditors);

  test('the extension under development is installed', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the installed extensions`);
    assert.strictEqual(extension.packageJSON.name, 'django-secret-hygiene');
    report(
      `    (editor ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, ` +
        `remoteName ${vscode.env.remoteName ?? 'none'}, extension kind ${vscode.ExtensionKind[extension.extensionKind]}, ` +
        `workspace ${workspaceFolder().uri.toString()})`,
    );
  });

  test('it is active once a Python file of the workspace is open', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const editor = await openInEditor('mysite/clean.py');
    assert.strictEqual(editor.document.languageId, 'python');
    await waitFor(() => extension.isActive, { timeoutMs: 30_000, message: `${EXTENSION_ID} to activate` });
  });
});
