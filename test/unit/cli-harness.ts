// Shared by the cli-*.test.ts files: runs the CLI in-process and builds throwaway trees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], cwd: string = tmpdir()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    writeStdout: (text) => {
      stdout += text;
    },
    writeStderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The bundle that package.json `bin` installs (built by `npm run build`). */
export const CLI_BUNDLE = join(__dirname, '../../../dist/cli.js');

/** Permission bits do not stop root: permission scenarios then run as this user (nobody). */
export const UNPRIVILEGED_ID = 65534;
export const RUNNING_AS_ROOT = process.getuid?.() === 0;

/**
 * Runs the CLI where permission bits apply: in-process for an ordinary user; as root, the built
 * bundle in a child process as UNPRIVILEGED_ID (the tree must be readable by that user, except
 * what a test means to be unreadable).
 */
export async function runCliUnprivileged(argv: readonly string[], cwd: string): Promise<CliRun> {
  if (!RUNNING_AS_ROOT) {
    return runCli(argv, cwd);
  }
  const id = String(UNPRIVILEGED_ID);
  const child = spawnSync('setpriv', [`--reuid=${id}`, `--regid=${id}`, '--clear-groups', process.execPath, CLI_BUNDLE, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: cwd },
  });
  if (child.error) {
    throw child.error;
  }
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** Creates a temporary folder holding `files` (relative path -> contents); returns its real path. */
export function makeTree(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'dsh-cli-')));
  for (const [path, contents] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, contents);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
