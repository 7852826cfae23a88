import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brief } from './helpers';

const ROOT = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'projects');

function scan(relative: string): string[] {
  return brief(relative, readFileSync(join(ROOT, relative), 'utf8'));
}

describe('real-world layouts', () => {
  it('cookiecutter-django base.py: nothing', () => {
    assert.deepEqual(scan('cookiecutter/config/settings/base.py'), []);
  });
  it('cookiecutter-django local.py: a strong literal default, information in a local module', () => {
    assert.deepEqual(scan('cookiecutter/config/settings/local.py'), ['secret-key-env-default information 7:12-7:78']);
  });
  it('cookiecutter-django test.py: a placeholder default', () => {
    assert.deepEqual(scan('cookiecutter/config/settings/test.py'), [
      'secret-key-env-default information 6:12-6:22 [too-short]',
    ]);
  });
  it('cookiecutter-django production.py: a literal fallback', () => {
    assert.deepEqual(scan('cookiecutter/config/settings/production.py'), ['hardcoded-secret-key-fallbacks error 9:4-9:73']);
  });
  it('cookiecutter-django .envs: local placeholder and production insecure key', () => {
    assert.deepEqual(scan('cookiecutter/.envs/.local/.django'), ['weak-secret-key information 4:18-4:27 [too-short]']);
    assert.deepEqual(scan('cookiecutter/.envs/.production/.django'), [
      'insecure-secret-key error 3:18-3:85 [django-insecure-prefix]',
    ]);
  });
  it('django-configurations classes', () => {
    assert.deepEqual(scan('configurations/myproject/settings.py'), [
      'hardcoded-secret-key error 13:17-13:79',
      'secret-key-env-default warning 18:53-18:67 [too-short]',
    ]);
  });
});
