import { Dirent, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyPath, DocumentKind } from '../../core';
import { compareStrings, displayPath } from './paths';
import { describeFsError, Problems } from './problems';

/** One file chosen for scanning. */
export interface SourceFile {
  /** Absolute path, for reading. */
  readonly absPath: string;
  /** Relative to the current folder with forward slashes: what reports show and the engine sees. */
  readonly path: string;
  readonly kind: DocumentKind;
}

/** Folders never entered while walking (a folder named on the command line is always walked). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
  '.venv',
  'venv',
]);

/** A folder holding this file is a virtualenv, whatever its name. */
const VENV_MARKER = 'pyvenv.cfg';

/**
 * Expands command-line paths into the files to scan, sorted by path, each real file once.
 * Folders are walked recursively; only files that classifyPath selects are kept; symlinked
 * folders are not followed. A file named explicitly is always kept: as dotenv when
 * classifyPath says so, otherwise as Python. Missing or unreadable paths are reported as errors.
 */
export function collectFiles(args: readonly string[], cwd: string, problems: Problems): SourceFile[] {
  const collector = new Collector(cwd, problems);
  for (const arg of args) {
    collector.addArgument(arg);
  }
  return collector.files();
}

class Collector {
  /** Real path -> file, so a file reached twice (overlapping arguments, file symlinks) is scanned once. */
  private readonly found = new Map<string, { readonly file: SourceFile; readonly viaLink: boolean }>();

  constructor(
    private readonly cwd: string,
    private readonly problems: Problems,
  ) {}

  files(): SourceFile[] {
    const files = [...this.found.values()].map((entry) => entry.file);
    return files.sort((a, b) => compareStrings(a.path, b.path));
  }

  addArgument(arg: string): void {
    const absPath = resolve(this.cwd, arg);
    let isDirectory: boolean;
    let isFile: boolean;
    try {
      const stats = statSync(absPath);
      isDirectory = stats.isDirectory();
      isFile = stats.isFile();
    } catch (err) {
      this.problems.error(arg, describeFsError(err));
      return;
    }
    if (isDirectory) {
      this.walk(absPath);
    } else if (isFile) {
      const path = displayPath(this.cwd, absPath);
      this.add(absPath, path, classifyPath(path) ?? 'python');
    } else {
      this.problems.error(arg, 'not a regular file or folder');
    }
  }

  private walk(dir: string): void {
    for (const entry of this.readFolder(dir)) {
      this.visit(join(dir, entry.name), entry);
    }
  }

  private readFolder(dir: string): Dirent[] {
    try {
      return readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareStrings(a.name, b.name));
    } catch (err) {
      this.problems.error(displayPath(this.cwd, dir), describeFsError(err));
      return [];
    }
  }

  private visit(absPath: string, entry: Dirent): void {
    if (entry.isDirectory()) {
      if (!isSkippedFolder(absPath, entry.name)) {
        this.walk(absPath);
      }
      return;
    }
    const path = displayPath(this.cwd, absPath);
    const kind = classifyPath(path);
    if (kind === undefined) {
      return;
    }
    if (entry.isFile()) {
      this.add(absPath, path, kind);
    } else if (entry.isSymbolicLink()) {
      this.addLinkedFile(absPath, path, kind);
    }
  }

  /** A symlink met while walking: followed when it points to a file, never when to a folder. */
  private addLinkedFile(absPath: string, path: string, kind: DocumentKind): void {
    try {
      if (statSync(absPath).isFile()) {
        this.add(absPath, path, kind, true);
      }
    } catch (err) {
      this.problems.note(path, `skipped, broken symbolic link (${describeFsError(err)})`);
    }
  }

  /** Keeps the first path to a real file, except that a path without a symlink beats one through it. */
  private add(absPath: string, path: string, kind: DocumentKind, viaLink = false): void {
    const key = realPath(absPath);
    const existing = this.found.get(key);
    if (existing === undefined || (existing.viaLink && !viaLink)) {
      this.found.set(key, { file: { absPath, path, kind }, viaLink });
    }
  }
}

function isSkippedFolder(absPath: string, name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || existsSync(join(absPath, VENV_MARKER));
}

function realPath(absPath: string): string {
  try {
    return realpathSync(absPath);
  } catch {
    return absPath;
  }
}
