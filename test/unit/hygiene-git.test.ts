// git's answers for the project-level checks, from real temporary repositories: ignored, tracked,
// the history search and its limits, and that a hostile repository cannot make git run a program.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DEFAULT_HISTORY_LIMITS, findGit, GitFacts, HistoryCache, HistoryLimits, stopTracking, StreamSearch } from '../../src/vscode/gitFacts';
import { makeTree, removeTree } from './cli-harness';
import { commit, git, isolateGitConfiguration, makeRepo } from './hygiene-repo';

const OLD_KEY = 'h1#Vq8!zR2@wM6$kT0%pB4^nY7&cL3*dF9(gJ5)sU-eO+iX=aQ_rWbZcE';
const NEW_KEY = 'h2@Wr9#xS3!yN7$lU1%qC5^oZ8&dM4*eG0(hK6)tV-fP+jY=bR_sXcAdF';
const NEVER = 'h3$Xs0@yT4#zO8!mV2%rD6^pA9&eN5*fH1(iL7)uW-gQ+kZ=cS_tYdBeG';

function facts(limits: Partial<HistoryLimits> = {}): GitFacts {
  return new GitFacts((path) => path, { ...DEFAULT_HISTORY_LIMITS, ...limits }, new HistoryCache());
}

describe('hygiene: StreamSearch', () => {
  it('finds values split across chunks, and only those', () => {
    const search = new StreamSearch([Buffer.from('needle-one'), Buffer.from('second'), Buffer.from('absent')]);
    for (const chunk of ['xxneed', 'le-o', 'ne yy sec', 'ond zz']) search.push(Buffer.from(chunk));
    assert.deepEqual(search.found, [true, true, false]);
    assert.equal(search.allFound(), false);
  });
});

