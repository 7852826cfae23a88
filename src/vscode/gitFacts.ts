/**
 * git's answers for the hygiene checks (is a file ignored, tracked, is a key in the history), from
 * a git that a repository cannot make run a program. Free of `vscode`: the editor uses it only in
 * a trusted workspace, the command line unless `--no-git`.
 *
 * How a hostile repository is kept from running anything:
 * - the `git` executable is looked up on the PATH by absolute folders only, never in the current
 *   folder (Windows searches the current folder first for a bare `git`);
 * - every command runs with `-c core.fsmonitor=false` (a program git would start to list changed
 *   files), `-c core.hooksPath=/dev/null` (hooks, e.g. post-index-change when the index is written)
 *   and `-c protocol.allow=never` (no transport at all, so no lazy fetch of a partial clone's
 *   missing objects, no ssh or credential helper), plus GIT_NO_LAZY_FETCH=1 and
 *   GIT_TERMINAL_PROMPT=0; command-line `-c` values beat every config file and include;
 * - only commands that start no other program with these settings are used: rev-parse,
 *   check-ignore, ls-files, rev-list, cat-file without --textconv/--filters (so no textconv or
 *   filter driver), and `update-index --force-remove` to stop tracking a file (not `git rm`,
 *   which refreshes the index and so may run a clean filter); none of them refreshes the index or
 *   reads a work-tree file; no pager (`--no-pager`, and output is never a terminal);
 * - GIT_OPTIONAL_LOCKS=0 keeps read-only commands from writing the index; each command has a timeout.
 *
 * A key value is never put on a command line or sent to git: the history search reads the
 * objects with `git cat-file --batch` and looks for the value in this process.
 */
import { ChildProcess, execFile, spawn, SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { GitAnswers } from '../core/hygiene';

export const GIT_SAFETY_OPTIONS: readonly string[] = [
  '--no-pager',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'protocol.allow=never',
];

export interface HistoryLimits {
  /** The newest commits (over every branch, tag and remote ref, the stash excluded) whose files are searched; 0: no search. */
  readonly commits: number;
  /** Give up (the answer is "unknown") after this long. */
  readonly timeMs: number;
  /** Give up after reading this many bytes of objects. */
  readonly bytes: number;
  /** Files larger than this are not read. */
  readonly maxFileBytes: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  commits: 200,
  timeMs: 20_000,
  bytes: 256 * 1024 * 1024,
  maxFileBytes: 512 * 1024,
};

/** Per-command timeout for the quick questions (ignored, tracked, work tree). */
export const GIT_COMMAND_TIMEOUT_MS = 5_000;

export interface GitResult {
  /** The exit code; undefined when git could not run, was killed or timed out. */
  readonly exitCode: number | undefined;
  readonly stdout: string;
}

let gitPath: { readonly path: string | undefined; readonly forPath: string } | undefined;

/** The git executable: the first `git` (`git.exe` on Windows) in an absolute folder of the PATH. */
export function findGit(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const searchPath = env.PATH ?? env.Path ?? '';
  const cacheKey = `${platform}\n${searchPath}`;
  if (gitPath?.forPath === cacheKey) return gitPath.path;
  const name = platform === 'win32' ? 'git.exe' : 'git';
  const found = searchPath
    .split(delimiter)
    .filter((folder) => folder.length > 0 && isAbsolute(folder))
    .map((folder) => join(folder, name))
    .find(isFile);
  gitPath = { path: found, forPath: cacheKey };
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1' };
}

/** Runs one git command in `cwd` with the safety options; never rejects. */
export function runGit(args: readonly string[], cwd: string, timeoutMs: number = GIT_COMMAND_TIMEOUT_MS): Promise<GitResult> {
  const git = findGit();
  if (git === undefined) return Promise.resolve({ exitCode: undefined, stdout: '' });
  return new Promise((resolve) => {
    const options = { cwd, timeout: timeoutMs, windowsHide: true, env: gitEnvironment(), maxBuffer: 1024 * 1024 };
    execFile(git, [...GIT_SAFETY_OPTIONS, ...args], options, (error, stdout) => {
      resolve({ exitCode: exitCodeOf(error), stdout: String(stdout) });
    });
  });
}

function exitCodeOf(error: unknown): number | undefined {
  if (error === null || error === undefined) return 0;
  const { code, killed } = error as { code?: unknown; killed?: unknown };
  return typeof code === 'number' && killed !== true ? code : undefined;
}

/** 0 yes, 1 no, anything else (128: not a repository, no git, a timeout) unknown. */
function yesNo(result: GitResult): boolean | undefined {
  return result.exitCode === 0 ? true : result.exitCode === 1 ? false : undefined;
}

/** Answers with definite results only, kept across runs: (the searched commits, a value's hash) -> found. */
export class HistoryCache {
  private readonly answers = new Map<string, boolean>();

  constructor(private readonly capacity = 512) {}

  get(key: string): boolean | undefined {
    return this.answers.get(key);
  }

  set(key: string, found: boolean): void {
    this.answers.delete(key);
    this.answers.set(key, found);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value ?? '');
  }
}

