// The editor's rotate and retire commands, the parts free of `vscode`: arguments, the modes offered,
// which variable holds the key, the settings module manage.py names, and every text the user sees.
import * as assert from 'node:assert/strict';
import {
  chooseKeyVariable,
  countKeys,
  MODE_ITEMS,
  readRetireArguments,
  readRotateArguments,
  retireConfirmation,
  retireMessage,
  rotateConfirmation,
  rotateMessage,
  setsSecretKey,
  settingsPathsFromManagePy,
} from '../../src/vscode/rotateChoices';

describe('rotate: arguments', () => {
  it('reads { uri?, mode?, confirm? }; nothing means ask for everything', () => {
    assert.deepEqual(readRotateArguments(undefined), { confirm: true });
    assert.deepEqual(readRotateArguments(null), { confirm: true });
    assert.deepEqual(readRotateArguments({ mode: 'routine', confirm: false }), { uri: undefined, mode: 'routine', confirm: false });
    assert.deepEqual(readRotateArguments({ uri: 'file:///p/.env', mode: 'compromised' }), { uri: 'file:///p/.env', mode: 'compromised', confirm: true });
  });

  it('refuses a wrong mode or confirm, and anything not an object', () => {
    for (const bad of [{ mode: 'leaked' }, { mode: 1 }, { confirm: 'no' }, 'routine', 3]) {
      assert.equal(readRotateArguments(bad), undefined, JSON.stringify(bad));
    }
  });

  it('retire takes { uri?, confirm? } and no mode', () => {
    assert.deepEqual(readRetireArguments(undefined), { uri: undefined, confirm: true });
    assert.deepEqual(readRetireArguments({ confirm: false }), { uri: undefined, confirm: false });
    assert.equal(readRetireArguments({ mode: 'routine' }), undefined);
    assert.equal(readRetireArguments({ confirm: 0 }), undefined);
  });
});

describe('rotate: the modes offered', () => {
  it('routine first, each label stating what happens to the old key', () => {
    assert.deepEqual(
      MODE_ITEMS.map((item) => [item.mode, item.label, item.detail]),
      [
        [
          'routine',
          'Routine rotation: keep the old key as a fallback',
          'Nobody is logged out; run "Retire Old Secret Keys" once sessions and password-reset links made with it have expired.',
        ],
        [
          'compromised',
          'Compromised key: drop the old key now (everyone is logged out)',
          'For a key that leaked: sessions, password-reset links and data signed with it stop verifying at once.',
        ],
      ],
    );
  });
});

describe('rotate: the variable holding the key', () => {
  const BOTH = "SECRET_KEY='a-key-value'\nDJANGO_SECRET_KEY='another-value'\n";

  it('prefers a set variable the settings name in quotes, then the configured name, then the usual names', () => {
    assert.equal(chooseKeyVariable(BOTH, 'SECRET_KEY = os.environ["SECRET_KEY"]\n', 'DJANGO_SECRET_KEY'), 'SECRET_KEY');
    assert.equal(chooseKeyVariable(BOTH, "SECRET_KEY = config('DJANGO_SECRET_KEY')\n", 'DJANGO_SECRET_KEY'), 'DJANGO_SECRET_KEY');
    assert.equal(chooseKeyVariable(BOTH, 'SECRET_KEY = read()\n', 'DJANGO_SECRET_KEY'), 'DJANGO_SECRET_KEY');
    assert.equal(chooseKeyVariable("APP_KEY='k'\nSECRET_KEY='s'\n", 'SECRET_KEY = read()\n', 'APP_KEY'), 'APP_KEY');
    assert.equal(chooseKeyVariable("SECRET_KEY='s'\n", 'SECRET_KEY = required_env("DJANGO_SECRET_KEY")\n', 'DJANGO_SECRET_KEY'), 'SECRET_KEY');
  });

  it('finds none when the env file is missing or holds no key (an empty value is no key)', () => {
    assert.equal(chooseKeyVariable(undefined, '', 'DJANGO_SECRET_KEY'), undefined);
    assert.equal(chooseKeyVariable('DEBUG=1\nDJANGO_SECRET_KEY=\n', '"DJANGO_SECRET_KEY"', 'DJANGO_SECRET_KEY'), undefined);
    assert.equal(chooseKeyVariable('#DJANGO_SECRET_KEY=x\n', '', 'DJANGO_SECRET_KEY'), undefined);
  });
});

