/**
 * Live diagnostics in the real editor, on the fixture workspace: exactly what appears when a file
 * opens, how it follows edits, and that it goes away when the file is closed.
 * Expected values are written out here, not computed with the engine.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, closeTabsOf, openInEditor, workspaceUri } from './util';
import { DOCS, expectDiagnostics, ours, Seen, SOURCE } from './seen';



const HARDCODED_MESSAGE =
  'SECRET_KEY is hardcoded in source code: anyone who can read this file can forge sessions, ' +
  'password-reset tokens, cookie-stored messages and anything signed with django.core.signing. ' +
  "Move it to an environment variable. Django's check security.W009 also calls it weak: " +
  "it starts with 'django-insecure-'.";

/** settings.py line 23: SECRET_KEY = 'django-insecure-<50 characters>' */
function hardcodedKeyAt(line: number): Seen {
  return {
    code: 'hardcoded-secret-key',
    docs: `${DOCS}/hardcoded-secret-key.md`,
    source: SOURCE,
    severity: 'Error',
    range: [line, 13, line, 81],
    message: HARDCODED_MESSAGE,
  };
}

/** .env line 1: DJANGO_SECRET_KEY=short */
const WEAK_DOTENV_KEY: Seen = {
  code: 'weak-secret-key',
  docs: `${DOCS}/weak-secret-key.md`,
  source: SOURCE,
  severity: 'Warning',
  range: [0, 18, 0, 23],
  message:
    "DJANGO_SECRET_KEY is weak (Django's check security.W009: it has fewer than 50 characters). " +
    'Generate a new key: it protects sessions, password-reset tokens, cookie-stored messages and ' +
    'anything signed with django.core.signing.',
};

suite('diagnostics', () => {
  setup(closeAllEditors);
  teardown(closeAllEditors);

  test('a hardcoded key in settings.py is reported when the file opens', async () => {
    await openInEditor('mysite/settings.py');
    await expectDiagnostics('mysite/settings.py', [hardcodedKeyAt(22)]);
  });

  test('a weak key in .env is reported as a warning', async () => {
    const editor = await openInEditor('.env');
    assert.strictEqual(editor.document.languageId, 'dotenv');
    await expectDiagnostics('.env', [WEAK_DOTENV_KEY]);
  });

  test('a file without secrets gets no diagnostics', async () => {
    await openInEditor('mysite/clean.py');
    // Documents are checked in the order they open: once settings.py has its diagnostic,
    // clean.py has been checked too.
    await openInEditor('mysite/settings.py');
    await expectDiagnostics('mysite/settings.py', [hardcodedKeyAt(22)]);
    assert.deepStrictEqual(ours(workspaceUri('mysite/clean.py')), []);
  });

  test('diagnostics follow edits and disappear once the key comes from the environment', async () => {
    const editor = await openInEditor('mysite/settings.py');
    const uri = editor.document.uri;
    await expectDiagnostics('mysite/settings.py', [hardcodedKeyAt(22)]);

    const insertLine = new vscode.WorkspaceEdit();
    insertLine.insert(uri, new vscode.Position(22, 0), '# Rotated on every deploy.\n');
    assert.ok(await vscode.workspace.applyEdit(insertLine), 'inserting a line was refused');
    await expectDiagnostics('mysite/settings.py', [hardcodedKeyAt(23)]);

    const literal = new vscode.Range(23, 13, 23, 81);
    assert.match(editor.document.getText(literal), /^'django-insecure-.{50}'$/);
    const useEnvironment = new vscode.WorkspaceEdit();
    useEnvironment.replace(uri, literal, "os.environ['DJANGO_SECRET_KEY']");
    assert.ok(await vscode.workspace.applyEdit(useEnvironment), 'replacing the literal was refused');
    assert.strictEqual(editor.document.lineAt(23).text, "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']");
    await expectDiagnostics('mysite/settings.py', []);
  });

  test('closing a file removes its diagnostics and leaves those of other open files', async () => {
    const settings = workspaceUri('mysite/settings.py');
    const dotenv = workspaceUri('.env');
    await openInEditor('mysite/settings.py');
    await openInEditor('.env');
    await expectDiagnostics('mysite/settings.py', [hardcodedKeyAt(22)]);
    await expectDiagnostics('.env', [WEAK_DOTENV_KEY]);

    await closeTabsOf(settings);
    await expectDiagnostics('mysite/settings.py', [], 60_000);
    assert.deepStrictEqual(ours(dotenv), [WEAK_DOTENV_KEY]);

    await closeTabsOf(dotenv);
    await expectDiagnostics('.env', [], 60_000);
  });
});