describe('hygiene: git answers from a real repository', () => {
  isolateGitConfiguration();
  let root: string;

  before(() => {
    root = makeRepo({
      '.gitignore': '.env.local\n',
      'config/settings.py': `SECRET_KEY = '${OLD_KEY}'\n`,
      '.env': 'DJANGO_SECRET_KEY=x\n',
      '.env.local': 'DJANGO_SECRET_KEY=x\n',
      '.env.production': 'DJANGO_SECRET_KEY=x\n',
    });
    commit(root, 'start', '.gitignore', 'config/settings.py', '.env');
    writeFileSync(join(root, 'config/settings.py'), "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
    commit(root, 'read the key from the environment', 'config/settings.py');
  });
  after(() => removeTree(root));

  it('knows the work tree, and what is ignored and tracked', async () => {
    const git = facts();
    assert.equal(await git.workTree(join(root, 'config')), root);
    assert.deepEqual(
      await Promise.all(['.env', '.env.local', '.env.production'].map((f) => git.tracked(root, join(root, f)))),
      [true, false, false],
    );
    assert.deepEqual(
      await Promise.all(['.env.local', '.env.production'].map((f) => git.ignored(root, join(root, f)))),
      [true, false],
    );
  });

  it('has no answer outside a repository', async () => {
    const outside = makeTree({ '.env': 'DJANGO_SECRET_KEY=x\n' });
    try {
      const git = facts();
      assert.equal(await git.workTree(outside), undefined);
      assert.equal(await git.ignored(outside, join(outside, '.env')), undefined);
      assert.equal(await git.tracked(outside, join(outside, '.env')), undefined);
    } finally {
      removeTree(outside);
    }
  });

  it('finds a key removed from the files but still in a searched commit', async () => {
    assert.deepEqual(await facts().inHistory(root, [OLD_KEY, NEVER]), [true, false]);
  });

  it('does not look further back than the newest N commits', async () => {
    assert.deepEqual(await facts({ commits: 1 }).inHistory(root, [OLD_KEY]), [false]);
    assert.deepEqual(await facts({ commits: 0 }).inHistory(root, [OLD_KEY]), [undefined]);
  });

  it('has no answer for a value it did not find when a limit stopped the search', async () => {
    assert.deepEqual(await facts({ bytes: 10 }).inHistory(root, [NEVER]), [undefined]);
    assert.deepEqual(await facts({ timeMs: 0 }).inHistory(root, [NEVER]), [undefined]);
  });

  it('leaves out files over the size limit', async () => {
    assert.deepEqual(await facts({ maxFileBytes: 10 }).inHistory(root, [OLD_KEY]), [false]);
  });

  it('leaves out the stash, which was never committed', async () => {
    const stashed = makeRepo({ 'a.txt': 'a\n' });
    try {
      commit(stashed, 'a', 'a.txt');
      writeFileSync(join(stashed, 'a.txt'), `${NEW_KEY}\n`);
      git(stashed, 'stash', '-q');
      assert.deepEqual(await facts().inHistory(stashed, [NEW_KEY]), [false]);
    } finally {
      removeTree(stashed);
    }
  });

  it('answers false in a repository without commits', async () => {
    const empty = makeRepo({ '.env': 'x' });
    try {
      assert.deepEqual(await facts().inHistory(empty, [NEW_KEY]), [false]);
    } finally {
      removeTree(empty);
    }
  });
});

describe('hygiene: a hostile repository cannot make git run a program', () => {
  isolateGitConfiguration();
  let root: string;
  const marker = (): string => join(root, 'RAN');

  before(() => {
    root = makeRepo({ '.env': 'DJANGO_SECRET_KEY=x\n', '.gitattributes': '.env filter=evil diff=evil\n' });
    const script = join(root, '.git', 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker()}'\ncat\n`);
    chmodSync(script, 0o755);
    for (const [key, value] of [
      ['core.fsmonitor', script],
      ['filter.evil.clean', script],
      ['filter.evil.smudge', script],
      ['diff.evil.textconv', script],
      ['core.pager', script],
    ]) {
      git(root, 'config', key, value);
    }
    mkdirSync(join(root, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(root, '.git', 'hooks', 'post-index-change'), `#!/bin/sh\ntouch '${marker()}'\n`);
    chmodSync(join(root, '.git', 'hooks', 'post-index-change'), 0o755);
    git(root, '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'add', '--', '.env');
    git(root, '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'env');
    // A changed time stamp makes any index refresh read the file again, through the clean filter.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, '.env'), later, later);
    removeTree(marker());
  });
  after(() => removeTree(root));

  it('plain git would run them (so the test can tell)', () => {
    git(root, 'ls-files', '--error-unmatch', '--', '.env');
    assert.equal(existsSync(marker()), true, 'core.fsmonitor');
    removeTree(marker());
    git(root, '-c', 'core.fsmonitor=false', 'rm', '--cached', '-f', '-q', '--dry-run', '--', '.env');
    assert.equal(existsSync(marker()), true, 'the clean filter, from the index refresh of git rm');
    removeTree(marker());
  });

  it('runs none with the safety options, for every question and for stop tracking', async () => {
    const answers = facts();
    const env = join(root, '.env');
    assert.equal(await answers.workTree(root), root);
    assert.equal(await answers.tracked(root, env), true);
    assert.equal(await answers.ignored(root, env), false);
    assert.deepEqual(await answers.inHistory(root, [NEVER]), [false]);
    assert.equal(await stopTracking(env), true);
    assert.equal(existsSync(marker()), false, 'a program configured by the repository ran');
    assert.equal(existsSync(env), true, 'the file stays on disk');
    assert.equal(await answers.tracked(root, env), false);
  });
});

describe('hygiene: finding git', () => {
  it('looks only in absolute folders of the PATH, never in the current folder', () => {
    const bin = makeTree({ 'git': '#!/bin/sh\n' });
    try {
      assert.equal(findGit({ PATH: ['.', 'relative/bin', bin].join(delimiter) }, 'linux'), join(bin, 'git'));
      assert.equal(findGit({ PATH: ['.', 'relative/bin'].join(delimiter) }, 'linux'), undefined);
      assert.equal(findGit({ PATH: bin }, 'win32'), undefined, 'git.exe on Windows');
    } finally {
      removeTree(bin);
    }
  });

  it('finds the real git', () => {
    const found = findGit();
    assert.ok(found, 'git on the PATH');
    assert.match(execFileSync(found, ['--version'], { encoding: 'utf8' }), /^git version /);
  });
});
