import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core';
import { applyEdits } from '../../src/core/refactor/edits';
import { Loader } from '../../src/core/refactor/loaders';
import { FileChange, MoveToEnvInput, planMoveToEnv } from '../../src/core/refactor/moveToEnv';
import { lines, STRONG } from './helpers';

const KEY = `django-insecure-${STRONG}`;

const STARTPROJECT = lines(
  '"""Settings for mysite."""',
  '',
  'from pathlib import Path',
  '',
  'BASE_DIR = Path(__file__).resolve().parent.parent',
  '',
  '',
  '# SECURITY WARNING: keep the secret key used in production secret!',
  `SECRET_KEY = '${KEY}'`,
  '',
  'DEBUG = True',
);

function input(overrides: Partial<MoveToEnvInput> & { loader: Loader }): MoveToEnvInput {
  const settings = overrides.settings ?? { path: 'mysite/settings.py', text: STARTPROJECT };
  return {
    settings,
    offset: settings.text.indexOf("'django-insecure-"),
    variableName: 'DJANGO_SECRET_KEY',
    env: { path: '.env', text: undefined },
    example: { path: '.env.example', text: undefined },
    gitignore: { path: '.gitignore', text: undefined },
    envIgnored: false,
    dependencies: [{ path: 'requirements.txt', text: 'Django>=3.2\n' }],
    ...overrides,
  };
}

/** path -> new text, checking that each change's edits turn the old text into the new one. */
function files(changes: readonly FileChange[], before: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of changes) {
    assert.equal(applyEdits(before[c.path] ?? '', c.edits), c.newText, `edits of ${c.path}`);
    assert.equal(c.create, before[c.path] === undefined, `create flag of ${c.path}`);
    out[c.path] = c.newText;
  }
  return out;
}

function ok(plan: ReturnType<typeof planMoveToEnv>) {
  if (!plan.ok) assert.fail(plan.reason);
  return plan;
}

const HELPER_OS = [
  'def required_env(name):',
  '    """Return the environment variable `name`; stop at start-up when it is missing or empty."""',
  '    value = os.environ.get(name, "")',
  '    if not value:',
  '        raise ImproperlyConfigured(f"Set {name} in the environment or in .env beside manage.py.")',
  '    return value',
];

