// Shared by the hygiene-*.test.ts files: real temporary git repositories, and git isolated from
// the machine's own configuration (a global excludes file could ignore .env and change answers).
import { execFileSync } from 'node:child_process';
import { makeTree } from './cli-harness';

const ISOLATION: Readonly<Record<string, string>> = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

/** Runs git as a test author would, isolated from the machine's configuration. */
export function git(cwd: string, ...args: string[]): string {
  const identity = ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'];
  return execFileSync('git', [...identity, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...ISOLATION } });
}

/** A new repository holding `files`, nothing committed. */
export function makeRepo(files: Readonly<Record<string, string>>): string {
  const root = makeTree(files);
  git(root, 'init', '-q');
  return root;
}

/** Stages `paths` and commits them. */
export function commit(root: string, message: string, ...paths: string[]): void {
  git(root, 'add', '--', ...paths);
  git(root, 'commit', '-q', '-m', message);
}

/**
 * For a mocha `describe`: the code under test (which runs git with this process's environment)
 * sees git without the machine's global and system configuration.
 */
export function isolateGitConfiguration(): void {
  const saved = new Map<string, string | undefined>();
  before(() => {
    for (const [name, value] of Object.entries(ISOLATION)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