/**
 * GitAnswers over a real git. Paths come in the engine's form (absolute, `/` separators);
 * `toNative` turns them into file-system paths (the editor maps URI paths, the CLI keeps them).
 */
export class GitFacts implements GitAnswers {
  constructor(
    private readonly toNative: (path: string) => string,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
    private readonly cache: HistoryCache = new HistoryCache(),
  ) {}

  async workTree(folder: string): Promise<string | undefined> {
    const result = await runGit(['rev-parse', '--show-toplevel'], this.toNative(folder));
    const root = result.stdout.replace(/\r?\n$/, '');
    return result.exitCode === 0 && root.length > 0 ? root : undefined;
  }

  /** `git check-ignore -q` in the file's folder: exit 0 ignored, 1 not ignored. */
  async ignored(_root: string, path: string): Promise<boolean | undefined> {
    const native = this.toNative(path);
    return yesNo(await runGit(['check-ignore', '-q', '--', native], dirname(native)));
  }

  /** `git ls-files --error-unmatch` (the path taken literally, not as a glob): exit 0 tracked, 1 not tracked. */
  async tracked(_root: string, path: string): Promise<boolean | undefined> {
    const native = this.toNative(path);
    return yesNo(await runGit(['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', native], dirname(native)));
  }

  async inHistory(root: string, values: readonly string[]): Promise<readonly (boolean | undefined)[]> {
    if (this.limits.commits <= 0) return values.map(() => undefined);
    const commits = await runGit(['rev-list', '--exclude=refs/stash', '--all', `--max-count=${this.limits.commits}`], root);
    if (commits.exitCode !== 0) return values.map(() => undefined);
    if (commits.stdout.trim() === '') return values.map(() => false);
    const digest = createHash('sha256').update(commits.stdout).digest('hex');
    const keys = values.map((value) => `${root}\n${digest}\n${createHash('sha256').update(value, 'utf8').digest('hex')}`);
    const answers: (boolean | undefined)[] = keys.map((key) => this.cache.get(key));
    const missing = values.filter((_, i) => answers[i] === undefined);
    if (missing.length === 0) return answers;
    const searched = await searchObjects(root, commits.stdout, missing, this.limits);
    let next = 0;
    return answers.map((answer, i) => {
      if (answer !== undefined) return answer;
      const found = searched[next++];
      if (found !== undefined) this.cache.set(keys[i], found);
      return found;
    });
  }
}

/**
 * Reads every object of the given commits' trees (each once; files over `maxFileBytes` left out)
 * and looks for each value in them. A value found is true; one not found is false when every
 * object was read, undefined when a limit stopped the search or git failed.
 */
