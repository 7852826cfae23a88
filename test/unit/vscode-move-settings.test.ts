import * as assert from 'node:assert/strict';
import { readSettings } from '../../src/vscode/settings';

function read(values: Record<string, unknown>): { envFile: string; variableName: string } {
  const { envFile, variableName } = readSettings({ get: (key) => values[key] });
  return { envFile, variableName };
}

describe('vscode settings: move to .env', () => {
  it('defaults to .env and DJANGO_SECRET_KEY', () => {
    assert.deepEqual(read({}), { envFile: '.env', variableName: 'DJANGO_SECRET_KEY' });
  });

  it('takes a path relative to manage.py, with / separators and without a leading ./', () => {
    assert.equal(read({ envFile: 'config/.env' }).envFile, 'config/.env');
    assert.equal(read({ envFile: './.env.local' }).envFile, '.env.local');
    assert.equal(read({ envFile: 'envs\\django.env' }).envFile, 'envs/django.env');
    assert.equal(read({ envFile: '  .env  ' }).envFile, '.env');
  });

  it('falls back to .env for paths that leave the project or name a folder', () => {
    for (const envFile of ['', '   ', '/etc/app.env', 'C:\\app\\.env', 'c:/app/.env', '../.env', 'a/../.env', 'config/', 'a//.env', 'a/./.env', '.', 7, null]) {
      assert.equal(read({ envFile }).envFile, '.env', JSON.stringify(envFile));
    }
  });

  it('takes a portable variable name and falls back for any other', () => {
    assert.equal(read({ variableName: 'SECRET_KEY' }).variableName, 'SECRET_KEY');
    assert.equal(read({ variableName: '_app_key2' }).variableName, '_app_key2');
    for (const variableName of ['', '2KEY', 'SECRET-KEY', 'SECRET KEY', 'KEY=1', 'CLÉ', ['KEY'], undefined]) {
      assert.equal(read({ variableName }).variableName, 'DJANGO_SECRET_KEY', JSON.stringify(variableName));
    }
  });
});
