/**
 * Include/exclude glob matching on workspace-relative paths. Free of `vscode` so it is unit-tested
 * in plain Node; the editor face passes `workspace.asRelativePath(uri, false)`.
 */
import { Minimatch } from 'minimatch';

const GLOB_OPTIONS = { dot: true } as const;

/** Forward slashes, without a leading `./` or `/` (Windows and absolute paths included). */
export function toGlobPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** True when any of the compiled patterns matches the path. */
function matchesAny(patterns: readonly Minimatch[], globPath: string): boolean {
  return patterns.some((pattern) => pattern.match(globPath));
}

/**
 * A predicate for workspace-relative paths (either separator): true when the path matches at
 * least one include glob and no exclude glob. Compile once, call per file.
 */
export function createPathFilter(
  include: readonly string[],
  exclude: readonly string[],
): (relativePath: string) => boolean {
  const includes = include.map((glob) => new Minimatch(glob, GLOB_OPTIONS));
  const excludes = exclude.map((glob) => new Minimatch(glob, GLOB_OPTIONS));
  return (relativePath) => {
    const globPath = toGlobPath(relativePath);
    return matchesAny(includes, globPath) && !matchesAny(excludes, globPath);
  };
}