describe('planMoveToEnv: startproject layout', () => {
  it('python-dotenv: imports once, loads BASE_DIR / ".env", fails fast, writes .env, .gitignore, example, requirements', () => {
    const plan = ok(planMoveToEnv(input({ loader: 'dotenv' })));
    assert.equal(plan.variable, 'DJANGO_SECRET_KEY');
    const out = files(plan.changes, { 'mysite/settings.py': STARTPROJECT, 'requirements.txt': 'Django>=3.2\n' });
    assert.deepEqual(Object.keys(out), ['mysite/settings.py', '.env', '.gitignore', '.env.example', 'requirements.txt']);
    assert.equal(
      out['mysite/settings.py'],
      lines(
        '"""Settings for mysite."""',
        '',
        'from pathlib import Path',
        'import os',
        'from django.core.exceptions import ImproperlyConfigured',
        'from dotenv import load_dotenv',
        '',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        '',
        'load_dotenv(BASE_DIR / ".env")',
        '',
        '',
        ...HELPER_OS,
        '',
        '',
        '# SECURITY WARNING: keep the secret key used in production secret!',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
        '',
        'DEBUG = True',
      ),
    );
    assert.equal(out['.env'], `DJANGO_SECRET_KEY='${KEY}'\n`);
    assert.equal(out['.gitignore'], '.env\n');
    assert.equal(out['.env.example'], 'DJANGO_SECRET_KEY=\n');
    assert.equal(out['requirements.txt'], 'Django>=3.2\npython-dotenv\n');
    assert.ok(plan.changes.find((c) => c.path === '.env')?.ownerOnly);
    assert.deepEqual(plan.notes, ['Added python-dotenv to requirements.txt.']);
    assert.deepEqual(analyzeText('mysite/settings.py', out['mysite/settings.py']), []);
  });

  it('os.environ: no loader, says .env is not read, keeps CRLF line breaks', () => {
    const crlf = STARTPROJECT.replace(/\n/g, '\r\n');
    const plan = ok(planMoveToEnv(input({ loader: 'os', settings: { path: 'mysite/settings.py', text: crlf } })));
    const out = files(plan.changes, { 'mysite/settings.py': crlf, 'requirements.txt': 'Django>=3.2\n' });
    assert.deepEqual(Object.keys(out), ['mysite/settings.py', '.env', '.gitignore', '.env.example']);
    assert.equal(
      out['mysite/settings.py'],
      lines(
        '"""Settings for mysite."""',
        '',
        'from pathlib import Path',
        'import os',
        'from django.core.exceptions import ImproperlyConfigured',
        '',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace(' in the environment or in .env beside manage.py', ' in the environment of the process that runs Django')),
        '',
        '',
        '# SECURITY WARNING: keep the secret key used in production secret!',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
        '',
        'DEBUG = True',
      ).replace(/\n/g, '\r\n'),
    );
    assert.deepEqual(plan.notes, [
      '.env is not read by Python with this choice: set DJANGO_SECRET_KEY in the platform\'s environment (the value is kept in .env so it is not lost).',
    ]);
  });

  it('python-decouple: uses the imported config, no path (decouple finds .env above the settings)', () => {
    const text = STARTPROJECT.replace('from pathlib import Path\n', 'from pathlib import Path\nfrom decouple import config\n');
    const plan = ok(planMoveToEnv(input({ loader: 'decouple', settings: { path: 'mysite/settings.py', text } })));
    const out = files(plan.changes, { 'mysite/settings.py': text, 'requirements.txt': 'Django>=3.2\n' });
    assert.equal(
      out['mysite/settings.py'],
      lines(
        '"""Settings for mysite."""',
        '',
        'from pathlib import Path',
        'from decouple import config',
        'from django.core.exceptions import ImproperlyConfigured',
        '',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace('os.environ.get(name, "")', 'config(name, default="")')),
        '',
        '',
        '# SECURITY WARNING: keep the secret key used in production secret!',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
        '',
        'DEBUG = True',
      ),
    );
    assert.equal(out['requirements.txt'], 'Django>=3.2\npython-decouple\n');
  });

  it('django-environ: creates the Env instance and reads .env after BASE_DIR', () => {
    const plan = ok(planMoveToEnv(input({ loader: 'environ', dependencies: [{ path: 'requirements.txt', text: 'django-environ==0.11.2\n' }] })));
    const out = files(plan.changes, { 'mysite/settings.py': STARTPROJECT, 'requirements.txt': 'django-environ==0.11.2\n' });
    assert.deepEqual(Object.keys(out), ['mysite/settings.py', '.env', '.gitignore', '.env.example']);
    assert.equal(
      out['mysite/settings.py'],
      lines(
        '"""Settings for mysite."""',
        '',
        'from pathlib import Path',
        'from django.core.exceptions import ImproperlyConfigured',
        'import environ',
        '',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        '',
        'env = environ.Env()',
        'environ.Env.read_env(str(BASE_DIR / ".env"))',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace('os.environ.get(name, "")', 'env.str(name, default="")')),
        '',
        '',
        '# SECURITY WARNING: keep the secret key used in production secret!',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
        '',
        'DEBUG = True',
      ),
    );
    assert.deepEqual(plan.notes, []);
  });

  it('with a new key: writes that key, and says sessions end', () => {
    const newKey = 'n'.repeat(10) + STRONG.slice(10);
    const plan = ok(planMoveToEnv(input({ loader: 'dotenv', newKey })));
    const env = plan.changes.find((c) => c.path === '.env');
    assert.equal(env?.newText, `DJANGO_SECRET_KEY='${newKey}'\n`);
    assert.equal(plan.notes[1], 'A new key was written: existing sessions and password-reset links signed with the old key stop working.');
  });
});

