// The `fix` command: exact files after each loader, the redacted dry-run diff, refusals, errors
// that change nothing, the all-or-nothing writer, and the unified diff it prints.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines, splitLines, unifiedDiff } from '../../src/cli/fix/diff';
import { redactor } from '../../src/cli/fix/redact';
import { FsOps, NODE_FS, PendingWrite, writeAll, WriteError } from '../../src/cli/fix/write';
import { fingerprint } from '../../src/core/fingerprint';
import { CliRun, makeTree, removeTree, runCli, runCliUnprivileged, RUNNING_AS_ROOT, UNPRIVILEGED_ID } from './cli-harness';

// Made-up keys. They are masked before any comparison, so a failing assertion never shows one.
const KEY = 'fix-Qm2#Lw7@Tz4!Rb8$Kc1%Vn6^Hd3&Jp5*Gs0(Yt-Wq)Ue+Xa=Zo9';
const OTHER_KEY = 'env-Zx8!Cv7@Bn6#Mq5%Wl4^Er3&Ty2*Ui1(Op0)As-Df+Gh=Jk7Lp';
const DOLLAR_KEY = '$ab-Zx8!Cv7@Bn6#Mq5%Wl4^Er3&Ty2*Ui1(Op0)As-Df+Gh=Jk7Lp';

/** Every key a test wrote or the CLI generated, with the label that replaces it in comparisons. */
const KEYS = new Map<string, string>([
  [KEY, '<KEY>'],
  [OTHER_KEY, '<OTHER_KEY>'],
  [DOLLAR_KEY, '<DOLLAR_KEY>'],
]);
/** Everything the CLI printed in this file, checked for key pieces at the end. */
const PRINTED: string[] = [];

function mask(text: string): string {
  let out = text;
  for (const [key, label] of KEYS) out = out.split(key).join(label);
  return out;
}

async function fix(cwd: string, ...argv: string[]): Promise<CliRun> {
  const run = await runCli(['fix', ...argv], cwd);
  PRINTED.push(run.stdout, run.stderr);
  return { code: run.code, stdout: mask(run.stdout), stderr: mask(run.stderr) };
}

async function fixUnprivileged(cwd: string, ...argv: string[]): Promise<CliRun> {
  const run = await runCliUnprivileged(['fix', ...argv], cwd);
  PRINTED.push(run.stdout, run.stderr);
  return { code: run.code, stdout: mask(run.stdout), stderr: mask(run.stderr) };
}

/** Every file under `root` (relative path -> masked text), so stray temporary files show up too. */
function readTree(root: string, folder = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(out, readTree(root, rel));
    else out[rel] = mask(readFileSync(join(root, rel), 'utf8'));
  }
  return out;
}

const MANAGE = 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

function settingsWith(literal: string): string {
  return `"""Settings for mysite."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = ${literal}

DEBUG = True

ALLOWED_HOSTS = []
`;
}

const SETTINGS = settingsWith(`'${KEY}'`);

function project(extra: Readonly<Record<string, string | Uint8Array>> = {}): string {
  return makeTree({ 'manage.py': MANAGE, 'mysite/__init__.py': '', 'mysite/settings.py': SETTINGS, ...extra });
}

/** The fixture project's files before any change, masked. */
const ORIGINAL_TREE = { 'manage.py': MANAGE, 'mysite/__init__.py': '', 'mysite/settings.py': mask(SETTINGS) };

const REQUIRED_ENV = (read: string, where: string): string => `def required_env(name):
    """Return the environment variable \`name\`; stop at start-up when it is missing or empty."""
    value = ${read}
    if not value:
        raise ImproperlyConfigured(f"Set {name} ${where}.")
    return value
`;
const BESIDE_MANAGE = 'in the environment or in .env beside manage.py';

const SETTINGS_AFTER = {
  dotenv: `"""Settings for mysite."""

from pathlib import Path
import os
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

load_dotenv(BASE_DIR / ".env")


${REQUIRED_ENV('os.environ.get(name, "")', BESIDE_MANAGE)}

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = required_env("DJANGO_SECRET_KEY")

DEBUG = True

ALLOWED_HOSTS = []
`,
  decouple: `"""Settings for mysite."""

from pathlib import Path
from django.core.exceptions import ImproperlyConfigured
from decouple import config

BASE_DIR = Path(__file__).resolve().parent.parent


${REQUIRED_ENV('config(name, default="")', BESIDE_MANAGE)}

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = required_env("DJANGO_SECRET_KEY")

DEBUG = True

ALLOWED_HOSTS = []
`,
  environ: `"""Settings for mysite."""

from pathlib import Path
from django.core.exceptions import ImproperlyConfigured
import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(str(BASE_DIR / ".env"))


${REQUIRED_ENV('env.str(name, default="")', BESIDE_MANAGE)}

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = required_env("DJANGO_SECRET_KEY")

DEBUG = True

ALLOWED_HOSTS = []
`,
  os: `"""Settings for mysite."""

from pathlib import Path
import os
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


${REQUIRED_ENV('os.environ.get(name, "")', 'in the environment of the process that runs Django')}

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = required_env("DJANGO_SECRET_KEY")

DEBUG = True

ALLOWED_HOSTS = []
`,
} as const;

