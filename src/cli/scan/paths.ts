import { relative, sep } from 'node:path';

/** `absPath` relative to `cwd` with forward slashes, as printed in every report. */
export function displayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/** Plain code-unit order, the same on every platform and locale. */
export function compareStrings(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