describe('planMoveToEnv: existing files', () => {
  it('keeps .env, .gitignore and the example file as they are, apart from the variable', () => {
    const env = '# local\r\nDEBUG=1\r\nDJANGO_SECRET_KEY=\r\n';
    const example = 'DEBUG=\nDJANGO_SECRET_KEY=\n';
    const plan = ok(
      planMoveToEnv(
        input({
          loader: 'dotenv',
          env: { path: '.env', text: env },
          example: { path: '.env.example', text: example },
          gitignore: { path: '.gitignore', text: '*.pyc\n.env\n' },
          envIgnored: true,
          dependencies: [{ path: 'requirements.txt', text: 'python-dotenv\n' }],
        }),
      ),
    );
    const out = files(plan.changes, { 'mysite/settings.py': STARTPROJECT, '.env': env });
    assert.deepEqual(Object.keys(out), ['mysite/settings.py', '.env']);
    assert.equal(out['.env'], `# local\r\nDEBUG=1\r\nDJANGO_SECRET_KEY='${KEY}'\n`);
  });

  it('reuses the name .env already uses', () => {
    const plan = ok(planMoveToEnv(input({ loader: 'dotenv', env: { path: '.env', text: 'SECRET_KEY=\n' } })));
    assert.equal(plan.variable, 'SECRET_KEY');
    assert.match(plan.changes[0].newText, /SECRET_KEY = required_env\("SECRET_KEY"\)/);
  });

  it('leaves .env alone when it already holds the same key', () => {
    const env = `DJANGO_SECRET_KEY='${KEY}'\n`;
    const plan = ok(planMoveToEnv(input({ loader: 'dotenv', env: { path: '.env', text: env }, envIgnored: true })));
    assert.deepEqual(plan.changes.map((c) => c.path), ['mysite/settings.py', '.env.example', 'requirements.txt']);
  });

  it('refuses when .env holds a different key, and changes nothing', () => {
    const plan = planMoveToEnv(input({ loader: 'dotenv', env: { path: '.env', text: "DJANGO_SECRET_KEY='other'\n" } }));
    assert.deepEqual(plan, {
      ok: false,
      reason: '.env already holds a different DJANGO_SECRET_KEY; it was not overwritten. Remove it (or make it equal) and try again.',
      suggestRotate: false,
    });
  });

  it('refuses a key starting with $ and suggests a new key', () => {
    const text = STARTPROJECT.replace(`'${KEY}'`, `'$${STRONG}'`);
    const plan = planMoveToEnv({ ...input({ loader: 'dotenv', settings: { path: 'mysite/settings.py', text } }), offset: text.indexOf("'$") });
    assert.equal(plan.ok, false);
    assert.equal(!plan.ok && plan.suggestRotate, true);
    assert.ok(!plan.ok && !plan.reason.includes(STRONG.slice(0, 8)));
  });

  it('refuses when the position holds no hardcoded key', () => {
    const plan = planMoveToEnv({ ...input({ loader: 'dotenv' }), offset: 0 });
    assert.deepEqual(plan, { ok: false, reason: 'There is no hardcoded SECRET_KEY at this position any more.', suggestRotate: false });
  });
});