const LOADER_CASES = [
  { loader: 'dotenv', readBy: 'read with python-dotenv', note: "Install python-dotenv and add it to your project's dependencies." },
  { loader: 'decouple', readBy: 'read with python-decouple', note: "Install python-decouple and add it to your project's dependencies." },
  { loader: 'environ', readBy: 'read with django-environ', note: "Install django-environ and add it to your project's dependencies." },
  {
    loader: 'os',
    readBy: 'read from os.environ',
    note:
      ".env is not read by Python with this choice: set DJANGO_SECRET_KEY in the platform's environment " +
      '(the value is kept in .env so it is not lost).',
  },
] as const;

const CREATED_LINES = 'updated mysite/settings.py\ncreated .env (owner-only)\ncreated .gitignore\ncreated .env.example\n';
const NO_LOADER_NOTE = 'note: No .env loader found in the project; using python-dotenv (choose another with --loader).\n';
const INSTALL_DOTENV_NOTE = "note: Install python-dotenv and add it to your project's dependencies.\n";

describe('cli fix: each loader', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));

  for (const { loader, readBy, note } of LOADER_CASES) {
    it(`--loader ${loader}: rewrites the settings, creates an owner-only .env, .gitignore and .env.example`, async () => {
      const root = project();
      roots.push(root);
      assert.deepEqual(await fix(root, '--loader', loader, 'mysite/settings.py'), {
        code: 0,
        stdout: `Moved SECRET_KEY to DJANGO_SECRET_KEY in .env, ${readBy}.\n${CREATED_LINES}`,
        stderr: `note: ${note}\n`,
      });
      assert.deepEqual(readTree(root), {
        '.env': "DJANGO_SECRET_KEY='<KEY>'\n",
        '.env.example': 'DJANGO_SECRET_KEY=\n',
        '.gitignore': '.env\n',
        'manage.py': MANAGE,
        'mysite/__init__.py': '',
        'mysite/settings.py': SETTINGS_AFTER[loader],
      });
      assert.equal(statSync(join(root, '.env')).mode & 0o777, 0o600);
    });
  }
});

