import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoSecrets, PROJECT, PROJECT_FINDINGS } from './cli-project';

/** The bundle that package.json `bin` installs (built by `npm run build`). */
const CLI = join(__dirname, '../../../dist/cli.js');

function run(args: string[], cwd: string, direct = false): { status: number | null; stdout: string; stderr: string } {
  const result = direct
    ? spawnSync(CLI, args, { cwd, encoding: 'utf8' })
    : spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli as a process (dist/cli.js)', () => {
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });

  it('scans the fixture project to JSON and exits 1', () => {
    // --no-git: the fixture's .env is committed to this repository, which the git checks would report.
    const result = run(['scan', '--no-git', '--format', 'json'], PROJECT);
    assert.deepEqual(result, {
      status: 1,
      stdout: JSON.stringify({ version: 1, findings: PROJECT_FINDINGS }, null, 2) + '\n',
      stderr: '',
    });
    assertNoSecrets(result.stdout);
  });

  it('exits 2 and names the path on stderr when a path is missing', () => {
    assert.deepEqual(run(['scan', 'manage.py', 'missing.py'], PROJECT), {
      status: 2,
      stdout: 'No findings (1 file scanned)\n',
      stderr: 'missing.py: error: no such file or folder\n',
    });
  });

  it('exits 2 on a usage error', () => {
    assert.deepEqual(run(['scan', '--format', 'xml'], PROJECT), {
      status: 2,
      stdout: '',
      stderr: "django-secret-hygiene: invalid --format 'xml' (expected text, json or sarif)\nRun 'django-secret-hygiene scan --help' for usage.\n",
    });
  });

  it('runs directly through its shebang and prints the version', () => {
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.deepEqual(run(['--version'], PROJECT, true), { status: 0, stdout: `${version}\n`, stderr: '' });
  });
});
