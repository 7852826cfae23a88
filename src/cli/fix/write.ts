/**
 * Writes several files as one all-or-nothing step. Every new content first goes to a temporary
 * file in the target's own folder (so the final rename is atomic), then all temporaries are renamed
 * over their targets; if anything fails, the temporaries are removed and every target already
 * replaced is restored from a backup link. Files that changed on disk since they were read are
 * refused before anything is written.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Snapshot } from './disk';

export interface PendingWrite {
  /** Absolute path of the target. */
  readonly path: string;
  readonly text: string;
  /** What the file was when the plan was made (undefined bytes: it did not exist). */
  readonly snapshot: Snapshot;
  /** Create the file readable and writable by its owner only. */
  readonly ownerOnly: boolean;
}

/** The file-system calls the writer makes; tests inject failures through it. */
export type FsOps = Pick<
  typeof nodeFs,
  | 'lstatSync'
  | 'statSync'
  | 'readFileSync'
  | 'accessSync'
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'fchmodSync'
  | 'fchownSync'
  | 'linkSync'
  | 'copyFileSync'
  | 'renameSync'
  | 'unlinkSync'
>;

export const NODE_FS: FsOps = {
  lstatSync: nodeFs.lstatSync,
  statSync: nodeFs.statSync,
  readFileSync: nodeFs.readFileSync,
  accessSync: nodeFs.accessSync,
  openSync: nodeFs.openSync,
  writeSync: nodeFs.writeSync,
  fsyncSync: nodeFs.fsyncSync,
  closeSync: nodeFs.closeSync,
  fchmodSync: nodeFs.fchmodSync,
  fchownSync: nodeFs.fchownSync,
  linkSync: nodeFs.linkSync,
  copyFileSync: nodeFs.copyFileSync,
  renameSync: nodeFs.renameSync,
  unlinkSync: nodeFs.unlinkSync,
};

/** Why nothing (or, with `unrestored`, not everything) was left as it was. */
export class WriteError extends Error {
  constructor(
    /** The target the problem is about. */
    readonly path: string,
    message: string,
    /** Targets that could not be restored, with where their previous content is kept. */
    readonly unrestored: ReadonlyArray<{ readonly path: string; readonly backup: string }> = [],
  ) {
    super(message);
  }
}

interface Staged {
  readonly write: PendingWrite;
  readonly temp: string;
  /** The existing target's mode and owner; undefined when the file is created. */
  readonly existing: nodeFs.Stats | undefined;
  backup?: string;
  renamed?: boolean;
}

/** Checks every target without writing anything; throws a WriteError for the first problem. */
export function checkTargets(writes: readonly PendingWrite[], fs: FsOps = NODE_FS): void {
  for (const w of writes) {
    checkTarget(w, fs);
  }
}

/** Writes every file, or none: see the module comment. Throws a WriteError. */
export function writeAll(writes: readonly PendingWrite[], fs: FsOps = NODE_FS): void {
  checkTargets(writes, fs);
  const staged: Staged[] = [];
  try {
    for (const w of writes) {
      staged.push(stage(w, fs));
    }
    checkTargets(writes, fs);
    for (const s of staged) {
      commit(s, fs);
    }
  } catch (err) {
    throw rollback(staged, fs, err);
  }
  for (const s of staged) {
    if (s.backup) {
      tryUnlink(fs, s.backup);
    }
  }
}

function checkTarget(w: PendingWrite, fs: FsOps): void {
  const stats = lstatOrUndefined(w.path, fs);
  if (stats?.isDirectory()) {
    throw new WriteError(w.path, 'is a folder, not a file');
  }
  if (stats?.isSymbolicLink()) {
    throw new WriteError(w.path, 'is a symbolic link; it was not replaced');
  }
  if (stats && !stats.isFile()) {
    throw new WriteError(w.path, 'is not a regular file');
  }
  if (!stats && w.snapshot.bytes === undefined) {
    checkFolder(w.path, fs);
    return;
  }
  if (!stats || w.snapshot.bytes === undefined || changedSince(w, stats, fs)) {
    throw new WriteError(w.path, 'changed on disk since it was read; run the command again');
  }
  if (!writable(w.path, stats, fs)) {
    throw new WriteError(w.path, 'is read-only');
  }
}