describe('planMoveToEnv: other layouts', () => {
  it('config/settings/base.py reuses a three-level BASE_DIR', () => {
    const text = lines(
      'import environ',
      'from pathlib import Path',
      '',
      'BASE_DIR = Path(__file__).resolve(strict=True).parent.parent.parent',
      'env = environ.Env()',
      `SECRET_KEY = "${KEY}"`,
    );
    const plan = ok(planMoveToEnv(input({ loader: 'environ', settings: { path: 'config/settings/base.py', text }, offset: text.indexOf('"django') })));
    assert.equal(
      plan.changes[0].newText,
      lines(
        'import environ',
        'from pathlib import Path',
        'from django.core.exceptions import ImproperlyConfigured',
        '',
        'BASE_DIR = Path(__file__).resolve(strict=True).parent.parent.parent',
        'env = environ.Env()',
        '',
        'environ.Env.read_env(str(BASE_DIR / ".env"))',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace('os.environ.get(name, "")', 'env.str(name, default="")')),
        '',
        '',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
      ),
    );
  });

  it('django-environ gets a str path: os.path.join as it is, a Path through str() (0.4.x opens only a str)', () => {
    const text = lines('import os', '', 'BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))', '', `SECRET_KEY = '${KEY}'`);
    const plan = ok(planMoveToEnv(input({ loader: 'environ', settings: { path: 'mysite/settings.py', text } })));
    assert.match(plan.changes[0].newText, /^environ\.Env\.read_env\(os\.path\.join\(BASE_DIR, "\.env"\)\)$/m);
  });

  it('a module without BASE_DIR gets a path from __file__; a dict entry is rewritten in place', () => {
    const text = lines('import os', '', 'CONFIG = {', `    "SECRET_KEY": "${KEY}",`, '}');
    const plan = ok(planMoveToEnv(input({ loader: 'dotenv', settings: { path: 'proj/conf/settings.py', text }, offset: text.indexOf('"django') })));
    assert.equal(
      plan.changes[0].newText,
      lines(
        'import os',
        'from pathlib import Path',
        'from django.core.exceptions import ImproperlyConfigured',
        'from dotenv import load_dotenv',
        '',
        'load_dotenv(Path(__file__).resolve().parent.parent.parent / ".env")',
        '',
        '',
        ...HELPER_OS,
        '',
        '',
        'CONFIG = {',
        '    "SECRET_KEY": required_env("DJANGO_SECRET_KEY"),',
        '}',
      ),
    );
  });

  it('a class attribute: the helper goes above the class', () => {
    const text = lines('from configurations import Configuration', '', '', 'class Dev(Configuration):', `    SECRET_KEY = '${KEY}'`);
    const plan = ok(planMoveToEnv(input({ loader: 'os', settings: { path: 'proj/settings.py', text } })));
    assert.equal(
      plan.changes[0].newText,
      lines(
        'from configurations import Configuration',
        'import os',
        'from django.core.exceptions import ImproperlyConfigured',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace(' in the environment or in .env beside manage.py', ' in the environment of the process that runs Django')),
        '',
        '',
        'class Dev(Configuration):',
        '    SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
      ),
    );
  });
});

