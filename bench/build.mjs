// Builds the working tree's sources (or a commit's) in a private copy, so the checkout's dist/ and
// out/ (which other tools and test runs use) are never rebuilt or deleted under them. Uses the project's own
// build script: `node scripts/build.mjs --production` for what ships, then `node scripts/build.mjs`
// for the transpiled engine and editor modules (out/) the in-process measurements load.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';

const COPIED = ['src', 'test', 'scripts', 'package.json', 'tsconfig.json'];

function runBuild(cwd, args) {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`node scripts/build.mjs ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
}

/** `git` in the checkout; its standard output (a Buffer), or an error naming the command. */
function git(repo, args) {
  const result = spawnSync('git', ['-C', repo, ...args], { maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** What is measured: a commit, and whether the working tree's sources differed from it. */
export function describeSource(repo, commit) {
  const head = git(repo, ['rev-parse', '--short=12', commit ?? 'HEAD']).toString().trim();
  if (commit) return { commit: head, workingTree: false, uncommitted: [] };
  const uncommitted = git(repo, ['status', '--porcelain', '--', ...COPIED])
    .toString()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.slice(3));
  return { commit: head, workingTree: true, uncommitted };
}

/**
 * Returns `{ production, dev }`: folders holding dist/ (production build) and dist/ + out/ (dev
 * build) of the working tree, or of `commit` when given.
 */
export function prepareBuilds(repo, workDir, commit) {
  const copy = join(workDir, 'build');
  mkdirSync(copy, { recursive: true });
  if (commit) {
    const archive = git(repo, ['archive', '--format=tar', commit, '--', ...COPIED]);
    const untar = spawnSync('tar', ['-x', '-C', copy], { input: archive });
    if (untar.status !== 0) throw new Error(`tar failed:\n${untar.stderr}`);
  } else {
    for (const entry of COPIED) {
      cpSync(join(repo, entry), join(copy, entry), { recursive: true, filter: (src) => basename(src) !== 'fixtures' });
    }
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  runBuild(copy, ['--production']);
  const production = join(workDir, 'production');
  mkdirSync(production);
  renameSync(join(copy, 'dist'), join(production, 'dist'));
  runBuild(copy, []);
  return { production, dev: copy };
}