function changedSince(w: PendingWrite, stats: nodeFs.Stats, fs: FsOps): boolean {
  return stats.mtimeMs !== w.snapshot.mtimeMs || !fs.readFileSync(w.path).equals(w.snapshot.bytes ?? Buffer.alloc(0));
}

/** Read-only by its mode (which root would ignore) or not writable by this user. */
function writable(path: string, stats: nodeFs.Stats, fs: FsOps): boolean {
  if ((stats.mode & 0o200) === 0) {
    return false;
  }
  try {
    fs.accessSync(path, nodeFs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function checkFolder(path: string, fs: FsOps): void {
  const folder = lstatOrUndefined(dirname(path), fs, true);
  if (!folder?.isDirectory()) {
    throw new WriteError(path, 'its folder does not exist');
  }
}

function lstatOrUndefined(path: string, fs: FsOps, follow = false): nodeFs.Stats | undefined {
  try {
    return follow ? fs.statSync(path) : fs.lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new WriteError(path, describe(err));
  }
}

/** Writes the new content to a temporary file beside the target, with the target's mode and owner. */
function stage(w: PendingWrite, fs: FsOps): Staged {
  const existing = w.snapshot.bytes === undefined ? undefined : fs.statSync(w.path);
  const temp = join(dirname(w.path), `.${basename(w.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openTemp(w, temp, fs);
  const staged: Staged = { write: w, temp, existing };
  try {
    if (existing) {
      fs.fchmodSync(fd, existing.mode & 0o7777);
      if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
        fs.fchownSync(fd, existing.uid, existing.gid);
      }
    }
    writeFully(fs, fd, Buffer.from(w.text, 'utf8'));
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    tryUnlink(fs, temp);
    throw new WriteError(w.path, describe(err));
  }
  fs.closeSync(fd);
  return staged;
}

function writeFully(fs: FsOps, fd: number, data: Buffer): void {
  for (let done = 0; done < data.length; ) {
    done += fs.writeSync(fd, data, done, data.length - done);
  }
}

function openTemp(w: PendingWrite, temp: string, fs: FsOps): number {
  const mode = w.ownerOnly || w.snapshot.bytes !== undefined ? 0o600 : 0o666;
  try {
    return fs.openSync(temp, 'wx', mode);
  } catch (err) {
    throw new WriteError(w.path, `cannot create a file in its folder: ${describe(err)}`);
  }
}

/** Keeps a backup link of an existing target, then moves the temporary file over it. */
function commit(s: Staged, fs: FsOps): void {
  if (s.existing) {
    const backup = `${s.temp}.orig`;
    try {
      fs.linkSync(s.write.path, backup);
    } catch {
      fs.copyFileSync(s.write.path, backup, nodeFs.constants.COPYFILE_EXCL);
    }
    s.backup = backup;
  }
  try {
    fs.renameSync(s.temp, s.write.path);
  } catch (err) {
    throw new WriteError(s.write.path, describe(err));
  }
  s.renamed = true;
}

/** Undoes every rename in reverse order and removes temporaries; returns the error to throw. */
function rollback(staged: readonly Staged[], fs: FsOps, cause: unknown): WriteError {
  const unrestored: Array<{ path: string; backup: string }> = [];
  for (const s of [...staged].reverse()) {
    if (!s.renamed) {
      tryUnlink(fs, s.temp);
      if (s.backup) tryUnlink(fs, s.backup);
      continue;
    }
    try {
      if (s.backup) fs.renameSync(s.backup, s.write.path);
      else fs.unlinkSync(s.write.path);
    } catch {
      unrestored.push({ path: s.write.path, backup: s.backup ?? '' });
    }
  }
  const path = cause instanceof WriteError ? cause.path : (staged[staged.length - 1]?.write.path ?? '');
  const message = cause instanceof WriteError ? cause.message : describe(cause);
  return new WriteError(path, message, unrestored);
}

function tryUnlink(fs: FsOps, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // already gone
  }
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a folder',
  ENOTDIR: 'a parent of this path is not a folder',
  EXDEV: 'on another file system',
  EIO: 'input/output error',
};

/** A short, path-free description of a file-system error. */
export function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') {
    return FS_ERRORS[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