describe('cli fix: choices and project facts', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('picks python-dotenv when the project uses no loader, and adds it to requirements.txt', async () => {
    root = project({ 'requirements.txt': 'Django>=3.2' });
    assert.deepEqual(await fix(root, 'mysite/settings.py'), {
      code: 0,
      stdout:
        'Moved SECRET_KEY to DJANGO_SECRET_KEY in .env, read with python-dotenv.\n' +
        'updated mysite/settings.py\ncreated .env (owner-only)\ncreated .gitignore\ncreated .env.example\nupdated requirements.txt\n',
      stderr: `${NO_LOADER_NOTE}note: Added python-dotenv to requirements.txt.\n`,
    });
    assert.equal(readFileSync(join(root, 'requirements.txt'), 'utf8'), 'Django>=3.2\npython-dotenv\n');
    assert.equal(readFileSync(join(root, 'mysite/settings.py'), 'utf8'), SETTINGS_AFTER.dotenv);
  });

  it('picks the loader the project declares, without a note', async () => {
    root = project({ 'requirements.txt': 'Django==3.2.25\ndjango-environ==0.4.4\n' });
    assert.deepEqual(await fix(root, 'mysite/settings.py'), {
      code: 0,
      stdout: `Moved SECRET_KEY to DJANGO_SECRET_KEY in .env, read with django-environ.\n${CREATED_LINES}`,
      stderr: '',
    });
    assert.equal(readFileSync(join(root, 'mysite/settings.py'), 'utf8'), SETTINGS_AFTER.environ);
  });

  it('adds the key to an existing .env in place, keeping its mode, and an existing .gitignore entry', async () => {
    root = project({ '.env': 'DEBUG=1\n# DJANGO_SECRET_KEY=old\n', '.gitignore': '*.pyc\n.env\n', '.env.example': 'DEBUG=\n' });
    chmodSync(join(root, '.env'), 0o640);
    chmodSync(join(root, 'mysite/settings.py'), 0o664);
    assert.deepEqual(await fix(root, '--loader', 'dotenv', 'mysite/settings.py'), {
      code: 0,
      stdout: 'Moved SECRET_KEY to DJANGO_SECRET_KEY in .env, read with python-dotenv.\nupdated mysite/settings.py\nupdated .env\nupdated .env.example\n',
      stderr: INSTALL_DOTENV_NOTE,
    });
    assert.deepEqual(readTree(root), {
      '.env': "DEBUG=1\n# DJANGO_SECRET_KEY=old\nDJANGO_SECRET_KEY='<KEY>'\n",
      '.env.example': 'DEBUG=\nDJANGO_SECRET_KEY=\n',
      '.gitignore': '*.pyc\n.env\n',
      'manage.py': MANAGE,
      'mysite/__init__.py': '',
      'mysite/settings.py': SETTINGS_AFTER.dotenv,
    });
    assert.equal(statSync(join(root, '.env')).mode & 0o777, 0o640);
    assert.equal(statSync(join(root, 'mysite/settings.py')).mode & 0o777, 0o664);
  });

  it('asks git whether the .env file is ignored (here by .git/info/exclude)', async () => {
    root = project();
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: root }).status, 0, 'git init failed');
    writeFileSync(join(root, '.git/info/exclude'), '.env\n');
    assert.deepEqual(await fix(root, '--loader', 'dotenv', 'mysite/settings.py'), {
      code: 0,
      stdout: 'Moved SECRET_KEY to DJANGO_SECRET_KEY in .env, read with python-dotenv.\nupdated mysite/settings.py\ncreated .env (owner-only)\ncreated .env.example\n',
      stderr: INSTALL_DOTENV_NOTE,
    });
  });

  it('uses --variable and --env-file, and prints paths relative to the current folder', async () => {
    root = project({ 'mysite/.gitkeep': '' });
    const cwd = join(root, 'mysite');
    assert.deepEqual(await fix(cwd, '--loader', 'decouple', '--variable', 'SECRET_KEY', '--env-file', '.env', 'settings.py'), {
      code: 0,
      stdout:
        'Moved SECRET_KEY to SECRET_KEY in .env, read with python-decouple.\n' +
        'updated settings.py\ncreated .env (owner-only)\ncreated ../.gitignore\ncreated .env.example\n',
      stderr: "note: Install python-decouple and add it to your project's dependencies.\n",
    });
    const tree = readTree(root);
    assert.equal(tree['mysite/.env'], "SECRET_KEY='<KEY>'\n");
    assert.equal(tree['mysite/.env.example'], 'SECRET_KEY=\n');
    assert.equal(tree['.gitignore'], '/mysite/.env\n');
    assert.match(tree['mysite/settings.py'], /^SECRET_KEY = required_env\("SECRET_KEY"\)$/m);
    assert.match(tree['mysite/settings.py'], /raise ImproperlyConfigured\(f"Set \{name\} in the environment or in mysite\/\.env \(relative to manage\.py\)\."\)/);
  });

  it('exits 0 with a message when there is nothing to fix', async () => {
    root = project({ 'mysite/settings.py': 'import os\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' });
    assert.deepEqual(await fix(root, 'mysite/settings.py'), { code: 0, stdout: '', stderr: 'No hardcoded SECRET_KEY in mysite/settings.py.\n' });
    assert.deepEqual(readdirSync(root).sort(), ['manage.py', 'mysite']);
  });
});