function searchObjects(root: string, commits: string, values: readonly string[], limits: HistoryLimits): Promise<(boolean | undefined)[]> {
  const git = findGit();
  if (git === undefined) return Promise.resolve(values.map(() => undefined));
  return new ObjectSearch(values, limits).run(git, root, commits);
}

const LIST_OBJECTS = ['rev-list', '--objects', '--no-walk', '--no-object-names', '--missing=allow-any', '--stdin'];
const PRINT_OBJECTS = ['cat-file', '--batch', '--buffer'];

/** `git rev-list --objects` piped into `git cat-file --batch`, searched here as it streams by. */
class ObjectSearch {
  private readonly search: StreamSearch;
  private readonly children: ChildProcess[] = [];
  private readonly exits: (number | null)[] = [];
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private resolve: ((answers: (boolean | undefined)[]) => void) | undefined;

  constructor(
    values: readonly string[],
    private readonly limits: HistoryLimits,
  ) {
    this.search = new StreamSearch(values.map((value) => Buffer.from(value, 'utf8')));
  }

  run(git: string, root: string, commits: string): Promise<(boolean | undefined)[]> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      const options: SpawnOptions = { cwd: root, windowsHide: true, env: gitEnvironment(), stdio: ['pipe', 'pipe', 'ignore'] };
      const list = spawn(git, [...GIT_SAFETY_OPTIONS, ...LIST_OBJECTS, `--filter=blob:limit=${this.limits.maxFileBytes}`], options);
      const read = spawn(git, [...GIT_SAFETY_OPTIONS, ...PRINT_OBJECTS], options);
      this.children.push(list, read);
      this.timer = setTimeout(() => this.end(false), this.limits.timeMs);
      for (const child of this.children) {
        child.on('error', () => this.end(false));
        child.on('close', (code) => this.exited(code));
        child.stdin?.on('error', () => undefined);
      }
      list.stdout?.pipe(read.stdin as NodeJS.WritableStream);
      read.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
      list.stdin?.end(commits);
    });
  }

  private read(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.search.push(chunk);
    if (this.search.allFound()) this.end(true);
    else if (this.bytes > this.limits.bytes) this.end(false);
  }

  /** Complete only when both commands ended well: cat-file also ends when rev-list fails. */
  private exited(code: number | null): void {
    this.exits.push(code);
    if (code !== 0) this.end(false);
    else if (this.exits.length === this.children.length) this.end(true);
  }

  private end(complete: boolean): void {
    const resolve = this.resolve;
    if (resolve === undefined) return;
    this.resolve = undefined;
    clearTimeout(this.timer);
    this.children.forEach((child) => child.kill());
    resolve(this.search.found.map((found) => (found ? true : complete ? false : undefined)));
  }
}

/** Looks for several byte strings in a stream, across chunk boundaries. */
export class StreamSearch {
  readonly found: boolean[];
  private tail: Buffer = Buffer.alloc(0);
  private readonly overlap: number;

  constructor(private readonly needles: readonly Buffer[]) {
    this.found = needles.map((needle) => needle.length === 0);
    this.overlap = Math.max(0, ...needles.map((needle) => needle.length - 1));
  }

  push(chunk: Buffer): void {
    const window = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    this.needles.forEach((needle, i) => {
      if (!this.found[i] && window.includes(needle)) this.found[i] = true;
    });
    this.tail = Buffer.from(window.subarray(Math.max(0, window.length - this.overlap)));
  }

  allFound(): boolean {
    return this.found.every(Boolean);
  }
}

/**
 * Takes one file out of the index, as `git rm --cached -f` does (the work-tree file stays), with
 * `git update-index --force-remove`: `git rm` refreshes the index first, which can read the file
 * through a clean filter the repository configures; update-index never reads it.
 */
export async function stopTracking(path: string): Promise<boolean> {
  return (await runGit(['update-index', '--force-remove', '--', path], dirname(path))).exitCode === 0;
}
