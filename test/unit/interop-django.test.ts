// `fix` against real Django and the real loaders (Debian's python3-django, python3-dotenv,
// python3-decouple, python3-django-environ): for each loader, many startproject projects with
// awkward keys are fixed, then each project's settings are loaded by Django in a fresh Python
// process (test/interop/read_keys.py, all projects of a loader in one parallel batch) and the key
// Django reads is compared here, in the test process. Keys are never printed, only their indices.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-harness';

/** Debian's interpreter: a python3 earlier on PATH (pyenv, a virtualenv) lacks Debian's modules. */
const PYTHON = '/usr/bin/python3';
const PACKAGES = 'python3-django python3-dotenv python3-decouple python3-django-environ';
const READ_KEYS = join(__dirname, '../../../test/interop/read_keys.py');
const LOADERS = ['dotenv', 'decouple', 'environ', 'os'] as const;
type Loader = (typeof LOADERS)[number];
const KEYS_PER_LOADER = 40;
const VARIABLE = 'DJANGO_SECRET_KEY';
const DJANGO_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

/** mulberry32: a small PRNG, so the keys are the same on every run. */
function prng(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/**
 * Keys from Django's alphabet (no quotes, no backslash): the awkward forms first (`#` and `$`
 * inside, `%`, brackets, starting with `=`, `#`, `-` or `!`, ending with `#`, `$` or `=`, every
 * special character in a row, and startproject's `django-insecure-` form), then plain random keys.
 * None starts with `$`.
 */
function testKeys(count: number): string[] {
  const random = prng(0x5eed2024);
  const draw = (length: number): string => Array.from({ length }, () => DJANGO_ALPHABET[random(DJANGO_ALPHABET.length)]).join('');
  const plain = (): string => {
    for (;;) {
      const key = draw(50);
      if (!key.startsWith('$')) return key;
    }
  };
  const forms = [
    (k: string) => k.slice(0, 20) + '#' + k.slice(21),
    (k: string) => k.slice(0, 20) + '##' + k.slice(22),
    (k: string) => k.slice(0, 10) + '$a' + k.slice(12),
    (k: string) => k.slice(0, 10) + '$$' + k.slice(12),
    (k: string) => k.slice(0, 30) + '$' + k.slice(31, 49) + '$',
    (k: string) => k.slice(0, 25) + '%s%%' + k.slice(29),
    (k: string) => k.slice(0, 5) + '((' + k.slice(7, 40) + '))' + k.slice(42),
    (k: string) => '=' + k.slice(1),
    (k: string) => '==' + k.slice(2),
    (k: string) => '#' + k.slice(1),
    (k: string) => '#=' + k.slice(2),
    (k: string) => '-' + k.slice(1),
    (k: string) => '!' + k.slice(1),
    (k: string) => k.slice(0, 49) + '#',
    (k: string) => k.slice(0, 49) + '=',
    (k: string) => k.slice(0, 20) + '!@#$%^&*(-_=+)' + k.slice(34),
    (k: string) => `django-insecure-${k}`,
    (k: string) => `django-insecure-${k.slice(0, 10)}#${k.slice(11, 30)}$x${k.slice(32)}`,
  ];
  const keys = forms.map((form) => form(plain()));
  while (keys.length < count) keys.push(plain());
  return keys;
}

interface Job {
  readonly project: string;
  /** See read_keys.py: `settings` imports the settings in a fresh interpreter, the others run manage.py. */
  readonly run: 'settings' | 'key' | 'check' | 'check-deploy';
  readonly env?: Readonly<Record<string, string>>;
}

interface JobResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts Django once per job, in parallel, through read_keys.py. */
function startDjango(jobs: readonly Job[]): JobResult[] {
  const child = spawnSync(PYTHON, [READ_KEYS], {
    input: JSON.stringify({ jobs }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  assert.equal(child.status, 0, `read_keys.py failed (${String(child.error ?? child.status)}): ${child.stderr}`);
  return (JSON.parse(child.stdout) as { results: JobResult[] }).results;
}

/** The value `fix` wrote to .env, read here without any loader: the line must be exactly NAME='value'. */
function envValue(project: string): string | undefined {
  return /^DJANGO_SECRET_KEY='([^'\n]*)'\n$/.exec(readFileSync(join(project, '.env'), 'utf8'))?.[1];
}

/** The last line of stderr, with any line holding a piece of a key left out: safe for a message. */
function safeTail(stderr: string, keys: readonly string[]): string {
  const lines = stderr.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const leaks = keys.some((k) => Array.from({ length: Math.max(0, k.length - 7) }, (_, i) => k.slice(i, i + 8)).some((p) => last.includes(p)));
  return leaks ? '<a line holding part of a key>' : last;
}

describe('fix against real Django and the real .env loaders', function () {
  this.timeout(600_000);
  const keys = testKeys(KEYS_PER_LOADER);
  let work: string;
  let template: string;

  before(() => {
    const probe = spawnSync(PYTHON, ['-c', 'import django, dotenv, decouple, environ'], { encoding: 'utf8' });
    assert.equal(probe.status, 0, `${PYTHON} cannot import Django and the loaders; install them: apt-get install -y ${PACKAGES}`);
    work = realpathSync(mkdtempSync(join(tmpdir(), 'dsh-django-')));
    template = join(work, 'template');
    mkdirSync(template);
    const made = spawnSync(PYTHON, ['-m', 'django', 'startproject', 'mysite', template], { encoding: 'utf8', cwd: work });
    assert.equal(made.status, 0, `startproject failed: ${made.stderr}`);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** A copy of the startproject template whose settings hold `key` as a single-quoted literal. */
  function projectWith(folder: string, key: string): string {
    const project = join(work, folder);
    cpSync(template, project, { recursive: true });
    const settings = join(project, 'mysite/settings.py');
    const text = readFileSync(settings, 'utf8');
    assert.match(text, /^SECRET_KEY = 'django-insecure-[^'\n]+'$/m, 'startproject wrote its usual key line');
    writeFileSync(settings, text.replace(/^SECRET_KEY = '[^'\n]+'$/m, () => `SECRET_KEY = '${key}'`));
    return project;
  }

  async function fix(project: string, ...args: string[]): Promise<void> {
    const run = await runCli(['fix', ...args, 'mysite/settings.py'], project);
    assert.equal(run.code, 0, `fix ${args.join(' ')} in ${project} exited ${run.code}: ${safeTail(run.stderr, keys)}`);
  }

  /** The variable for the os loader, which reads only the process environment. */
  function envFor(loader: Loader, project: string): Record<string, string> {
    const value = envValue(project);
    return loader === 'os' && value !== undefined ? { [VARIABLE]: value } : {};
  }

  for (const loader of LOADERS) {
    it(`--loader ${loader}: Django reads every key back, starts cleanly, and fails fast without it`, async () => {
      const projects: string[] = [];
      for (const [i, key] of keys.entries()) {
        const project = projectWith(`${loader}/${i}`, key);
        await fix(project, '--loader', loader);
        projects.push(project);
      }
      const missing = join(work, `${loader}/missing`);
      cpSync(projects[0], missing, { recursive: true });
      rmSync(join(missing, '.env'));
      const results = startDjango([
        ...projects.map((project): Job => ({ project, run: 'settings', env: envFor(loader, project) })),
        { project: projects[0], run: 'check', env: envFor(loader, projects[0]) },
        { project: missing, run: 'check' },
        { project: projects[1], run: 'key', env: envFor(loader, projects[1]) },
      ]);

      const mismatches: string[] = [];
      keys.forEach((key, i) => {
        const r = results[i];
        if (envValue(projects[i]) !== key) mismatches.push(`key ${i}: .env does not hold it as ${VARIABLE}='...'`);
        else if (r.code !== 0) mismatches.push(`key ${i}: Django exited ${r.code}: ${safeTail(r.stderr, keys)}`);
        else if (r.stdout !== key) mismatches.push(`key ${i}: Django read a different value`);
      });
      assert.deepEqual(mismatches, [], `${mismatches.length} of ${keys.length} keys were not read back`);

      const check = results[keys.length];
      assert.deepEqual(
        { code: check.code, stdout: check.stdout },
        { code: 0, stdout: 'System check identified no issues (0 silenced).\n' },
        safeTail(check.stderr, keys),
      );
      const started = results[keys.length + 2];
      assert.equal(started.code, 0, `manage.py shell: ${safeTail(started.stderr, keys)}`);
      assert.ok(started.stdout === keys[1], 'manage.py shell read a different value');
      const failed = results[keys.length + 1];
      const where = loader === 'os' ? 'in the environment of the process that runs Django' : 'in the environment or in .env beside manage.py';
      assert.notEqual(failed.code, 0, 'Django started without the variable');
      assert.ok(
        failed.stderr.includes(`django.core.exceptions.ImproperlyConfigured: Set ${VARIABLE} ${where}.\n`),
        `no ImproperlyConfigured naming ${VARIABLE}: ${safeTail(failed.stderr, keys)}`,
      );
    });
  }

  it('--rotate with each loader: Django reads the new key, which passes check --deploy (no W009)', async () => {
    // Starts with `$`: refused as it is (django-environ would read it as a reference), rotated instead.
    const old = `$${keys[KEYS_PER_LOADER - 1].slice(1)}`;
    const projects = LOADERS.map((loader) => projectWith(`rotate-${loader}`, old));
    for (const [i, loader] of LOADERS.entries()) {
      const refused = await runCli(['fix', '--loader', loader, 'mysite/settings.py'], projects[i]);
      assert.equal(refused.code, 1, `fix without --rotate was not refused for ${loader}`);
      await fix(projects[i], '--rotate', '--loader', loader);
    }
    const results = startDjango(
      projects.flatMap((project, i): Job[] => [
        { project, run: 'key', env: envFor(LOADERS[i], project) },
        { project, run: 'check-deploy', env: envFor(LOADERS[i], project) },
      ]),
    );
    LOADERS.forEach((loader, i) => {
      const written = envValue(projects[i]);
      const [read, deploy] = [results[2 * i], results[2 * i + 1]];
      const secrets = [old, written ?? ''];
      assert.ok(written !== undefined && /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/.test(written), `${loader}: .env holds a 50-character key`);
      assert.ok(written !== old && !written.startsWith('$'), `${loader}: the key is new and does not start with $`);
      assert.equal(read.code, 0, `${loader}: ${safeTail(read.stderr, secrets)}`);
      assert.ok(read.stdout === written, `${loader}: Django read a different value than .env holds`);
      assert.ok(new Set(read.stdout).size >= 5 && !read.stdout.startsWith('django-insecure-'), `${loader}: the key passes W009`);
      assert.equal(deploy.code, 0, `${loader}: check --deploy failed: ${safeTail(deploy.stderr, secrets)}`);
      const report = deploy.stdout + deploy.stderr;
      assert.ok(report.includes('(security.W018)'), `${loader}: check --deploy ran the security checks`);
      assert.ok(!report.includes('security.W009'), `${loader}: Django calls the new key weak (W009)`);
    });
  });
});
