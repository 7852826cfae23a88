// Writes keys with upsertEnvVar into varied .env files and reads them back with the real loaders
// (python-dotenv, python-decouple, django-environ, bash and dash) in one Python process.
// Keys never appear in the output: mismatches are reported by case index and description only.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { upsertEnvVar } from '../../src/core/dotenv/edit';
import { djangoKey, Prng, randomEnv, renderEnv } from '../interop/random-env';

const PYTHON = '/usr/bin/python3';
const SCRIPT = resolve(__dirname, '../../../test/interop/dotenv_readback.py');
const PACKAGES = 'python3 python3-dotenv python3-decouple python3-django-environ python3-django';
const LOADERS = ['bash', 'dash', 'django-environ', 'python-decouple', 'python-dotenv dotenv_values', 'python-dotenv load_dotenv'];

interface Check {
  readonly file: string;
  readonly name: string;
  readonly expected: string;
  /** What the case is, without its value: safe to print. */
  readonly label: string;
}

interface Mismatch {
  readonly check: number;
  readonly loader: string;
  readonly problem: string;
}

interface Report {
  readonly loaders: string[];
  readonly checks: number;
  readonly mismatches: Mismatch[];
}

/** Existing files to write into; `control` files also keep `DEBUG=True` readable by every loader. */
const BASES: ReadonlyArray<{ readonly label: string; readonly text: (n: string) => string; readonly control?: boolean }> = [
  { label: 'empty file', text: () => '' },
  { label: 'LF file', text: () => 'DEBUG=True\n', control: true },
  { label: 'no final line break', text: () => 'DEBUG=True', control: true },
  { label: 'CRLF file', text: () => 'ALLOWED_HOSTS=localhost\r\nDEBUG=True\r\n' },
  { label: 'CRLF without final line break', text: () => 'ALLOWED_HOSTS=localhost\r\nDEBUG=True' },
  { label: 'CRLF with an assignment', text: (n) => `${n}=old\r\nDEBUG=True\r\n` },
  { label: 'plain assignment', text: (n) => `${n}=old-value\nDEBUG=True\n`, control: true },
  { label: 'export assignment', text: (n) => `# settings\nexport ${n}=old-value\nDEBUG=True\n`, control: true },
  { label: 'spaces around =', text: (n) => `DEBUG=True\n${n} = old-value\n`, control: true },
  { label: 'indented, no final line break', text: (n) => `  ${n}=old-value\nDEBUG=True`, control: true },
  { label: 'single-quoted with a comment', text: (n) => `${n}='old#value' # rotated yearly\nDEBUG=True\n`, control: true },
  { label: 'double-quoted over lines', text: (n) => `${n}="old\nvalue"\nDEBUG=True\n`, control: true },
  { label: 'duplicates', text: (n) => `${n}=first\nDEBUG=True\n${n}=second\nexport ${n}='third'`, control: true },
  { label: 'commented out', text: (n) => `#${n}=commented-out\n# ${n}='also'\nDEBUG=True\n`, control: true },
  { label: 'BOM only', text: () => '\uFEFF' },
  { label: 'BOM then comment', text: () => '\uFEFF# settings\nDEBUG=True\n', control: true },
  { label: 'BOM then assignment', text: (n) => `\uFEFF${n}=old-value\nDEBUG=True\n`, control: true },
  { label: 'non-ASCII', text: () => "# café ☕ réglages\nGREETING='héllo wörld'\nDEBUG=True\n", control: true },
  { label: 'near-miss names', text: (n) => `${n}_FALLBACKS=a,b\nMY_${n}=x\nDEBUG=True\n`, control: true },
  { label: 'value over lines after it', text: (n) => `${n}=old\nCERT="-----BEGIN\nabc\n-----END"\nDEBUG=True\n`, control: true },
];

/** Key shapes worth a case of their own; the rest are random Django keys. */
const SHAPES: ReadonlyArray<readonly [string, (rng: Prng) => string]> = [
  ['startproject key', (rng) => `django-insecure-${djangoKey(rng)}`],
  ["starts with '#'", (rng) => `#${djangoKey(rng, 49)}`],
  ["starts with '='", (rng) => `=${djangoKey(rng, 49)}`],
  ["contains '#'", (rng) => insert(rng, djangoKey(rng), '#')],
  ["'$' not first", (rng) => insert(rng, djangoKey(rng), '$')],
  ["'$' before a name", (rng) => insert(rng, djangoKey(rng), '$DEBUG')],
  ["ends with '$'", (rng) => `${djangoKey(rng, 49)}$`],
  ["contains '%'", (rng) => insert(rng, djangoKey(rng), '%(name)s%%')],
  ["contains '(' and ')'", (rng) => insert(rng, djangoKey(rng), '$(echo x)')],
  ["contains '='", (rng) => insert(rng, djangoKey(rng), '==')],
  ['spaces and a tab', (rng) => insert(rng, djangoKey(rng), ' a #b\tc ')],
  ['leading and trailing spaces', (rng) => ` ${djangoKey(rng, 48)} `],
  ['non-ASCII', (rng) => insert(rng, djangoKey(rng), 'é€☕日本')],
  ["one '\"' at an end", (rng) => (rng.chance(0.5) ? `"${djangoKey(rng)}` : `${djangoKey(rng)}"`)],
  ['shell punctuation', (rng) => insert(rng, djangoKey(rng), '`;|<>~{}[]?')],
];

