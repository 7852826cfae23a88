import * as assert from 'node:assert/strict';
import { declaredDjangoVersion } from '../../src/core/refactor/djangoVersion';
import { addFallbacksSetting, planRetireFallbacks, planRotate, RotateInput } from '../../src/core/refactor/rotate';
import { lines } from './helpers';

const OLD = 'old-key-0123456789abcdefghijklmnopqrstuvwxyz!@#%^&*(';
const NEW = 'new-key-zyxwvutsrqponmlkjihgfedcba9876543210)(*&^%#';
const PREV = 'previous-key-aaaabbbbccccddddeeeeffffgggghhhhiiiijj';

const SETTINGS = lines(
  'import os',
  'from django.core.exceptions import ImproperlyConfigured',
  'from dotenv import load_dotenv',
  '',
  'SECRET_KEY = required_env("DJANGO_SECRET_KEY")',
  'DEBUG = True',
);

function input(overrides: Partial<RotateInput>): RotateInput {
  return {
    env: { path: '.env', text: `# local\nDEBUG=1\nDJANGO_SECRET_KEY='${OLD}'\n` },
    settings: { path: 'mysite/settings.py', text: SETTINGS },
    variable: 'DJANGO_SECRET_KEY',
    newKey: NEW,
    mode: 'routine',
    dependencyTexts: ['Django>=4.2,<5.0\n'],
    ...overrides,
  };
}

function texts(plan: ReturnType<typeof planRotate>): Record<string, string> {
  if (!plan.ok) assert.fail(plan.reason);
  return Object.fromEntries(plan.changes.map((c) => [c.path, c.newText]));
}

const FALLBACKS_LINE = 'SECRET_KEY_FALLBACKS = [key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key]';

describe('planRotate', () => {
  it('routine: the new key in place, the old one first in the fallbacks, settings read them once', () => {
    const plan = planRotate(input({}));
    assert.deepEqual(texts(plan), {
      'mysite/settings.py': SETTINGS.replace('DEBUG = True\n', `${FALLBACKS_LINE}\nDEBUG = True\n`),
      '.env': `# local\nDEBUG=1\nDJANGO_SECRET_KEY='${NEW}'\nDJANGO_SECRET_KEY_FALLBACKS='${OLD}'\n`,
    });
    assert.ok(plan.ok);
    assert.deepEqual(plan.summary, [
      'Nobody is logged out: the old key moves to DJANGO_SECRET_KEY_FALLBACKS and keeps verifying sessions, password-reset links and signed data.',
      'Retire it in 14 days (the longer of SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT), when nothing signed with it is still valid.',
      'Restart every process that runs Django so it reads the new key; behind a load balancer, first add the new key to the fallbacks on every server, then swap.',
    ]);
    assert.deepEqual(plan.warnings, []);
  });

  it('routine again: the newest old key goes to the front, settings are not touched twice', () => {
    const settings = SETTINGS.replace('DEBUG = True\n', `${FALLBACKS_LINE}\nDEBUG = True\n`);
    const env = `DJANGO_SECRET_KEY='${OLD}'\r\nDJANGO_SECRET_KEY_FALLBACKS='${PREV}'\r\n`;
    const plan = planRotate(input({ env: { path: '.env', text: env }, settings: { path: 'mysite/settings.py', text: settings } }));
    assert.deepEqual(texts(plan), { '.env': `DJANGO_SECRET_KEY='${NEW}'\nDJANGO_SECRET_KEY_FALLBACKS='${OLD},${PREV}'\n` });
  });

  it('compromised: the old key is dropped, and every older fallback with it', () => {
    const env = `DJANGO_SECRET_KEY='${OLD}'\nDJANGO_SECRET_KEY_FALLBACKS='${PREV}'\n`;
    const plan = planRotate(input({ mode: 'compromised', env: { path: '.env', text: env } }));
    assert.deepEqual(texts(plan), { '.env': `DJANGO_SECRET_KEY='${NEW}'\n` });
    assert.ok(plan.ok);
    assert.equal(plan.summary[0], 'Everyone is logged out now, and password-reset links and data signed with the old key stop verifying: a leaked key must not keep verifying.');
  });

  it('reads the retirement delay from the settings', () => {
    const settings = SETTINGS + 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # a month\nPASSWORD_RESET_TIMEOUT = 3600\n';
    const plan = planRotate(input({ settings: { path: 'mysite/settings.py', text: settings } }));
    assert.ok(plan.ok);
    assert.equal(plan.summary[1], 'Retire it in 30 days (the longer of SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT), when nothing signed with it is still valid.');
  });

  it('warns about old Django versions and simplejwt', () => {
    const cases: Array<[string[], string, string[]]> = [
      [['Django==3.2.25\n'], 'routine', ['Django 3.2.25 has no SECRET_KEY_FALLBACKS (it came in 4.1): everyone is logged out and password-reset links stop working whatever the mode.']],
      [['django>=4.1,<4.2\n'], 'routine', ['Django 4.1.0 does not check fallbacks for sessions (fixed in 4.1.8): everyone is logged out; password-reset links and signed data still verify.']],
      [['django>=4.1,<4.2\n'], 'compromised', []],
      [['flask\n'], 'routine', ['The project does not declare its Django version: keeping users logged in needs Django 4.1.8 or later.']],
      [['Django~=5.0\ndjangorestframework-simplejwt==5.3\n'], 'routine', ["djangorestframework-simplejwt signs its tokens with SECRET_KEY (SIMPLE_JWT's SIGNING_KEY is not set) and ignores SECRET_KEY_FALLBACKS: every token it issued stops working now."]],
    ];
    for (const [deps, mode, expected] of cases) {
      const plan = planRotate(input({ dependencyTexts: deps, mode: mode as 'routine' }));
      assert.ok(plan.ok);
      assert.deepEqual(plan.warnings, expected, deps.join(''));
    }
  });

  it('refuses a routine rotation the settings would not see', () => {
    const fixed = 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nSECRET_KEY_FALLBACKS = []\n';
    assert.deepEqual(planRotate(input({ settings: { path: 's.py', text: fixed } })), {
      ok: false,
      reason:
        's.py sets SECRET_KEY_FALLBACKS without reading DJANGO_SECRET_KEY_FALLBACKS, so the old key would not verify and ' +
        'everyone would be logged out. Make it read DJANGO_SECRET_KEY_FALLBACKS, or rotate in compromised mode.',
    });
    assert.deepEqual(planRotate(input({ settings: { path: 's.py', text: 'DEBUG = True\n' } })), {
      ok: false,
      reason: 's.py does not set SECRET_KEY, so the fallbacks cannot be wired up there; rotate from the module that sets it.',
    });
    assert.equal(planRotate(input({ mode: 'compromised', settings: { path: 's.py', text: fixed } })).ok, true);
  });

  it('refuses without a key in .env, and never names the key', () => {
    assert.deepEqual(planRotate(input({ env: { path: '.env', text: 'DEBUG=1\n' } })), {
      ok: false,
      reason: '.env holds no DJANGO_SECRET_KEY to rotate; move the key there first.',
    });
    const withComma = planRotate(input({ env: { path: '.env', text: "DJANGO_SECRET_KEY='a,b'\n" } }));
    assert.deepEqual(withComma, {
      ok: false,
      reason: 'The current DJANGO_SECRET_KEY contains a comma, so it cannot join the comma-separated fallbacks. Rotate in compromised mode instead.',
    });
  });
});

