/**
 * Gathers the facts the hygiene rules judge, through what the face provides: git's answers (only
 * where git may run) and a reader for the ignore files (when git cannot answer). Free of I/O of
 * its own. Key values go to `GitAnswers.inHistory` only, which searches in-process.
 */
import { ProjectReader, dirname } from '../refactor/project';
import { DocumentKind, EngineOptions } from '../types';
import { fileKeys, FileKeys } from './keys';
import { ignoredByIgnoreFiles } from './gitignoreFiles';
import { FileFacts, hygieneFindings, KeyFacts, ProjectFinding, ruleEnabled } from './rules';

/** A file to check: its text as the editor or the disk has it. */
export interface HygieneSource {
  /** Absolute, with `/` separators. */
  readonly path: string;
  /** How reports and messages name the file. */
  readonly display: string;
  readonly text: string;
  /** Defaults to classifyPath(path). */
  readonly kind?: DocumentKind;
}

/** git's answers; each is undefined when git cannot tell (not a repository, no git, a timeout). */
export interface GitAnswers {
  /** The root of the work tree holding `folder` (absolute, `/` separators). */
  workTree(folder: string): Promise<string | undefined>;
  ignored(root: string, path: string): Promise<boolean | undefined>;
  tracked(root: string, path: string): Promise<boolean | undefined>;
  /** For each value (same order): whether the searched history holds it. */
  inHistory(root: string, values: readonly string[]): Promise<readonly (boolean | undefined)[]>;
}

export interface HygieneContext {
  readonly options: EngineOptions;
  /** Absent where git may not run (an untrusted workspace, `--no-git`). */
  readonly git?: GitAnswers;
  /** Reads ignore files when git cannot answer; absent: no git-related check at all (`--no-git`). */
  readonly reader?: ProjectReader;
}

interface Keyed {
  readonly source: HygieneSource;
  readonly keys: FileKeys;
}

/** Every hygiene finding for the sources, which are all the files of one project (or scan). */
export async function checkHygiene(sources: readonly HygieneSource[], context: HygieneContext): Promise<ProjectFinding[]> {
  const keyed = sources.flatMap((source) => {
    const keys = fileKeys(source.path, source.text, context.options, source.kind);
    return keys && keys.sightings.length > 0 ? [{ source, keys }] : [];
  });
  const roots = await workTrees(keyed, context.git);
  const history = await historyFacts(keyed, roots, context);
  const facts = await Promise.all(keyed.map((k) => fileFacts(k, roots.get(k.source.path), history, context)));
  return hygieneFindings(facts, context.options);
}

/** The git work tree of each file, by path (only when git may run). */
async function workTrees(keyed: readonly Keyed[], git: GitAnswers | undefined): Promise<Map<string, string | undefined>> {
  const byFolder = new Map<string, Promise<string | undefined>>();
  const roots = new Map<string, string | undefined>();
  for (const { source } of keyed) {
    const folder = dirname(source.path);
    if (git && !byFolder.has(folder)) byFolder.set(folder, git.workTree(folder));
    roots.set(source.path, await byFolder.get(folder));
  }
  return roots;
}

/** Whether each value (by identity) is in the history of the work tree that holds it. */
async function historyFacts(
  keyed: readonly Keyed[],
  roots: ReadonlyMap<string, string | undefined>,
  context: HygieneContext,
): Promise<Map<string, boolean | undefined>> {
  const found = new Map<string, boolean | undefined>();
  if (!context.git || !ruleEnabled(context.options, 'secret-key-in-history')) return found;
  const valuesByRoot = new Map<string, Map<string, string>>();
  for (const { source, keys } of keyed) {
    const root = roots.get(source.path);
    if (root === undefined) continue;
    const values = valuesByRoot.get(root) ?? new Map<string, string>();
    for (const s of keys.sightings.filter((s) => !s.fact.placeholder)) values.set(s.fact.identity, s.value);
    valuesByRoot.set(root, values);
  }
  for (const [root, values] of valuesByRoot) {
    if (values.size === 0) continue;
    const answers = await context.git.inHistory(root, [...values.values()]);
    [...values.keys()].forEach((identity, i) => found.set(`${root}\n${identity}`, answers[i]));
  }
  return found;
}

async function fileFacts(
  { source, keys }: Keyed,
  root: string | undefined,
  history: ReadonlyMap<string, boolean | undefined>,
  context: HygieneContext,
): Promise<FileFacts> {
  const git = keys.kind === 'dotenv' ? await gitFacts(source.path, root, context) : NO_GIT_FACTS;
  const withHistory: KeyFacts[] = keys.sightings.map(({ fact }) => ({
    ...fact,
    inHistory: root === undefined ? undefined : history.get(`${root}\n${fact.identity}`),
  }));
  return { path: source.path, display: source.display, kind: keys.kind, keys: withHistory, firstLine: keys.firstLine, ...git };
}

type GitFileFacts = Pick<FileFacts, 'ignored' | 'ignoredBy' | 'tracked'>;
const NO_GIT_FACTS: GitFileFacts = { ignored: undefined, ignoredBy: 'git', tracked: undefined };

/** Tracked and ignored, from git where it can answer, else ignored from the ignore files. */
async function gitFacts(path: string, root: string | undefined, context: HygieneContext): Promise<GitFileFacts> {
  const wanted = ruleEnabled(context.options, 'env-file-tracked') || ruleEnabled(context.options, 'env-file-not-ignored');
  if (!wanted || !context.reader) return NO_GIT_FACTS;
  const tracked = root !== undefined && context.git ? await context.git.tracked(root, path) : undefined;
  if (tracked === true) return { ignored: undefined, ignoredBy: 'git', tracked };
  const ignored = root !== undefined && context.git ? await context.git.ignored(root, path) : undefined;
  if (ignored !== undefined) return { ignored, ignoredBy: 'git', tracked };
  return { ignored: await ignoredByIgnoreFiles(context.reader, path), ignoredBy: 'gitignore', tracked };
}