const RANDOM_KEY = ['random key', (rng: Prng) => djangoKey(rng)] as const;

function insert(rng: Prng, key: string, piece: string): string {
  const at = 1 + rng.int(key.length - 1);
  return key.slice(0, at) + piece + key.slice(at);
}

/** 200 keys written into curated and random files, plus a few deliberately wrong files that must fail. */
function buildChecks(dir: string): { checks: Check[]; negatives: Map<number, string[]> } {
  const rng = new Prng(0xd07e4);
  const checks: Check[] = [];
  for (let i = 0; i < 200; i++) {
    const name = i % 5 === 0 ? 'DJANGO_SECRET_KEY' : 'SECRET_KEY';
    const [shape, make] = i < SHAPES.length * 4 ? SHAPES[i % SHAPES.length] : i % 3 === 0 ? SHAPES[0] : RANDOM_KEY;
    const key = make(rng);
    const base = i % 2 === 0 ? BASES[(i / 2) % BASES.length] : undefined;
    const text = base ? base.text(name) : renderEnv(randomEnv(rng, { target: name, loaderSafe: true }));
    const written = upsertEnvVar(text, name, key);
    assert.ok(written.ok, `case ${i} (${shape}) was refused`);
    const file = join(dir, `${String(i).padStart(3, '0')}.env`);
    writeFileSync(file, written.text);
    const label = `case ${i}: ${shape} in ${base ? base.label : 'a random file'} as ${name}`;
    checks.push({ file, name, expected: key, label });
    if (base?.control) checks.push({ file, name: 'DEBUG', expected: 'True', label: `${label}, DEBUG kept` });
  }
  return { checks, negatives: addNegatives(dir, checks) };
}

/** Files written the wrong way, with the loaders that must misread them: proof that the harness sees each loader. */
function addNegatives(dir: string, checks: Check[]): Map<number, string[]> {
  const cases: ReadonlyArray<readonly [string, string, string[]]> = [
    ["SECRET_KEY='$DEBUG'\nDEBUG=True\n", '$DEBUG', ['django-environ']],
    ["DEBUG=True\nSECRET_KEY='a${DEBUG}b'\n", 'a${DEBUG}b', ['python-dotenv dotenv_values', 'python-dotenv load_dotenv']],
    ["SECRET_KEY='a\\\\b'\n", 'a\\\\b', ['python-dotenv dotenv_values', 'python-dotenv load_dotenv']],
    ["SECRET_KEY='\"ab\"'\n", '"ab"', ['django-environ']],
    ["SECRET_KEY='a\u2028b'\n", 'a\u2028b', ['django-environ']],
    ['SECRET_KEY=abc #def\n', 'abc #def', ['bash', 'dash', 'python-dotenv dotenv_values', 'python-dotenv load_dotenv']],
    ["SECRET_KEY='abc'\r\nDEBUG=True\r\n", 'abc', ['bash', 'dash']],
    ['DEBUG=True\n', 'abc', LOADERS],
  ];
  const negatives = new Map<number, string[]>();
  cases.forEach(([text, expected, loaders], i) => {
    const file = join(dir, `negative-${i}.env`);
    writeFileSync(file, text);
    negatives.set(checks.length, loaders);
    checks.push({ file, name: 'SECRET_KEY', expected, label: `negative ${i}` });
  });
  return negatives;
}

function runReadback(checks: readonly Check[]): Report {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install the Debian packages ${PACKAGES}`);
  const input = JSON.stringify({ checks: checks.map(({ file, name, expected }) => ({ file, name, expected })) });
  const run = spawnSync(PYTHON, ['-E', '-s', SCRIPT], { input, encoding: 'utf8', timeout: 120_000 });
  const tail = (run.stderr ?? '').trim().split('\n').slice(-10).join('\n');
  assert.equal(run.status, 0, `${SCRIPT} failed (status ${run.status}); it needs ${PACKAGES}:\n${tail}`);
  return JSON.parse(run.stdout) as Report;
}

describe('.env files written by upsertEnvVar, read by the real loaders', () => {
  let dir = '';
  let checks: Check[] = [];
  let negatives = new Map<number, string[]>();
  let report: Report;

  before(function () {
    this.timeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'dsh-dotenv-'));
    ({ checks, negatives } = buildChecks(dir));
    report = runReadback(checks);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('asks every loader about every check', () => {
    assert.deepEqual(report.loaders, LOADERS);
    assert.equal(report.checks, checks.length);
    assert.ok(checks.length >= 200 + 4);
  });
  it('reads every key back exactly, in every loader', () => {
    const wrong = report.mismatches.filter((m) => !negatives.has(m.check));
    assert.deepEqual(
      wrong.map((m) => `${checks[m.check].label}: ${m.loader}: ${m.problem}`),
      [],
    );
  });
  it('catches the files written the wrong way', () => {
    const seen = [...negatives.keys()].map((index) =>
      report.mismatches
        .filter((m) => m.check === index)
        .map((m) => m.loader)
        .sort(),
    );
    assert.deepEqual(seen, [...negatives.values()]);
  });
});
