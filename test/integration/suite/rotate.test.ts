/**
 * "Rotate Secret Key" and "Retire Old Secret Keys" in the real editor, on copies of the fixture
 * project `rotatedemo` (settings that read DJANGO_SECRET_KEY from .env with python-dotenv; each test
 * writes the .env). Expected texts are written out here, not computed with the engine.
 *
 * No key ever appears in an assertion message: texts that may hold one are compared with the keys
 * masked, and a generated key is checked for its shape only.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, disk, openInEditor, waitFor, workspaceUri, write } from './util';

const ROTATE = 'djangoSecrets.rotateKey';
const RETIRE = 'djangoSecrets.retireFallbacks';
const TEMPLATE = 'rotatedemo';
const SETTINGS = 'rotatedemo/settings.py';
/** The key in the test's .env (a throwaway test value). */
const OLD_KEY = 'r0t8#k2!x9w@q4m$b8n^v1c(z6e&l0t*r3y-u5i_o=p+a7sdk2';
const DJANGO_KEY = /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/;
const ENV_HEAD = '# local development\nDEBUG=1\n';
const ENV = `${ENV_HEAD}DJANGO_SECRET_KEY='${OLD_KEY}'\n`;

const KEY_LINE = 'SECRET_KEY = required_env("DJANGO_SECRET_KEY")\n';
const FALLBACKS_LINE = 'SECRET_KEY_FALLBACKS = [key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key]\n';

type RotateResult = { ok: true; mode: string; changed: string[]; warnings: string[] } | { ok: false; reason: string };
type RetireResult = { ok: true; changed: string[] } | { ok: false; reason: string };

/** Keys generated during the run, masked in comparisons like the test's own. */
const generated: string[] = [];

function masked(text: string | undefined): string | undefined {
  let out = text?.split(OLD_KEY).join('<old key>');
  generated.forEach((key, i) => {
    out = out?.split(key).join(`<new key ${i + 1}>`);
  });
  return out;
}

/** Exact comparison of texts that may hold a key; a difference is shown with the keys masked. */
function assertSameText(actual: string | undefined, expected: string | undefined, what: string): void {
  assert.strictEqual(masked(actual), masked(expected), what);
  assert.ok(actual === expected, `${what} (differs only inside a key)`);
}

/**
 * The key a rotation wrote to .env: the file must be exactly the head, then the key line, then
 * `fallbacks` lines (each '' for none); the key is recorded so later comparisons mask it.
 */
function newKeyIn(env: string | undefined, fallbacks: string): string {
  const match = /^# local development\nDEBUG=1\nDJANGO_SECRET_KEY='([^'\n]*)'\n([^]*)$/.exec(env ?? '');
  assert.ok(match, `.env is the head, then the key line (${(env ?? '').split('\n').length} lines)`);
  const key = match[1];
  assert.ok(DJANGO_KEY.test(key) && !key.startsWith('$'), `the new key is 50 characters of Django's alphabet (length ${key.length})`);
  assert.ok(key !== OLD_KEY && !generated.includes(key), 'the key is new');
  generated.push(key);
  assertSameText(match[2], fallbacks, 'the lines after the key line');
  return key;
}

async function discardAndClose(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme === 'file') {
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await closeAllEditors();
}