describe('cli fix --dry-run', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('prints a unified diff with every key redacted and writes nothing', async () => {
    root = project();
    const before = statSync(join(root, 'mysite/settings.py')).mtimeMs;
    const label = `<redacted ${fingerprint(KEY)}>`;
    assert.deepEqual(await fix(root, '--dry-run', 'mysite/settings.py'), {
      code: 0,
      stdout: `--- a/mysite/settings.py
+++ b/mysite/settings.py
@@ -1,11 +1,25 @@
 """Settings for mysite."""
 
 from pathlib import Path
+import os
+from django.core.exceptions import ImproperlyConfigured
+from dotenv import load_dotenv
 
 BASE_DIR = Path(__file__).resolve().parent.parent
 
+load_dotenv(BASE_DIR / ".env")
+
+
+def required_env(name):
+    """Return the environment variable \`name\`; stop at start-up when it is missing or empty."""
+    value = os.environ.get(name, "")
+    if not value:
+        raise ImproperlyConfigured(f"Set {name} in the environment or in .env beside manage.py.")
+    return value
+
+
 # SECURITY WARNING: keep the secret key used in production secret!
-SECRET_KEY = '${label}'
+SECRET_KEY = required_env("DJANGO_SECRET_KEY")
 
 DEBUG = True
 
--- /dev/null
+++ b/.env
@@ -0,0 +1 @@
+DJANGO_SECRET_KEY='${label}'
--- /dev/null
+++ b/.gitignore
@@ -0,0 +1 @@
+.env
--- /dev/null
+++ b/.env.example
@@ -0,0 +1 @@
+DJANGO_SECRET_KEY=
`,
      stderr: NO_LOADER_NOTE + INSTALL_DOTENV_NOTE,
    });
    assert.deepEqual(readTree(root), ORIGINAL_TREE);
    assert.equal(statSync(join(root, 'mysite/settings.py')).mtimeMs, before);
  });

  it('redacts a key split over several literals and written with escapes, and the new key when rotating', async () => {
    const source = `(\n    '${KEY.slice(0, 30)}'\n    "${KEY.slice(30, 40)}\\x${KEY.charCodeAt(40).toString(16)}${KEY.slice(41)}"\n)`;
    root = project({ 'mysite/settings.py': settingsWith(source) });
    const run = await fix(root, '--dry-run', '--rotate', '--loader', 'os', 'mysite/settings.py');
    const newKey = /^\+DJANGO_SECRET_KEY='(<redacted sha256:[0-9a-f]{8}>)'$/m.exec(run.stdout)?.[1];
    assert.ok(newKey !== undefined && newKey !== `<redacted ${fingerprint(KEY)}>`, 'the .env line shows a redacted new key');
    assert.ok(
      run.stdout.includes(` SECRET_KEY = (\n-    <redacted ${fingerprint(KEY)}>\n+    required_env("DJANGO_SECRET_KEY")\n )\n`),
      'the settings hunk shows the old key redacted',
    );
    assert.equal(run.code, 0);
    assert.deepEqual(readTree(root)['mysite/settings.py'], mask(settingsWith(source)));
  });

  it('checks the targets as a real run would', async () => {
    root = project({ '.env/placeholder': '' });
    assert.deepEqual(await fix(root, '--dry-run', 'mysite/settings.py'), {
      code: 2,
      stdout: '',
      stderr: '.env: error: is a folder, not a file; nothing was changed\n',
    });
  });
});

describe('cli fix --rotate', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('writes a new valid Django key instead of the old one', async () => {
    root = project();
    assert.deepEqual(await fix(root, '--rotate', '--loader', 'environ', 'mysite/settings.py'), {
      code: 0,
      stdout: `Wrote a new SECRET_KEY to DJANGO_SECRET_KEY in .env, read with django-environ.\n${CREATED_LINES}`,
      stderr:
        "note: Install django-environ and add it to your project's dependencies.\n" +
        'note: A new key was written: existing sessions and password-reset links signed with the old key stop working.\n',
    });
    const env = readFileSync(join(root, '.env'), 'utf8');
    const value = /^DJANGO_SECRET_KEY='([a-z0-9!@#$%^&*(\-_=+)]{50})'\n$/.exec(env)?.[1];
    assert.ok(value !== undefined, '.env holds one 50-character key from Django\'s alphabet, single-quoted');
    KEYS.set(value, '<NEW_KEY>');
    assert.ok(value !== KEY && !value.startsWith('$') && new Set(value).size >= 5, 'the new key differs, does not start with $ and passes W009');
    assert.equal(readFileSync(join(root, 'mysite/settings.py'), 'utf8'), SETTINGS_AFTER.environ);
  });

  it('moves a key that cannot be written as it is when asked to rotate', async () => {
    root = project({ 'mysite/settings.py': settingsWith(`'${DOLLAR_KEY}'`) });
    const refused = await fix(root, 'mysite/settings.py');
    assert.deepEqual(refused, {
      code: 1,
      stdout: '',
      stderr:
        "mysite/settings.py: not changed: The value of DJANGO_SECRET_KEY starts with '$', which django-environ reads as a reference " +
        "to another variable, so it can't be written to a .env file safely: rotate to a new key instead.\n" +
        'Run again with --rotate to write a new key instead.\n',
    });
    assert.deepEqual(readdirSync(root).sort(), ['manage.py', 'mysite']);
    assert.equal((await fix(root, '--rotate', '--loader', 'dotenv', 'mysite/settings.py')).code, 0);
    const value = /^DJANGO_SECRET_KEY='(.{50})'\n$/.exec(readFileSync(join(root, '.env'), 'utf8'))?.[1];
    assert.ok(value !== undefined && value !== DOLLAR_KEY, '.env holds a new 50-character key');
    KEYS.set(value, '<NEW_KEY_2>');
  });
});

