// The project-level (hygiene) checks in the pure engine, with git's answers and the ignore files
// given as plain facts. Exact findings; keys are made-up values never printed by an assertion.
import * as assert from 'node:assert/strict';
import { DEFAULT_ENGINE_OPTIONS, EngineOptions, RULE_SUMMARIES } from '../../src/core';
import {
  checkHygiene,
  fileKeys,
  GitAnswers,
  gitignoreVerdict,
  HYGIENE_RULES,
  HygieneSource,
  ignoredByIgnoreFiles,
  isTemplateEnvFile,
  ProjectFinding,
} from '../../src/core/hygiene';
import { ProjectReader } from '../../src/core/refactor/project';

const KEY_A = 'a8#Lq2!zW7@xR4$vN1%kT6^pB3&mY9*cH5(dF0)gJ-sU+eO=iQ_rXbWaVc';
const KEY_B = 'b9@Mr3#xE8!yS5$wO2%lU7^qC4&nZ0*dI6(fG1)hK-tV+jP=aR_sYcXbWd';

const NOT_IGNORED =
  'This file holds DJANGO_SECRET_KEY, and git does not ignore it: the next `git add` can commit the key. Add the file to .gitignore.';
const NOT_IGNORED_BY_FILES =
  'This file holds DJANGO_SECRET_KEY, and no .gitignore ignores it: the next `git add` can commit the key. Add the file to .gitignore.';
const TRACKED =
  'This file is tracked by git, so DJANGO_SECRET_KEY is in the repository and everyone with a clone has the key. ' +
  'Stop tracking the file (git rm --cached), add it to .gitignore, and rotate the key (compromised mode).';
function inHistory(name: string): string {
  return (
    `This ${name} value is in the git history of the repository: treat it as leaked and rotate the key (compromised mode). ` +
    'Deleting it from the files does not remove it from existing clones.'
  );
}
function shared(name: string, others: string): string {
  return (
    `The same ${name} value is also used in ${others}: a leak in one environment exposes the others, and sessions and ` +
    'signed data from one are accepted by the others. Give each environment its own key.'
  );
}

/** A finding in one line: `path rule severity L:C-L:C` (zero-based), then its message. */
function brief(findings: readonly ProjectFinding[]): [string, string][] {
  return findings.map(({ display, finding: f }) => {
    const r = f.range;
    return [`${display} ${f.rule} ${f.severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`, f.message];
  });
}

function source(display: string, text: string): HygieneSource {
  return { path: `/repo/${display}`, display, text };
}

/** git as a table of answers; records which questions were asked (paths and the number of values, never a value). */
class FakeGit implements GitAnswers {
  readonly asked: string[] = [];

  constructor(
    private readonly facts: {
      readonly root?: string;
      readonly ignored?: readonly string[];
      readonly tracked?: readonly string[];
      readonly committed?: readonly string[];
    },
  ) {}

  async workTree(folder: string): Promise<string | undefined> {
    return this.facts.root !== undefined && folder.startsWith(this.facts.root) ? this.facts.root : undefined;
  }

  async ignored(_root: string, path: string): Promise<boolean | undefined> {
    this.asked.push(`ignored ${path}`);
    return (this.facts.ignored ?? []).includes(path);
  }

  async tracked(_root: string, path: string): Promise<boolean | undefined> {
    this.asked.push(`tracked ${path}`);
    return (this.facts.tracked ?? []).includes(path);
  }

  async inHistory(_root: string, values: readonly string[]): Promise<readonly (boolean | undefined)[]> {
    this.asked.push(`history of ${values.length} value(s)`);
    return values.map((value) => (this.facts.committed ?? []).includes(value));
  }
}

/** Files in memory: folders are listed from the paths. */
class MemoryReader implements ProjectReader {
  constructor(private readonly files: Readonly<Record<string, string>>) {}

  async read(path: string): Promise<string | undefined> {
    return this.files[path];
  }

  async list(folder: string): Promise<string[]> {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    const names = Object.keys(this.files)
      .filter((p) => p.startsWith(prefix))
      .map((p) => p.slice(prefix.length).split('/')[0]);
    return [...new Set(names)];
  }
}

const REPO = new MemoryReader({ '/repo/.git/HEAD': 'ref: refs/heads/main\n' });

function withSeverity(severity: EngineOptions['severity']): EngineOptions {
  return { ...DEFAULT_ENGINE_OPTIONS, severity };
}

