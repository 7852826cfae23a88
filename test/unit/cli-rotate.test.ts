// The `rotate` and `retire` commands: exact files, standard output and standard error for each mode,
// the redacted dry-run diffs, refusals and errors that change nothing, and never a key in any output.
import * as assert from 'node:assert/strict';
import { chmodSync, chownSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskEnvValues } from '../../src/cli/rotate/mask';
import { fingerprint } from '../../src/core/fingerprint';
import { CliRun, makeTree, removeTree, runCli, runCliUnprivileged, RUNNING_AS_ROOT, UNPRIVILEGED_ID } from './cli-harness';

// Made-up secrets. They are masked before any comparison, so a failing assertion never shows one.
const OLD = 'old-Qm2#Lw7@Tz4!Rb8$Kc1%Vn6^Hd3&Jp5*Gs0(Yt-Wq)Ue+Xa=Zo9';
const PREV = 'prev-Zx8!Cv7@Bn6#Mq5%Wl4^Er3&Ty2*Ui1(Op0)As-Df+Gh=Jk7L';
const DB_PASSWORD = 'db-pass-Hx72kQp9Lm3v';
const DJANGO_KEY = /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/;

/** Every secret written or generated, with the label that replaces it in comparisons. */
const SECRETS = new Map<string, string>([
  [OLD, '<OLD>'],
  [PREV, '<PREV>'],
  [DB_PASSWORD, '<DB_PASSWORD>'],
]);
/** Values whose fingerprints appear in diffs, by label. */
const FINGERPRINTED = new Map<string, string>([
  [fingerprint(OLD), 'sha256:OLD'],
  [fingerprint(PREV), 'sha256:PREV'],
  [fingerprint(`${OLD},${PREV}`), 'sha256:OLD,PREV'],
  [fingerprint('1'), 'sha256:ONE'],
  [fingerprint(`postgres://app:${DB_PASSWORD}@db/app`), 'sha256:DATABASE_URL'],
]);
/** Everything the CLI printed in this file, checked for pieces of secrets at the end. */
const PRINTED: string[] = [];

function mask(text: string): string {
  let out = text;
  for (const [secret, label] of SECRETS) out = out.split(secret).join(label);
  for (const [print, label] of FINGERPRINTED) out = out.split(print).join(label);
  return out.replace(/sha256:[0-9a-f]{8}/g, 'sha256:?');
}

async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  const run = await runCli(argv, cwd);
  PRINTED.push(run.stdout, run.stderr);
  return { code: run.code, stdout: mask(run.stdout), stderr: mask(run.stderr) };
}