describe('cli fix: refusals and errors change nothing', () => {
  let root: string;
  afterEach(() => {
    chmodSync(root, 0o755);
    removeTree(root);
  });

  it('refuses to overwrite a different key already in .env (exit 1)', async () => {
    root = project({ '.env': `DJANGO_SECRET_KEY='${OTHER_KEY}'\n` });
    assert.deepEqual(await fix(root, 'mysite/settings.py'), {
      code: 1,
      stdout: '',
      stderr:
        'mysite/settings.py: not changed: .env already holds a different DJANGO_SECRET_KEY; it was not overwritten. ' +
        'Remove it (or make it equal) and try again.\n',
    });
    assert.deepEqual(readTree(root), { ...ORIGINAL_TREE, '.env': "DJANGO_SECRET_KEY='<OTHER_KEY>'\n" });
  });

  it('refuses a .env that python-decouple would not find (exit 1)', async () => {
    root = project({ 'config/.keep': '' });
    assert.deepEqual(await fix(root, '--loader', 'decouple', '--env-file', 'config/.env', 'mysite/settings.py'), {
      code: 1,
      stdout: '',
      stderr:
        "mysite/settings.py: not changed: python-decouple only finds a file named .env in the settings module's folder " +
        'or above it, not config/.env.\n',
    });
  });

  const errors: Array<{ title: string; files?: Record<string, string | Uint8Array>; args: string[]; stderr: string; prepare?: (root: string) => void }> = [
    { title: 'a missing settings file', args: ['mysite/nowhere.py'], stderr: 'mysite/nowhere.py: error: no such file or folder\n' },
    { title: 'a folder given as the settings file', args: ['mysite'], stderr: 'mysite: error: is a folder, not a settings file\n' },
    {
      title: 'settings that are not valid UTF-8',
      files: { 'mysite/settings.py': Buffer.concat([Buffer.from(SETTINGS), Buffer.from([0xff, 0x0a])]) },
      args: ['mysite/settings.py'],
      stderr: 'mysite/settings.py: error: is not valid UTF-8; it was not changed\n',
    },
    { title: 'a folder named .env', files: { '.env/x': '' }, args: ['mysite/settings.py'], stderr: '.env: error: is a folder, not a file; nothing was changed\n' },
    {
      title: 'a folder named .env.example (after .env and .gitignore were planned)',
      files: { '.env.example/x': '' },
      args: ['mysite/settings.py'],
      stderr: '.env.example: error: is a folder, not a file; nothing was changed\n',
    },
    {
      title: 'a read-only settings file',
      args: ['mysite/settings.py'],
      prepare: (root) => chmodSync(join(root, 'mysite/settings.py'), 0o444),
      stderr: 'mysite/settings.py: error: is read-only; nothing was changed\n',
    },
    {
      title: 'an --env-file outside the project',
      args: ['--env-file', '../outside.env', 'mysite/settings.py'],
      stderr: '../outside.env: error: is not inside the project folder (., where manage.py is)\n',
    },
    {
      title: 'an --env-file in a folder that does not exist',
      args: ['--env-file', 'config/.env', 'mysite/settings.py'],
      stderr: 'config/.env: error: its folder does not exist; nothing was changed\n',
    },
  ];
  for (const e of errors) {
    it(`exits 2 on ${e.title}`, async () => {
      root = project(e.files);
      e.prepare?.(root);
      const before = readTree(root);
      assert.deepEqual(await fix(root, ...e.args), { code: 2, stdout: '', stderr: e.stderr });
      assert.deepEqual(readTree(root), before);
    });
  }

  it('exits 2 on an unreadable settings file or .env, as a user that permission bits apply to', async () => {
    root = project({ '.env': 'DEBUG=1\n' });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'mysite/settings.py'), 0o000);
    assert.deepEqual(await fixUnprivileged(root, 'mysite/settings.py'), {
      code: 2,
      stdout: '',
      stderr: 'mysite/settings.py: error: permission denied\n',
    });
    chmodSync(join(root, 'mysite/settings.py'), 0o644);
    chmodSync(join(root, '.env'), 0o000);
    assert.deepEqual(await fixUnprivileged(root, 'mysite/settings.py'), { code: 2, stdout: '', stderr: '.env: error: permission denied\n' });
    chmodSync(join(root, '.env'), 0o644);
    assert.deepEqual(readTree(root), { ...ORIGINAL_TREE, '.env': 'DEBUG=1\n' });
  });

  it('leaves every file as it was when one folder is read-only (temporary files removed)', async () => {
    root = project();
    chmodSync(root, 0o755);
    if (RUNNING_AS_ROOT) {
      for (const path of ['', 'manage.py', 'mysite', 'mysite/__init__.py', 'mysite/settings.py']) {
        chownSync(join(root, path), UNPRIVILEGED_ID, UNPRIVILEGED_ID);
      }
    }
    chmodSync(join(root, 'mysite'), 0o555);
    assert.deepEqual(await fixUnprivileged(root, '--loader', 'dotenv', 'mysite/settings.py'), {
      code: 2,
      stdout: '',
      stderr: 'mysite/settings.py: error: cannot create a file in its folder: permission denied; nothing was changed\n',
    });
    chmodSync(join(root, 'mysite'), 0o755);
    assert.deepEqual(readTree(root), ORIGINAL_TREE);
  });
});

