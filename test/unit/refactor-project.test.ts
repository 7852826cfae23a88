import * as assert from 'node:assert/strict';
import { gatherProject, ProjectReader } from '../../src/core/refactor/project';

/** An in-memory file tree: absolute path -> text. */
function memoryReader(files: Record<string, string>): ProjectReader {
  return {
    read: async (path) => files[path],
    list: async (folder) => {
      const prefix = folder.endsWith('/') ? folder : folder + '/';
      const names = Object.keys(files)
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length).split('/')[0]);
      return [...new Set(names)];
    },
  };
}

const SETTINGS = "from decouple import config\nSECRET_KEY = 'x'\n";

describe('gatherProject', () => {
  it('finds manage.py above a settings package and reads every file the plan needs', async () => {
    const reader = memoryReader({
      '/w/proj/manage.py': '',
      '/w/proj/config/settings/base.py': SETTINGS,
      '/w/proj/config/settings/local.py': 'from .base import *\n',
      '/w/proj/.gitignore': '*.pyc\n',
      '/w/proj/.env.sample': 'DJANGO_SECRET_KEY=\n',
      '/w/proj/requirements/local.txt': '-r base.txt\n',
      '/w/proj/requirements/base.txt': 'python-decouple==3.8\n',
      '/w/proj/pyproject.toml': '[tool.black]\n',
    });
    const g = await gatherProject(reader, {
      settingsPath: '/w/proj/config/settings/base.py',
      settingsText: SETTINGS,
      offset: 40,
      loader: 'auto',
      variableName: 'DJANGO_SECRET_KEY',
    });
    assert.equal(g.root, '/w/proj');
    assert.equal(g.detected, 'decouple');
    assert.deepEqual(g.input, {
      settings: { path: 'config/settings/base.py', text: SETTINGS },
      offset: 40,
      loader: 'decouple',
      variableName: 'DJANGO_SECRET_KEY',
      env: { path: '.env', text: undefined },
      example: { path: '.env.sample', text: 'DJANGO_SECRET_KEY=\n' },
      gitignore: { path: '.gitignore', text: '*.pyc\n' },
      envIgnored: false,
      dependencies: [
        { path: 'requirements/base.txt', text: 'python-decouple==3.8\n' },
        { path: 'requirements/local.txt', text: '-r base.txt\n' },
        { path: 'pyproject.toml', text: '[tool.black]\n' },
      ],
    });
    assert.equal(g.absolute('.env'), '/w/proj/.env');
  });

  it('asks git first, falls back to .gitignore rules, and defaults to python-dotenv', async () => {
    const files = { '/p/manage.py': '', '/p/app/settings.py': "SECRET_KEY = 'x'\n", '/p/.gitignore': '.env*\n!.env.example\n' };
    const base = { settingsPath: '/p/app/settings.py', settingsText: "SECRET_KEY = 'x'\n", offset: 14, loader: 'auto', variableName: 'K' } as const;
    const byRules = await gatherProject(memoryReader(files), base);
    assert.equal(byRules.input.envIgnored, true);
    assert.equal(byRules.input.loader, 'dotenv');
    assert.equal(byRules.detected, undefined);
    const byGit = await gatherProject(memoryReader(files), { ...base, gitIgnores: async () => false });
    assert.equal(byGit.input.envIgnored, false);
  });
});
