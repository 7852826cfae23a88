/**
 * Asks git whether it ignores a path (`git check-ignore`). Free of `vscode`; the caller decides
 * whether git may run at all (only in a trusted workspace: a repository's config can run programs).
 */
import { execFile } from 'child_process';

export const GIT_TIMEOUT_MS = 5_000;

/**
 * git's answer from how `git check-ignore -q` ended: exit 0 ignored, exit 1 not ignored; anything
 * else (not a repository: 128, no git: ENOENT, a timeout) is no answer.
 */
export function checkIgnoreAnswer(error: unknown): boolean | undefined {
  if (error === null || error === undefined) {
    return true;
  }
  const { code, killed } = error as { code?: unknown; killed?: unknown };
  return code === 1 && killed !== true ? false : undefined;
}

/** Whether git ignores `path` (absolute, or relative to `cwd`); undefined when git cannot tell. */
export function gitIgnores(cwd: string, path: string, timeoutMs: number = GIT_TIMEOUT_MS): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', '--', path], { cwd, timeout: timeoutMs, windowsHide: true }, (error) =>
      resolve(checkIgnoreAnswer(error)),
    );
  });
}
