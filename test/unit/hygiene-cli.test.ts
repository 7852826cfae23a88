// `scan` with the project-level checks, on a real temporary git repository: exact findings with
// git, with --no-git, with a shallow history search, and without git on the PATH.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, removeTree, runCli } from './cli-harness';
import { commit, isolateGitConfiguration, makeRepo } from './hygiene-repo';

const K1 = 'c1#Vq8!zR2@wM6$kT0%pB4^nY7&cL3*dF9(gJ5)sU-eO+iX=aQ_rWbZcE';
const K2 = 'c2@Wr9#xS3!yN7$lU1%qC5^oZ8&dM4*eG0(hK6)tV-fP+jY=bR_sXcAdF';
const K3 = 'c3$Xs0@yT4#zO8!mV2%rD6^pA9&eN5*fH1(iL7)uW-gQ+kZ=cS_tYdBeG';
const KEYS = [K1, K2, K3];

const PROTECTS = 'sessions, password-reset tokens, cookie-stored messages and anything signed with django.core.signing';

interface JsonFinding {
  path: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  weaknesses: string[];
}

function at(path: string, rule: string, severity: string, line: number, columns: [number, number], message: string, weaknesses: string[] = []): JsonFinding {
  return { path, rule, severity, line, column: columns[0], endLine: line, endColumn: columns[1], message, weaknesses };
}

const TRACKED = at(
  '.env',
  'env-file-tracked',
  'error',
  1,
  [1, 20],
  'This file is tracked by git, so DJANGO_SECRET_KEY is in the repository and everyone with a clone has the key. ' +
    'Stop tracking the file (git rm --cached), add it to .gitignore, and rotate the key (compromised mode).',
);
const IN_HISTORY_MESSAGE =
  'This DJANGO_SECRET_KEY value is in the git history of the repository: treat it as leaked and rotate the key (compromised mode). ' +
  'Deleting it from the files does not remove it from existing clones.';
const ENV_IN_HISTORY = at('.env', 'secret-key-in-history', 'error', 2, [19, 78], IN_HISTORY_MESSAGE);
const LOCAL_IN_HISTORY = at('.env.local', 'secret-key-in-history', 'error', 1, [19, 78], IN_HISTORY_MESSAGE);
function notIgnored(path: string, line: number, end: number, byGit: boolean): JsonFinding {
  const who = byGit ? 'git does not ignore' : 'no .gitignore ignores';
  const message = `This file holds DJANGO_SECRET_KEY, and ${who} it: the next \`git add\` can commit the key. Add the file to .gitignore.`;
  return at(path, 'env-file-not-ignored', 'warning', line, [1, end], message);
}
function shared(path: string, other: string): JsonFinding {
  const message =
    `The same DJANGO_SECRET_KEY value is also used in ${other}: a leak in one environment exposes the others, and sessions and ` +
    'signed data from one are accepted by the others. Give each environment its own key.';
  return at(path, 'shared-secret-key', 'error', 1, [19, 76], message);
}
const SHARED = [shared('.env.production', '.env.staging'), shared('.env.staging', '.env.production')];
const WEAK_TEST_KEY = at(
  '.env.test',
  'weak-secret-key',
  'information',
  1,
  [19, 28],
  `DJANGO_SECRET_KEY is weak (Django's check security.W009: it has fewer than 50 characters). Generate a new key: it protects ${PROTECTS}.`,
  ['too-short'],
);

/** Fails without printing the text when it holds a key. */
function assertNoKeys(text: string): void {
  KEYS.forEach((key, i) => assert.ok(!text.includes(key), `key K${i + 1} was printed`));
}

async function scanJson(args: string[], cwd: string): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const run = await runCli(['scan', '--format', 'json', ...args], cwd);
  assertNoKeys(run.stdout + run.stderr);
  return { code: run.code, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings, stderr: run.stderr };
}

