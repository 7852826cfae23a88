// `rotate` and `retire` against real Django 4.2 (Debian bookworm-backports' python3-django, unpacked
// into a cache folder by test/interop/fetch-django42.sh, never installed: the system keeps its Django
// 3.2 for the other tests) and the real python-dotenv: a startproject project is fixed with `fix`,
// data, a logged-in session and a password-reset token are signed with its key
// (test/interop/rotate_check.py), then the key is rotated and Django is started again. The keys
// Django reads are compared here, in the test process; no key is ever printed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-harness';

const PYTHON = '/usr/bin/python3';
const INTEROP = join(__dirname, '../../../test/interop');
const FETCH = join(INTEROP, 'fetch-django42.sh');
const CHECK = join(INTEROP, 'rotate_check.py');
const CACHE = join(
  process.env.DSH_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'django-secret-hygiene'),
  'django-4.2',
);
const SITE_PACKAGES = join(CACHE, 'usr/lib/python3/dist-packages');
const DJANGO_KEY = /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/;

/** What rotate_check.py sign writes: the key it signed with, and what it signed. */
interface Signed {
  readonly django: string;
  readonly secret_key: string;
  readonly fallbacks: string[];
  readonly token: string;
  readonly session: string;
  readonly reset: string;
}

/** What rotate_check.py check writes: the keys Django read now, and what still verifies. */
interface Checked {
  readonly django: string;
  readonly secret_key: string;
  readonly fallbacks: string[];
  readonly signed: string;
  readonly session: boolean;
  readonly logged_in: boolean;
  readonly reset: boolean;
}

/** Every key seen in this file: no output shown in a failure may hold a piece of one. */
const KEYS: string[] = [];

/** The last line of `text`, unless it holds an 8-character piece of a key. */
function safeTail(text: string): string {
  const lines = text.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const leaks = KEYS.some((k) => Array.from({ length: Math.max(0, k.length - 7) }, (_, i) => k.slice(i, i + 8)).some((p) => last.includes(p)));
  return leaks ? '<a line holding part of a key>' : last;
}

/** A minimal environment: Django 4.2 from the cache first, Debian's python-dotenv and the rest after it. */
function pythonEnv(): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONPATH: SITE_PACKAGES,
  };
}

function python(cwd: string, args: string[], input?: string): string {
  const child = spawnSync(PYTHON, args, { cwd, env: pythonEnv(), input, encoding: 'utf8', timeout: 120_000 });
  const what = args[0] === CHECK ? `rotate_check.py ${args[1]}` : args.join(' ');
  assert.equal(child.status, 0, `python3 ${what} failed (${String(child.error ?? child.status)}): ${safeTail(child.stderr)}`);
  return child.stdout;
}

function sign(project: string): Signed {
  return JSON.parse(python(project, [CHECK, 'sign'])) as Signed;
}

function check(project: string, signed: Signed): Checked {
  return JSON.parse(python(project, [CHECK, 'check'], JSON.stringify(signed))) as Checked;
}

/** What verifies, without the keys (safe to compare and show). */
function verifies(c: Checked): Omit<Checked, 'secret_key' | 'fallbacks'> {
  return { django: c.django, signed: c.signed, session: c.session, logged_in: c.logged_in, reset: c.reset };
}

/** The value of `name` in the project's .env, read here without any loader: the line must be NAME='value'. */
function envValue(project: string, name: string): string | undefined {
  return new RegExp(`^${name}='([^'\\n]*)'$`, 'm').exec(readFileSync(join(project, '.env'), 'utf8'))?.[1];
}

/** Makes sure Django 4.2 is in the cache (fetching it as root when it is not), or fails saying how to get it. */
function ensureDjango42(): void {
  let why = '';
  if (!existsSync(join(CACHE, '.complete')) && process.getuid?.() === 0) {
    const fetched = spawnSync('bash', [FETCH], { encoding: 'utf8', timeout: 600_000 });
    why = fetched.status === 0 ? '' : ` (fetch-django42.sh exited ${String(fetched.error ?? fetched.status)}: ${fetched.stderr.trimEnd().split('\n').pop() ?? ''})`;
  }
  assert.ok(
    existsSync(join(CACHE, '.complete')) && existsSync(join(SITE_PACKAGES, 'django/__init__.py')),
    `Django 4.2 is not in ${CACHE}${why}: run test/interop/fetch-django42.sh as root; it downloads bookworm-backports' python3-django and unpacks it there without installing it`,
  );
}

