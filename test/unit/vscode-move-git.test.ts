import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkIgnoreAnswer, gitIgnores } from '../../src/vscode/git';

describe('git check-ignore', () => {
  it('reads exit 0 as ignored, exit 1 as not ignored and everything else as no answer', () => {
    assert.equal(checkIgnoreAnswer(null), true);
    assert.equal(checkIgnoreAnswer(Object.assign(new Error('exit 1'), { code: 1, killed: false })), false);
    assert.equal(checkIgnoreAnswer(Object.assign(new Error('not a repository'), { code: 128 })), undefined);
    assert.equal(checkIgnoreAnswer(Object.assign(new Error('spawn git ENOENT'), { code: 'ENOENT' })), undefined);
    assert.equal(checkIgnoreAnswer(Object.assign(new Error('timed out'), { code: 1, killed: true })), undefined);
    assert.equal(checkIgnoreAnswer(Object.assign(new Error('timed out'), { code: null, killed: true, signal: 'SIGTERM' })), undefined);
  });

  describe('with the real git', () => {
    let folder: string;

    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'dsh-git-'));
      mkdirSync(join(folder, 'repo', 'app'), { recursive: true });
      mkdirSync(join(folder, 'plain'));
      execFileSync('git', ['init', '-q'], { cwd: join(folder, 'repo') });
      writeFileSync(join(folder, 'repo', '.gitignore'), '.env\n');
    });

    after(() => rmSync(folder, { recursive: true, force: true }));

    it('answers for files in a repository, existing or not', async () => {
      const repo = join(folder, 'repo');
      assert.equal(await gitIgnores(repo, join(repo, '.env')), true);
      assert.equal(await gitIgnores(repo, join(repo, 'app', '.env')), true);
      assert.equal(await gitIgnores(repo, join(repo, 'app', 'settings.env')), false);
      assert.equal(await gitIgnores(join(repo, 'app'), '.env'), true);
    });

    it('gives no answer outside a repository or in a missing folder', async () => {
      assert.equal(await gitIgnores(join(folder, 'plain'), join(folder, 'plain', '.env')), undefined);
      assert.equal(await gitIgnores(join(folder, 'missing'), '.env'), undefined);
    });
  });
});
