/**
 * Project-level checks in the real editor, on real git repositories made inside the workspace copy:
 * an env file git would commit is reported on its first line, and the quick fix writes .gitignore
 * on disk, after which git ignores the file and the problem goes away; a committed env file is
 * reported as tracked, with its key in the history. Expected values are written out here.
 * No key appears in an assertion message: the keys are made up, and only ranges and messages
 * (which never hold a key) are compared.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { closeAllEditors, disk, openInEditor, waitFor, workspaceUri, write } from './util';
import { DOCS, expectDiagnostics, Seen, seen, SOURCE } from './seen';

/** Made-up keys Django accepts (50+ characters, no W009 weakness), one per repository. */
const UNIGNORED_KEY = 'i1#Vq8!zR2@wM6$kT0%pB4^nY7&cL3*dF9(gJ5)sU-eO+iX=aQ_rWbZ';
const TRACKED_KEY = 'i2@Wr9#xS3!yN7$lU1%qC5^oZ8&dM4*eG0(hK6)tV-fP+jY=bR_sXcA';
const NESTED_KEY = 'i3$Xs0@yT4#zO8!mV2%rD6^pA9&eN5*fH1(iL7)uW-gQ+kZ=cS_tYdB';


function diagnostic(code: string, severity: string, range: Seen['range'], message: string): Seen {
  return { code, docs: `${DOCS}/${code}.md`, source: SOURCE, severity, range, message };
}

/** git for the test's own set-up, with an identity and without the machine's configuration. */
function git(folder: string, ...args: string[]): void {
  const identity = ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false'];
  execFileSync('git', [...identity, ...args], {
    cwd: workspaceUri(folder).fsPath,
    stdio: 'ignore',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** The quick fixes at a diagnostic, asked for until this extension's are there. */
async function quickFixes(uri: vscode.Uri, range: vscode.Range, what: string): Promise<vscode.CodeAction[]> {
  return waitFor(
    async () => {
      const all = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const found = (all ?? []).filter((item): item is vscode.CodeAction => item instanceof vscode.CodeAction);
      return found.length > 0 ? found : undefined;
    },
    { timeoutMs: 30_000, message: what },
  );
}

suite('project checks on env files', () => {
  const repositories: string[] = [];

  /** A new git repository holding `files` (relative path -> text), nothing committed. */
  async function repository(name: string, files: Record<string, string>): Promise<string> {
    repositories.push(name);
    for (const [path, text] of Object.entries(files)) {
      await write(`${name}/${path}`, text);
    }
    git(name, 'init', '-q');
    return name;
  }

  teardown(closeAllEditors);
  suiteTeardown(async () => {
    await closeAllEditors();
    for (const name of repositories) {
      await vscode.workspace.fs.delete(workspaceUri(name), { recursive: true, useTrash: false });
    }
  });

  test('an env file git would commit: the exact problem, and "Add .env to .gitignore" fixes it on disk', async () => {
    const name = await repository('hygiene-unignored', {
      '.env': `# demo\nDJANGO_SECRET_KEY='${UNIGNORED_KEY}'\n`,
      '.gitignore': 'node_modules/',
    });
    const editor = await openInEditor(`${name}/.env`);
    await expectDiagnostics(`${name}/.env`, [
      diagnostic(
        'env-file-not-ignored',
        'Warning',
        [0, 0, 0, 6],
        'This file holds DJANGO_SECRET_KEY, and git does not ignore it: the next `git add` can commit the key. Add the file to .gitignore.',
      ),
    ]);

    const problem = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === SOURCE);
    assert.ok(problem, 'the env-file-not-ignored diagnostic');
    const actions = await quickFixes(editor.document.uri, problem.range, `the quick fixes in ${name}/.env`);
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred, a.command?.command, a.command?.arguments]),
      [[`Add .env to ${name}/.gitignore`, true, 'djangoSecrets.ignoreEnvFile', [editor.document.uri.toString()]]],
    );
    const command = actions[0].command;
    assert.ok(command, 'the quick fix runs a command');
    const result = await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.deepStrictEqual(result, { ok: true, gitignore: `${name}/.gitignore`, entry: '.env' });

    assert.strictEqual(await disk(`${name}/.gitignore`), 'node_modules/\n.env\n');
    assert.strictEqual(editor.document.isDirty, false, 'the env file is untouched');
    // git now ignores the file: the watcher on .gitignore runs the checks again.
    await expectDiagnostics(`${name}/.env`, []);
  });

  test('an env file in a subfolder of a repository without .gitignore: a new one at the root, with an anchored entry', async () => {
    const name = await repository('hygiene-nested', { 'config/.env.local': `DJANGO_SECRET_KEY=${NESTED_KEY}\n` });
    const editor = await openInEditor(`${name}/config/.env.local`);
    await expectDiagnostics(`${name}/config/.env.local`, [
      diagnostic(
        'env-file-not-ignored',
        'Warning',
        [0, 0, 0, 73],
        'This file holds DJANGO_SECRET_KEY, and git does not ignore it: the next `git add` can commit the key. Add the file to .gitignore.',
      ),
    ]);
    const problem = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === SOURCE);
    assert.ok(problem, 'the env-file-not-ignored diagnostic');
    const [action] = await quickFixes(editor.document.uri, problem.range, `the quick fixes in ${name}/config/.env.local`);
    assert.strictEqual(action.title, `Add /config/.env.local to ${name}/.gitignore`);
    const result = await vscode.commands.executeCommand(action.command?.command ?? '', ...(action.command?.arguments ?? []));
    assert.deepStrictEqual(result, { ok: true, gitignore: `${name}/.gitignore`, entry: '/config/.env.local' });
    assert.strictEqual(await disk(`${name}/.gitignore`), '/config/.env.local\n');
    await expectDiagnostics(`${name}/config/.env.local`, []);
  });

  test('a committed env file: tracked, and its key in the history; the stop-tracking fix is offered', async () => {
    const name = await repository('hygiene-tracked', { '.env': `# demo\nDJANGO_SECRET_KEY='${TRACKED_KEY}'\n` });
    git(name, 'add', '.env');
    git(name, 'commit', '-q', '-m', 'env');
    const editor = await openInEditor(`${name}/.env`);
    await expectDiagnostics(`${name}/.env`, [
      diagnostic(
        'env-file-tracked',
        'Error',
        [0, 0, 0, 6],
        'This file is tracked by git, so DJANGO_SECRET_KEY is in the repository and everyone with a clone has the key. ' +
          'Stop tracking the file (git rm --cached), add it to .gitignore, and rotate the key (compromised mode).',
      ),
      diagnostic(
        'secret-key-in-history',
        'Error',
        [1, 18, 1, 75],
        'This DJANGO_SECRET_KEY value is in the git history of the repository: treat it as leaked and rotate the key ' +
          '(compromised mode). Deleting it from the files does not remove it from existing clones.',
      ),
    ]);

    const tracked = vscode.languages.getDiagnostics(editor.document.uri).find((d) => seen(d).code === 'env-file-tracked');
    assert.ok(tracked, 'the env-file-tracked diagnostic');
    const actions = await quickFixes(editor.document.uri, tracked.range, `the quick fixes in ${name}/.env`);
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.command?.command, a.command?.arguments]),
      [[`Stop tracking ${name}/.env (git rm --cached)`, 'djangoSecrets.stopTrackingEnvFile', [editor.document.uri.toString()]]],
    );
  });
});