const VERIFIED = { django: '', signed: 'ok', session: true, logged_in: true, reset: true };
const REJECTED = { django: '', signed: 'BadSignature', session: false, logged_in: false, reset: false };

describe('rotate and retire against real Django 4.2 and python-dotenv', function () {
  this.timeout(600_000);
  let work: string;
  let template: string;
  let old: string;
  let signed: Signed;
  let version: string;

  before(async () => {
    ensureDjango42();
    work = realpathSync(mkdtempSync(join(tmpdir(), 'dsh-rotate-')));
    template = join(work, 'template');
    mkdirSync(template);
    python(work, ['-m', 'django', 'startproject', 'mysite', 'template']);
    writeFileSync(join(template, 'requirements.txt'), 'Django>=4.2,<5.0\n');
    const fixed = await runCli(['fix', '--loader', 'dotenv', 'mysite/settings.py'], template);
    assert.equal(fixed.code, 0, `fix exited ${fixed.code}: ${safeTail(fixed.stderr)}`);
    old = envValue(template, 'DJANGO_SECRET_KEY') ?? '';
    KEYS.push(old);
    assert.ok(old.startsWith('django-insecure-'), ".env holds startproject's key as DJANGO_SECRET_KEY='...'");
    signed = sign(template);
    version = signed.django;
    assert.ok(/^4\.2\.\d+$/.test(version), `Django 4.2 from the cache runs (got ${version})`);
    assert.ok(signed.secret_key === old, 'Django signed with the key in .env');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** A copy of the fixed project, rotated with `args`; returns it and the new key. */
  async function rotated(name: string, ...args: string[]): Promise<{ project: string; key: string }> {
    const project = join(work, name);
    cpSync(template, project, { recursive: true });
    const run = await runCli(['rotate', ...args, 'mysite/settings.py'], project);
    assert.equal(run.code, 0, `rotate ${args.join(' ')} exited ${run.code}: ${safeTail(run.stderr)}`);
    assert.equal(run.stderr.includes('warning:'), false, `no warnings for Django 4.2: ${safeTail(run.stderr)}`);
    const key = envValue(project, 'DJANGO_SECRET_KEY') ?? '';
    KEYS.push(key);
    assert.ok(DJANGO_KEY.test(key) && key !== old, '.env holds a new 50-character key');
    return { project, key };
  }

  it('before rotating, everything signed verifies and there are no fallbacks', () => {
    const now = check(template, signed);
    assert.ok(now.secret_key === old && now.fallbacks.length === 0, 'Django reads the old key and no fallbacks');
    assert.deepEqual(verifies(now), { ...VERIFIED, django: version });
  });

  it('routine: Django reads the new key and exactly [old] as fallbacks; everything still verifies until retire', async () => {
    const { project, key } = await rotated('routine');
    assert.ok(envValue(project, 'DJANGO_SECRET_KEY_FALLBACKS') === old, '.env holds the old key as DJANGO_SECRET_KEY_FALLBACKS');
    const after = check(project, signed);
    assert.ok(after.secret_key === key, 'settings.SECRET_KEY is the new key');
    assert.ok(after.fallbacks.length === 1 && after.fallbacks[0] === old, 'settings.SECRET_KEY_FALLBACKS == [old key]');
    assert.deepEqual(verifies(after), { ...VERIFIED, django: version }, 'signed data, the session, the login and the reset link survive');

    const retired = await runCli(['retire', 'mysite/settings.py'], project);
    assert.equal(retired.code, 0, `retire exited ${retired.code}: ${safeTail(retired.stderr)}`);
    assert.equal(envValue(project, 'DJANGO_SECRET_KEY_FALLBACKS'), undefined, 'the fallbacks are gone from .env');
    const gone = check(project, signed);
    assert.ok(gone.secret_key === key && gone.fallbacks.length === 0, 'the new key stays, with no fallbacks');
    assert.deepEqual(verifies(gone), { ...REJECTED, django: version }, 'nothing signed with the old key verifies');
  });

  it('compromised: Django reads the new key with no fallbacks; nothing signed with the old key verifies', async () => {
    const { project, key } = await rotated('compromised', '--compromised');
    assert.equal(envValue(project, 'DJANGO_SECRET_KEY_FALLBACKS'), undefined, 'no fallbacks in .env');
    const after = check(project, signed);
    assert.ok(after.secret_key === key && after.fallbacks.length === 0, 'settings.SECRET_KEY is the new key, with no fallbacks');
    assert.deepEqual(verifies(after), { ...REJECTED, django: version });
  });
});