describe('cli scan: project checks in a git repository', () => {
  isolateGitConfiguration();
  let root: string;

  before(() => {
    root = makeRepo({
      '.gitignore': '.env.local\n.env.staging\n',
      '.env': `# local development\nDJANGO_SECRET_KEY='${K1}'\n`,
      '.env.example': 'DJANGO_SECRET_KEY=\n',
      'config/settings.py': `SECRET_KEY = '${K3}'\n`,
      '.env.local': `DJANGO_SECRET_KEY='${K3}'\n`,
      '.env.production': `DJANGO_SECRET_KEY=${K2}\n`,
      '.env.staging': `DJANGO_SECRET_KEY=${K2}\n`,
      '.env.test': 'DJANGO_SECRET_KEY=test-only\n',
    });
    commit(root, 'start', '.gitignore', '.env', '.env.example', 'config/settings.py');
    writeFileSync(join(root, 'config/settings.py'), "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
    commit(root, 'read the key from the environment', 'config/settings.py');
  });
  after(() => removeTree(root));

  it('reports tracked and unignored env files, keys in the history and keys shared between environments', async () => {
    const started = Date.now();
    const run = await scanJson([], root);
    assert.deepEqual(run, {
      code: 1,
      findings: [TRACKED, ENV_IN_HISTORY, LOCAL_IN_HISTORY, notIgnored('.env.production', 1, 76, true), ...SHARED, WEAK_TEST_KEY],
      stderr: '',
    });
    assert.ok(Date.now() - started < 15_000, 'a small repository is checked in well under the time limit');
  });

  it('with --no-git runs no git and reads no .gitignore: only keys shared between the scanned files', async () => {
    assert.deepEqual(await scanJson(['--no-git'], root), { code: 1, findings: [...SHARED, WEAK_TEST_KEY], stderr: '' });
  });

  it('with --history-depth 1 searches only the newest commit', async () => {
    const run = await scanJson(['--history-depth', '1'], root);
    assert.deepEqual(run.findings, [TRACKED, ENV_IN_HISTORY, notIgnored('.env.production', 1, 76, true), ...SHARED, WEAK_TEST_KEY]);
  });

  it('without git on the PATH reads the .gitignore files, and skips the tracked and history checks', async () => {
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      const run = await scanJson([], root);
      assert.deepEqual(run.findings, [
        notIgnored('.env', 1, 20, false),
        notIgnored('.env.production', 1, 76, false),
        ...SHARED,
        WEAK_TEST_KEY,
      ]);
    } finally {
      process.env.PATH = path;
    }
  });

  it('checks only the scanned files against each other', async () => {
    const run = await scanJson(['.env.production', '.env.local'], root);
    assert.deepEqual(run.findings, [LOCAL_IN_HISTORY, notIgnored('.env.production', 1, 76, true)]);
  });

  it('prints the findings as text lines, without any key', async () => {
    const run = await runCli(['scan', '.env.staging', '.env.production'], root);
    assertNoKeys(run.stdout + run.stderr);
    const line = (f: JsonFinding): string => `${f.path}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}\n`;
    const expected = [notIgnored('.env.production', 1, 76, true), ...SHARED].map(line).join('') + '3 findings in 2 files (2 files scanned)\n';
    assert.deepEqual(run, { code: 1, stdout: expected, stderr: '' });
  });
});

describe('cli scan: project checks outside a git repository', () => {
  isolateGitConfiguration();

  it('reports only keys shared between the scanned files', async () => {
    const root = makeTree({ '.env.production': `DJANGO_SECRET_KEY=${K2}\n`, '.env.staging': `DJANGO_SECRET_KEY=${K2}\n` });
    try {
      assert.deepEqual(await scanJson([], root), { code: 1, findings: SHARED, stderr: '' });
    } finally {
      removeTree(root);
    }
  });

  it('rejects a --history-depth that is not a number of commits', async () => {
    const run = await runCli(['scan', '--history-depth', 'all'], makeTree({}));
    assert.deepEqual(run, {
      code: 2,
      stdout: '',
      stderr:
        "django-secret-hygiene: invalid --history-depth 'all' (expected a number of commits, 0 to 999999)\n" +
        "Run 'django-secret-hygiene scan --help' for usage.\n",
    });
  });
});