describe('addFallbacksSetting', () => {
  it('uses the loader of the module, with the indentation of SECRET_KEY', () => {
    const text = lines('from decouple import config', '', 'class Prod(Configuration):', '    SECRET_KEY = config("DJANGO_SECRET_KEY")', '    DEBUG = False');
    assert.equal(
      addFallbacksSetting(text, 'DJANGO_SECRET_KEY_FALLBACKS'),
      lines(
        'from decouple import config',
        '',
        'class Prod(Configuration):',
        '    SECRET_KEY = config("DJANGO_SECRET_KEY")',
        '    SECRET_KEY_FALLBACKS = [key for key in config("DJANGO_SECRET_KEY_FALLBACKS", default="").split(",") if key]',
        '    DEBUG = False',
      ),
    );
  });
  it('adds import os when reading os.environ, and leaves an existing SECRET_KEY_FALLBACKS alone', () => {
    const text = "from pathlib import Path\nSECRET_KEY = get('K')";
    assert.equal(
      addFallbacksSetting(text, 'K_FALLBACKS'),
      'from pathlib import Path\nimport os\nSECRET_KEY = get(\'K\')\nSECRET_KEY_FALLBACKS = [key for key in os.environ.get("K_FALLBACKS", "").split(",") if key]\n',
    );
    const already = "SECRET_KEY = get('K')\nSECRET_KEY_FALLBACKS = []\n";
    assert.equal(addFallbacksSetting(already, 'K_FALLBACKS'), already);
  });
});

describe('planRetireFallbacks', () => {
  it('removes the fallbacks variable and nothing else', () => {
    const env = `A=1\nDJANGO_SECRET_KEY='${NEW}'\nDJANGO_SECRET_KEY_FALLBACKS='${OLD},${PREV}'\n# end\n`;
    const plan = planRetireFallbacks({ path: '.env', text: env }, 'DJANGO_SECRET_KEY_FALLBACKS');
    assert.deepEqual(texts(plan), { '.env': `A=1\nDJANGO_SECRET_KEY='${NEW}'\n# end\n` });
    assert.ok(plan.ok);
    assert.deepEqual(plan.summary, ['Retired 2 old keys: sessions, password-reset links and signed data made with them no longer verify.']);
    assert.deepEqual(planRetireFallbacks({ path: '.env', text: 'A=1\n' }, 'X'), {
      ok: false,
      reason: '.env holds no X: there is nothing to retire.',
    });
  });
});

describe('declaredDjangoVersion', () => {
  it('reads the lowest allowed version from requirements, pyproject and Pipfile', () => {
    assert.deepEqual(declaredDjangoVersion(['Django==4.2.1\n']), [4, 2, 1]);
    assert.deepEqual(declaredDjangoVersion(['django>=4.1,<5\n', 'django-environ>=0.11\n']), [4, 1, 0]);
    assert.deepEqual(declaredDjangoVersion(['[project]\ndependencies = ["django>=5.0", "psycopg"]\n']), [5, 0, 0]);
    assert.deepEqual(declaredDjangoVersion(['[packages]\ndjango = "==3.2.20"\n']), [3, 2, 20]);
    assert.equal(declaredDjangoVersion(['django-environ==0.11.2\ndjangorestframework==3.15\n']), undefined);
  });
});
