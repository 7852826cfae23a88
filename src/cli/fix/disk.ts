/**
 * The project as it is on disk: a ProjectReader that remembers exactly what it read (so the
 * writer can refuse files changed since), and git's answer on whether a path is ignored.
 */
import { isUtf8 } from 'node:buffer';
import { runGit } from '../../vscode/gitFacts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { ProjectReader } from '../../core/refactor/project';

/** What a file was when it was read: its bytes, or undefined when it did not exist. */
export interface Snapshot {
  readonly bytes: Buffer | undefined;
  readonly mtimeMs: number;
}

/** Errors that mean "there is no file here" to the reader. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

// A byte-order mark stays in the text (the engine keeps the key's line away from it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: false });

export class DiskReader implements ProjectReader {
  private readonly snapshots = new Map<string, Snapshot>();

  async read(path: string): Promise<string | undefined> {
    return this.readSync(path);
  }

  async list(folder: string): Promise<string[]> {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  }

  /** Reads as the engine expects; throws on errors other than a missing file (permission denied, ...). */
  readSync(path: string): string | undefined {
    const bytes = readIfFile(path);
    this.snapshots.set(path, { bytes: bytes?.data, mtimeMs: bytes?.mtimeMs ?? 0 });
    return bytes === undefined ? undefined : decoder.decode(bytes.data);
  }

  /** What `path` held when it was read, if it was read. */
  snapshot(path: string): Snapshot | undefined {
    return this.snapshots.get(path);
  }

  /** The text of a file as it was read (undefined when it did not exist or was not read). */
  textOf(path: string): string | undefined {
    const bytes = this.snapshots.get(path)?.bytes;
    return bytes === undefined ? undefined : decoder.decode(bytes);
  }

  /** Whether a file that was read is not valid UTF-8 (rewriting it would change its bytes). */
  isInvalidUtf8(path: string): boolean {
    const bytes = this.snapshots.get(path)?.bytes;
    return bytes !== undefined && !isUtf8(bytes);
  }
}

function readIfFile(path: string): { data: Buffer; mtimeMs: number } | undefined {
  try {
    const mtimeMs = statSync(path).mtimeMs;
    return { data: readFileSync(path), mtimeMs };
  } catch (err) {
    if (ABSENT.has((err as NodeJS.ErrnoException).code ?? '')) {
      return undefined;
    }
    throw new FileError(path, err);
  }
}

/** A file-system error with the path it happened on. */
export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

const GIT_TIMEOUT_MS = 10_000;

/**
 * Asks `git check-ignore` in `root`: true when git ignores the path, false when it does not,
 * undefined when git cannot tell (no git, not a repository, timeout).
 */
export function gitIgnores(root: string): (absolutePath: string) => Promise<boolean | undefined> {
  // runGit switches off what a repository's config could run (fsmonitor, hooks, transports).
  return async (absolutePath) => {
    const r = await runGit(['check-ignore', '-q', '--', absolutePath], root, GIT_TIMEOUT_MS);
    return r.exitCode === 0 ? true : r.exitCode === 1 ? false : undefined;
  };
}
