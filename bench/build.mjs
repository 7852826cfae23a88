// Builds the working tree's sources in a private copy, so the checkout's dist/ and out/ (which
// other tools and test runs use) are never rebuilt or deleted under them. Uses the project's own
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

/** Returns `{ production, dev }`: folders holding dist/ (production build) and dist/ + out/ (dev build). */
export function prepareBuilds(repo, workDir) {
  const copy = join(workDir, 'build');
  mkdirSync(copy, { recursive: true });
  for (const entry of COPIED) {
    cpSync(join(repo, entry), join(copy, entry), { recursive: true, filter: (src) => basename(src) !== 'fixtures' });
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  runBuild(copy, ['--production']);
  const production = join(workDir, 'production');
  mkdirSync(production);
  renameSync(join(copy, 'dist'), join(production, 'dist'));
  runBuild(copy, []);
  return { production, dev: copy };
}
