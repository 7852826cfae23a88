/**
 * Gathers the project facts the move-to-.env plan needs, through a reader the face
 * provides (the editor reads open documents first; the CLI reads the disk). Paths are
 * absolute with `/` separators; the plan itself sees paths relative to the project root.
 */
import { gitignoreIgnores } from './gitignore';
import { detectLoader, Loader } from './loaders';
import { MoveToEnvInput, ProjectFile } from './moveToEnv';

export interface ProjectReader {
  /** The file's text, or undefined when it does not exist (or is not a file). */
  read(path: string): Promise<string | undefined>;
  /** Names in a folder (empty when it does not exist). */
  list(folder: string): Promise<string[]>;
}

export const EXAMPLE_FILE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env', 'env.example'];
const MAX_LEVELS = 8;

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function join(folder: string, ...parts: string[]): string {
  return [folder.replace(/\/+$/, ''), ...parts].join('/');
}

/** `path` relative to `root` (both absolute, `/` separators). */
export function relative(root: string, path: string): string {
  const prefix = root.endsWith('/') ? root : root + '/';
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * The folder of manage.py: the settings module's folder or the nearest one above it
 * (at most MAX_LEVELS up, never above `boundary`). Without one, the settings
 * package's parent (where startproject puts manage.py).
 */
export async function findProjectRoot(reader: ProjectReader, settingsPath: string, boundary?: string): Promise<string> {
  let folder = dirname(settingsPath);
  for (let i = 0; i < MAX_LEVELS; i++) {
    if ((await reader.list(folder)).includes('manage.py')) return folder;
    if (folder === '/' || (boundary !== undefined && folder === boundary.replace(/\/+$/, ''))) break;
    folder = dirname(folder);
  }
  return dirname(dirname(settingsPath));
}

export interface GatherOptions {
  readonly settingsPath: string;
  readonly settingsText: string;
  readonly offset: number;
  /** `auto` picks the loader the project uses, else python-dotenv. */
  readonly loader: Loader | 'auto';
  readonly newKey?: string;
  readonly variableName: string;
  /** The env file, relative to the project root (default `.env`). */
  readonly envFile?: string;
  /** Asks git whether a path is ignored; undefined when git cannot be asked. */
  readonly gitIgnores?: (absolutePath: string) => Promise<boolean | undefined>;
  /** Stop looking for manage.py here (a workspace folder). */
  readonly boundary?: string;
}

export interface GatheredProject {
  readonly root: string;
  readonly input: MoveToEnvInput;
  readonly detected: Exclude<Loader, 'os'> | undefined;
  /** Absolute path of each file the input names, by its relative path. */
  readonly absolute: (relativePath: string) => string;
}

export async function gatherProject(reader: ProjectReader, o: GatherOptions): Promise<GatheredProject> {
  const root = await findProjectRoot(reader, o.settingsPath, o.boundary);
  const abs = (rel: string): string => join(root, rel);
  const envPath = (o.envFile ?? '.env').replace(/^\.\//, '');
  const envFolder = dirname(abs(envPath));
  const [env, gitignore, example, dependencies, settingsTexts] = await Promise.all([
    readFile(reader, root, envPath),
    readFile(reader, root, '.gitignore'),
    findExample(reader, root, envFolder),
    readDependencies(reader, root),
    readSiblingModules(reader, o.settingsPath, o.settingsText),
  ]);
  const detected = detectLoader({ settingsTexts, dependencyTexts: dependencies.map((d) => d.text) });
  const envIgnored = (await o.gitIgnores?.(abs(envPath))) ?? gitignoreIgnores(gitignore.text ?? '', envPath);
  const input: MoveToEnvInput = {
    settings: { path: relative(root, o.settingsPath), text: o.settingsText },
    offset: o.offset,
    loader: o.loader === 'auto' ? (detected ?? 'dotenv') : o.loader,
    ...(o.newKey !== undefined ? { newKey: o.newKey } : {}),
    variableName: o.variableName,
    env,
    example,
    gitignore,
    envIgnored,
    dependencies,
  };
  return { root, input, detected, absolute: abs };
}

async function readFile(reader: ProjectReader, root: string, rel: string): Promise<ProjectFile> {
  return { path: rel, text: await reader.read(join(root, rel)) };
}

async function findExample(reader: ProjectReader, root: string, envFolder: string): Promise<ProjectFile> {
  const names = await reader.list(envFolder);
  const name = EXAMPLE_FILE_NAMES.find((n) => names.includes(n)) ?? '.env.example';
  const path = join(envFolder, name);
  return { path: relative(root, path), text: await reader.read(path) };
}

/** requirements*.txt at the root and in requirements/, then pyproject.toml, Pipfile, setup.cfg. */
async function readDependencies(reader: ProjectReader, root: string): Promise<Array<{ path: string; text: string }>> {
  const top = await reader.list(root);
  const nested = (await reader.list(join(root, 'requirements'))).filter((n) => n.endsWith('.txt')).sort(byBaseFirst);
  const paths = [
    ...top.filter((n) => /^requirements.*\.txt$/.test(n)).sort(byBaseFirst),
    ...nested.map((n) => `requirements/${n}`),
    ...['pyproject.toml', 'Pipfile', 'setup.cfg'].filter((n) => top.includes(n)),
  ];
  const out: Array<{ path: string; text: string }> = [];
  for (const rel of paths) {
    const text = await reader.read(join(root, rel));
    if (text !== undefined) out.push({ path: rel, text });
  }
  return out;
}

/** `requirements.txt` / `base.txt` first: the file a new dependency belongs in. */
function byBaseFirst(a: string, b: string): number {
  const rank = (n: string): number => (/^(requirements|base|common)\.txt$/.test(n) ? 0 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The module itself first, then the other modules of its folder (a settings package). */
async function readSiblingModules(reader: ProjectReader, settingsPath: string, text: string): Promise<string[]> {
  const folder = dirname(settingsPath);
  const names = (await reader.list(folder)).filter((n) => n.endsWith('.py') && join(folder, n) !== settingsPath).sort();
  const texts = await Promise.all(names.slice(0, 20).map((n) => reader.read(join(folder, n))));
  return [text, ...texts.filter((t): t is string => t !== undefined)];
}