describe('hygiene: keys in a file', () => {
  it('takes each non-empty key of a dotenv file, placeholders marked, and nothing else', () => {
    const text = [
      `DJANGO_SECRET_KEY='${KEY_A}'`,
      'SECRET_KEY=change-me # django-secrets: ignore[shared-secret-key]',
      'OTHER_KEY=x',
      'SECRET_KEY=',
      'SECRET_KEY=${DJANGO_SECRET_KEY}',
    ].join('\n');
    const keys = fileKeys('.env', text, DEFAULT_ENGINE_OPTIONS);
    assert.equal(keys?.kind, 'dotenv');
    assert.deepEqual(keys?.firstLine, { start: { line: 0, character: 0 }, end: { line: 0, character: 78 } });
    assert.deepEqual(
      keys?.sightings.map(({ fact }) => [fact.name, fact.range, fact.placeholder, fact.suppressed]),
      [
        ['DJANGO_SECRET_KEY', { start: { line: 0, character: 18 }, end: { line: 0, character: 78 } }, false, []],
        ['SECRET_KEY', { start: { line: 1, character: 11 }, end: { line: 1, character: 20 } }, true, ['shared-secret-key']],
      ],
    );
    assert.ok(keys?.sightings[0].value === KEY_A, 'the value is kept for the history search');
    assert.match(keys?.sightings[0].fact.fingerprint ?? '', /^sha256:[0-9a-f]{8}$/);
    assert.match(keys?.sightings[0].fact.identity ?? '', /^[0-9a-f]{64}$/);
  });

  it('takes the hardcoded keys and literal fallbacks the engine reports in Python, not other secrets', () => {
    const text = [
      'import os',
      `SECRET_KEY = '${KEY_A}'`,
      `SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${KEY_B}')`,
      `JWT_SECRET_KEY = '${KEY_B}'`,
      "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
      `SECRET_KEY = '${KEY_B}'  # nosec`,
    ].join('\n');
    const keys = fileKeys('config/settings.py', text, DEFAULT_ENGINE_OPTIONS);
    assert.deepEqual(
      keys?.sightings.map(({ fact }) => [fact.name, fact.range.start, fact.range.end]),
      [
        ['SECRET_KEY', { line: 1, character: 13 }, { line: 1, character: 73 }],
        ['DJANGO_SECRET_KEY', { line: 2, character: 49 }, { line: 2, character: 109 }],
      ],
    );
  });

  it('leaves out Python keys whose rule is off', () => {
    const options = withSeverity({ 'hardcoded-secret-key': 'off' });
    assert.deepEqual(fileKeys('settings.py', `SECRET_KEY = '${KEY_A}'\n`, options)?.sightings, []);
  });

  it('knows templates meant to be committed', () => {
    assert.deepEqual(
      ['.env.example', 'config/.env.sample', '.env.template', '.env.dist', 'example.env', '.env', '.env.production', '.envs/.local/.django'].map(
        isTemplateEnvFile,
      ),
      [true, true, true, true, true, false, false, false],
    );
  });
});

describe('hygiene: the ignore files, when git cannot be asked', () => {
  it('tells a match, a negation and no match apart', () => {
    assert.equal(gitignoreVerdict('.env\n', '.env'), true);
    assert.equal(gitignoreVerdict('.env*\n!.env.example\n', '.env.example'), false);
    assert.equal(gitignoreVerdict('node_modules/\n', '.env'), undefined);
    assert.equal(gitignoreVerdict('/.env\n', 'config/.env'), undefined);
  });

  it('lets the deepest ignore file decide, then .git/info/exclude, only inside a work tree', async () => {
    const reader = new MemoryReader({
      '/repo/.git/info/exclude': '.env.local\n',
      '/repo/.gitignore': '.env*\n',
      '/repo/config/.gitignore': '!.env.production\n',
      '/repo/api/.gitignore': '# nothing about env files\n',
      '/other/.gitignore': '.env\n',
    });
    const verdicts = await Promise.all(
      ['/repo/.env', '/repo/config/.env.production', '/repo/config/.env', '/repo/api/.env.local', '/repo/settings.env', '/other/.env'].map(
        (path) => ignoredByIgnoreFiles(reader, path),
      ),
    );
    assert.deepEqual(verdicts, [true, false, true, true, false, undefined]);
    const excluded = new MemoryReader({ '/repo/.git/info/exclude': '.env.local\n', '/repo/README': '' });
    assert.equal(await ignoredByIgnoreFiles(excluded, '/repo/sub/.env.local'), true);
    assert.equal(await ignoredByIgnoreFiles(excluded, '/repo/sub/.env'), false);
  });
});

