/**
 * Asks git whether it ignores a path (`git check-ignore`). Free of `vscode`; the caller decides
 * whether git may run at all (only in a trusted workspace: a repository's config can run programs).
 */
import { runGit } from './gitFacts';

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
  // runGit switches off what a repository's config could run (fsmonitor, hooks, transports).
  return runGit(['check-ignore', '-q', '--', path], cwd, timeoutMs).then((r) =>
    r.exitCode === 0 ? true : r.exitCode === 1 ? false : undefined,
  );
}
