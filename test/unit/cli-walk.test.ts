import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { collectFiles } from '../../src/cli/scan/collect';
import { Problems } from '../../src/cli/scan/problems';
import { makeTree, removeTree, runCli } from './cli-harness';

const PLAIN = 'DEBUG = True\n';

/** Which files a scan of `args` (run in `cwd`) would read, as `kind path` lines, and what it said. */
function collect(cwd: string, args: readonly string[]): { files: string[]; stderr: string; errors: boolean } {
  let stderr = '';
  const problems = new Problems({ cwd, writeStdout: () => undefined, writeStderr: (t) => (stderr += t) });
  const files = collectFiles(args, cwd, problems).map((f) => `${f.kind} ${f.path}`);
  return { files, stderr, errors: problems.hadErrors };
}

describe('cli scan: choosing files', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'manage.py': PLAIN,
      'mysite/settings.py': PLAIN,
      'mysite/types.pyi': PLAIN,
      'mysite/.env': PLAIN,
      'mysite/.env.production': PLAIN,
      'mysite/prod.env': PLAIN,
      '.envs/.production/.django': PLAIN,
      'README.md': PLAIN,
      'mysite/settings.py.bak': PLAIN,
      'mysite/__init__.pyc': PLAIN,
      '.git/hooks/pre-commit.py': PLAIN,
      '.hg/x.py': PLAIN,
      '.svn/x.py': PLAIN,
      'node_modules/pkg/settings.py': PLAIN,
      'frontend/node_modules/pkg/.env': PLAIN,
      'mysite/__pycache__/settings.py': PLAIN,
      '.tox/py312/settings.py': PLAIN,
      '.nox/tests/settings.py': PLAIN,
      '.mypy_cache/settings.py': PLAIN,
      '.pytest_cache/settings.py': PLAIN,
      'lib/python3.12/site-packages/django/conf/global_settings.py': PLAIN,
      '.venv/lib/settings.py': PLAIN,
      'venv/lib/settings.py': PLAIN,
      'py312/pyvenv.cfg': 'home = /usr/bin\n',
      'py312/lib/settings.py': PLAIN,
      'venvironment/settings.py': PLAIN,
    });
  });
  after(() => removeTree(root));

  it('walks folders for Python and dotenv files, skipping tool, cache and virtualenv folders', () => {
    assert.deepEqual(collect(root, ['.']), {
      files: [
        'dotenv .envs/.production/.django',
        'python manage.py',
        'dotenv mysite/.env',
        'dotenv mysite/.env.production',
        'dotenv mysite/prod.env',
        'python mysite/settings.py',
        'python mysite/types.pyi',
        'python venvironment/settings.py',
      ],
      stderr: '',
      errors: false,
    });
  });

  it('reports paths relative to the current folder, also for folders outside it', () => {
    assert.deepEqual(collect(join(root, 'mysite'), ['../manage.py', '.env', join(root, 'venvironment')]), {
      files: ['python ../manage.py', 'python ../venvironment/settings.py', 'dotenv .env'],
      stderr: '',
      errors: false,
    });
  });

  it('walks a folder named on the command line even when walking would skip it', () => {
    assert.deepEqual(collect(root, ['node_modules', 'py312', '.venv/']).files, [
      'python .venv/lib/settings.py',
      'python node_modules/pkg/settings.py',
      'python py312/lib/settings.py',
    ]);
  });

  it('reads a file named on the command line as dotenv if its name says so, else as Python', () => {
    assert.deepEqual(collect(root, ['README.md', 'mysite/settings.py.bak', 'mysite/prod.env']).files, [
      'python README.md',
      'dotenv mysite/prod.env',
      'python mysite/settings.py.bak',
    ]);
  });

  it('lists each file once when arguments overlap', () => {
    assert.deepEqual(collect(root, ['mysite/settings.py', 'mysite', './mysite/settings.py']).files, [
      'dotenv mysite/.env',
      'dotenv mysite/.env.production',
      'dotenv mysite/prod.env',
      'python mysite/settings.py',
      'python mysite/types.pyi',
    ]);
  });

  it('reports a missing path as an error and still collects the rest', () => {
    assert.deepEqual(collect(root, ['missing.py', 'manage.py', 'nowhere/', 'manage.py/x.py']), {
      files: ['python manage.py'],
      stderr:
        'missing.py: error: no such file or folder\n' +
        'nowhere/: error: no such file or folder\n' +
        'manage.py/x.py: error: a parent of this path is not a folder\n',
      errors: true,
    });
  });

  it('counts the walked files in the text summary and exits 0 when nothing is found', async () => {
    assert.deepEqual(await runCli(['scan'], root), { code: 0, stdout: 'No findings (8 files scanned)\n', stderr: '' });
    assert.deepEqual(await runCli(['scan', 'mysite', 'missing'], root), {
      code: 2,
      stdout: 'No findings (5 files scanned)\n',
      stderr: 'missing: error: no such file or folder\n',
    });
  });
});

describe('cli scan: symbolic links', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'app/settings.py': PLAIN, 'app/.env': PLAIN, 'outside/local.env': PLAIN });
    symlinkSync('..', join(root, 'app/loop'));
    symlinkSync('../app', join(root, 'app/again'));
    symlinkSync('settings.py', join(root, 'app/alias.py'));
    symlinkSync('../outside/local.env', join(root, 'app/linked.env'));
    symlinkSync('missing.py', join(root, 'app/dangling.py'));
    symlinkSync('missing.txt', join(root, 'app/dangling.txt'));
    symlinkSync('../outside', join(root, 'app/folder.py'));
    symlinkSync('b', join(root, 'a'));
    symlinkSync('a', join(root, 'b'));
    mkdirSync(join(root, 'empty'));
  });
  after(() => root && removeTree(root));

  it('does not follow symlinked folders (no loops), follows file links once, notes broken ones', () => {
    assert.deepEqual(collect(root, ['app']), {
      files: ['dotenv app/.env', 'dotenv app/linked.env', 'python app/settings.py'],
      stderr: 'app/dangling.py: note: skipped, broken symbolic link (no such file or folder)\n',
      errors: false,
    });
  });

  it('follows symlinks named on the command line; a path without a link wins over one with', () => {
    assert.deepEqual(collect(root, ['app/again', 'app/alias.py', 'empty']), {
      files: ['dotenv app/again/.env', 'dotenv app/again/linked.env', 'python app/again/settings.py'],
      stderr: 'app/again/dangling.py: note: skipped, broken symbolic link (no such file or folder)\n',
      errors: false,
    });
  });

  it('reports a symlink loop named on the command line as an error', async () => {
    assert.deepEqual(await runCli(['scan', 'a', 'app/settings.py'], root), {
      code: 2,
      stdout: 'No findings (1 file scanned)\n',
      stderr: 'a: error: too many levels of symbolic links\n',
    });
  });
});