describe('rotate: the settings module', () => {
  it("reads manage.py's DJANGO_SETTINGS_MODULE as a module file or a package", () => {
    const manage = 'def main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n';
    assert.deepEqual(settingsPathsFromManagePy(manage), ['config/settings/local.py', 'config/settings/local/__init__.py']);
    assert.deepEqual(settingsPathsFromManagePy("os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')"), [
      'mysite/settings.py',
      'mysite/settings/__init__.py',
    ]);
    assert.deepEqual(settingsPathsFromManagePy('import sys\n'), []);
  });

  it('sets SECRET_KEY: module level, in a class, or as an attribute; not a mention or another name', () => {
    assert.equal(setsSecretKey('SECRET_KEY = required_env("DJANGO_SECRET_KEY")\n'), true);
    assert.equal(setsSecretKey('class Prod(Base):\n    SECRET_KEY = values.SecretValue()\n'), true);
    assert.equal(setsSecretKey('settings.SECRET_KEY = "x"\n'), true);
    assert.equal(setsSecretKey('from .base import *  # SECRET_KEY comes from base\n'), false);
    assert.equal(setsSecretKey('JWT_SECRET_KEY = env("JWT")\nprint(SECRET_KEY)\n'), false);
  });
});

describe('rotate: what the user is told', () => {
  const summary = ['Nobody is logged out: ...', 'Retire it in 14 days (...).'];

  it('asks before a routine rotation with the summary, the warnings and the files', () => {
    const dialog = rotateConfirmation({
      variable: 'DJANGO_SECRET_KEY',
      envPath: '.env',
      mode: 'routine',
      summary,
      warnings: ['Django 4.1.0 does not check fallbacks for sessions.'],
      changed: ['mysite/settings.py', '.env'],
    });
    assert.deepEqual(dialog, {
      message: 'Rotate DJANGO_SECRET_KEY in .env, keeping the old key as a fallback?',
      detail:
        'Nobody is logged out: ...\n\nRetire it in 14 days (...).\n\nWarning: Django 4.1.0 does not check fallbacks for sessions.\n\n' +
        'Changes mysite/settings.py and .env.',
    });
  });

  it('asks before a compromised rotation', () => {
    const dialog = rotateConfirmation({ variable: 'SECRET_KEY', envPath: 'config/.env', mode: 'compromised', summary: ['Everyone is logged out now.'], warnings: [], changed: ['config/.env'] });
    assert.deepEqual(dialog, {
      message: 'Rotate SECRET_KEY in config/.env and drop the old key now?',
      detail: 'Everyone is logged out now.\n\nChanges config/.env.',
    });
  });

  it('says what was done and what to do next', () => {
    assert.equal(
      rotateMessage({ variable: 'DJANGO_SECRET_KEY', envPath: '.env', mode: 'routine' }, 'DJANGO_SECRET_KEY_FALLBACKS'),
      'Rotated DJANGO_SECRET_KEY in .env; the old key keeps verifying from DJANGO_SECRET_KEY_FALLBACKS. ' +
        'Restart every process that runs Django. Run "Retire Old Secret Keys" once nothing signed with it is still valid.',
    );
    assert.equal(
      rotateMessage({ variable: 'DJANGO_SECRET_KEY', envPath: '.env', mode: 'compromised' }, 'DJANGO_SECRET_KEY_FALLBACKS'),
      'Rotated DJANGO_SECRET_KEY in .env; the old key is gone and everyone is logged out. Restart every process that runs Django.',
    );
  });

  it('asks before retiring one key or several, and reports the plan summary', () => {
    assert.deepEqual(retireConfirmation({ envPath: '.env', fallbacksVariable: 'DJANGO_SECRET_KEY_FALLBACKS', count: 1 }), {
      message: 'Retire the old key in DJANGO_SECRET_KEY_FALLBACKS (.env)?',
      detail:
        'Sessions, password-reset links and data signed with it stop verifying: whoever is still logged in with it is logged out. ' +
        'Retire once SESSION_COOKIE_AGE and PASSWORD_RESET_TIMEOUT have passed since the rotation.\n\nChanges .env.',
    });
    assert.equal(retireConfirmation({ envPath: '.env', fallbacksVariable: 'K_FALLBACKS', count: 2 }).message, 'Retire the 2 old keys in K_FALLBACKS (.env)?');
    assert.equal(retireMessage(['Retired 2 old keys: ...']), 'Retired 2 old keys: ... Restart every process that runs Django.');
  });

  it('counts the keys of a fallbacks value', () => {
    assert.equal(countKeys(undefined), 0);
    assert.equal(countKeys('a'), 1);
    assert.equal(countKeys('a,b,'), 2);
  });
});
