import * as assert from 'node:assert/strict';
import { createPathFilter, toGlobPath } from '../../src/vscode/globs';
import { DEFAULT_SETTINGS } from '../../src/vscode/settings';

describe('vscode globs', () => {
  describe('toGlobPath', () => {
    it('turns Windows separators into forward slashes', () => {
      assert.equal(toGlobPath('mysite\\settings\\production.py'), 'mysite/settings/production.py');
    });

    it('drops a leading ./ and leading slashes', () => {
      assert.equal(toGlobPath('./mysite/settings.py'), 'mysite/settings.py');
      assert.equal(toGlobPath('/home/me/mysite/.env'), 'home/me/mysite/.env');
      assert.equal(toGlobPath('\\\\server\\share\\app\\settings.py'), 'server/share/app/settings.py');
    });

    it('keeps a drive letter as the first segment', () => {
      assert.equal(toGlobPath('C:\\work\\mysite\\settings.py'), 'C:/work/mysite/settings.py');
    });
  });

  describe('createPathFilter with the default include and exclude', () => {
    const isIncluded = createPathFilter(DEFAULT_SETTINGS.include, DEFAULT_SETTINGS.exclude);

    const included = [
      'settings.py',
      'mysite/settings.py',
      'mysite/settings/production.py',
      'stubs/settings.pyi',
      '.env',
      'deploy/.env',
      '.env.production',
      'config/.env.local',
      'prod.env',
      '.envs/.production/.django',
      'compose/.envs/.local/.postgres',
      'mysite\\settings\\production.py',
      '.envs\\.production\\.django',
      'C:\\work\\mysite\\settings.py',
      '/home/me/mysite/settings.py',
    ];
    for (const path of included) {
      it(`includes ${path}`, () => assert.equal(isIncluded(path), true));
    }

    const notIncluded = [
      'README.md',
      'settings.py.bak',
      'mysite/settings.pyc',
      'environment.yml',
      'env/settings.cfg',
      '.envrc',
      'mysite/.environment',
      'node_modules/pkg/settings.py',
      'frontend/node_modules/pkg/.env',
      '.venv/lib/python3.12/site-packages/django/conf/global_settings.py',
      'venv/lib/settings.py',
      'lib/python3.12/site-packages/foo/settings.py',
      '.tox/py312/settings.py',
      'mysite/__pycache__/settings.py',
      'mysite\\node_modules\\pkg\\settings.py',
      'C:\\work\\.venv\\Lib\\site-packages\\pkg\\settings.py',
    ];
    for (const path of notIncluded) {
      it(`does not include ${path}`, () => assert.equal(isIncluded(path), false));
    }
  });

  describe('createPathFilter with user globs', () => {
    it('matches dot folders and files (dot: true)', () => {
      const isIncluded = createPathFilter(['**/*.py'], []);
      assert.equal(isIncluded('.hidden/settings.py'), true);
      assert.equal(isIncluded('.settings.py'), true);
    });

    it('narrows to a folder and lets an exclude win over an include', () => {
      const isIncluded = createPathFilter(['backend/**/*.py'], ['**/tests/**']);
      assert.equal(isIncluded('backend/mysite/settings.py'), true);
      assert.equal(isIncluded('backend\\mysite\\settings.py'), true);
      assert.equal(isIncluded('scripts/settings.py'), false);
      assert.equal(isIncluded('backend/tests/settings.py'), false);
      assert.equal(isIncluded('backend\\tests\\settings.py'), false);
    });

    it('includes nothing when include is empty', () => {
      assert.equal(createPathFilter([], [])('settings.py'), false);
    });

    it('accepts a file with another name when a glob names it', () => {
      assert.equal(createPathFilter(['**/manage'], [])('bin/manage'), true);
    });
  });
});