describe('hygiene: env files and git', () => {
  const env = (display: string, value = KEY_A): HygieneSource => source(display, `# keys\nDJANGO_SECRET_KEY='${value}'\n`);

  it('reports an env file git does not ignore, on its first line, as a warning', async () => {
    const git = new FakeGit({ root: '/repo' });
    const found = await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS, git, reader: REPO });
    assert.deepEqual(brief(found), [['.env env-file-not-ignored warning 0:0-0:6', NOT_IGNORED]]);
    assert.deepEqual(git.asked, ['history of 1 value(s)', 'tracked /repo/.env', 'ignored /repo/.env']);
  });

  it('is silent on an ignored, untracked env file', async () => {
    const git = new FakeGit({ root: '/repo', ignored: ['/repo/.env'] });
    assert.deepEqual(await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS, git, reader: REPO }), []);
  });

  it('reports a tracked env file as an error, and not also as not ignored', async () => {
    const git = new FakeGit({ root: '/repo', tracked: ['/repo/.env'] });
    const found = await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS, git, reader: REPO });
    assert.deepEqual(brief(found), [['.env env-file-tracked error 0:0-0:6', TRACKED]]);
  });

  it('reports a key found in the history on its value, as an error', async () => {
    const git = new FakeGit({ root: '/repo', ignored: ['/repo/.env'], committed: [KEY_A] });
    const found = await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS, git, reader: REPO });
    assert.deepEqual(brief(found), [['.env secret-key-in-history error 1:18-1:78', inHistory('DJANGO_SECRET_KEY')]]);
  });

  it('never searches the history for a placeholder, and judges templates and test files only when they hold a real key', async () => {
    const git = new FakeGit({ root: '/repo', committed: ['change-me-please'] });
    const sources = [env('.env.example', 'change-me-please'), env('.env.test', 'change-me-please'), env('.env.dist', KEY_B)];
    const found = await checkHygiene(sources, { options: DEFAULT_ENGINE_OPTIONS, git, reader: REPO });
    assert.deepEqual(brief(found), [['.env.dist env-file-not-ignored warning 0:0-0:6', NOT_IGNORED]]);
    assert.deepEqual(git.asked.filter((q) => q.startsWith('history')), ['history of 1 value(s)']);
  });

  it('outside a work tree says nothing about git', async () => {
    const git = new FakeGit({});
    assert.deepEqual(await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS, git, reader: new MemoryReader({}) }), []);
    assert.deepEqual(git.asked, []);
  });

  it('without git (an untrusted workspace) reads the ignore files, and skips the tracked and history checks', async () => {
    const reader = new MemoryReader({ '/repo/.git/HEAD': '', '/repo/.gitignore': '.env.local\n' });
    const found = await checkHygiene([env('.env'), env('.env.local', KEY_B)], { options: DEFAULT_ENGINE_OPTIONS, reader });
    assert.deepEqual(brief(found), [['.env env-file-not-ignored warning 0:0-0:6', NOT_IGNORED_BY_FILES]]);
  });

  it('falls back to the ignore files when git cannot tell', async () => {
    const git = new FakeGit({ root: '/repo' });
    git.ignored = async () => undefined;
    const reader = new MemoryReader({ '/repo/.git/HEAD': '', '/repo/.gitignore': '.env\n' });
    assert.deepEqual(await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS, git, reader }), []);
  });

  it('with neither git nor a reader (--no-git) checks nothing git-related', async () => {
    assert.deepEqual(await checkHygiene([env('.env')], { options: DEFAULT_ENGINE_OPTIONS }), []);
  });

  it('does not ask git what rules turned off would use', async () => {
    const git = new FakeGit({ root: '/repo' });
    const options = withSeverity({ 'env-file-not-ignored': 'off', 'env-file-tracked': 'off', 'secret-key-in-history': 'off' });
    assert.deepEqual(await checkHygiene([env('.env')], { options, git, reader: REPO }), []);
    assert.deepEqual(git.asked, []);
  });

  it('takes configured severities, and markers after a key', async () => {
    const git = new FakeGit({ root: '/repo', committed: [KEY_A, KEY_B] });
    const options = withSeverity({ 'env-file-not-ignored': 'hint' });
    const marked = source('.env.local', `SECRET_KEY='${KEY_B}' # django-secrets: ignore[env-file-not-ignored, secret-key-in-history]\n`);
    const found = await checkHygiene([env('.env'), marked], { options, git, reader: REPO });
    assert.deepEqual(brief(found), [
      ['.env env-file-not-ignored hint 0:0-0:6', NOT_IGNORED],
      ['.env secret-key-in-history error 1:18-1:78', inHistory('DJANGO_SECRET_KEY')],
    ]);
  });
});

