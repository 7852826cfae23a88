import { CliIo } from '../io';

/**
 * Notes and errors about individual paths, written to stderr as they happen
 * (`path: note: ...`, `path: error: ...`). Errors make the run exit with code 2.
 */
export class Problems {
  private errors = 0;

  constructor(private readonly io: CliIo) {}

  get hadErrors(): boolean {
    return this.errors > 0;
  }

  note(subject: string, message: string): void {
    this.io.writeStderr(`${subject}: note: ${message}\n`);
  }

  error(subject: string, message: string): void {
    this.errors++;
    this.io.writeStderr(`${subject}: error: ${message}\n`);
  }
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a parent of this path is not a folder',
  EISDIR: 'is a folder',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A short, path-free description of a file-system error. */
export function describeFsError(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return FS_ERRORS[err.code] ?? err.code;
  }
  return err instanceof Error ? err.message : String(err);
}
