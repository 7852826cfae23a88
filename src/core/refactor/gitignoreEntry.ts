/** The .gitignore line that ignores the env file, relative to the .gitignore's folder. */
export function gitignoreEntryFor(gitignorePath: string, envPath: string): string {
  const dir = gitignorePath.split('/').slice(0, -1).join('/');
  const rel = dir === '' ? envPath : envPath.startsWith(dir + '/') ? envPath.slice(dir.length + 1) : envPath;
  const base = rel.split('/').pop() ?? rel;
  // A bare `.env` (any folder) is the convention; other names are anchored to this file.
  return base === '.env' && rel === '.env' ? '.env' : `/${rel}`;
}