describe('hygiene: one key in several environments', () => {
  const check = (sources: HygieneSource[]): Promise<ProjectFinding[]> => checkHygiene(sources, { options: DEFAULT_ENGINE_OPTIONS });

  it('reports each occurrence, naming the other files; an error when a production file is involved', async () => {
    const found = await check([
      source('.env.production', `SECRET_KEY=${KEY_A}\n`),
      source('.env.staging', `SECRET_KEY="${KEY_A}"\n`),
      source('.env.local', `SECRET_KEY=${KEY_B}\n`),
      source('.env.test', `DJANGO_SECRET_KEY=${KEY_B}\n`),
    ]);
    assert.deepEqual(brief(found), [
      ['.env.production shared-secret-key error 0:11-0:69', shared('SECRET_KEY', '.env.staging')],
      ['.env.staging shared-secret-key error 0:11-0:71', shared('SECRET_KEY', '.env.production')],
      ['.env.local shared-secret-key warning 0:11-0:69', shared('SECRET_KEY', '.env.test')],
      ['.env.test shared-secret-key warning 0:18-0:76', shared('DJANGO_SECRET_KEY', '.env.local')],
    ]);
  });

  it('compares env files with the keys hardcoded in settings modules', async () => {
    const found = await check([
      source('config/settings.py', `SECRET_KEY = '${KEY_A}'\n`),
      source('config/dev.py', `SECRET_KEY = '${KEY_A}'\n`),
      source('.env', `DJANGO_SECRET_KEY=${KEY_A}\n`),
    ]);
    assert.deepEqual(brief(found), [
      ['config/settings.py shared-secret-key warning 0:13-0:73', shared('SECRET_KEY', 'config/dev.py and .env')],
      ['config/dev.py shared-secret-key warning 0:13-0:73', shared('SECRET_KEY', 'config/settings.py and .env')],
      ['.env shared-secret-key warning 0:18-0:76', shared('DJANGO_SECRET_KEY', 'config/settings.py and config/dev.py')],
    ]);
  });

  it('does not count empty values, placeholders, references, one file twice, or settings modules only among themselves', async () => {
    const found = await check([
      source('.env', `SECRET_KEY=${KEY_A}\nDJANGO_SECRET_KEY=${KEY_A}\n`),
      source('.env.example', 'SECRET_KEY=\n'),
      source('.env.local', 'SECRET_KEY=change-me\n'),
      source('.env.test', 'SECRET_KEY=change-me\n'),
      source('.env.ci', 'SECRET_KEY=${SECRET_KEY}\n'),
      source('a/settings.py', `SECRET_KEY = '${KEY_B}'\n`),
      source('b/settings.py', `SECRET_KEY = '${KEY_B}'\n`),
    ]);
    assert.deepEqual(brief(found), []);
  });
});

describe('hygiene: rule summaries', () => {
  it('gives each project-level rule the severity it has where no production file is involved', async () => {
    const git = new FakeGit({ root: '/repo', tracked: ['/repo/.env'], committed: [KEY_A] });
    const sources = [
      source('.env', `SECRET_KEY=${KEY_A}\n`),
      source('.env.local', `SECRET_KEY=${KEY_B}\n`),
      source('.env.test', `SECRET_KEY=${KEY_B}\n`),
    ];
    const found = await checkHygiene(sources, { options: DEFAULT_ENGINE_OPTIONS, git, reader: REPO });
    const severities = new Map(found.map(({ finding }) => [finding.rule, finding.severity]));
    assert.deepEqual([...severities.keys()].sort(), [...HYGIENE_RULES].sort());
    for (const rule of HYGIENE_RULES) {
      assert.equal(RULE_SUMMARIES[rule].severity, severities.get(rule), rule);
    }
  });
});