/** The key a rotation wrote under `name`, recorded as a secret labelled `label`; checked for its shape. */
function newKey(root: string, label: string, name = 'DJANGO_SECRET_KEY', env = '.env'): string {
  const key = new RegExp(`^${name}='([^'\\n]*)'$`, 'm').exec(readFileSync(join(root, env), 'utf8'))?.[1] ?? '';
  assert.ok(DJANGO_KEY.test(key) && !key.startsWith('$'), `${label} is 50 characters of Django's alphabet, not starting with $`);
  assert.ok(!SECRETS.has(key), `${label} is new`);
  SECRETS.set(key, label);
  return key;
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
const REQUIREMENTS = 'Django>=4.2,<5.0\npython-dotenv\n';

const SETTINGS_HEAD = `"""Settings for mysite."""

from pathlib import Path
import os
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

load_dotenv(BASE_DIR / ".env")


def required_env(name):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment or in .env beside manage.py.")
    return value


# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = required_env("DJANGO_SECRET_KEY")
`;
const SETTINGS_TAIL = `
DEBUG = True

ALLOWED_HOSTS = []
`;
const SETTINGS = SETTINGS_HEAD + SETTINGS_TAIL;
const FALLBACKS_LINE = 'SECRET_KEY_FALLBACKS = [key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key]\n';
const SETTINGS_ROTATED = SETTINGS_HEAD + FALLBACKS_LINE + SETTINGS_TAIL;

const ENV_HEAD = `DEBUG=1\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n`;
const ENV = `${ENV_HEAD}DJANGO_SECRET_KEY='${OLD}'\n`;

function project(extra: Readonly<Record<string, string>> = {}): string {
  return makeTree({
    'manage.py': MANAGE,
    'requirements.txt': REQUIREMENTS,
    'mysite/__init__.py': '',
    'mysite/settings.py': SETTINGS,
    '.env': ENV,
    ...extra,
  });
}

function tree(files: Readonly<Record<string, string>>): Record<string, string> {
  return {
    '.env': mask(ENV),
    'manage.py': MANAGE,
    'mysite/__init__.py': '',
    'mysite/settings.py': SETTINGS,
    'requirements.txt': REQUIREMENTS,
    ...files,
  };
}

const ROUTINE_NOTES =
  'note: Nobody is logged out: the old key moves to DJANGO_SECRET_KEY_FALLBACKS and keeps verifying sessions, password-reset links and signed data.\n' +
  'note: Retire it in 14 days (the longer of SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT), when nothing signed with it is still valid.\n' +
  'note: Restart every process that runs Django so it reads the new key; behind a load balancer, first add the new key to the fallbacks on every server, then swap.\n';
const COMPROMISED_NOTES =
  'note: Everyone is logged out now, and password-reset links and data signed with the old key stop verifying: a leaked key must not keep verifying.\n' +
  'note: Older fallback keys are dropped too: they sat in the same file as the leaked key.\n' +
  'note: Restart every process that runs Django so it reads the new key.\n';

describe('cli rotate', () => {
  let root: string;
  afterEach(() => removeTree(root));

  it('routine: a new key in .env, the old one in the fallbacks, settings read them; twice', async () => {
    root = project();
    assert.deepEqual(await cli(root, 'rotate', 'mysite/settings.py'), {
      code: 0,
      stdout:
        'Wrote a new key to DJANGO_SECRET_KEY in .env; the old key is first in DJANGO_SECRET_KEY_FALLBACKS.\n' +
        'updated mysite/settings.py\nupdated .env\n',
      stderr: ROUTINE_NOTES,
    });
    newKey(root, '<NEW1>');
    assert.deepEqual(
      readTree(root),
      tree({ '.env': mask(ENV_HEAD) + "DJANGO_SECRET_KEY='<NEW1>'\nDJANGO_SECRET_KEY_FALLBACKS='<OLD>'\n", 'mysite/settings.py': SETTINGS_ROTATED }),
    );

    assert.deepEqual(await cli(join(root, 'mysite'), 'rotate', 'settings.py'), {
      code: 0,
      stdout:
        'Wrote a new key to DJANGO_SECRET_KEY in ../.env; the old key is first in DJANGO_SECRET_KEY_FALLBACKS.\nupdated ../.env\n',
      stderr: ROUTINE_NOTES,
    });
    newKey(root, '<NEW2>');
    assert.deepEqual(
      readTree(root),
      tree({ '.env': mask(ENV_HEAD) + "DJANGO_SECRET_KEY='<NEW2>'\nDJANGO_SECRET_KEY_FALLBACKS='<NEW1>,<OLD>'\n", 'mysite/settings.py': SETTINGS_ROTATED }),
    );
  });

  it('--compromised: the old key is dropped and the settings are left alone', async () => {
    root = project();
    assert.deepEqual(await cli(root, 'rotate', '--compromised', 'mysite/settings.py'), {
      code: 0,
      stdout: 'Wrote a new key to DJANGO_SECRET_KEY in .env; the old key was dropped.\nupdated .env\n',
      stderr: COMPROMISED_NOTES,
    });
    newKey(root, '<NEW3>');
    assert.deepEqual(readTree(root), tree({ '.env': mask(ENV_HEAD) + "DJANGO_SECRET_KEY='<NEW3>'\n" }));
  });

  it('--dry-run prints the diff with every .env value as a fingerprint and writes nothing', async () => {
    root = project({ '.env': `${ENV}DJANGO_SECRET_KEY_FALLBACKS='${PREV}'\n` });
    const before = readTree(root);
    assert.deepEqual(await cli(root, 'rotate', '--dry-run', 'mysite/settings.py'), {
      code: 0,
      stdout:
        '--- a/mysite/settings.py\n+++ b/mysite/settings.py\n@@ -19,6 +19,7 @@\n \n' +
        ' # SECURITY WARNING: keep the secret key used in production secret!\n' +
        ' SECRET_KEY = required_env("DJANGO_SECRET_KEY")\n' +
        `+${FALLBACKS_LINE}` +
        ' \n DEBUG = True\n \n' +
        '--- a/.env\n+++ b/.env\n@@ -1,4 +1,4 @@\n' +
        ' DEBUG=<redacted sha256:ONE>\n' +
        ' DATABASE_URL=<redacted sha256:DATABASE_URL>\n' +
        "-DJANGO_SECRET_KEY='<redacted sha256:OLD>'\n" +
        "-DJANGO_SECRET_KEY_FALLBACKS='<redacted sha256:PREV>'\n" +
        "+DJANGO_SECRET_KEY='<redacted sha256:?>'\n" +
        "+DJANGO_SECRET_KEY_FALLBACKS='<redacted sha256:OLD,PREV>'\n",
      stderr: ROUTINE_NOTES,
    });
    assert.deepEqual(readTree(root), before);

  });

  it('--compromised --dry-run shows the old key dropped', async () => {
    root = project();
    const before = readTree(root);
    assert.deepEqual(await cli(root, 'rotate', '--compromised', '--dry-run', 'mysite/settings.py'), {
      code: 0,
      stdout:
        '--- a/.env\n+++ b/.env\n@@ -1,3 +1,3 @@\n DEBUG=<redacted sha256:ONE>\n DATABASE_URL=<redacted sha256:DATABASE_URL>\n' +
        "-DJANGO_SECRET_KEY='<redacted sha256:OLD>'\n+DJANGO_SECRET_KEY='<redacted sha256:?>'\n",
      stderr: COMPROMISED_NOTES,
    });
    assert.deepEqual(readTree(root), before);
  });

  it('warns about a Django version without session fallbacks, and about simplejwt', async () => {
    root = project({ 'requirements.txt': 'Django==4.1.7\ndjangorestframework-simplejwt==5.3\n' });
    assert.deepEqual(await cli(root, 'rotate', 'mysite/settings.py'), {
      code: 0,
      stdout:
        'Wrote a new key to DJANGO_SECRET_KEY in .env; the old key is first in DJANGO_SECRET_KEY_FALLBACKS.\n' +
        'updated mysite/settings.py\nupdated .env\n',
      stderr:
        ROUTINE_NOTES +
        'warning: Django 4.1.7 does not check fallbacks for sessions (fixed in 4.1.8): everyone is logged out; password-reset links and signed data still verify.\n' +
        "warning: djangorestframework-simplejwt signs its tokens with SECRET_KEY (SIMPLE_JWT's SIGNING_KEY is not set) and ignores SECRET_KEY_FALLBACKS: every token it issued stops working now.\n",
    });
    newKey(root, '<NEW4>');
  });

  it('finds SECRET_KEY in another env file when the settings read that name', async () => {
    const settings = 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\n';
    root = project({ 'mysite/settings.py': settings, '.env': 'DEBUG=1\n', 'config/app.env': `SECRET_KEY='${OLD}'\n` });
    assert.deepEqual(await cli(root, 'rotate', '--env-file', 'config/app.env', 'mysite/settings.py'), {
      code: 0,
      stdout: 'Wrote a new key to SECRET_KEY in config/app.env; the old key is first in SECRET_KEY_FALLBACKS.\nupdated mysite/settings.py\nupdated config/app.env\n',
      stderr: ROUTINE_NOTES.replace('DJANGO_SECRET_KEY_FALLBACKS', 'SECRET_KEY_FALLBACKS'),
    });
    newKey(root, '<NEW5>', 'SECRET_KEY', 'config/app.env');
    assert.deepEqual(
      readTree(root),
      tree({
        '.env': 'DEBUG=1\n',
        'config/app.env': "SECRET_KEY='<NEW5>'\nSECRET_KEY_FALLBACKS='<OLD>'\n",
        'mysite/settings.py': settings + 'SECRET_KEY_FALLBACKS = [key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key]\n',
      }),
    );
  });

  const refusals: Array<{ name: string; files?: Record<string, string>; args: string[]; code: number; stderr: string }> = [
    {
      name: 'no key in .env',
      files: { '.env': 'DEBUG=1\n' },
      args: ['mysite/settings.py'],
      code: 1,
      stderr: 'mysite/settings.py: not changed: .env holds no DJANGO_SECRET_KEY to rotate; move the key there first.\n',
    },
    {
      name: 'no .env at all, with another variable asked for',
      args: ['--variable', 'APP_KEY', 'mysite/settings.py'],
      code: 1,
      stderr: 'mysite/settings.py: not changed: .env holds no APP_KEY to rotate; move the key there first.\n',
    },
    {
      name: 'a module that does not set SECRET_KEY',
      args: ['mysite/__init__.py'],
      code: 1,
      stderr: 'mysite/__init__.py: not changed: it does not set SECRET_KEY; give the settings module that does.\n',
    },
    { name: 'no settings file', args: [], code: 2, stderr: "django-secret-hygiene: missing SETTINGS_FILE\nRun 'django-secret-hygiene rotate --help' for usage.\n" },
    {
      name: 'a bad variable name',
      args: ['--variable', '1KEY', 'mysite/settings.py'],
      code: 2,
      stderr: "django-secret-hygiene: invalid --variable '1KEY' (letters, digits and _, not starting with a digit)\nRun 'django-secret-hygiene rotate --help' for usage.\n",
    },
    {
      name: 'an env file outside the project',
      args: ['--env-file', '../outside.env', 'mysite/settings.py'],
      code: 2,
      stderr: '../outside.env: error: is not inside the project folder (., where manage.py is)\n',
    },
    { name: 'a missing settings file', args: ['mysite/nope.py'], code: 2, stderr: 'mysite/nope.py: error: no such file or folder\n' },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} and changes nothing (exit ${r.code})`, async () => {
      root = project(r.files);
      if (!r.files) removeTree(join(root, '.env'));
      const before = readTree(root);
      assert.deepEqual(await cli(root, 'rotate', ...r.args), { code: r.code, stdout: '', stderr: r.stderr });
      assert.deepEqual(readTree(root), before);
    });
  }

  it('leaves every file as it was when the settings folder is read-only (temporary files removed)', async () => {
    root = project();
    chmodSync(root, 0o755);
    if (RUNNING_AS_ROOT) {
      for (const path of ['', '.env', 'manage.py', 'requirements.txt', 'mysite', 'mysite/__init__.py', 'mysite/settings.py']) {
        chownSync(join(root, path), UNPRIVILEGED_ID, UNPRIVILEGED_ID);
      }
    }
    chmodSync(join(root, 'mysite'), 0o555);
    const run = await runCliUnprivileged(['rotate', 'mysite/settings.py'], root);
    PRINTED.push(run.stdout, run.stderr);
    chmodSync(join(root, 'mysite'), 0o755);
    assert.deepEqual(
      { code: run.code, stdout: mask(run.stdout), stderr: mask(run.stderr) },
      { code: 2, stdout: '', stderr: 'mysite/settings.py: error: cannot create a file in its folder: permission denied; nothing was changed\n' },
    );
    assert.deepEqual(readTree(root), tree({}));
  });

  it('--help explains the modes in lines of at most 80 characters', async () => {
    const run = await cli(process.cwd(), 'rotate', '--help');
    assert.equal(run.code, 0);
    assert.ok(run.stdout.startsWith('Usage: django-secret-hygiene rotate [options] SETTINGS_FILE\n'));
    assert.ok(run.stdout.includes('  --compromised    for a key that leaked: drop the old key now instead of\n'));
    assert.deepEqual(run.stdout.split('\n').filter((line) => line.length > 80), []);
  });
});

describe('cli retire', () => {
  let root: string;
  afterEach(() => removeTree(root));

  const WITH_FALLBACKS = `${ENV}DJANGO_SECRET_KEY_FALLBACKS='${PREV}'\n# end\n`;

  it('removes the fallbacks variable and nothing else; then there is nothing to retire', async () => {
    root = project({ '.env': WITH_FALLBACKS, 'mysite/settings.py': SETTINGS_ROTATED });
    assert.deepEqual(await cli(root, 'retire', 'mysite/settings.py'), {
      code: 0,
      stdout: 'Removed DJANGO_SECRET_KEY_FALLBACKS from .env.\nupdated .env\n',
      stderr: 'note: Retired 1 old key: sessions, password-reset links and signed data made with it no longer verify.\n',
    });
    assert.deepEqual(readTree(root), tree({ '.env': mask(ENV) + '# end\n', 'mysite/settings.py': SETTINGS_ROTATED }));

    assert.deepEqual(await cli(root, 'retire', 'mysite/settings.py'), {
      code: 0,
      stdout: '',
      stderr: '.env holds no DJANGO_SECRET_KEY_FALLBACKS: there is nothing to retire.\n',
    });
  });

  it('--dry-run prints the redacted diff and writes nothing', async () => {
    root = project({ '.env': `${ENV}DJANGO_SECRET_KEY_FALLBACKS='${OLD},${PREV}'\n` });
    const before = readTree(root);
    assert.deepEqual(await cli(root, 'retire', '--dry-run', 'mysite/settings.py'), {
      code: 0,
      stdout:
        '--- a/.env\n+++ b/.env\n@@ -1,4 +1,3 @@\n DEBUG=<redacted sha256:ONE>\n DATABASE_URL=<redacted sha256:DATABASE_URL>\n' +
        " DJANGO_SECRET_KEY='<redacted sha256:OLD>'\n-DJANGO_SECRET_KEY_FALLBACKS='<redacted sha256:OLD,PREV>'\n",
      stderr: 'note: Retired 2 old keys: sessions, password-reset links and signed data made with them no longer verify.\n',
    });
    assert.deepEqual(readTree(root), before);
  });

  it('takes no --compromised', async () => {
    root = project();
    assert.deepEqual(await cli(root, 'retire', '--compromised', 'mysite/settings.py'), {
      code: 2,
      stdout: '',
      stderr: "django-secret-hygiene: unknown option '--compromised'\nRun 'django-secret-hygiene retire --help' for usage.\n",
    });
  });
});

describe('cli rotate: masking .env values', () => {
  it('replaces each value inside its quotes, keeping names, comments and line breaks', () => {
    const text = "# c\nA=1\r\nexport B='two words' # note\nC=\nD=\"x\ny\"\n";
    const f = (value: string): string => `<redacted ${fingerprint(value)}>`;
    assert.equal(maskEnvValues(text), `# c\nA=${f('1')}\r\nexport B='${f('two words')}' # note\nC=\nD="${f('x\ny')}"\n`);
  });
});

describe('cli rotate and retire: output', () => {
  it('never printed a secret or any 8-character piece of one', () => {
    assert.ok(SECRETS.size >= 8, 'the new keys were recorded');
    const printed = PRINTED.join('\n');
    for (const [secret, label] of SECRETS) {
      for (let i = 0; i + 8 <= secret.length; i++) {
        assert.ok(!printed.includes(secret.slice(i, i + 8)), `the output holds piece ${i} of ${label}`);
      }
    }
  });
});
