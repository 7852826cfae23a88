/**
 * Whether git would ignore a file, judged from the ignore files themselves, for when git cannot
 * be asked (an untrusted workspace, no git on the PATH, a repository git refuses to read).
 * Reads, through the face's reader: the .gitignore of the file's folder and of each folder above
 * it up to the work tree root (the nearest folder holding `.git`), deepest first, then
 * `.git/info/exclude`. The user's global excludes file (core.excludesFile) is not read.
 */
import { gitignoreIgnores } from '../refactor/gitignore';
import { dirname, join, ProjectReader, relative } from '../refactor/project';

/** Folders climbed at most while looking for `.git`. */
const MAX_LEVELS = 64;

/** The nearest folder at or above `folder` that holds a `.git` entry; undefined when none. */
export async function findWorkTree(reader: ProjectReader, folder: string): Promise<string | undefined> {
  let current = folder;
  for (let i = 0; i < MAX_LEVELS; i++) {
    if ((await reader.list(current)).includes('.git')) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/**
 * The verdict of one ignore file on a path: true ignored, false re-included by a negation,
 * undefined when no pattern matches (the next file up decides).
 * gitignoreIgnores only says ignored or not; prefixing a match-everything `*` tells "no pattern
 * matched" (the `*` stands) from "a negation matched" (it is overturned).
 */
export function gitignoreVerdict(text: string, relativePath: string): boolean | undefined {
  if (gitignoreIgnores(text, relativePath)) return true;
  return gitignoreIgnores(`*\n${text}`, relativePath) ? undefined : false;
}

/** Whether the ignore files ignore `path` (absolute, `/` separators); undefined outside a work tree. */
export async function ignoredByIgnoreFiles(reader: ProjectReader, path: string): Promise<boolean | undefined> {
  const root = await findWorkTree(reader, dirname(path));
  if (root === undefined) return undefined;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const text = await reader.read(join(folder, '.gitignore'));
    const verdict = text === undefined ? undefined : gitignoreVerdict(text, relative(folder, path));
    if (verdict !== undefined) return verdict;
    if (folder === root || dirname(folder) === folder) break;
  }
  const exclude = await reader.read(join(root, '.git', 'info', 'exclude'));
  return (exclude !== undefined && gitignoreVerdict(exclude, relative(root, path))) || false;
}