suite('rotate secret key', () => {
  const copies: string[] = [];
  let settingsBefore = '';

  async function project(name: string, env: string): Promise<string> {
    copies.push(name);
    await vscode.workspace.fs.copy(workspaceUri(TEMPLATE), workspaceUri(name), { overwrite: true });
    await write(`${name}/.env`, env);
    settingsBefore = (await disk(`${name}/${SETTINGS}`)) ?? '';
    assert.ok(settingsBefore.includes(`\n${KEY_LINE}\n`), 'the fixture reads the key from .env');
    return name;
  }

  teardown(discardAndClose);

  suiteTeardown(async () => {
    await discardAndClose();
    for (const name of copies) {
      await vscode.workspace.fs.delete(workspaceUri(name), { recursive: true, useTrash: false });
    }
  });

  test('routine: a new key, the old one as the only fallback, settings read them; retire removes it; undo restores both steps', async () => {
    const name = await project('rotate-routine', ENV);
    const editor = await openInEditor(`${name}/${SETTINGS}`);

    const rotated = await vscode.commands.executeCommand<RotateResult>(ROTATE, { uri: editor.document.uri, mode: 'routine', confirm: false });

    assert.deepStrictEqual(rotated, { ok: true, mode: 'routine', changed: [SETTINGS, '.env'], warnings: [] });
    const settingsRotated = settingsBefore.replace(KEY_LINE, KEY_LINE + FALLBACKS_LINE);
    assert.strictEqual(await disk(`${name}/${SETTINGS}`), settingsRotated, 'settings.py on disk');
    const envRotated = await disk(`${name}/.env`);
    const key = newKeyIn(envRotated, `DJANGO_SECRET_KEY_FALLBACKS='${OLD_KEY}'\n`);
    assert.strictEqual(editor.document.isDirty, false, 'settings.py is saved');

    const envUri = workspaceUri(`${name}/.env`);
    const retired = await vscode.commands.executeCommand<RetireResult>(RETIRE, { uri: envUri, confirm: false });

    assert.deepStrictEqual(retired, { ok: true, changed: ['.env'] });
    assertSameText(await disk(`${name}/.env`), `${ENV_HEAD}DJANGO_SECRET_KEY='${key}'\n`, '.env on disk after retiring');
    assert.strictEqual(await disk(`${name}/${SETTINGS}`), settingsRotated, 'settings.py keeps reading the (now empty) fallbacks');

    // Undo in .env: first the retirement, then the whole rotation (both files).
    const env = await vscode.workspace.openTextDocument(envUri);
    await vscode.window.showTextDocument(env, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => env.getText() === envRotated, { message: () => `undo to bring the fallbacks back (now ${env.lineCount} lines)` });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => env.getText() === ENV && editor.document.getText() === settingsBefore, {
      message: () => `undo to restore .env (${env.lineCount} lines) and settings.py (${editor.document.lineCount} lines)`,
    });
  });

  test('compromised, from the .env editor: the old key is gone and the settings are untouched', async () => {
    const name = await project('rotate-compromised', `${ENV}DJANGO_SECRET_KEY_FALLBACKS='${OLD_KEY}'\n`);
    const envEditor = await openInEditor(`${name}/.env`);

    const rotated = await vscode.commands.executeCommand<RotateResult>(ROTATE, { mode: 'compromised', confirm: false });

    assert.deepStrictEqual(rotated, { ok: true, mode: 'compromised', changed: ['.env'], warnings: [] });
    newKeyIn(await disk(`${name}/.env`), '');
    assert.strictEqual(await disk(`${name}/${SETTINGS}`), settingsBefore, 'settings.py on disk');
    assert.strictEqual(envEditor.document.isDirty, false, '.env is saved');
  });

  test('refuses without a key in .env, and retiring without fallbacks; nothing changes', async () => {
    const name = await project('rotate-refused', ENV_HEAD);
    const uri = workspaceUri(`${name}/${SETTINGS}`);

    const rotated = await vscode.commands.executeCommand<RotateResult>(ROTATE, { uri, mode: 'routine', confirm: false });
    const retired = await vscode.commands.executeCommand<RetireResult>(RETIRE, { uri, confirm: false });

    assert.deepStrictEqual(rotated, { ok: false, reason: '.env holds no DJANGO_SECRET_KEY to rotate; move the key there first.' });
    assert.deepStrictEqual(retired, { ok: false, reason: '.env holds no DJANGO_SECRET_KEY_FALLBACKS: there is nothing to retire.' });
    assert.strictEqual(await disk(`${name}/.env`), ENV_HEAD);
    assert.strictEqual(await disk(`${name}/${SETTINGS}`), settingsBefore);
  });
});
