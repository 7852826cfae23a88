/**
 * The project-level checks of `scan` (env-file-not-ignored, env-file-tracked,
 * secret-key-in-history, shared-secret-key) over the scanned files: every dotenv file, and each
 * Python file the scan found a hardcoded key or a literal fallback in. git is asked about files
 * inside a git work tree (unless `--no-git`); when it cannot answer, the .gitignore files are read.
 * Keys are compared across the scanned files only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { DEFAULT_ENGINE_OPTIONS, RuleId } from '../../core';
import { checkHygiene, HygieneContext, HygieneSource } from '../../core/hygiene';
import { ProjectReader } from '../../core/refactor/project';
import { DEFAULT_HISTORY_LIMITS, GitFacts } from '../../vscode/gitFacts';
import { SourceFile } from './collect';
import { readSource } from './read';
import { compareScanned, ScanResult } from './scan';

/** Python findings that make a file worth the project-level checks. */
const KEY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['hardcoded-secret-key', 'secret-key-env-default']);

export const DEFAULT_HISTORY_DEPTH = DEFAULT_HISTORY_LIMITS.commits;

export interface HygieneOptions {
  /** Ask git (and read .gitignore files); false skips every git-related check. */
  readonly git: boolean;
  /** Commits whose files the history search reads; 0 skips it. */
  readonly historyDepth: number;
  readonly maxBytes: number;
}

/** The scan's result with the project-level findings added, in report order. */
export async function addHygieneFindings(files: readonly SourceFile[], result: ScanResult, options: HygieneOptions): Promise<ScanResult> {
  const withKeys = new Set(result.findings.filter((f) => KEY_RULES.has(f.finding.rule)).map((f) => f.path));
  const sources = files
    .filter((file) => file.kind === 'dotenv' || withKeys.has(file.path))
    .flatMap((file) => sourceOf(file, options.maxBytes));
  const found = await checkHygiene(sources, contextFor(options));
  if (found.length === 0) {
    return result;
  }
  const findings = [...result.findings, ...found.map(({ display, finding }) => ({ path: display, finding }))];
  return { ...result, findings: findings.sort(compareScanned) };
}

function contextFor(options: HygieneOptions): HygieneContext {
  if (!options.git) {
    return { options: DEFAULT_ENGINE_OPTIONS };
  }
  const git = new GitFacts((path) => path, { ...DEFAULT_HISTORY_LIMITS, commits: options.historyDepth });
  return { options: DEFAULT_ENGINE_OPTIONS, git, reader: new QuietDiskReader() };
}

/** The file as the scan read it; nothing when it cannot be read now (the scan reported why). */
function sourceOf(file: SourceFile, maxBytes: number): HygieneSource[] {
  try {
    const outcome = readSource(file.absPath, maxBytes);
    const path = file.absPath.split(sep).join('/');
    return outcome.status === 'text' ? [{ path, display: file.path, text: outcome.text, kind: file.kind }] : [];
  } catch {
    return [];
  }
}

/** Ignore files and folder listings from the disk; anything unreadable counts as absent. */
class QuietDiskReader implements ProjectReader {
  async read(path: string): Promise<string | undefined> {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  async list(folder: string): Promise<string[]> {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  }
}