const FIX_HELP = `Usage: django-secret-hygiene fix [options] SETTINGS_FILE

Moves the first hardcoded SECRET_KEY in SETTINGS_FILE into a .env file and
makes the settings read it from there, stopping at start-up with
ImproperlyConfigured when the variable is missing. The project folder is the
nearest folder with manage.py at or above SETTINGS_FILE.

Files it may change: the settings file, the .env file (created readable by
its owner only), .env.example (a placeholder), .gitignore (unless git already
ignores the .env file) and requirements.txt (the loader package). They are
written all together or not at all: a file changed since it was read, a
read-only file or a folder in the way stops the command before any change.

Options:
  --loader LOADER  how the settings read .env: auto (default), dotenv,
                   decouple, environ or os. auto picks the library the
                   project already uses, else python-dotenv; os reads
                   os.environ only (the platform sets the variable)
  --rotate         write a new random key instead of the current one
                   (existing sessions and password-reset links stop working)
  --env-file PATH  the .env file to write, relative to the current folder and
                   inside the project folder (default: .env beside manage.py)
  --variable NAME  the variable to hold the key (default: DJANGO_SECRET_KEY);
                   a name the project already uses for the key wins
  --dry-run        print the changes as a unified diff (paths relative to the
                   project folder) and write nothing
  -h, --help       show this help and exit

Standard output lists the files written, or the diff; notes, refusals and
errors go to standard error. Keys are never printed: a diff shows them as
<redacted sha256:...>.

Exit status: 0 fixed, nothing to fix or dry run; 1 not fixed because the key
can't be moved safely (see --rotate); 2 usage or file errors.
`;

describe('cli fix arguments', () => {
  const usage = (message: string): string =>
    `django-secret-hygiene: ${message}\nRun 'django-secret-hygiene fix --help' for usage.\n`;
  const bad: Array<[string[], string]> = [
    [[], 'missing SETTINGS_FILE'],
    [['a.py', 'b.py'], "unexpected argument 'b.py'"],
    [['--loader', 'poetry', 'a.py'], "invalid --loader 'poetry' (expected auto, dotenv, decouple, environ, os)"],
    [['--variable', '1KEY', 'a.py'], "invalid --variable '1KEY' (letters, digits and _, not starting with a digit)"],
    [['--variable=SECRET-KEY', 'a.py'], "invalid --variable 'SECRET-KEY' (letters, digits and _, not starting with a digit)"],
    [['--rotate=yes', 'a.py'], "option '--rotate' takes no value"],
    [['--env-file', 'a.py'], 'missing SETTINGS_FILE'],
  ];
  for (const [argv, message] of bad) {
    it(`exits 2 with a usage error on ${argv.join(' ') || 'no arguments'}`, async () => {
      assert.deepEqual(await fix(process.cwd(), ...argv), { code: 2, stdout: '', stderr: usage(message) });
    });
  }

  it('prints its help', async () => {
    assert.deepEqual(await fix(process.cwd(), '--help'), { code: 0, stdout: FIX_HELP, stderr: '' });
  });
});