describe('planMoveToEnv: literal fallbacks of environment lookups', () => {
  const LOCAL = lines(
    'from .base import *  # noqa: F403',
    'from .base import env',
    '',
    'SECRET_KEY = env(',
    '    "DJANGO_SECRET_KEY",',
    `    default="${STRONG}",`,
    ')',
    'DEBUG = True',
  );
  const base = (writeEnv: boolean) =>
    input({
      loader: 'environ',
      settings: { path: 'config/settings/local.py', text: LOCAL },
      writeEnv,
      dependencies: [{ path: 'requirements/base.txt', text: 'django-environ\n' }],
    });

  it('moves the fallback into .env and reads it with the imported env instance', () => {
    const plan = ok(planMoveToEnv({ ...base(true), offset: LOCAL.indexOf(`"${STRONG}"`) }));
    const out = files(plan.changes, { 'config/settings/local.py': LOCAL });
    assert.deepEqual(Object.keys(out), ['config/settings/local.py', '.env', '.gitignore', '.env.example']);
    assert.equal(
      out['config/settings/local.py'],
      lines(
        'from .base import *  # noqa: F403',
        'from .base import env',
        'from django.core.exceptions import ImproperlyConfigured',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace('os.environ.get(name, "")', 'env.str(name, default="")')),
        '',
        '',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
        'DEBUG = True',
      ),
    );
    assert.equal(out['.env'], `DJANGO_SECRET_KEY='${STRONG}'\n`);
  });

  it('or only removes it, failing fast, without writing .env', () => {
    const text = "import os\nSECRET_KEY = os.environ.get('APP_SECRET_KEY') or 'dev-key'\n";
    const plan = ok(
      planMoveToEnv({
        ...input({ loader: 'os', settings: { path: 'app/settings.py', text }, writeEnv: false }),
        offset: text.indexOf("'dev-key'"),
      }),
    );
    assert.equal(plan.variable, 'APP_SECRET_KEY');
    const out = files(plan.changes, { 'app/settings.py': text });
    assert.deepEqual(Object.keys(out), ['app/settings.py', '.env.example']);
    assert.equal(
      out['app/settings.py'],
      lines(
        'import os',
        'from django.core.exceptions import ImproperlyConfigured',
        '',
        '',
        ...HELPER_OS.map((l) => l.replace(' in the environment or in .env beside manage.py', ' in the environment of the process that runs Django')),
        '',
        '',
        'SECRET_KEY = required_env("APP_SECRET_KEY")',
      ),
    );
    assert.equal(out['.env.example'], 'APP_SECRET_KEY=\n');
    assert.deepEqual(plan.notes, ['Set APP_SECRET_KEY in the environment: Django now stops at start-up without it.']);
  });
});

describe('planMoveToEnv: removing a fallback with a .env loader', () => {
  it('still declares the loader it imports', () => {
    const text = "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev')\n";
    const plan = ok(
      planMoveToEnv({
        ...input({ loader: 'dotenv', settings: { path: 'app/settings.py', text }, writeEnv: false }),
        offset: text.indexOf("'dev'"),
      }),
    );
    assert.deepEqual(plan.changes.map((c) => c.path), ['app/settings.py', '.env.example', 'requirements.txt']);
    assert.equal(plan.changes[2].newText, 'Django>=3.2\npython-dotenv\n');
    assert.deepEqual(plan.notes, [
      'Set DJANGO_SECRET_KEY in the environment or in .env: Django now stops at start-up without it.',
      'Added python-dotenv to requirements.txt.',
    ]);
    assert.match(plan.changes[0].newText, /^load_dotenv\(Path\(__file__\)\.resolve\(\)\.parent\.parent \/ "\.env"\)$/m);
  });
});

describe('planMoveToEnv: what counts as present', () => {
  it('an import or load_dotenv() after the key runs too late: the fix adds its own above', () => {
    const text = "SECRET_KEY = 'abcdefghij'\nimport os\nfrom dotenv import load_dotenv\nload_dotenv()\n";
    const plan = ok(planMoveToEnv({ ...input({ loader: 'dotenv', settings: { path: 'app/settings.py', text } }), offset: 13 }));
    assert.equal(
      plan.changes[0].newText,
      lines(
        'import os',
        'from pathlib import Path',
        'from django.core.exceptions import ImproperlyConfigured',
        'from dotenv import load_dotenv',
        '',
        'load_dotenv(Path(__file__).resolve().parent.parent / ".env")',
        '',
        '',
        ...HELPER_OS,
        '',
        '',
        'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
        'import os',
        'from dotenv import load_dotenv',
        'load_dotenv()',
      ),
    );
  });
  it('a .env value that refers to another variable is not overwritten', () => {
    const plan = planMoveToEnv(input({ loader: 'dotenv', env: { path: '.env', text: 'DJANGO_SECRET_KEY=${VAULT_KEY}\n' } }));
    assert.deepEqual(plan, {
      ok: false,
      reason: '.env already holds a different DJANGO_SECRET_KEY; it was not overwritten. Remove it (or make it equal) and try again.',
      suggestRotate: false,
    });
  });
});
