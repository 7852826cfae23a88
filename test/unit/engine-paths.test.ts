import * as assert from 'node:assert/strict';
import { classifyPath } from '../../src/core';
import { moduleKindOf } from '../../src/core/severity';
import { brief, STRONG } from './helpers';

describe('classifyPath', () => {
  const cases: Array<[string, string | undefined]> = [
    ['mysite/settings.py', 'python'],
    ['C:\\proj\\config\\settings\\base.py', 'python'],
    ['stubs/settings.pyi', 'python'],
    ['.env', 'dotenv'],
    ['proj/.env.production', 'dotenv'],
    ['proj/prod.env', 'dotenv'],
    ['.envs/.production/.django', 'dotenv'],
    ['.envrc', undefined],
    ['README.md', undefined],
    ['environment.py', 'python'],
  ];
  for (const [path, kind] of cases) it(path, () => assert.equal(classifyPath(path), kind));
});

describe('module kind and default severity', () => {
  const cases: Array<[string, string]> = [
    ['mysite/settings.py', 'unknown'],
    ['config/settings/base.py', 'unknown'],
    ['config/settings/production.py', 'production'],
    ['settings_prod.py', 'production'],
    ['config/settings/local.py', 'development'],
    ['mysite/settings/dev.py', 'development'],
    ['config/settings/test.py', 'test'],
    ['tests/settings.py', 'test'],
    ['test_settings.py', 'test'],
    ['.env.staging', 'production'],
    ['.env', 'unknown'],
  ];
  for (const [path, kind] of cases) it(path, () => assert.equal(moduleKindOf(path), kind));

  it('a real-looking key is an error in production, a warning in local settings', () => {
    const text = `SECRET_KEY = '${STRONG}'\n`;
    assert.deepEqual(brief('config/settings/production.py', text), ['hardcoded-secret-key error 0:13-0:65']);
    assert.deepEqual(brief('config/settings/local.py', text), ['hardcoded-secret-key warning 0:13-0:65']);
  });
  it('a placeholder key in test settings is information', () => {
    assert.deepEqual(brief('config/settings/test.py', "SECRET_KEY = 'not-a-secret'\n"), [
      'hardcoded-secret-key information 0:13-0:27 [too-short]',
    ]);
  });
  it('severity overrides win, and off disables a rule', () => {
    const options = { envKeyNames: [], severity: { 'hardcoded-secret-key': 'hint', 'secret-key-env-default': 'off' } } as const;
    const text = `SECRET_KEY = '${STRONG}'\nX = os.getenv('SECRET_KEY', 'x')\n`;
    assert.deepEqual(brief('settings.py', text, options), ['hardcoded-secret-key hint 0:13-0:65']);
  });
});