describe('cli fix: writing all files or none', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
  });
  afterEach(() => removeTree(root));

  function pending(name: string, text: string, ownerOnly = false): PendingWrite {
    const path = join(root, name);
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path);
    } catch {
      bytes = undefined;
    }
    return { path, text, ownerOnly, snapshot: { bytes, mtimeMs: bytes ? statSync(path).mtimeMs : 0 } };
  }

  /** Node's fs, except that the `failAt`-th rename of a temporary file over its target fails. */
  function failingRename(failAt: number, alsoFailRestore = false): FsOps {
    let commits = 0;
    return {
      ...NODE_FS,
      renameSync: (from, to) => {
        const committing = String(from).endsWith('.tmp');
        if (committing && ++commits === failAt) throw Object.assign(new Error('EIO'), { code: 'EIO' });
        if (!committing && alsoFailRestore) throw Object.assign(new Error('EIO'), { code: 'EIO' });
        NODE_FS.renameSync(from, to);
      },
    };
  }

  it('writes every file, with the right modes', () => {
    chmodSync(join(root, 'a.txt'), 0o640);
    writeAll([pending('a.txt', 'A\n'), pending('new.env', 'N\n', true), pending('new.txt', 'T\n')]);
    assert.deepEqual(readTree(root), { 'a.txt': 'A\n', 'b.txt': 'b\n', 'new.env': 'N\n', 'new.txt': 'T\n' });
    assert.equal(statSync(join(root, 'a.txt')).mode & 0o777, 0o640);
    assert.equal(statSync(join(root, 'new.env')).mode & 0o777, 0o600);
    assert.equal(statSync(join(root, 'new.txt')).mode & 0o777, 0o666 & ~process.umask());
  });

  it('restores every file when a later rename fails', () => {
    const writes = [pending('a.txt', 'A\n'), pending('new.txt', 'N\n'), pending('b.txt', 'B\n')];
    assert.throws(
      () => writeAll(writes, failingRename(3)),
      (err) => err instanceof WriteError && err.path === join(root, 'b.txt') && err.message === 'input/output error' && err.unrestored.length === 0,
    );
    assert.deepEqual(readTree(root), { 'a.txt': 'a\n', 'b.txt': 'b\n' });
  });

  it('says where the old content is when it cannot be restored', () => {
    assert.throws(
      () => writeAll([pending('a.txt', 'A\n'), pending('b.txt', 'B\n')], failingRename(2, true)),
      (err) => {
        assert.ok(err instanceof WriteError);
        assert.equal(err.unrestored.length, 1);
        assert.equal(err.unrestored[0].path, join(root, 'a.txt'));
        assert.equal(readFileSync(err.unrestored[0].backup, 'utf8'), 'a\n');
        return true;
      },
    );
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'A\n');
    assert.equal(readFileSync(join(root, 'b.txt'), 'utf8'), 'b\n');
  });

  it('refuses files changed or created since they were read, before writing anything', () => {
    const writes = [pending('a.txt', 'A\n'), pending('b.txt', 'B\n'), pending('c.txt', 'C\n')];
    writeFileSync(join(root, 'b.txt'), 'changed\n');
    const changed = (path: string) => (err: unknown) =>
      err instanceof WriteError && err.path === join(root, path) && err.message === 'changed on disk since it was read; run the command again';
    assert.throws(() => writeAll(writes), changed('b.txt'));
    assert.deepEqual(readTree(root), { 'a.txt': 'a\n', 'b.txt': 'changed\n' });
    writeFileSync(join(root, 'b.txt'), 'b\n');
    writeFileSync(join(root, 'c.txt'), 'someone else\n');
    assert.throws(() => writeAll([writes[0], pending('b.txt', 'B\n'), writes[2]]), changed('c.txt'));
    assert.deepEqual(readTree(root), { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'someone else\n' });
  });

  it('removes its temporary files when a later one cannot be created', () => {
    mkdirSync(join(root, 'sub'));
    const writes = [pending('a.txt', 'A\n'), pending('sub/x.txt', 'X\n')];
    const failing: FsOps = {
      ...NODE_FS,
      openSync: (path, flags, mode) => {
        if (String(path).includes('/sub/')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        return NODE_FS.openSync(path, flags, mode);
      },
    };
    assert.throws(() => writeAll(writes, failing), (err) => err instanceof WriteError && err.message === 'cannot create a file in its folder: permission denied');
    assert.deepEqual(readTree(root), { 'a.txt': 'a\n', 'b.txt': 'b\n' });
  });
});

/** Applies a unified diff made by unifiedDiff to `before` (checking every context and removed line). */
function applyDiff(before: string, diff: string): string {
  const old = splitLines(before);
  const out: string[] = [];
  let at = 0;
  const lines = diff.split(/(?<=\n)/).slice(2);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$/.exec(lines[i]);
    if (header) {
      const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
      out.push(...old.slice(at, start));
      at = start;
      continue;
    }
    const noEol = lines[i + 1] === '\\ No newline at end of file\n';
    const text = noEol ? lines[i].slice(1, -1) : lines[i].slice(1);
    if (lines[i][0] !== '+') assert.equal(old[at++], text, `diff line ${i} does not match the old text`);
    if (lines[i][0] !== '-') out.push(text);
    if (noEol) i++;
  }
  return out.concat(old.slice(at)).join('');
}

/** Length of the longest common subsequence, by dynamic programming. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(x === b[j] ? row[j] + 1 : Math.max(row[j + 1], next[j]));
    row = next;
  }
  return row[b.length];
}

describe('cli fix: unified diff', () => {
  const lines = (...names: string[]): string => names.map((n) => `${n}\n`).join('');

  it('prints a created file against /dev/null, and nothing when nothing changed', () => {
    assert.equal(unifiedDiff({ path: '.env', before: undefined, after: 'A=1\nB=2\n' }), '--- /dev/null\n+++ b/.env\n@@ -0,0 +1,2 @@\n+A=1\n+B=2\n');
    assert.equal(unifiedDiff({ path: 'x', before: 'a\n', after: 'a\n' }), '');
    assert.equal(unifiedDiff({ path: 'x', before: '', after: '' }), '');
  });

  it('shows three lines of context and merges changes at most six lines apart', () => {
    const before = lines('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20');
    const near = before.replace('5\n', 'five\n').replace('12\n', 'twelve\n');
    assert.equal(
      unifiedDiff({ path: 'f', before, after: near }),
      '--- a/f\n+++ b/f\n@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n',
    );
    const far = before.replace('5\n', 'five\n').replace('13\n', 'thirteen\n');
    assert.equal(
      unifiedDiff({ path: 'f', before, after: far }),
      '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+thirteen\n 14\n 15\n 16\n',
    );
  });

  it('numbers insertions at the start and end, and removals, as diff -u does', () => {
    assert.equal(unifiedDiff({ path: 'f', before: lines('a', 'b'), after: lines('new', 'a', 'b') }), '--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n+new\n a\n b\n');
    assert.equal(unifiedDiff({ path: 'f', before: lines('a'), after: lines('a', 'z') }), '--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+z\n');
    assert.equal(unifiedDiff({ path: 'f', before: lines('a', 'b', 'c', 'd', 'e'), after: lines('a', 'e') }), '--- a/f\n+++ b/f\n@@ -1,5 +1,2 @@\n a\n-b\n-c\n-d\n e\n');
    assert.equal(unifiedDiff({ path: 'f', before: lines('a'), after: '' }), '--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n');
  });

  it('marks a missing final line break, and keeps CR in CRLF lines', () => {
    assert.equal(
      unifiedDiff({ path: 'f', before: 'a\nb', after: 'a\nb\nc\n' }),
      '--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n',
    );
    assert.deepEqual(splitLines('a\r\nb\r\n'), ['a\r\n', 'b\r\n']);
    assert.equal(unifiedDiff({ path: 'f', before: 'a\r\nb\r\n', after: 'a\r\nB\r\n' }), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n');
  });

  it('matches GNU diff -u on a settings change', () => {
    const root = makeTree({ 'old.py': SETTINGS, 'new.py': SETTINGS_AFTER.dotenv });
    try {
      const gnu = spawnSync('diff', ['-u', '--label', 'a/s.py', '--label', 'b/s.py', 'old.py', 'new.py'], { cwd: root, encoding: 'utf8' });
      assert.equal(gnu.status, 1, 'diff is installed and finds a difference');
      assert.equal(mask(unifiedDiff({ path: 's.py', before: SETTINGS, after: SETTINGS_AFTER.dotenv })), mask(gnu.stdout));
    } finally {
      removeTree(root);
    }
  });

  it('is a shortest edit script that turns the old text into the new one (1,000 seeded cases)', () => {
    let seed = 20240601;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const text = (): string => {
      const n = random(14);
      let out = '';
      for (let i = 0; i < n; i++) out += 'abcd'[random(4)] + (i === n - 1 && random(4) === 0 ? '' : '\n');
      return out;
    };
    for (let c = 0; c < 1000; c++) {
      const before = text();
      const after = text();
      const diff = unifiedDiff({ path: 'f', before, after });
      assert.equal(diff === '', before === after, `case ${c}: empty diff exactly when equal`);
      if (diff === '') continue;
      assert.equal(applyDiff(before, diff), after, `case ${c}: the diff applies`);
      const a = splitLines(before);
      const b = splitLines(after);
      const edits = diffLines(a, b).filter((op) => op.kind !== ' ').length;
      assert.equal(edits, a.length + b.length - 2 * lcsLength(a, b), `case ${c}: the edit script is shortest`);
    }
  });
});

describe('cli fix: redaction', () => {
  it('replaces values, then source texts, then lines still holding an 8-character piece', () => {
    const redact = redactor([
      { text: 'abcdefghij', value: 'abcdefghij' },
      { text: "('abcde'\n 'fghij')", value: 'abcdefghij' },
    ]);
    const label = `<redacted ${fingerprint('abcdefghij')}>`;
    assert.equal(redact("K = 'abcdefghij'\n"), `K = '${label}'\n`);
    assert.equal(redact("K = ('abcde'\n 'fghij')\nx = 1\n"), `K = ${label}\nx = 1\n`);
    assert.equal(redact('a\nxxbcdefghixx\nb'), 'a\n<redacted line>\nb');
    assert.equal(redact('        indented\n'), '        indented\n');
  });
});

describe('cli fix: output', () => {
  it('never printed a key or any 8-character piece of one', () => {
    assert.ok(KEYS.size >= 5, 'the rotated keys were recorded');
    const printed = PRINTED.join('\n');
    for (const key of KEYS.keys()) {
      for (let i = 0; i + 8 <= key.length; i++) {
        assert.ok(!printed.includes(key.slice(i, i + 8)), `the output holds piece ${i} of ${KEYS.get(key) ?? ''}`);
      }
    }
  });
});
